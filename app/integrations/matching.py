"""ORM rows <-> matching dataclasses, the app-wide Matcher, and its persistence.

The matcher lives in ``app.extensions`` and is built lazily on first use (never at import): loaded
from MATCHING_INDEX_DIR when saved there, else built from the published declarations. Every access
syncs it with the database by id, so a rolled-back publish or another worker's publish is caught up
incrementally (only the difference is encoded).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.patents.models import Patent
from matching.explain import summary_zh
from matching.ipc_suggest import suggest_from
from matching.matcher import Matcher
from matching.resources import default_resources
from matching.types import Match, MatchDocument, MatcherConfig, MatchQuery

EXTENSION_KEY = "ole_matcher"
BATCH = 256
REINDEX_BATCH = 4096


def to_document(decl: Declaration) -> MatchDocument:
    """A declaration as the matcher sees it: title, abstract + first claim, IPC codes, industry."""
    patent = decl.patent
    text = " ".join(t for t in (patent.abstract, patent.first_claim) if t)
    industries = (decl.industry_code,) if decl.industry_code else ()
    return MatchDocument(decl.id, patent.title, text, tuple(patent.ipc_codes or ()), industries)


def to_query(
    needs: str,
    own_industries: Iterable[str],
    ipc: Iterable[str] = (),
    industries: Iterable[str] = (),
    keywords: Iterable[str] = (),
    texts: Iterable[str] = (),
) -> MatchQuery:
    """An enterprise profile (needs, industries) plus its subscriptions as one query."""
    return MatchQuery(
        text=" ".join(t for t in (needs, *texts) if t.strip()),
        ipc=tuple(dict.fromkeys(ipc)),
        industries=tuple(dict.fromkeys([*own_industries, *industries])),
        keywords=tuple(dict.fromkeys(keywords)),
    )


def is_empty(query: MatchQuery) -> bool:
    return not (query.text.strip() or query.ipc or query.industries or query.keywords)


def reasons_json(match: Match) -> dict[str, Any]:
    """The reasons of a match as JSON (stored on inbox items and returned by the API)."""
    r = match.reason
    return {
        "shared_terms": list(r.shared_terms),
        "ipc_links": [
            {"subclass": link.subclass, "title_zh": link.title_zh, "declared": link.declared}
            for link in r.ipc_links
        ],
        "industry_links": [
            {"industry": link.industry, "industry_name": link.industry_name, "subclass": link.subclass}
            for link in r.industry_links
        ],
        "channel_scores": {k: round(float(v), 4) for k, v in r.channel_scores.items()},
        "summary_zh": summary_zh(r),
    }


class MatcherHolder:
    """The one Matcher of an app, guarded by a lock (the web server may run threads)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.matcher: Matcher | None = None
        self.saved_changes = 0  # the matcher's `changes` when it was loaded or last saved


def _holder(app: Flask | None = None) -> MatcherHolder:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    holder = app.extensions.get(EXTENSION_KEY)
    if holder is None:
        holder = app.extensions.setdefault(EXTENSION_KEY, MatcherHolder())
    return holder


def _config() -> MatcherConfig:
    return MatcherConfig(model_path=current_app.config.get("MATCHING_MODEL_PATH") or None)


def _index_dir() -> Path | None:
    folder = current_app.config.get("MATCHING_INDEX_DIR") or ""
    return Path(folder) if folder else None


def new_matcher() -> Matcher:
    """An empty matcher with the process-wide resources (built once per model, ~7 s)."""
    config = _config()
    return Matcher(config, default_resources(config.model_path))


def _load_saved() -> Matcher | None:
    folder = _index_dir()
    if folder is None or not (folder / "config.json").exists():
        return None
    config = _config()
    m = Matcher.load(folder, default_resources(config.model_path))
    return m if m.config.model_path == config.model_path else None


def published_ids() -> set[int]:
    stmt = select(Declaration.id).where(Declaration.status == DeclarationStatus.PUBLISHED)
    return set(db.session.scalars(stmt))


def _published(ids: Sequence[int]) -> list[Declaration]:
    out: list[Declaration] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        out += db.session.scalars(
            select(Declaration)
            .options(selectinload(Declaration.patent))  # to_document reads the patent: no query per row
            .where(Declaration.id.in_(chunk))
            .order_by(Declaration.id)
        )
    return out


