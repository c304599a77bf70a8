"""Type stubs for deboil's Rust extension module (re-exported by ``deboil``)."""

import os
from collections.abc import Iterable
from typing import Literal, TypedDict, TypeVar, final

__version__: str
DEFAULT_MAX_DOCUMENT_BYTES: int
DEFAULT_MAX_DOCUMENT_LINES: int
LABELS: tuple[str, ...]
"""Every line label, e.g. ``"content"``, ``"navigation"``, ``"legal"``."""
STAGES: tuple[str, ...]
"""Every pipeline stage that ``stages_off`` can name, in pipeline order."""

Strictness = Literal["recall", "balanced", "precision"]
StageName = Literal[
    "markers", "language", "script", "context", "regions", "repeats", "main-block", "templates"
]
BlankLines = Literal["separators", "drop"]
OverLimit = Literal["pass-through", "truncate"]

T = TypeVar("T", str, bytes)

class Stats(TypedDict):
    """What cleaning one document removed (``clean_with_stats``)."""

    lines: int
    lines_kept: int
    lines_dropped: int
    bytes: int
    """Input size in UTF-8 bytes."""
    bytes_kept: int
    bytes_removed: int
    dropped: dict[str, int]
    """Label -> lines dropped with that label (labels with any only)."""
    language: str | None
    """ISO 639-1 code of the stoplist used, or None."""

class TemplateEvidence(TypedDict):
    """Why a line was dropped as its site's template (``explain``)."""

    site: str
    """The document's site (the host of its URL, or the ``site`` given)."""
    site_docs: int
    """Documents of the site that have the line."""
    site_total: int
    """Documents the site had in the learned batch (0: an unknown site)."""
    sites: int
    """Sites that have the line."""

class _LineVerdict(TypedDict):
    line: int
    """1-based line number."""
    keep: bool
    label: str
    rule: str
    """What decided: ``"line-score"``, ``"marker"``, ``"region@55"``..."""
    ref: int | None
    """The 1-based line the rule refers to (region opener, first copy)."""
    score: float
    text: str | bytes
    """The line without its terminator (the input's type)."""

class LineVerdict(_LineVerdict, total=False):
    """Why one line was kept or dropped (``explain``)."""

    template: TemplateEvidence
    """Only on lines dropped as their site's template (rule ``"template"``)."""

class Config(TypedDict):
    """A cleaner's options (``Cleaner.config``): ``Cleaner(**config)``."""

    strictness: Strictness
    stages_off: list[StageName]
    blank_lines: BlankLines
    max_document_bytes: int
    max_document_lines: int
    over_limit: OverLimit
    language: str
    threads: int | None
    templates: Templates | None

def url_host(url: str) -> str | None:
    """The site of a document with this URL, as ``deboil`` derives it: the
    host, lower-cased, without user info, port, trailing dot or leading
    ``www.``; None when there is none (such documents have no site, ``""``).
    """

