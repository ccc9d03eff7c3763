"""Feedback on matches: stored per (enterprise, licence), used to stop similar pushes and to train."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.integrations.matching import doc_vectors, to_document
from app.matches.models import Feedback, MatchNotice
from app.matches.subscriptions import enterprise_query
from matching.explain import feedback_pairs, filter_by_feedback
from matching.matcher import Matcher
from matching.types import Match, MatchDocument, MatchQuery

# Matcher score (disliked licence as the query) at or above which a candidate sharing an IPC subclass
# counts as "similar". Measured with the default (fitted) weights on real titles: two water-based coatings
# (C09D) 0.51, two cathode materials (H01M) 0.79; same subclass but different topics (a sodium cathode and
# a UPS battery pack, H01M; a robot joint reducer and a welding fixture, B25J) 0.24-0.28.
SIMILAR_SCORE = 0.45


def record_feedback(actor: User, decl_id: int, useful: bool) -> Feedback:
    """Store (or change) the actor's verdict on a matched licence."""
    if not actor.has_role(Role.ENTERPRISE):
        raise Forbidden(_("只有企业账户可以评价推荐结果。"))
    decl = db.session.get(Declaration, decl_id)
    noticed = db.session.scalar(
        select(MatchNotice.id).where(MatchNotice.user_id == actor.id, MatchNotice.declaration_id == decl_id)
    )
    if decl is None or (decl.status != DeclarationStatus.PUBLISHED and noticed is None):
        raise NotFound(_("该开放许可声明不存在或已撤回。"))
    row = db.session.scalar(
        select(Feedback).where(Feedback.user_id == actor.id, Feedback.declaration_id == decl_id)
    )
    if row is None:
        row = Feedback(user_id=actor.id, declaration_id=decl_id, useful=useful)
        db.session.add(row)
    row.useful = useful
    db.session.flush()
    return row


def verdicts(user_id: int) -> dict[int, bool]:
    """Declaration id -> useful, for one enterprise."""
    rows = db.session.execute(
        select(Feedback.declaration_id, Feedback.useful).where(Feedback.user_id == user_id)
    )
    return {decl_id: useful for decl_id, useful in rows}


def disliked(user_id: int) -> list[Declaration]:
    stmt = select(Declaration).join(Feedback, Feedback.declaration_id == Declaration.id)
    stmt = stmt.where(Feedback.user_id == user_id, Feedback.useful.is_(False)).order_by(Declaration.id)
    return list(db.session.scalars(stmt))


def _subclasses(codes: Sequence[str]) -> set[str]:
    return {c.replace(" ", "")[:4].upper() for c in codes}


class FeedbackFilter:
    """Drops matches similar to what one enterprise marked not useful."""

    def __init__(self, m: Matcher, bad: Sequence[Declaration]) -> None:
        self.m = m
        self.bad = [to_document(d) for d in bad]
        self.bad_vectors = doc_vectors(m, bad)

    def keep(self, matches: Sequence[Match], docs: dict[int, MatchDocument]) -> list[Match]:
        """The matches that survive, re-sorted; `docs` maps each match's doc_id to its document."""
        if not self.bad:
            return list(matches)
        vectors = {m.doc_id: v for m, v in zip(matches, self._vectors(matches, docs), strict=True)}
        kept = filter_by_feedback(matches, vectors, self.bad_vectors)
        return [m for m in kept if not self._similar_to_bad(docs[m.doc_id])]

    def _vectors(self, matches: Sequence[Match], docs: dict[int, MatchDocument]) -> list[np.ndarray]:
        known = self.m.vectors()
        missing = [docs[m.doc_id] for m in matches if m.doc_id not in known]
        fresh = (
            dict(zip([d.id for d in missing], self.m.featurizer.docs(missing).vec, strict=True))
            if missing
            else {}
        )
        return [known[m.doc_id] if m.doc_id in known else fresh[m.doc_id] for m in matches]

    def _similar_to_bad(self, doc: MatchDocument) -> bool:
        mine = _subclasses(doc.ipc)
        for bad in self.bad:
            if bad.id == doc.id or not (mine & _subclasses(bad.ipc)):
                continue
            as_query = MatchQuery(text=f"{bad.title} {bad.text}", ipc=bad.ipc)
            if self.m.score(as_query, [doc])[0].score >= SIMILAR_SCORE:
                return True
        return False


def training_pairs() -> list[tuple[str, str]]:
    """(enterprise profile text, licence text) positives from every "useful" verdict."""
    stmt = select(Feedback).where(Feedback.useful.is_(True)).order_by(Feedback.id)
    liked: list[tuple[MatchQuery, MatchDocument]] = []
    for row in db.session.scalars(stmt):
        user = db.session.get(User, row.user_id)
        if user is not None:
            liked.append((enterprise_query(user), to_document(row.declaration)))
    return feedback_pairs(liked)
