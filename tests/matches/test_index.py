"""The index follows the market: publish adds, withdraw/expiry removes, reindex rebuilds."""

from __future__ import annotations

from datetime import date

from app.declarations import services as declarations
from app.declarations.models import DeclarationStatus
from app.extensions import db
from app.integrations import matching as integration
from app.matches.models import PushTask
from tests.matches.conftest import FLOW_METER, PRINTING, SODIUM_CATHODE, TODAY


def _draft(licence, patent):
    return licence(patent, status=DeclarationStatus.DRAFT, published_at=None)


def test_publish_adds_and_withdraw_removes_without_rebuild(app, licence):
    kept = licence(FLOW_METER)
    m = integration.get_matcher()
    assert set(m.docs) == {kept.id}
    draft = _draft(licence, SODIUM_CATHODE)

    declarations.publish_declaration(draft.owner, draft.id, today=TODAY)
    db.session.commit()
    assert integration.loaded_matcher() is m  # the same object: updated in place, not rebuilt
    assert set(m.docs) == {kept.id, draft.id}
    assert m.docs[draft.id].ipc == ("H01M",)
    assert db.session.query(PushTask).filter_by(declaration_id=draft.id, done_at=None).count() == 1

    declarations.withdraw_declaration(draft.owner, draft.id, "专利权转让")
    db.session.commit()
    assert integration.loaded_matcher() is m
    assert set(m.docs) == {kept.id}


def test_expiry_removes_from_index(app, licence):
    old = licence(PRINTING, period_end=date(2026, 3, 31))
    m = integration.get_matcher()
    assert old.id in m.docs
    declarations.expire_due_declarations(TODAY)
    db.session.commit()
    assert old.id not in m.docs


def test_listener_does_not_load_the_matcher(app, licence):
    draft = _draft(licence, SODIUM_CATHODE)
    declarations.publish_declaration(draft.owner, draft.id, today=TODAY)
    db.session.commit()
    assert integration.loaded_matcher() is None  # publishing stays cheap; the first use will include it
    assert draft.id in integration.get_matcher().docs


def test_rolled_back_publish_leaves_the_index_on_next_use(app, licence):
    integration.get_matcher()
    draft = _draft(licence, SODIUM_CATHODE)
    declarations.publish_declaration(draft.owner, draft.id, today=TODAY)
    assert draft.id in integration.loaded_matcher().docs
    db.session.rollback()
    assert draft.id not in integration.get_matcher().docs


def test_reindex_is_safe_to_rerun_and_persists(app, licence, tmp_path):
    app.config["MATCHING_INDEX_DIR"] = str(tmp_path / "index")
    ids = {licence(FLOW_METER).id, licence(PRINTING).id}
    licence(SODIUM_CATHODE, status=DeclarationStatus.WITHDRAWN)
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["matching", "reindex"])
        assert result.exit_code == 0, result.output
        assert "已索引 2 项" in result.output
    assert (tmp_path / "index" / "docs.jsonl").exists()
    assert not (tmp_path / "index.tmp").exists()
    app.extensions.pop(integration.EXTENSION_KEY)  # a fresh process: loads the saved index lazily
    assert set(integration.get_matcher().docs) == ids


def test_a_push_run_saves_the_index_only_when_it_changed(app, licence, push_run, tmp_path):
    app.config["MATCHING_INDEX_DIR"] = str(tmp_path / "index")
    licence(FLOW_METER)
    assert push_run().exit_code == 0
    docs = tmp_path / "index" / "docs.jsonl"
    first = docs.stat().st_ino
    assert push_run().exit_code == 0
    assert docs.stat().st_ino == first  # nothing added or removed: not written again
    licence(PRINTING)
    assert push_run().exit_code == 0
    assert docs.stat().st_ino != first and len(docs.read_text(encoding="utf-8").splitlines()) == 2


def test_listeners_are_connected_per_app_when_the_blueprint_is_registered(app):
    from app.declarations import events
    from app.matches import listeners

    assert listeners.on_published in events.published.receivers_for(app)
    assert listeners.on_unpublished in events.unpublished.receivers_for(app)
    assert listeners.on_published not in events.published.receivers_for(object())  # not at import time
