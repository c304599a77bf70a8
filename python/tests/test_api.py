"""The Cleaner API: options, odd input, errors, pickling, the GIL."""

from __future__ import annotations

import doctest
import os
import pickle
import threading
import time

import pytest

import deboil
from conftest import CORPUS_INPUTS

PROSE = (
    "The council approved the new budget on Tuesday after a long debate about school "
    "funding, which had divided the members of the council for months.\n"
    "Officials said that the plan would take effect in January and that the first "
    "payments would reach the districts before the start of the spring term.\n"
)
PAGE = "Home | News | Sport\nShare this\n" + PROSE + "\n© 2024 Example News. All rights reserved.\n"


def test_clean_keeps_the_article() -> None:
    assert deboil.Cleaner().clean(PAGE) == PROSE


@pytest.mark.parametrize(
    "text",
    ["", "\n", "\r\n", PROSE.replace("\n", "\r\n"), PROSE.replace("\n", "\r"), PROSE.rstrip("\n")],
    ids=["empty", "newline", "crlf-blank", "crlf", "lone-cr", "no-final-newline"],
)
def test_output_is_a_subsequence_of_input_lines(text: str) -> None:
    out = deboil.Cleaner().clean(text)
    lines = text.splitlines(keepends=True)
    kept = out.splitlines(keepends=True)
    it = iter(lines)
    assert all(any(k == line for line in it) for k in kept), (text, out)


def test_unicode_and_controls_survive() -> None:
    line = "Ünïcödé 中文 🎉 𝔘𝔫𝔦 \x00\x1b\x7f " + PROSE.splitlines()[0] + "\n"
    out = deboil.Cleaner().clean(line + PROSE)
    assert out.startswith(line)
    assert (
        deboil.Cleaner()
        .clean(line.encode() + b"\xff\xfe\n" + PROSE.encode())
        .startswith(line.encode())
    )


def test_bytes_with_invalid_utf8_are_kept_as_bytes() -> None:
    text = PROSE.encode().replace(b"school", b"sch\xffool")
    out = deboil.Cleaner().clean(text)
    assert isinstance(out, bytes) and b"sch\xffool" in out


def test_options() -> None:
    first, second = PROSE.splitlines(keepends=True)
    text = first + "\n\n" + second
    assert "\n\n" in deboil.Cleaner().clean(text)
    assert "\n\n" not in deboil.Cleaner(blank_lines="drop").clean(text)
    # Over the limits: passed through whole, or cleaned as far as the limit.
    assert deboil.Cleaner(max_document_lines=2).clean(PAGE) == PAGE
    assert deboil.Cleaner(max_document_bytes=10).clean(PAGE) == PAGE
    truncated = deboil.Cleaner(max_document_lines=4, over_limit="truncate").clean(PAGE)
    assert truncated == PROSE
    for stage in deboil.STAGES:
        deboil.Cleaner(stages_off=stage).clean(PAGE)
    assert deboil.Cleaner(stages_off=list(deboil.STAGES)).config["stages_off"] == list(
        deboil.STAGES
    )
    for strictness in ("recall", "balanced", "precision"):
        assert PROSE.splitlines()[0] in deboil.Cleaner(strictness=strictness).clean(PAGE)
    assert deboil.Cleaner(language="de").config["language"] == "de"
    assert deboil.Cleaner(language="NO").config["language"] == "nb"
    # Spelling variants of names.
    assert deboil.Cleaner(over_limit="PASS_THROUGH", stages_off=["main_block"]).config == (
        deboil.Cleaner(over_limit="pass-through", stages_off=("main-block",)).config
    )


def test_defaults_are_the_cli_defaults() -> None:
    assert deboil.Cleaner().config == {
        "strictness": "balanced",
        "stages_off": [],
        "blank_lines": "separators",
        "max_document_bytes": deboil.DEFAULT_MAX_DOCUMENT_BYTES,
        "max_document_lines": deboil.DEFAULT_MAX_DOCUMENT_LINES,
        "over_limit": "pass-through",
        "language": "auto",
        "threads": None,
        "templates": None,
    }
    assert deboil.DEFAULT_MAX_DOCUMENT_BYTES == 64 << 20
    assert deboil.DEFAULT_MAX_DOCUMENT_LINES == 1_000_000
    # None means the default.
    assert deboil.Cleaner(strictness=None, max_document_bytes=None) == deboil.Cleaner()


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"strictness": "loose"}, ValueError),
        ({"strictness": 1}, TypeError),
        ({"stages_off": ["markers", "nope"]}, ValueError),
        ({"stages_off": 3}, TypeError),
        ({"stages_off": [3]}, TypeError),
        ({"blank_lines": "keep"}, ValueError),
        ({"over_limit": "explode"}, ValueError),
        ({"language": "xx"}, ValueError),
        ({"language": 7}, TypeError),
        ({"max_document_bytes": 0}, ValueError),
        ({"max_document_bytes": -5}, ValueError),
        ({"max_document_bytes": 2**80}, ValueError),
        ({"max_document_lines": 1.5}, TypeError),
        ({"max_document_lines": True}, TypeError),
        ({"max_document_lines": "10"}, TypeError),
        ({"threads": 0}, ValueError),
        ({"threads": "2"}, TypeError),
        ({"threads": 100_000}, ValueError),
    ],
)
def test_bad_options_raise(kwargs: dict, error: type) -> None:
    with pytest.raises(error) as info:
        deboil.Cleaner(**kwargs)
    assert next(iter(kwargs)).split("_")[0] in str(info.value)


