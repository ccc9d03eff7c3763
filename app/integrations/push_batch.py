"""The batch push path's bridge to matching.batch: stored enterprise features, block scoring, reasons.

Enterprise queries (profile, and each text subscription) are featurised once and kept in ``match_profiles``
as packed binary rows, keyed by a fingerprint of the query and the model, so a run re-featurises only what
changed; a process keeps them in memory too (app/integrations/profile_cache.py), so a run reads back only
rows it does not hold. Declarations' features come from the matcher's index (never re-encoded).
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from app import clock
from app.db import in_chunks
from app.extensions import db
from app.integrations.matching import reasons_json
from app.integrations.profile_cache import Key, ProfileCache, profile_cache
from app.matches.models import MatchProfile
from matching import batch
from matching.batch import Pairs
from matching.matcher import Matcher
from matching.ranker import Features
from matching.types import MatchDocument, MatchQuery

PROFILE = 0  # subscription_id of the row holding an enterprise's profile query
FEATURISE_BATCH = 2048


def fingerprint(m: Matcher, query: MatchQuery) -> str:
    """SHA-256 of the query and the models that featurised it (encoder and IPC classifier)."""
    clf = m.res.classifier.version if m.res.classifier is not None else ""
    raw = json.dumps(
        [m.res.encoder.name, m.config.model_path, m.config.ipc_top, clf, *query.__dict__.values()]
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def refresh(m: Matcher, wanted: dict[Key, MatchQuery], users: tuple[int, int]) -> int:
    """Store features for every wanted key whose query changed, drop rows no longer wanted; the count redone.

    The features of every wanted key are then in the process's profile cache: rows stored by an earlier
    run or another worker are read back only if the cache lacks them at their fingerprint.

    Args:
        m: The matcher (its featurizer).
        wanted: (user id, subscription id) -> query, for every enterprise with user id in ``users``.
        users: Inclusive user id range the keys were collected for (rows outside it are left alone).
    """
    cache = profile_cache()
    with cache.lock:
        prints = {k: _fingerprint(cache, m, k, q) for k, q in wanted.items()}
        rows = db.session.execute(
            select(
                MatchProfile.id, MatchProfile.user_id, MatchProfile.subscription_id, MatchProfile.fingerprint
            ).where(MatchProfile.user_id.between(*users))
        )
        stored = {(u, s): (i, fp) for i, u, s, fp in rows}
        stale = [k for k, (_i, fp) in stored.items() if prints.get(k) != fp]
        for chunk in in_chunks([stored[k][0] for k in stale]):
            db.session.execute(delete(MatchProfile).where(MatchProfile.id.in_(chunk)))
        cache.forget([k for k in stale if k not in prints])
        todo = [k for k in wanted if k not in stored or stored[k][1] != prints[k]]
        redo = set(todo)
        _read_back(m, cache, [k for k in wanted if k not in redo and not cache.has(k, prints[k])], users)
        held = [k for k in todo if cache.has(k, prints[k])]  # a run rolled back after featurising them
        if held:
            _store(held, prints, batch.pack(cache.get(held)))
        todo = [k for k in todo if not cache.has(k, prints[k])]
        for start in range(0, len(todo), FEATURISE_BATCH):
            part = todo[start : start + FEATURISE_BATCH]
            feats = m.featurizer.queries([wanted[k] for k in part])
            cache.add(part, [prints[k] for k in part], feats)
            _store(part, prints, batch.pack(feats))
        db.session.flush()
    return len(todo)


def _fingerprint(cache: ProfileCache, m: Matcher, key: Key, query: MatchQuery) -> str:
    known = cache.fingerprint_of(key, query)
    if known is None:
        known = fingerprint(m, query)
        cache.remember(key, query, known)
    return known


def _read_back(m: Matcher, cache: ProfileCache, keys: list[Key], users: tuple[int, int]) -> None:
    """Put stored rows the cache lacks into it (rows of an earlier process or another worker)."""
    if not keys:
        return
    stmt = select(
        MatchProfile.user_id, MatchProfile.subscription_id, MatchProfile.fingerprint, MatchProfile.features
    ).where(MatchProfile.user_id.between(*users))
    wanted = set(keys)
    rows = [((u, s), fp, f) for u, s, fp, f in db.session.execute(stmt) if (u, s) in wanted]
    widths = (len(m.featurizer.subclasses), _topic_width(m))
    feats = batch.unpack([f for _, _, f in rows], m.res.encoder.dim, widths)
    cache.add([k for k, _, _ in rows], [fp for _, fp, _ in rows], feats)


def _store(keys: list[Key], prints: dict[Key, str], packed: list[bytes]) -> None:
    new = [_row(k, prints[k], row) for k, row in zip(keys, packed, strict=True)]
    db.session.execute(_insert_skipping_existing(), new)


def _insert_skipping_existing() -> Any:
    """An insert of profile rows that skips a key another worker stored meanwhile (the same features)."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(MatchProfile).on_conflict_do_nothing(index_elements=["user_id", "subscription_id"])


