"""The batch push path of `flask push run`: every queued declaration against every enterprise, in chunks.

Per chunk of enterprises (by user id): their stored features (refreshed when the profile or a subscription
changed), block scores against all queued declarations, subscription filters as set joins, "already told",
"already licensed" and feedback as set operations, reasons only for the pairs pushed, one bulk insert.
The rules are those of the per-pair reference in app/matches/push.py (`recipients`); a test compares them.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from flask import current_app
from sqlalchemy import Select, Text, cast, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app import clock
from app.auth.models import Organisation, Role, User
from app.db import in_chunks
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.integrations import push_batch as scoring
from app.integrations.feedback import suppressed
from app.integrations.matching import is_empty
from app.integrations.sei import links_of, with_links
from app.licences.models import Licence
from app.matches.filters import DeclFacts, FilterIndex
from app.matches.models import (
    Feedback,
    Frequency,
    MatchNotice,
    MatchProfile,
    PushRun,
    PushTask,
    Subscription,
    SubscriptionKind,
)
from app.matches.subscriptions import query_from, with_accepted
from app.patents.models import Patent
from matching.types import MatchQuery

if TYPE_CHECKING:  # the matcher and feature objects app.integrations hands out, named in annotations only
    from matching.matcher import Matcher
    from matching.ranker import Features

CHUNK = 1000  # enterprises per chunk at least: one commit each
PAIRS_PER_CHUNK = 2_000_000  # enterprises x declarations per chunk: bounds memory, and few declarations
# (a newly published one) go to every enterprise in one chunk, one pass of block products
FEW_DECLARATIONS = 100  # up to this many pushed declarations, "already told" is looked up by pair
SPEEDS = (Frequency.IMMEDIATELY, Frequency.DAILY, Frequency.WEEKLY)
DEFAULT_SPEED = SPEEDS.index(Frequency.WEEKLY)  # profile-only matches go into the weekly digest
ALL_USERS = (0, 2**31 - 1)
_PAIR = np.int64(2**32)  # pair key = user id * 2**32 + declaration id


@dataclass(frozen=True)
class Sub:
    id: int
    kind: SubscriptionKind
    value: str
    speed: int


@dataclass(frozen=True)
class Enterprise:
    id: int
    needs: str
    industries: list[str]
    sei: list[str]
    subs: list[Sub]

    def query(self) -> MatchQuery:
        return _query(self.needs, tuple(self.industries), tuple((s.kind, s.value) for s in self.subs))

    def sei_picks(self) -> list[str]:
        return list(
            dict.fromkeys([*self.sei, *(s.value for s in self.subs if s.kind == SubscriptionKind.SEI)])
        )

    def all_industries(self) -> list[str]:
        return [*self.industries, *(s.value for s in self.subs if s.kind == SubscriptionKind.INDUSTRY)]


@dataclass(frozen=True)
class Docs:
    """The queued declarations of a run: ids, facts for filters, features from the index."""

    ids: np.ndarray
    facts: list[DeclFacts]
    features: Features
    index: FilterIndex


@dataclass(frozen=True)
class Found:
    """Pairs to push in a chunk: enterprise (position in the chunk), declaration row, frequency, and the
    ids of the subscriptions that accepted a pair (none for a profile match)."""

    e: np.ndarray
    d: np.ndarray
    speed: np.ndarray
    accepted: dict[tuple[int, int], list[int]] = field(default_factory=dict)


def pending(task_ids: Sequence[int] | None = None) -> tuple[list[int], list[int]]:
    """(task ids, published declaration ids) of the tasks not yet pushed (only `task_ids` if given), oldest
    declaration first."""
    stmt = select(PushTask.id, PushTask.declaration_id, Declaration.status).join(Declaration)
    stmt = stmt.where(PushTask.done_at.is_(None))
    if task_ids is not None:
        stmt = stmt.where(PushTask.id.in_(task_ids))
    rows = db.session.execute(stmt.order_by(PushTask.declaration_id)).all()
    return [r[0] for r in rows], [r[1] for r in rows if r[2] == DeclarationStatus.PUBLISHED]


def push_batch(
    m: Matcher,
    run: PushRun,
    threshold: float,
    enterprises: tuple[int, int] | None = None,
    chunk: int | None = None,
    task_ids: Sequence[int] | None = None,
) -> Iterator[tuple[int, int]]:
    """Push every queued declaration (of ``task_ids`` if given) to the enterprises (user ids in
    ``enterprises``, inclusive; all if None), ``chunk`` enterprises at a time (None: :func:`chunk_for`).

    Yields (enterprises, notices written) per chunk of enterprises, so the caller commits after each.
    Tasks are marked done only by a run over all enterprises; a shard (a range) leaves them to its
    coordinator.
    Idempotent: a pair already told is never written twice (set exclusion, and ON CONFLICT DO NOTHING).
    """
    tasks, ids = pending(task_ids)
    docs = _docs(m, ids)
    users = _enterprise_ids(enterprises or ALL_USERS)
    chunk = chunk or chunk_for(len(ids))
    for start in range(0, len(users) if ids else 0, chunk):
        span = (users[start], users[min(start + chunk, len(users)) - 1])
        with scoring.collector_paused():  # each full collection would walk every enterprise of the chunk
            written = _push_chunk(m, run, docs, _roster(m, span), threshold)
        run.notices += written
        db.session.flush()
        yield min(chunk, len(users) - start), written
    if enterprises is None:
        _mark_done(tasks, run, max([*ids, run.cursor]))


def chunk_for(declarations: int) -> int:
    """Enterprises per chunk for this many declarations: :data:`PAIRS_PER_CHUNK` pairs, at least CHUNK."""
    return max(CHUNK, PAIRS_PER_CHUNK // max(declarations, 1))


def _docs(m: Matcher, ids: list[int]) -> Docs:
    stmt = select(
        Declaration.id,
        Declaration.industry_code,
        Patent.ipc_codes,
        Patent.title,
        Patent.abstract,
        Patent.first_claim,
    ).join(Patent, Declaration.patent_id == Patent.id)
    facts: list[DeclFacts] = []
    for part in in_chunks(ids):
        rows = db.session.execute(stmt.where(Declaration.id.in_(part)))
        got = {i: DeclFacts.of((i, ind, ipc, t, a, c)) for i, ind, ipc, t, a, c in rows}
        facts += [got[i] for i in part]
    return Docs(np.array(ids, np.int64), facts, scoring.doc_features(m, ids), FilterIndex(facts))


def _enterprise_ids(span: tuple[int, int]) -> list[int]:
    stmt = select(User.id).where(User.role == Role.ENTERPRISE, User.id.between(*span)).order_by(User.id)
    return list(db.session.scalars(stmt))


@lru_cache(maxsize=2**18)
def _query(
    needs: str, industries: tuple[str, ...], subs: tuple[tuple[SubscriptionKind, str], ...]
) -> MatchQuery:
    """query_from, remembered: a run over every enterprise rebuilds the same queries each time."""
    return query_from(needs, list(industries), list(subs))


@lru_cache(maxsize=2**16)
def _codes(raw: str | None) -> tuple[str, ...]:
    """A JSON list of codes read as text: enterprises share few distinct lists, each decoded once."""
    return tuple(json.loads(raw)) if raw else ()


def _enterprises(span: tuple[int, int]) -> list[Enterprise]:
    subs: dict[int, list[Sub]] = {}
    stmt = select(
        Subscription.id, Subscription.user_id, Subscription.kind, Subscription.value, Subscription.frequency
    )
    stmt = stmt.where(Subscription.active.is_(True), Subscription.user_id.between(*span)).order_by(
        Subscription.id
    )
    for sid, uid, kind, value, freq in db.session.execute(stmt):
        subs.setdefault(uid, []).append(Sub(sid, kind, value, SPEEDS.index(freq)))
    stmt2 = select(
        User.id,
        Organisation.needs,
        cast(Organisation.industry_codes, Text),
        cast(Organisation.sei_codes, Text),
    ).outerjoin(Organisation, Organisation.owner_id == User.id)
    stmt2 = stmt2.where(User.role == Role.ENTERPRISE, User.id.between(*span)).order_by(User.id)
    return [
        Enterprise(uid, needs or "", list(_codes(inds)), list(_codes(sei)), subs.get(uid, []))
        for uid, needs, inds, sei in db.session.execute(stmt2)
    ]


@dataclass(frozen=True)
class Roster:
    """A chunk's enterprises as scoring needs them: queries, features (profiles first, then text
    subscriptions), and the filter subscriptions grouped by what they ask for.

    Kept in the process between runs (per span, up to :data:`ROSTER_ENTERPRISES`) while :func:`_stamp` of
    its span is unchanged, so that a run for one new declaration (one chunk of every enterprise) does not
    rebuild 110,000 enterprises to find nothing changed.
    """

    span: tuple[int, int]
    stamp: tuple[Any, ...]
    matcher: Matcher
    ents: list[Enterprise]
    queries: list[MatchQuery]
    live: list[int]  # positions of the enterprises that have something to match
    texts: list[tuple[int, Sub]]  # text subscriptions, their features after the profiles' in feats
    feats: Features
    profile: np.ndarray  # enterprise position -> row in feats
    plain: np.ndarray  # positions of live enterprises without subscriptions
    filters: dict[tuple[SubscriptionKind, str], np.ndarray]  # (kind, value) -> rows of (position, speed, id)


ROSTER_KEY = "ole_push_rosters"
# Enterprises kept in rosters per process, all spans together (the oldest span goes first beyond it): every
# enterprise of the national pilot once, whether as one span (`flask push run` for a new declaration) or as
# the shards a Celery worker serves (fixed ranges of PUSH_SHARD_SIZE).
ROSTER_ENTERPRISES = 120_000


def _stamp(span: tuple[int, int]) -> tuple[Any, ...]:
    """What a chunk's enterprises are built from, in four aggregates: the enterprise accounts (a changed
    role changes the set), their organisations' last change, the active subscriptions (created and deleted,
    never edited: app/matches/subscriptions.py), and how many features are stored (rows a rolled-back run
    did not keep are stored again by the next; a changed profile changes its organisation's stamp)."""
    enterprise = (User.role == Role.ENTERPRISE, User.id.between(*span))
    parts = [
        select(func.count(User.id), func.sum(User.id)).where(*enterprise),
        select(func.count(Organisation.id), func.max(Organisation.updated_at))
        .join(User, Organisation.owner_id == User.id)
        .where(*enterprise),
        select(func.count(Subscription.id), func.sum(Subscription.id), func.max(Subscription.id)).where(
            Subscription.active.is_(True), Subscription.user_id.between(*span)
        ),
        select(func.count()).select_from(MatchProfile).where(MatchProfile.user_id.between(*span)),
    ]
    return tuple(value for part in parts for value in db.session.execute(part).one())


def _roster(m: Matcher, span: tuple[int, int]) -> Roster:
    """The span's roster: the one kept if nothing of it changed, else built (features refreshed)."""
    stamp = _stamp(span)
    rosters: OrderedDict[tuple[int, int], Roster]
    rosters = current_app.extensions.setdefault(ROSTER_KEY, OrderedDict())
    kept = rosters.pop(span, None)
    if kept is not None and kept.matcher is m and kept.stamp == stamp:
        rosters[span] = kept
        return kept
    ents = _enterprises(span)
    queries = [e.query() for e in ents]
    live = [n for n, q in enumerate(queries) if not is_empty(q)]
    texts = [(n, s) for n in live for s in ents[n].subs if s.kind == SubscriptionKind.TEXT]
    wanted = {(ents[n].id, 0): queries[n] for n in live}
    wanted |= {(ents[n].id, s.id): MatchQuery(text=s.value) for n, s in texts}
    scoring.refresh(m, wanted, span)
    profile = np.zeros(len(ents), np.int64)
    profile[live] = np.arange(len(live))
    grouped: dict[tuple[SubscriptionKind, str], list[tuple[int, int, int]]] = {}
    for n in live:
        for sub in ents[n].subs:
            if sub.kind != SubscriptionKind.TEXT:
                grouped.setdefault((sub.kind, sub.value), []).append((n, sub.speed, sub.id))
    roster = Roster(
        span,
        _stamp(span),  # after the refresh, which stores and deletes features
        m,
        ents,
        queries,
        live,
        texts,
        scoring.load(m, list(wanted)),
        profile,
        np.array([n for n in live if not ents[n].subs], np.int64),
        {key: np.array(rows, np.int64).reshape(-1, 3) for key, rows in grouped.items()},
    )
    rosters[span] = roster
    while sum(len(r.ents) for r in rosters.values()) > ROSTER_ENTERPRISES and len(rosters) > 1:
        rosters.popitem(last=False)
    return roster


def _push_chunk(m: Matcher, run: PushRun, docs: Docs, roster: Roster, threshold: float) -> int:
    found = _found(m, docs, roster, threshold)
    found = _drop_known(found, roster.ents, docs, roster.span)
    found = _drop_disliked(m, found, roster.ents, docs, roster.span)
    return _insert(m, run, found, roster, docs)


def _found(m: Matcher, docs: Docs, roster: Roster, threshold: float) -> Found:
    """Profile-only enterprises scoring >= threshold, and subscribers whose subscriptions accept."""
    plain = roster.plain
    hits = scoring.above(
        m,
        roster.feats.rows(roster.profile[plain]),
        [roster.queries[n] for n in plain.tolist()],
        docs.features,
        threshold,
        q_chunk=_q_chunk(docs),
    )
    accepted = _accepted(m, docs, roster, threshold)
    return Found(
        np.concatenate([plain[hits.q], accepted.e]),
        np.concatenate([hits.d, accepted.d]),
        np.concatenate([np.full(len(hits.q), DEFAULT_SPEED), accepted.speed]),
        accepted.accepted,
    )


def _q_chunk(docs: Docs) -> int:
    """Query rows per scoring block: about 2**20 pairs (512 rows of 2,048 declarations), and more rows when
    the declarations are few (one block per 512 of 110,000 enterprises cost more than the products)."""
    return max(512, 2**20 // max(len(docs.ids), 1))


def _accepted(m: Matcher, docs: Docs, roster: Roster, threshold: float) -> Found:
    """(enterprise, declaration, fastest frequency, accepting subscriptions) accepted by a filter or a text
    subscription. Each distinct filter is asked once, for all the enterprises that hold it."""
    e: list[np.ndarray] = []
    d: list[np.ndarray] = []
    speed: list[np.ndarray] = []
    sid: list[np.ndarray] = []
    for (kind, value), holders in roster.filters.items():
        rows = docs.index.accepts(kind, value)
        if len(rows):
            e.append(np.repeat(holders[:, 0], len(rows)))
            d.append(np.tile(rows, len(holders)))
            speed.append(np.repeat(holders[:, 1], len(rows)))
            sid.append(np.repeat(holders[:, 2], len(rows)))
    texts = roster.texts
    if texts:
        first = len(roster.live)  # text subscription rows follow the profile rows in feats
        rows = np.arange(first, first + len(texts))
        # The reference compares the rounded score (Match.score) for text subscriptions.
        text_queries = [MatchQuery(text=s.value) for _, s in texts]
        hits = scoring.above(
            m, roster.feats.rows(rows), text_queries, docs.features, threshold - 5e-5, q_chunk=_q_chunk(docs)
        )
        ok = np.round(hits.fused, 4) >= threshold
        e.append(np.array([texts[i][0] for i in hits.q[ok]], np.int64))
        d.append(hits.d[ok])
        speed.append(np.array([texts[i][1].speed for i in hits.q[ok]], np.int64))
        sid.append(np.array([texts[i][1].id for i in hits.q[ok]], np.int64))
    return _fastest(e, d, speed, sid)


def _fastest(
    e: list[np.ndarray], d: list[np.ndarray], speed: list[np.ndarray], sid: list[np.ndarray]
) -> Found:
    """One row per pair, at the fastest frequency of the subscriptions that accepted it; those noted."""
    if not e:
        z = np.zeros(0, np.int64)
        return Found(z, z, z)
    ea, da, sa, ia = (np.concatenate(x).astype(np.int64) for x in (e, d, speed, sid))
    order = np.lexsort((sa, da, ea))
    ea, da, sa, ia = ea[order], da[order], sa[order], ia[order]
    first = np.ones(len(ea), bool)
    first[1:] = (ea[1:] != ea[:-1]) | (da[1:] != da[:-1])
    accepted: dict[tuple[int, int], list[int]] = {}
    for n, j, i in zip(ea.tolist(), da.tolist(), ia.tolist(), strict=True):
        accepted.setdefault((n, j), []).append(i)
    return Found(ea[first], da[first], sa[first], accepted)


def _keys(found: Found, ents: list[Enterprise], docs: Docs) -> np.ndarray:
    uid = np.array([e.id for e in ents], np.int64)
    return uid[found.e] * _PAIR + docs.ids[found.d]


def _keep(found: Found, mask: np.ndarray) -> Found:
    return Found(found.e[mask], found.d[mask], found.speed[mask], found.accepted)


def _drop_known(found: Found, ents: list[Enterprise], docs: Docs, span: tuple[int, int]) -> Found:
    """Drop pairs already told (an inbox item exists) or already licensed."""
    keys = _keys(found, ents, docs)
    known = [
        u * int(_PAIR) + d
        for stmt in _known_pairs(found, ents, docs, span)
        for u, d in db.session.execute(stmt)
    ]
    return _keep(found, ~np.isin(keys, np.array(known, np.int64)))


def _known_pairs(found: Found, ents: list[Enterprise], docs: Docs, span: tuple[int, int]) -> list[Select]:
    """Queries of the (user, declaration) pairs told or licensed: those of the whole span, or with few
    declarations, those of the found pairs' enterprises and declarations (an index probe per enterprise
    instead of reading every inbox item of the span)."""
    told = select(MatchNotice.user_id, MatchNotice.declaration_id)
    licensed = select(Licence.licensee_id, Licence.declaration_id)
    decls = np.unique(docs.ids[found.d]).tolist()
    if len(decls) > FEW_DECLARATIONS:
        return [
            told.where(MatchNotice.user_id.between(*span)),
            licensed.where(Licence.licensee_id.between(*span)),
        ]
    users = np.unique(np.array([e.id for e in ents], np.int64)[found.e]).tolist()
    return [
        stmt
        for part in in_chunks(users)
        for stmt in (
            told.where(MatchNotice.user_id.in_(part), MatchNotice.declaration_id.in_(decls)),
            licensed.where(Licence.licensee_id.in_(part), Licence.declaration_id.in_(decls)),
        )
    ]


def _drop_disliked(
    m: Matcher, found: Found, ents: list[Enterprise], docs: Docs, span: tuple[int, int]
) -> Found:
    """Feedback is used: no push similar to what the enterprise marked not useful."""
    stmt = select(Feedback.user_id, Declaration).join(Declaration, Feedback.declaration_id == Declaration.id)
    stmt = stmt.where(Feedback.useful.is_(False), Feedback.user_id.between(*span)).order_by(Declaration.id)
    bad: dict[int, list[Declaration]] = {}
    for uid, decl in db.session.execute(stmt):
        bad.setdefault(uid, []).append(decl)
    if not bad or not len(found.e):
        return found
    uid = np.array([e.id for e in ents], np.int64)[found.e]
    return _keep(found, ~suppressed(m, uid, docs.ids[found.d], bad))


def _insert(m: Matcher, run: PushRun, found: Found, roster: Roster, docs: Docs) -> int:
    """Reasons for the pushed pairs only, the SEI bonus, one bulk insert; the rows written."""
    profile = roster.profile
    row_queries = {int(profile[n]): roster.queries[n] for n in set(found.e.tolist())}
    reasons, fused = scoring.reasons(
        m,
        row_queries,
        scoring.documents(m, docs.ids.tolist()),
        (roster.feats, docs.features),
        (profile[found.e], found.d),
    )
    ents = roster.ents
    rows = [
        _notice(run, ents[n], docs.facts[j], round(f, 4), r, SPEEDS[s], found.accepted.get((n, j), []))
        for n, j, f, r, s in zip(
            found.e.tolist(),
            found.d.tolist(),
            fused.tolist(),
            reasons,
            found.speed.tolist(),
            strict=True,
        )
    ]
    return insert_notices(rows)


def _notice(
    run: PushRun,
    e: Enterprise,
    facts: DeclFacts,
    score: float,
    reasons: dict[str, Any],
    freq: Frequency,
    accepted: list[int],
) -> dict[str, Any]:
    score, reasons = with_links(score, reasons, links_of(list(facts.sei), e.sei_picks(), e.all_industries()))
    reasons = with_accepted(reasons, [(s.kind, s.value) for s in e.subs if s.id in accepted])
    return {
        "user_id": e.id,
        "declaration_id": facts.id,
        "score": score,
        "reasons": reasons,
        "frequency": freq,
        "push_run_id": run.id,
        "created_at": clock.now(),
        "email_error": "",
    }


_COLUMNS = (
    "user_id",
    "declaration_id",
    "score",
    "reasons",
    "frequency",
    "push_run_id",
    "created_at",
    "email_error",
)


def insert_notices(rows: Sequence[dict[str, Any]]) -> int:
    """Insert inbox rows, skipping pairs another worker wrote meanwhile; the count written."""
    if not rows:
        return 0
    if db.engine.dialect.name == "postgresql":
        return _copy_insert(rows)
    stmt = sqlite_insert(MatchNotice.__table__).on_conflict_do_nothing(
        index_elements=["user_id", "declaration_id"]
    )
    result = db.session.execute(stmt.returning(MatchNotice.__table__.c.id), list(rows))
    return len(result.all())


def _copy_insert(rows: Sequence[dict[str, Any]]) -> int:
    """PostgreSQL: COPY into a temporary table, then one INSERT ... ON CONFLICT DO NOTHING from it."""
    cols = ", ".join(_COLUMNS)
    conn = db.session.connection().connection.driver_connection
    assert conn is not None
    with conn.cursor() as cur:
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS push_batch_rows ON COMMIT DELETE ROWS "
            f"AS SELECT {cols} FROM match_notices WITH NO DATA"
        )
        with cur.copy(f"COPY push_batch_rows ({cols}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(
                    [
                        json.dumps(r[c], ensure_ascii=False) if c == "reasons" else _plain(r[c])
                        for c in _COLUMNS
                    ]
                )
        cur.execute(
            f"INSERT INTO match_notices ({cols}) SELECT {cols} FROM push_batch_rows "
            "ON CONFLICT (user_id, declaration_id) DO NOTHING"
        )
        written = int(cur.rowcount)
        cur.execute("DELETE FROM push_batch_rows")
    return written


def _plain(value: Any) -> Any:
    return value.name if isinstance(value, Frequency) else value  # the Enum column stores member names


def _mark_done(task_ids: list[int], run: PushRun, cursor: int) -> None:
    now = clock.now()
    for part in in_chunks(task_ids):
        db.session.execute(
            update(PushTask).where(PushTask.id.in_(part)).values(done_at=now, push_run_id=run.id)
        )
    run.cursor, run.declarations = cursor, run.declarations + len(task_ids)
    db.session.flush()
