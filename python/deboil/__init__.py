"""deboil: strip boilerplate from plain text scraped from web pages.

Navigation, "latest news" lists, captions, share/cookie lines, theme strings
and template leaks go; the article's lines stay, byte for byte, in order.

>>> import deboil
>>> article = ("The council approved the new budget on Tuesday after a long debate "
...            "about school funding, which had divided its members for months.\\n")
>>> cleaner = deboil.Cleaner()                    # the defaults of `deboil clean`
>>> cleaner.clean("Home | News | Sport\\nShare this\\n" + article) == article
True
>>> cleaner.clean_batch(["Home\\nMenu\\n", article]) == ["", article]   # in parallel
True

Everything is in :class:`Cleaner`; :mod:`deboil.arrow` cleans Arrow columns
(Spark ``mapInArrow``, Ray Data ``map_batches``) and :mod:`deboil.datatrove`
is a datatrove pipeline step. Both need their engine installed.

Cross-document templates: learn once which lines each site repeats on its
pages (``deboil learn BATCH... -o templates.bin``), load the file where the
cleaning runs, and give each document's URL -- its host is its site, as in
``deboil clean --templates templates.bin --site-from url``::

    cleaner = deboil.Cleaner(templates=deboil.Templates.load("templates.bin"))
    text = cleaner.clean(page, url="https://example.com/news/1")
    texts = cleaner.clean_batch(pages, urls=urls)
"""

from __future__ import annotations

from ._deboil import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    DEFAULT_MAX_DOCUMENT_LINES,
    LABELS,
    STAGES,
    Cleaner,
    Templates,
    __version__,
    url_host,
)

__all__ = [
    "Cleaner",
    "Templates",
    "clean",
    "url_host",
    "LABELS",
    "STAGES",
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "DEFAULT_MAX_DOCUMENT_LINES",
    "__version__",
]

_DEFAULT: Cleaner | None = None


def clean(text: str | bytes, **config: object) -> str | bytes:
    """Clean one document with a :class:`Cleaner` built from ``config``.

    A shortcut for ``Cleaner(**config).clean(text)``; with no options the
    same default cleaner is reused. Build a :class:`Cleaner` yourself to
    clean many documents with the same options.
    """
    global _DEFAULT
    if config:
        return Cleaner(**config).clean(text)  # type: ignore[arg-type]
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(text)
