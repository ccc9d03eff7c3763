"""Issue 8 §6: a hostile title cannot inject headers; one undeliverable message never blocks the rest."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.mail import header_value
from app.matches.models import MatchNotice, PushRun, PushRunStatus
from app.patents.models import Patent
from tests.matches.conftest import SODIUM_CATHODE, UPS_BATTERY

HOSTILE = "钠离子电池正极材料\r\nBcc: x@y"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("plain 标题", "plain 标题"),
        ("a\r\nBcc: x@y", "a Bcc: x@y"),
        ("a\nb\rc", "a b c"),
        ("nul\x00tab\tdel\x7f", "nul tab del"),
        ("line\u2028sep", "line sep"),
        ("长" * 300, "长" * 200),
    ],
)
def test_header_value_removes_control_characters_and_limits_length(raw, safe):
    assert header_value(raw) == safe


def _legacy_title(decl, title: str) -> None:
    """A title stored before the input checks existed (the app refuses it today, so write it directly)."""
    db.session.execute(update(Patent).where(Patent.id == decl.patent_id).values(title=title))
    db.session.commit()


def test_crlf_in_a_title_cannot_add_a_bcc_and_later_mail_still_goes(licence, enterprise, smtp, push_run):
    first = enterprise(subs=(("ipc", "H01M", "immediately"),))
    hostile = licence(SODIUM_CATHODE)
    _legacy_title(hostile, HOSTILE)
    licence(UPS_BATTERY)
    result = push_run()
    assert result.exit_code == 0, result.output
    assert len(smtp.messages) == 2
    assert all(rcpts == [first.email] for rcpts in smtp.envelope_recipients)
    subjects = [str(m["Subject"]) for m in smtp.messages]
    assert any("Bcc: x@y" in s and "\n" not in s and "\r" not in s for s in subjects)
    assert all(m["Bcc"] is None for m in smtp.messages)


def test_a_refused_message_is_marked_failed_and_the_queue_moves_on(licence, enterprise, smtp, push_run):
    refused = enterprise(subs=(("ipc", "H01M", "immediately"),))
    others = [enterprise(subs=(("ipc", "H01M", "immediately"),)) for _ in range(2)]
    smtp.refuse = {refused.email}
    licence(SODIUM_CATHODE)
    result = push_run()
    assert result.exit_code == 0, result.output
    assert sorted(smtp.recipients()) == sorted(u.email for u in others)
    failed = db.session.scalar(select(MatchNotice).where(MatchNotice.user_id == refused.id))
    assert failed.emailed_at is None and failed.email_failed_at is not None
    assert "550" in failed.email_error
    assert db.session.scalar(select(PushRun)).status == PushRunStatus.DONE

    smtp.refuse = set()
    assert push_run().exit_code == 0
    assert len(smtp.messages) == 2  # the failed one is not retried, the sent ones are not resent


def test_a_weekly_digest_refused_for_good_is_marked_failed(licence, enterprise, smtp, push_run):
    buyer = enterprise(subs=(("ipc", "H01M", "weekly"),))
    smtp.refuse = {buyer.email}
    licence(SODIUM_CATHODE)
    licence(UPS_BATTERY)
    assert push_run().exit_code == 0
    notices = db.session.scalars(select(MatchNotice)).all()
    assert len(notices) == 2 and all(n.email_failed_at is not None for n in notices)
    assert smtp.messages == []
