"""Templates from ``deboil learn``, used from Python exactly as ``deboil clean
--templates FILE --site-from url`` uses them."""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import pytest

import deboil
from conftest import cli_clean_jsonl, cli_explain_jsonl

FILES = ["exact", "sketch"]


def texts_and_urls(records: list[dict]) -> tuple[list[str], list[str | None]]:
    urls = [r.get("url") if isinstance(r.get("url"), str) else None for r in records]
    return [r["text"] for r in records], urls


@pytest.mark.parametrize("which", FILES)
@pytest.mark.parametrize("part", ["batch", "unseen"])
def test_clean_equals_the_cli(site_batch: dict, deboil_bin: Path, which: str, part: str) -> None:
    path = site_batch[which]
    want = cli_clean_jsonl(
        deboil_bin, site_batch[part], "--templates", str(path), "--site-from", "url"
    )
    texts, urls = texts_and_urls(site_batch["records"][part])
    assert len(want) == len(texts)
    cleaner = deboil.Cleaner(templates=deboil.Templates.load(path))
    for i, (text, url) in enumerate(zip(texts, urls)):
        assert cleaner.clean(text, url=url) == want[i], (i, url)
    assert cleaner.clean_batch(texts, urls=urls) == want
    assert [t for t, _ in cleaner.clean_batch_with_stats(texts, urls=urls)] == want
    assert [cleaner.clean_with_stats(t, url=u)[0] for t, u in zip(texts, urls)] == want
    # The same with the sites given instead of the URLs.
    sites = [deboil.url_host(u) if u else None for u in urls]
    assert cleaner.clean_batch(texts, sites=sites) == want
    assert [cleaner.clean(t, site=s or "") for t, s in zip(texts, sites)] == want
    # A path is loaded by the cleaner itself.
    assert deboil.Cleaner(templates=str(path)).clean_batch(texts, urls=urls) == want


def test_templates_change_the_output(site_batch: dict, deboil_bin: Path) -> None:
    """The batch is one where the templates matter: the CLI drops lines
    with them that it keeps without, and so does Python."""
    batch = site_batch["batch"]
    plain = cli_clean_jsonl(deboil_bin, batch)
    with_templates = cli_clean_jsonl(
        deboil_bin, batch, "--templates", str(site_batch["exact"]), "--site-from", "url"
    )
    changed = [i for i, (a, b) in enumerate(zip(plain, with_templates)) if a != b]
    # The pages of the multi-page sites lose their template lines (pages
    # without a URL have no site: only cross-site evidence applies to them).
    assert len(changed) >= 3, changed
    texts, urls = texts_and_urls(site_batch["records"]["batch"])
    assert deboil.Cleaner().clean_batch(texts) == plain
    cleaner = deboil.Cleaner(templates=site_batch["exact"])
    assert cleaner.clean_batch(texts, urls=urls) == with_templates
    # Without URLs no document has a site: only the cross-site evidence.
    assert cleaner.clean_batch(texts) == [cleaner.clean(t, site="") for t in texts]
    assert cleaner.clean_batch(texts) != with_templates


@pytest.mark.parametrize("which", FILES)
def test_explain_carries_the_cli_template_evidence(
    site_batch: dict, deboil_bin: Path, which: str
) -> None:
    path = site_batch[which]
    cli = cli_explain_jsonl(
        deboil_bin, site_batch["batch"], "--templates", str(path), "--site-from", "url"
    )
    texts, urls = texts_and_urls(site_batch["records"]["batch"])
    cleaner = deboil.Cleaner(templates=path)
    templated = 0
    for i, (text, url) in enumerate(zip(texts, urls)):
        got = cleaner.explain(text, url=url)
        want = cli[i + 1]
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert (g["line"], g["keep"], g["label"], g["score"], g["text"]) == (
                w["line"],
                w["keep"],
                w["label"],
                w["score"],
                w["text"],
            )
            assert g["rule"].split("@")[0] == w["rule"]
            assert g.get("template") == w.get("template"), (i, g)
            if "template" in g:
                templated += 1
                assert g["rule"] == "template" and not g["keep"]
                assert g["template"]["site"] == (deboil.url_host(url) if url else "")
                assert g["template"]["site_total"] == cleaner.templates.site_documents(
                    g["template"]["site"]
                )
    assert templated > 20
    # Without templates there is no evidence to report.
    assert not any("template" in d for d in deboil.Cleaner().explain(texts[0]))


