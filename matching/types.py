"""Frozen dataclasses exchanged between the web app and the matcher."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Weights = tuple[tuple[str, float], ...]  # (channel, fusion weight) pairs
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "static-zh"


@dataclass(frozen=True)
class MatchDocument:
    """A published licence declaration (or any patent) to be matched.

    Attributes:
        id: Database key; also the int64 id in the vector index.
        title: Patent title.
        text: Abstract or declaration text (may be empty).
        ipc: IPC codes, any level (``"H01M"``, ``"H01M 4/00"``); subclasses are used.
        industries: GB/T 4754-2017 codes (``"C38"``, ``"3841"``), if known.
    """

    id: int
    title: str
    text: str = ""
    ipc: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchQuery:
    """An enterprise profile (or any search) to match against documents.

    Attributes:
        text: Free text: needs, products, the technology wanted.
        ipc: Subscribed IPC classes or subclasses.
        industries: GB/T 4754-2017 codes of the enterprise.
        keywords: Subscribed keywords; each also counts as text.
    """

    text: str = ""
    ipc: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class IpcLink:
    """An IPC subclass shared (declared or inferred) by query and document."""

    subclass: str
    title_zh: str
    query_weight: float
    doc_weight: float
    declared: bool


@dataclass(frozen=True)
class IndustryLink:
    """A GB/T 4754 industry of the query linked to an IPC subclass of the document (derived link)."""

    industry: str
    industry_name: str
    subclass: str
    weight: float


@dataclass(frozen=True)
class Reason:
    """Why a document was matched: the "为什么推荐" of the UI."""

    shared_terms: list[str] = field(default_factory=list)
    ipc_links: list[IpcLink] = field(default_factory=list)
    industry_links: list[IndustryLink] = field(default_factory=list)
    channel_scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """One ranked document with its fused score (higher is better, 0..1) and reasons."""

    doc_id: int
    score: float
    reason: Reason


@dataclass(frozen=True)
class MatcherConfig:
    """Matcher settings; the app builds one from its own config.

    Attributes:
        model_path: Any sentence-transformers model directory; None = the shipped static encoder.
        weights: Fusion weights per channel (``lexical``, ``dense``, ``ipc``, ``topic``) for short
            queries; the fused score is the weighted sum of the channels' cosines, so it lies in 0..1.
        long_weights: The same for long queries (paragraphs: needs texts, title + abstract).
        long_query_chars: A query text of at least this many characters is long.
        candidates: Candidates per channel before fusion in ``Matcher.search``.
        use_declared_ipc: Use the documents' own IPC codes (else only inferred ones).
        ipc_top: Inferred IPC subclasses kept per text.
        ivf_threshold: Index size (vectors) from which the faiss index is IVF instead of flat.
    """

    model_path: str | None = None
    # Long: fitted by matching.fusion on the long (A01) dev queries, 5-fold cross-validation, with the
    # classifier that leaves abstracts' style n-grams out (matching.classifier.style_columns). Short: the
    # earlier fit over both dev sets; the titles-only fit (0.2/0.3/0.4/0.1) would put the IPC channel at
    # 0.4 and change what the app's push and feedback thresholds mean (see bench/RESULTS.md).
    weights: Weights = (("lexical", 0.7), ("dense", 0.1), ("ipc", 0.1), ("topic", 0.1))
    long_weights: Weights = (("lexical", 0.8), ("dense", 0.0), ("ipc", 0.0), ("topic", 0.2))
    long_query_chars: int = 100
    candidates: int = 200
    use_declared_ipc: bool = True
    ipc_top: int = 8
    ivf_threshold: int = 50_000

    def weight(self, channel: str, long: bool = False) -> float:
        """Return the fusion weight of ``channel`` (0 if absent) for short or ``long`` queries."""
        return dict(self.long_weights if long else self.weights).get(channel, 0.0)


@dataclass(frozen=True)
class SeiMatch:
    """A strategic emerging industry of a patent and the evidence: which IPC code met which pattern."""

    code: str
    name: str
    ipc_code: str
    pattern: str
    rule_id: str
