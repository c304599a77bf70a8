"""Type stubs for deboil's Rust extension module (re-exported by ``deboil``)."""

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
StageName = Literal["markers", "language", "script", "context", "regions", "repeats", "main-block"]
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

class LineVerdict(TypedDict):
    """Why one line was kept or dropped (``explain``)."""

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

    Raises:
        TypeError: an option of the wrong type.
        ValueError: an unknown name, or a limit or thread count below 1.
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
    ) -> None: ...
    def clean(self, text: T) -> T:
        """Clean one document: the kept lines, byte for byte, in order.

        ``str`` in, ``str`` out (cleaned as UTF-8); ``bytes`` in, ``bytes``
        out (any bytes). Equal to what ``deboil clean`` writes for the text.

        Raises:
            TypeError: ``text`` is not str or bytes.
            UnicodeEncodeError: ``text`` has lone surrogates.
        """
    def clean_batch(self, texts: Iterable[T]) -> list[T]:
        """Clean many documents in parallel, without holding the GIL.

        Equal to ``[self.clean(t) for t in texts]``.

        Raises:
            TypeError: ``texts`` is a single str/bytes or not iterable, or an
                item is not str or bytes.
        """
    def clean_with_stats(self, text: T) -> tuple[T, Stats]:
        """Clean one document and count what was removed."""
    def clean_batch_with_stats(self, texts: Iterable[T]) -> list[tuple[T, Stats]]:
        """``clean_with_stats`` over many documents, in parallel."""
    def explain(self, text: T) -> list[LineVerdict]:
        """One record per input line: kept or not, label, rule, score, text."""
    @property
    def config(self) -> Config:
        """The options, as keyword arguments for ``Cleaner(**config)``."""
    def __eq__(self, other: object) -> bool: ...