@final
class Templates:
    """Per-site template statistics learned by ``deboil learn``.

    Learn once over a batch (``deboil learn BATCH... -o templates.bin``), ship
    the file to the workers, load it there and clean with
    ``Cleaner(templates=...)``. Immutable, shareable between threads and
    cleaners; pickles as its file's bytes. Not built directly: use
    :meth:`load` or :meth:`from_bytes`.
    """

    @staticmethod
    def load(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> Templates:
        """Load and check a file written by ``deboil learn -o PATH``.

        Raises:
            OSError: the file cannot be read (``FileNotFoundError``...).
            ValueError: not template statistics, another format version,
                truncated or corrupt (the message names path and reason).
        """
    @staticmethod
    def from_bytes(data: bytes, *, name: str | None = None) -> Templates:
        """Statistics from a file's bytes (``name`` is shown in messages).

        Raises:
            ValueError: not template statistics, another version, corrupt.
        """
    def to_bytes(self) -> bytes:
        """The file's bytes, as ``deboil learn`` writes them."""
    @property
    def path(self) -> str | None:
        """The file loaded from (None when built from bytes)."""
    @property
    def sites(self) -> int:
        """Number of sites learned."""
    @property
    def documents(self) -> int:
        """Number of documents learned from."""
    @property
    def pairs(self) -> int:
        """Exact (site, line) counts kept (0 when a sketch)."""
    @property
    def is_sketch(self) -> bool:
        """Whether the counts are an approximate count-min sketch (learning
        passed half of ``--template-memory``)."""
    def site_documents(self, site: str) -> int:
        """Documents learned for ``site``; 0 for an unknown site (its
        documents then get only the cross-site evidence)."""
    def __contains__(self, site: object) -> bool: ...
    def __eq__(self, other: object) -> bool: ...

@final
class Cleaner:
    """Removes boilerplate from text scraped from web pages, keeping the
    article's lines byte for byte.

    Build one and reuse it; it is safe to share between threads and can be
    pickled (it is rebuilt from its options). Every option is keyword-only;
    ``None`` or leaving it out means the default of ``deboil clean``.

    Args:
        strictness: ``"balanced"`` (default), ``"recall"`` (keep borderline
            lines) or ``"precision"`` (drop them).
        stages_off: stages to switch off, by name (one or an iterable).
        blank_lines: ``"separators"`` (default: one blank line kept between
            kept lines where the input had one) or ``"drop"``.
        max_document_bytes: larger documents are handled by ``over_limit``
            instead of being cleaned (default 64 MiB).
        max_document_lines: the same in lines (default 1,000,000).
        over_limit: ``"pass-through"`` (default: keep such documents whole)
            or ``"truncate"`` (clean what is within the limits, drop the rest).
        language: ``"auto"`` (default, guessed per document) or an ISO 639-1
            code (``"en"``, ``"de"``, ``"zh"``...) used for every document.
        threads: threads for the batch methods; default: a process-wide pool
            with one thread per core (``RAYON_NUM_THREADS`` overrides it).
        templates: statistics from ``deboil learn`` (a :class:`Templates` or
            its file's path, loaded here): the cleaning methods then take
            each document's ``url`` (its host is its site, as ``deboil clean
            --templates FILE --site-from url``) or ``site``, and drop the
            site's template lines. A document with neither belongs to the
            no site (``""``: only the cross-site evidence), like URL-less records
            in the CLI.

    Raises:
        TypeError: an option of the wrong type.
        ValueError: an unknown name, or a limit or thread count below 1; a
            corrupt ``templates`` file.
        OSError: a ``templates`` file that cannot be read.
    """

    def __init__(
        self,
        *,
        strictness: Strictness | None = None,
        stages_off: StageName | Iterable[StageName] | None = None,
        blank_lines: BlankLines | None = None,
        max_document_bytes: int | None = None,
        max_document_lines: int | None = None,
        over_limit: OverLimit | None = None,
        language: str | None = None,
        threads: int | None = None,
        templates: Templates | str | os.PathLike[str] | None = None,
    ) -> None: ...
    def clean(self, text: T, *, url: str | None = None, site: str | None = None) -> T:
        """Clean one document: the kept lines, byte for byte, in order.

        ``str`` in, ``str`` out (cleaned as UTF-8); ``bytes`` in, ``bytes``
        out (any bytes). Equal to what ``deboil clean`` writes for the text.
        With ``templates``, ``url`` (its host is the site) or ``site``
        chooses the site whose template lines are dropped.

        Raises:
            TypeError: ``text`` is not str or bytes; ``url``/``site`` not str.
            ValueError: both ``url`` and ``site``, or either without
                templates.
            UnicodeEncodeError: ``text`` has lone surrogates.
        """
    def clean_batch(
        self,
        texts: Iterable[T],
        *,
        urls: Iterable[str | None] | None = None,
        sites: Iterable[str | None] | None = None,
    ) -> list[T]:
        """Clean many documents in parallel, without holding the GIL.

        Equal to ``[self.clean(t, url=u) for t, u in zip(texts, urls)]``
        (or with ``sites``).

        Raises:
            TypeError: ``texts`` is a single str/bytes or not iterable, or an
                item is not str or bytes; the same for ``urls``/``sites``.
            ValueError: ``urls``/``sites`` not one per text, both given, or
                either without templates.
        """
    def clean_with_stats(
        self, text: T, *, url: str | None = None, site: str | None = None
    ) -> tuple[T, Stats]:
        """Clean one document and count what was removed."""
    def clean_batch_with_stats(
        self,
        texts: Iterable[T],
        *,
        urls: Iterable[str | None] | None = None,
        sites: Iterable[str | None] | None = None,
    ) -> list[tuple[T, Stats]]:
        """``clean_with_stats`` over many documents, in parallel."""
    def explain(
        self, text: T, *, url: str | None = None, site: str | None = None
    ) -> list[LineVerdict]:
        """One record per input line: kept or not, label, rule, score, text;
        lines dropped as template also carry the ``template`` evidence."""
    @property
    def templates(self) -> Templates | None:
        """The template statistics this cleaner uses, or None."""
    @property
    def config(self) -> Config:
        """The options, as keyword arguments for ``Cleaner(**config)``."""
    def __eq__(self, other: object) -> bool: ...