def _row(key: Key, print_: str, packed: bytes) -> dict[str, Any]:
    return {
        "user_id": key[0],
        "subscription_id": key[1],
        "fingerprint": print_,
        "features": packed,
        "updated_at": clock.now(),
    }


def load(m: Matcher, keys: Sequence[Key]) -> Features:
    """The features of ``keys`` (all refreshed), in that order."""
    if not keys:
        widths = (len(m.featurizer.subclasses), _topic_width(m))
        return batch.unpack([], m.res.encoder.dim, widths)
    cache = profile_cache()
    with cache.lock:
        return cache.get(keys)


def _topic_width(m: Matcher) -> int:
    clf = m.res.classifier
    return len(clf.classes) if clf is not None else 1


def doc_features(m: Matcher, ids: Sequence[int]) -> Features:
    """Declarations' features from the matcher's index (every id must be indexed)."""
    return m.features_of(ids)


def documents(m: Matcher, ids: Sequence[int]) -> list[MatchDocument]:
    return [m.docs[i] for i in ids]


def above(
    m: Matcher, q: Features, queries: Sequence[MatchQuery], d: Features, threshold: float, q_chunk: int
) -> Pairs:
    """Pairs scoring >= threshold, computed block by block (``q_chunk`` query rows at a time).

    ``queries`` are the queries of ``q``'s rows: a paragraph is fused with the long-text weights.
    """
    return batch.above(q, d, m.config, threshold, m.long_flags(queries), q_chunk=q_chunk)


def reasons(
    m: Matcher,
    queries: Mapping[int, MatchQuery],
    docs: Sequence[MatchDocument],
    features: tuple[Features, Features],
    pairs: tuple[np.ndarray, np.ndarray],
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Scores and reasons (the inbox JSON) of the pushed pairs only: channels computed once per pair.

    Args:
        m: The matcher (IPC subclasses, industry link).
        queries: Query row -> query, for the rows in the pairs.
        docs: Documents, indexed like the document features.
        features: (query features, document features).
        pairs: (query rows, document rows).

    Returns:
        The reasons, and the fused scores (0..1) of the pairs.
    """
    q, d = features
    qi, dj = pairs
    long = m.long_flags([queries[i] for i in qi.tolist()])
    per, fused = batch.pair_scores(q, d, qi, dj, m.config, long)
    with collector_paused():
        matches = batch.explain(
            queries, docs, (q.ipc, d.ipc), (qi, dj), per, fused, m.featurizer.subclasses, m.res.industry
        )
        out = [reasons_json(match) for match in matches]
    return out, fused


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the reasons (or a push chunk) are built.

    They are about ten small acyclic objects a pair (nothing for the collector to free), and each full
    collection walks the matcher's resources too (about 850,000 objects): it doubled the time of building
    the reasons (bench/push_reasons.py). Nested pauses keep it paused until the outer one ends.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