def test_templates_properties(site_batch: dict) -> None:
    records = site_batch["records"]["batch"]
    t = deboil.Templates.load(site_batch["exact"])
    hosts = {deboil.url_host(u) if u else "" for u in texts_and_urls(records)[1]}
    assert hosts == {"news.example.org", "blog.example.com", "tiny.example.net", ""}
    # Documents without a URL count, but form no site.
    assert t.sites == len(hosts) - 1 and t.documents == len(records)
    assert not t.is_sketch and t.pairs > 0
    assert t.site_documents("news.example.org") == 8 and "news.example.org" in t
    assert t.site_documents("unknown.example") == 0 and "unknown.example" not in t
    assert 42 not in t
    assert t.path == str(site_batch["exact"])
    assert repr(t) == (
        f'<deboil.Templates "{site_batch["exact"]}": 3 sites, {len(records)} documents, '
        "exact counts>"
    )
    sketch = deboil.Templates.load(site_batch["sketch"])
    assert sketch.is_sketch and sketch.pairs == 0 and "sketch counts" in repr(sketch)
    assert sketch.documents == t.documents and sketch != t
    # The bytes are the file's.
    data = Path(site_batch["exact"]).read_bytes()
    assert t.to_bytes() == data
    copy = deboil.Templates.from_bytes(data)
    assert copy == t and copy.path is None
    assert deboil.Templates.load(Path(site_batch["exact"])) == t  # os.PathLike
    with pytest.raises(TypeError, match="Templates.load"):
        deboil.Templates()


def test_url_host_is_the_cli_rule() -> None:
    assert deboil.url_host("https://user@News.Example.org.:443/x") == "news.example.org"
    assert deboil.url_host("https://www.Example.com:8080/a?b") == "example.com"
    assert deboil.url_host("example.com/page") == "example.com"
    assert deboil.url_host("https:///nohost") is None


