"""Web pages: the patentee confirms or disputes on the licence page; receipts; the operator's queue."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.auth.models import Role
from app.extensions import db
from app.licences.models import Licence, LicenceStatus, Payment, PaymentStatus
from app.payments.models import PaymentDispute
from tests.declarations.helpers import publish
from tests.rows import count
from tests.uploads import post_file

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FORM = {"notice": "书面通知：愿按公告标准实施。", "payment_reference": "ICBC-1", "amount": "50000.00"}


def test_patentee_confirms_on_the_licence_page(client, login, licence):
    login(licence.declaration.owner)
    page = client.get(f"/licences/{licence.id}").get_data(as_text=True)
    payment_id = licence.upfront_payment.id
    assert f'id="confirm-payment-{payment_id}"' in page and "待确认收款" in page
    resp = client.post(f"/payments/{payment_id}/confirm", follow_redirects=True)
    assert "已确认收款" in resp.get_data(as_text=True)
    assert licence.status is LicenceStatus.IN_FORCE
    assert f'id="confirm-payment-{payment_id}"' not in client.get(f"/licences/{licence.id}").get_data(
        as_text=True
    )


def test_licensee_sees_no_button_and_cannot_confirm(client, login, make_user, licence):
    login(licence.licensee)
    payment_id = licence.upfront_payment.id
    assert f'id="confirm-payment-{payment_id}"' not in client.get(f"/licences/{licence.id}").get_data(
        as_text=True
    )
    assert client.post(f"/payments/{payment_id}/confirm").status_code == 403  # enterprises never confirm
    login(make_user(Role.PATENTEE))
    client.post(f"/payments/{payment_id}/confirm")
    assert licence.upfront_payment.status is PaymentStatus.CLAIMED


def test_dispute_then_operator_resolves_in_the_queue(client, login, make_user, licence):
    login(licence.declaration.owner)
    payment_id = licence.upfront_payment.id
    empty = client.post(f"/payments/{payment_id}/dispute", data={"reason": ""}, follow_redirects=True)
    assert "请修改标出的字段" in empty.get_data(as_text=True) and count(PaymentDispute) == 0
    client.post(f"/payments/{payment_id}/dispute", data={"reason": "未收到款项"})
    assert licence.status is LicenceStatus.DISPUTED
    assert client.get("/payments/queue").status_code == 403
    login(make_user(Role.OPERATOR))
    queue = client.get("/payments/queue").get_data(as_text=True)
    dispute = db.session.scalar(select(PaymentDispute))
    assert "未收到款项" in queue and f'id="dispute-{dispute.id}"' in queue
    bad = client.post(
        f"/payments/disputes/{dispute.id}/resolve", data={"route": "duel", "outcome": "refunded"}
    )
    assert bad.status_code == 422 and dispute.resolved_at is None
    done = client.post(
        f"/payments/disputes/{dispute.id}/resolve",
        data={"route": "negotiation", "outcome": "refunded", "note": "双方协商退款"},
        follow_redirects=True,
    )
    assert "已记录争议处理结果" in done.get_data(as_text=True) and "双方协商退款" in done.get_data(
        as_text=True
    )
    assert (
        licence.status is LicenceStatus.CANCELLED and licence.upfront_payment.status is PaymentStatus.REFUNDED
    )


def test_queue_lists_overdue_claims(client, login, make_user, licence):
    login(make_user(Role.OPERATOR))
    assert f'id="overdue-{licence.upfront_payment.id}"' not in client.get("/payments/queue").get_data(
        as_text=True
    )
    with clock.travel(clock.now() + timedelta(days=16)):
        page = client.get("/payments/queue").get_data(as_text=True)
    assert f'id="overdue-{licence.upfront_payment.id}"' in page


def test_confirm_needs_the_csrf_token(app, client, login, licence):
    login(licence.declaration.owner)
    app.config["WTF_CSRF_ENABLED"] = True
    client.post(f"/payments/{licence.upfront_payment.id}/confirm")
    assert licence.upfront_payment.status is PaymentStatus.CLAIMED


@pytest.fixture
def receipts_dir(app, tmp_path):
    app.config["RECEIPT_DIR"] = str(tmp_path / "receipts")
    return tmp_path / "receipts"


def _take_with(client, login, make_user, decl, content: bytes, name: str = "回单.png"):
    enterprise = make_user(Role.ENTERPRISE)
    login(enterprise)
    return enterprise, post_file(
        client, f"/announcements/{decl.id}/licence", name, content, "receipt", **FORM
    )


def test_receipt_is_stored_by_sha256_and_shown_to_the_parties_only(
    app, client, login, make_user, make_declaration, receipts_dir
):
    decl = publish(make_declaration())
    enterprise, resp = _take_with(client, login, make_user, decl, PNG)
    assert resp.status_code == 302
    payment = db.session.scalar(select(Payment))
    digest = hashlib.sha256(PNG).hexdigest()
    assert (payment.receipt_sha256, payment.receipt_type) == (digest, "image/png")
    assert (receipts_dir / digest).read_bytes() == PNG
    for user, status in ((enterprise, 200), (decl.owner, 200), (make_user(Role.OPERATOR), 200),
                         (make_user(Role.ENTERPRISE), 403), (make_user(Role.PATENTEE), 403)):  # fmt: skip
        login(user)
        got = client.get(f"/payments/{payment.id}/receipt")
        assert got.status_code == status
        if status == 200:
            assert got.data == PNG and got.mimetype == "image/png"


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"MZ\x90\x00 not a receipt", "receipt.png"), (b"", "empty.pdf"), (b"%PDF-" + b"0" * 2048, "big.pdf")],
)
def test_bad_receipts_are_refused_and_nothing_written(
    app, client, login, make_user, make_declaration, receipts_dir, content, name
):
    app.config["RECEIPT_MAX_BYTES"] = 1024  # the limit is a setting (5 MB by default)
    decl = publish(make_declaration())
    _enterprise, resp = _take_with(client, login, make_user, decl, content, name)
    assert resp.status_code == 422 and "付款凭证文件无效" in resp.get_data(as_text=True)
    assert count(Licence) == 0 and count(Payment) == 0 and not receipts_dir.exists()