def test_unknown_and_positional_options_raise() -> None:
    with pytest.raises(TypeError):
        deboil.Cleaner(strictnes="recall")
    with pytest.raises(TypeError):
        deboil.Cleaner("recall")  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, 3, 1.5, ["a"], bytearray(b"a"), object()])
def test_bad_text_raises_type_error(bad: object) -> None:
    c = deboil.Cleaner()
    for method in (c.clean, c.clean_with_stats, c.explain):
        with pytest.raises(TypeError, match="str or bytes"):
            method(bad)  # type: ignore[arg-type]


def test_bad_batches_raise_type_error() -> None:
    c = deboil.Cleaner()
    for method in (c.clean_batch, c.clean_batch_with_stats):
        with pytest.raises(TypeError, match="item 2"):
            method(["a", "b", None])  # type: ignore[list-item]
        with pytest.raises(TypeError, match="single str"):
            method("a page")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="single bytes"):
            method(b"a page")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="iterable"):
            method(42)  # type: ignore[arg-type]

    def failing():
        yield "a"
        raise RuntimeError("from the iterator")

    with pytest.raises(RuntimeError, match="from the iterator"):
        c.clean_batch(failing())


def test_lone_surrogates_raise_unicode_error() -> None:
    c = deboil.Cleaner()
    with pytest.raises(UnicodeEncodeError):
        c.clean("a\ud800b\n")
    with pytest.raises(ValueError):
        c.clean_batch(["fine\n", "a\udfffb\n"])


def test_explain_shape() -> None:
    lines = deboil.Cleaner().explain(PAGE)
    assert [d["line"] for d in lines] == list(range(1, len(PAGE.splitlines()) + 1))
    assert [d["text"] for d in lines] == PAGE.splitlines()
    assert set(lines[0]) == {"line", "keep", "label", "rule", "ref", "score", "text"}
    assert "".join(d["text"] + "\n" for d in lines if d["keep"]) == PROSE
    assert {d["label"] for d in lines} <= set(deboil.LABELS)
    assert deboil.Cleaner().explain("") == []
    assert isinstance(deboil.Cleaner().explain(PAGE.encode())[0]["text"], bytes)


def test_pickle_and_equality() -> None:
    c = deboil.Cleaner(strictness="precision", stages_off=["regions"], threads=2, language="fr")
    copy = pickle.loads(pickle.dumps(c))
    assert copy == c and copy.config == c.config
    assert copy != deboil.Cleaner()
    assert deboil.Cleaner(**c.config) == c
    assert repr(c).startswith("Cleaner(strictness='precision'")


def test_clean_batch_releases_the_gil() -> None:
    """While one thread runs clean_batch, another keeps running Python."""
    texts = [p.read_bytes().decode("utf-8") for p in CORPUS_INPUTS] * 150
    cleaner = deboil.Cleaner(threads=1)
    started = time.perf_counter()
    cleaner.clean_batch(texts)
    alone = time.perf_counter() - started

    ticks = 0
    done = threading.Event()

    def work() -> None:
        cleaner.clean_batch(texts)
        done.set()

    thread = threading.Thread(target=work)
    thread.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0)
    thread.join()
    # With the GIL held for the whole call the loop could not run at all
    # while the batch is cleaned (about `alone` seconds).
    assert alone > 0.05, "batch too small to tell"
    assert ticks > 100, (ticks, alone)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork()")
@pytest.mark.parametrize("threads", [None, 2])
def test_batches_work_after_fork(threads: int | None) -> None:
    """A child forked after the pool started cleans too (multiprocessing's
    fork start method, Spark and datatrove workers): it gets its own pool
    instead of hanging on the parent's, whose threads it does not have."""
    import warnings

    cleaner = deboil.Cleaner(threads=threads)
    texts = [PAGE] * 50
    want = cleaner.clean_batch(texts)
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads
        pid = os.fork()
    if pid == 0:  # the child: report, never return into pytest
        ok = False
        try:
            import signal

            signal.alarm(20)
            ok = cleaner.clean_batch(texts) == want and cleaner.clean_batch(texts) == want
        finally:
            os.write(write, b"1" if ok else b"0")
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1", f"child failed or hung (status {status})"
    os.close(read)
    assert cleaner.clean_batch(texts) == want


def test_cleaner_shared_between_python_threads() -> None:
    texts = [p.read_bytes().decode("utf-8") for p in CORPUS_INPUTS]
    cleaner = deboil.Cleaner()
    want = [cleaner.clean(t) for t in texts]
    results: list[list[str]] = []

    def work() -> None:
        results.append([cleaner.clean(t) for t in texts])
        results.append(cleaner.clean_batch(texts))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 8


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(deboil, raise_on_error=False)
    assert tried > 0 and failures == 0
