"""One announced declaration per patent, held by the database and by row locks under concurrent publishes."""

from __future__ import annotations

import os
import threading
from collections import Counter

import pytest
from sqlalchemy.exc import IntegrityError

from app.auth.models import User
from app.declarations.models import Declaration, DeclarationEvent, DeclarationStatus
from app.declarations.services import publish_declaration
from app.errors import DomainError
from app.extensions import db
from tests.declarations.helpers import TODAY

PARALLEL = 20
on_postgres = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="the races need PostgreSQL (TEST_DATABASE_URL); SQLite serialises writers",
)


def test_the_database_refuses_a_second_published_declaration(app, make_declaration):
    first = make_declaration(status=DeclarationStatus.PUBLISHED)
    make_declaration(first.patent, status=DeclarationStatus.WITHDRAWN)  # other states are not limited
    make_declaration(first.patent, status=DeclarationStatus.DRAFT)
    with pytest.raises(IntegrityError):
        make_declaration(first.patent, status=DeclarationStatus.PUBLISHED)
    db.session.rollback()


def test_an_index_conflict_is_a_clear_409_not_a_500(client, make_declaration, monkeypatch, auth_headers):
    """If two publishes pass the rules at once, the index refuses the second with the rule's message."""
    first = make_declaration(status=DeclarationStatus.PUBLISHED)
    second = make_declaration(first.patent)
    monkeypatch.setattr("app.declarations.services.refusals", lambda decl, today: [])
    resp = client.post(f"/api/v1/declarations/{second.id}/publish", headers=auth_headers(first.owner))
    error = resp.get_json()["error"]
    assert resp.status_code == 409 and "one_open_declaration" in error["fields"]
    assert "第八十五条" in error["message"]
    db.session.expire_all()
    assert db.session.get(Declaration, second.id).status == DeclarationStatus.DRAFT


def _race(app, owner_id: int, decl_ids: list[int]) -> Counter[str]:
    """Publish each declaration id from its own thread, app context and database connection, all at once."""
    barrier, outcomes, lock = threading.Barrier(len(decl_ids)), Counter[str](), threading.Lock()

    def publish(decl_id: int) -> None:
        barrier.wait(timeout=60)  # before any connection is taken: the pool is smaller than the crowd
        with app.app_context():
            try:
                publish_declaration(db.session.get(User, owner_id), decl_id, today=TODAY)
                db.session.commit()
                outcome = "published"
            except DomainError as err:
                db.session.rollback()
                outcome = err.rule or err.code
            with lock:
                outcomes[outcome] += 1

    threads = [threading.Thread(target=publish, args=(i,)) for i in decl_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def _published_events() -> int:
    query = db.select(db.func.count(DeclarationEvent.id)).where(DeclarationEvent.action == "published")
    return db.session.scalar(query)


@pytest.mark.postgres
@on_postgres
def test_parallel_publishes_of_one_patents_drafts_announce_one(app, make_patent, make_declaration):
    patent = make_patent()
    drafts, owner_id = [make_declaration(patent).id for _ in range(PARALLEL)], patent.owner_id
    db.session.remove()
    outcomes = _race(app, owner_id, drafts)
    assert outcomes == Counter(published=1, one_open_declaration=PARALLEL - 1)
    query = db.select(db.func.count(Declaration.id)).where(Declaration.status == DeclarationStatus.PUBLISHED)
    assert db.session.scalar(query) == 1 and _published_events() == 1


@pytest.mark.postgres
@on_postgres
def test_parallel_publishes_of_one_draft_write_one_audit_event(app, make_declaration):
    decl = make_declaration()
    decl_id, owner_id = decl.id, decl.owner_id
    db.session.remove()
    outcomes = _race(app, owner_id, [decl_id] * PARALLEL)
    assert outcomes == Counter(published=1, draft_only=PARALLEL - 1)
    assert _published_events() == 1
    assert db.session.get(Declaration, decl_id).status == DeclarationStatus.PUBLISHED