def sync(m: Matcher) -> None:
    """Add published declarations missing from the index and drop the ones no longer published."""
    live = published_ids()
    gone = [i for i in m.docs if i not in live]
    if gone:
        m.remove(gone)
    missing = sorted(live - set(m.docs))
    for start in range(0, len(missing), BATCH):
        m.add([to_document(d) for d in _published(missing[start : start + BATCH])])


def get_matcher() -> Matcher:
    """The app's matcher, loaded or built on first use and synced with the database."""
    holder = _holder()
    with holder.lock:
        if holder.matcher is None:
            holder.matcher = _load_saved() or new_matcher()
        sync(holder.matcher)
        return holder.matcher


def loaded_matcher() -> Matcher | None:
    """The matcher if it is already in memory (listeners never trigger the expensive first load)."""
    return _holder().matcher


def index_added(decl: Declaration) -> None:
    """Add one declaration to the in-memory index, if loaded (else the first load will include it)."""
    holder = _holder()
    with holder.lock:
        if holder.matcher is not None:
            holder.matcher.add([to_document(decl)])


def index_removed(decl: Declaration) -> None:
    holder = _holder()
    with holder.lock:
        if holder.matcher is not None:
            holder.matcher.remove([decl.id])


def reindex(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the index from every published declaration, swap it in and save it; safe to rerun."""
    m = new_matcher()
    ids = sorted(published_ids())
    for start in range(0, len(ids), REINDEX_BATCH):  # few large adds: each add restacks the features
        chunk = _published(ids[start : start + REINDEX_BATCH])
        m.add([to_document(d) for d in chunk])
        if progress:
            progress(len(chunk))
    holder = _holder()
    with holder.lock:
        holder.matcher = m
        save(m)
    return m.count()


def save(m: Matcher | None = None) -> Path | None:
    """Write the index to MATCHING_INDEX_DIR (atomically: a temporary folder, then a rename)."""
    folder = _index_dir()
    m = m or loaded_matcher()
    if folder is None or m is None:
        return None
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    m.save(tmp)
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    tmp.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    holder = _holder()
    if m is holder.matcher:
        holder.saved_changes = m.changes
    return folder


def save_if_changed() -> Path | None:
    """Save the app's matcher if documents were added or removed since it was loaded or saved."""
    holder = _holder()
    with holder.lock:
        if holder.matcher is None or holder.matcher.changes == holder.saved_changes:
            return None
        return save(holder.matcher)


def doc_vectors(m: Matcher, decls: Sequence[Declaration]) -> np.ndarray:
    """Unit vectors of declarations: from the index when present, else encoded on the spot."""
    known = m.vectors()
    absent = [d for d in decls if d.id not in known]
    fresh = iter(m.featurizer.docs([to_document(d) for d in absent]).vec if absent else ())
    rows = [known[d.id] if d.id in known else next(fresh) for d in decls]
    if not rows:
        return np.zeros((0, m.res.encoder.dim), np.float32)
    return np.vstack(rows).astype(np.float32)


def suggest_ipc_for(patent: Patent, k: int = 3) -> list[tuple[str, float, str]]:
    """Likely IPC subclasses (code, probability, Chinese title) for a patent recorded without IPC codes."""
    text = " ".join(t for t in (patent.title, patent.abstract) if t)
    return suggest_from(default_resources(_config().model_path).inferrer, [text], k)[0]


def evaluate(argv: list[str]) -> int:
    """Run the matcher's evaluation (``python -m matching.eval`` arguments); the exit code."""
    from matching import eval as matching_eval  # heavy (baselines): loaded only for `flask matching eval`

    return matching_eval.main(argv)


def train_encoder(
    target: Path, pairs: Sequence[tuple[str, str]], *, epochs: int, include_titles: bool
) -> Path:
    """Train the static encoder into ``target`` with extra (query, document) text pairs; the model folder."""
    from matching import train as matching_train  # torch training: loaded only for `flask matching train`

    return matching_train.train(target, extra_pairs=pairs, epochs=epochs, include_titles=include_titles)