def write_bad(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_bad_files_raise_clear_errors(site_batch: dict, tmp_path: Path) -> None:
    good = Path(site_batch["exact"]).read_bytes()
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 1
    v2 = bytearray(good)
    v2[8] = 2
    cases = {
        "corrupt.bin": (bytes(flipped), "checksum"),
        "truncated.bin": (good[:-3], "truncated"),
        "text.bin": (b"hello, not templates\n", "magic"),
        "empty.bin": (b"", "magic"),
        "v2.bin": (bytes(v2), "version 2"),
    }
    for name, (data, reason) in cases.items():
        path = write_bad(tmp_path, name, data)
        with pytest.raises(ValueError, match=reason) as e:
            deboil.Templates.load(path)
        assert str(path) in str(e.value)
        with pytest.raises(ValueError, match=reason):
            deboil.Cleaner(templates=path)
        with pytest.raises(ValueError, match=reason):
            deboil.Templates.from_bytes(data)
    missing = tmp_path / "missing.bin"
    with pytest.raises(FileNotFoundError) as e:
        deboil.Templates.load(missing)
    assert e.value.filename == str(missing) and "template statistics" in str(e.value)
    with pytest.raises(FileNotFoundError):
        deboil.Cleaner(templates=str(missing))
    with pytest.raises(OSError):
        deboil.Templates.load(tmp_path)  # a directory
    with pytest.raises(TypeError, match="path"):
        deboil.Templates.load(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="bytes"):
        deboil.Templates.from_bytes("text")  # type: ignore[arg-type]


def test_bad_arguments(site_batch: dict) -> None:
    t = deboil.Templates.load(site_batch["exact"])
    c = deboil.Cleaner(templates=t)
    plain = deboil.Cleaner()
    with pytest.raises(TypeError, match="templates must be"):
        deboil.Cleaner(templates=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="url must be str or None, not int"):
        c.clean("a\n", url=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="site must be str"):
        c.explain("a\n", site=b"x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        c.clean("a\n", url="https://a/", site="a")
    with pytest.raises(ValueError, match="has none"):
        plain.clean("a\n", url="https://a/")
    with pytest.raises(ValueError, match="has none"):
        plain.clean_batch(["a\n"], sites=["a"])
    assert plain.clean("a\n", url=None) == plain.clean("a\n")
    with pytest.raises(ValueError, match="2 texts but 1 urls"):
        c.clean_batch(["a\n", "b\n"], urls=["https://a/"])
    with pytest.raises(ValueError, match="1 texts but 2 sites"):
        c.clean_batch_with_stats(["a\n"], sites=["a", "b"])
    with pytest.raises(ValueError, match="not both"):
        c.clean_batch(["a\n"], urls=["x"], sites=["y"])
    with pytest.raises(TypeError, match="urls item 1"):
        c.clean_batch(["a\n", "b\n"], urls=["https://a/", 7])
    with pytest.raises(TypeError, match="single str"):
        c.clean_batch(["a\n"], urls="https://a/")
    with pytest.raises(TypeError, match="iterable"):
        c.clean_batch(["a\n"], urls=3)  # type: ignore[arg-type]
    # Generators are fine.
    assert c.clean_batch(iter(["a\n"]), urls=(u for u in ["https://a/"])) == [
        c.clean("a\n", url="https://a/")
    ]


def test_config_pickle_and_equality(site_batch: dict) -> None:
    t = deboil.Templates.load(site_batch["exact"])
    c = deboil.Cleaner(templates=t, strictness="precision", threads=2)
    assert c.templates is t and c.config["templates"] is t
    assert deboil.Cleaner().templates is None
    assert deboil.Cleaner(**c.config) == c
    assert c != deboil.Cleaner(strictness="precision", threads=2)
    assert c != deboil.Cleaner(templates=site_batch["sketch"], strictness="precision", threads=2)
    assert c == deboil.Cleaner(templates=site_batch["exact"], strictness="precision", threads=2)
    assert "templates=<deboil.Templates" in repr(c)
    copy = pickle.loads(pickle.dumps(c))
    assert copy == c and copy.templates == t and copy.templates.path == t.path
    texts, urls = texts_and_urls(site_batch["records"]["unseen"])
    assert copy.clean_batch(texts, urls=urls) == c.clean_batch(texts, urls=urls)
    assert pickle.loads(pickle.dumps(t)) == t
    # The stage switch turns the templates off, as --stage-off templates.
    off = deboil.Cleaner(templates=t, stages_off="templates")
    assert off.clean_batch(texts, urls=urls) == deboil.Cleaner().clean_batch(texts)


def test_templates_shared_between_threads(site_batch: dict) -> None:
    texts, urls = texts_and_urls(site_batch["records"]["batch"])
    cleaner = deboil.Cleaner(templates=site_batch["exact"], threads=2)
    want = [cleaner.clean(t, url=u) for t, u in zip(texts, urls)]
    results: list[list[str]] = []

    def work() -> None:
        results.append(cleaner.clean_batch(texts * 3, urls=urls * 3)[: len(texts)])

    threads = [threading.Thread(target=work) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [want] * 3


def test_bytes_texts_with_templates(site_batch: dict) -> None:
    texts, urls = texts_and_urls(site_batch["records"]["batch"])
    c = deboil.Cleaner(templates=site_batch["exact"])
    got = c.clean_batch([t.encode() for t in texts], urls=urls)
    assert got == [t.encode() for t in c.clean_batch(texts, urls=urls)]


@pytest.mark.skipif(os.name != "posix", reason="file permissions")
def test_unreadable_file(site_batch: dict, tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads anything")
    p = write_bad(tmp_path, "locked.bin", Path(site_batch["exact"]).read_bytes())
    p.chmod(0)
    with pytest.raises(PermissionError):
        deboil.Templates.load(p)
