#!/usr/bin/env python3
"""Write a JSONL test set for the engine recipes from the corpus inputs.

One record per line: ``{"id", "url", "text", "source"}``, the text of every
``corpus/**/*.input.txt`` repeated ``--copies`` times (ids unique), and a few
edge cases (empty and whitespace-only texts, CRLF and lone-CR line ends, no
final newline, NUL and other control characters, astral-plane characters,
one long line). With ``--null`` one record has ``"text": null`` (the CLI
reports it and copies it through; Spark and Ray keep it null). With
``--site-pages N``, three made-up sites get N pages each: corpus texts
wrapped in the site's own header and footer lines, under the site's URLs --
a batch whose templates (``deboil learn --site-from url``) drop lines.

Usage: gen_jsonl.py OUT.jsonl [--corpus corpus] [--copies 3] [--null]
       [--site-pages N] [--shards N]  (write N files OUT-00000.jsonl... into OUT as a folder)
"""

from __future__ import annotations

import argparse
import glob
import json
import os


def edge_cases() -> list[tuple[str, str]]:
    prose = (
        "The council approved the new budget on Tuesday after a long debate about school "
        "funding, which had divided the members of the council for months."
    )
    return [
        ("empty", ""),
        ("blank", " \n\n\t\n"),
        ("crlf", "Home | News\r\n" + prose + "\r\n\r\nShare this\r\n"),
        ("lone-cr", "Menu\r" + prose + "\rCookie settings\r"),
        ("no-final-newline", "Sign in\n" + prose),
        ("controls", "Nav\x00bar\n" + prose + " \x00\x1b\x7f\n"),
        ("astral", "🏠 Home\n" + prose + " 🎉𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n中文导航 | 首页\n"),
        ("long-line", (prose + " ") * 2000 + "\n"),
    ]


# Made-up sites: (host, header lines, footer lines).
SITES = [
    (
        "news.example.org",
        ["Springfield Gazette", "World | Business | Sport | Weather"],
        ["Contact the newsroom", "Subscribe to the morning briefing"],
    ),
    (
        "blog.example.net",
        ["Mary's garden diary", "Posted in Gardening"],
        ["Older posts", "Read more about raised beds and seasonal planting"],
    ),
    (
        "shop.example.com",
        ["Free delivery on orders over 50 euros"],
        ["Customer service: Monday to Friday", "Payment methods and returns"],
    ),
]


def site_records(corpus_texts: list[tuple[str, str]], pages: int):
    """``pages`` pages of each made-up site, bodies from the corpus."""
    n = 0
    for host, header, footer in SITES:
        for i in range(pages):
            stem, body = corpus_texts[n % len(corpus_texts)]
            n += 1
            yield {
                "id": f"site/{host}/{i}",
                "url": f"https://{'www.' if i % 2 else ''}{host}/{stem}/{i}",
                "text": "\n".join(header) + "\n" + body + "\n".join(footer) + "\n",
                "source": "site",
            }


def records(corpus: str, copies: int, null: bool, site_pages: int = 0):
    paths = sorted(glob.glob(os.path.join(corpus, "**", "*.input.txt"), recursive=True))
    if not paths:
        raise SystemExit(f"no *.input.txt under {corpus}")
    texts = []
    for path in paths:
        with open(path, "rb") as f:
            texts.append((os.path.relpath(path, corpus)[: -len(".input.txt")], f.read().decode()))
    yield from site_records(
        [(s, t if t.endswith("\n") else t + "\n") for s, t in texts], site_pages
    )
    for copy in range(copies):
        for path in paths:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
            stem = os.path.relpath(path, corpus)[: -len(".input.txt")]
            yield {
                "id": f"{stem}#{copy}",
                "url": f"https://example.com/{stem}?copy={copy}",
                "text": text,
                "source": "corpus",
            }
    for name, text in edge_cases():
        yield {"id": f"edge/{name}", "url": None, "text": text, "source": "edge"}
    if null:
        yield {"id": "edge/null", "url": None, "text": None, "source": "edge"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--null", action="store_true", help="add a record with a null text")
    ap.add_argument("--shards", type=int, default=0, help="write OUT as a folder of N files")
    ap.add_argument("--site-pages", type=int, default=0, help="N pages of 3 made-up sites")
    args = ap.parse_args()
    lines = [
        json.dumps(r, ensure_ascii=False) + "\n"
        for r in records(args.corpus, args.copies, args.null, args.site_pages)
    ]
    if args.shards:
        os.makedirs(args.out, exist_ok=True)
        for s in range(args.shards):
            with open(os.path.join(args.out, f"part-{s:05d}.jsonl"), "w", encoding="utf-8") as f:
                f.writelines(lines[s :: args.shards])
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            f.writelines(lines)
    print(f"{len(lines)} records -> {args.out}")


if __name__ == "__main__":
    main()
