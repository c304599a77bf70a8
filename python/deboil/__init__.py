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
"""

from __future__ import annotations

import os

from ._deboil import (
    DEFAULT_MAX_DOCUMENT_BYTES,
    DEFAULT_MAX_DOCUMENT_LINES,
    LABELS,
    STAGES,
    Cleaner,
    __version__,
)

__all__ = [
    "Cleaner",
    "Templates",
    "clean",
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


class Templates:
    """Per-site template statistics learned by ``deboil learn`` (planned).

    ``deboil learn`` -- learning which lines a site repeats on every page, so
    that they can be dropped everywhere -- does not exist yet, and neither
    does its file format. This class marks the place of that API: learned
    once, the statistics file is to be shipped to every worker as a broadcast
    file (Spark ``SparkContext.addFile``, Ray's object store or runtime_env,
    a shared path for datatrove) and loaded there with ``Templates.load``.
    Until then, loading raises :class:`NotImplementedError`.
    """

    def __init__(self) -> None:
        raise NotImplementedError(
            "deboil.Templates: template statistics come from `deboil learn`, "
            "which is not implemented yet; use Templates.load(path) once it is"
        )

    @classmethod
    def load(cls, path: str | os.PathLike) -> Templates:
        """Load statistics written by ``deboil learn`` (not implemented yet).

        Raises:
            NotImplementedError: always, until ``deboil learn`` exists.
        """
        raise NotImplementedError(
            f"deboil.Templates.load({os.fspath(path)!r}): `deboil learn` and its "
            "statistics file format are not implemented yet"
        )
