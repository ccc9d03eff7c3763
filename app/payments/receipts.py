"""Payment receipts: PDF, PNG or JPEG up to RECEIPT_MAX_BYTES, stored under RECEIPT_DIR by SHA-256;
only the payer, the payee and operators may read one."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from app.auth.models import Role, User
from app.errors import Forbidden, NotFound, ValidationFailed
from app.extensions import db
from app.licences.models import Payment
from app.payments.claims import ReceiptMeta

# The type is read from the file's first bytes, never from the name or the sender's header.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


@dataclass(frozen=True)
class Receipt:
    """An uploaded receipt as the view received it."""

    filename: str
    content: bytes


def _kind(content: bytes) -> tuple[str, str] | None:
    return next(((mime, ext) for magic, mime, ext in SIGNATURES if content.startswith(magic)), None)


def store_receipt(receipt: Receipt) -> ReceiptMeta:
    """Check the receipt's size and type and store it under its SHA-256; 422 naming the field otherwise."""
    limit = current_app.config["RECEIPT_MAX_BYTES"]
    if not receipt.content or len(receipt.content) > limit:
        raise ValidationFailed(
            _("付款凭证文件无效。"),
            {"receipt": _("文件须非空且不超过 %(mb)s MB。", mb=limit // (1024 * 1024))},
        )
    kind = _kind(receipt.content)
    if kind is None:
        raise ValidationFailed(_("付款凭证文件无效。"), {"receipt": _("只接受 PDF、PNG 或 JPEG 文件。")})
    digest = hashlib.sha256(receipt.content).hexdigest()
    folder = Path(current_app.config["RECEIPT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / digest
    if not path.exists():
        path.write_bytes(receipt.content)
    name = UNSAFE_NAME.sub("_", Path(receipt.filename.replace("\\", "/")).name)[-200:] or "receipt"
    return ReceiptMeta(digest, name, kind[0])


def can_read_receipt(actor: User, payment: Payment) -> bool:
    return actor.id in (payment.payer_id, payment.payee_id) or actor.has_role(Role.OPERATOR)


def receipt_file(actor: User, payment_id: int) -> tuple[Path, str, str]:
    """(path, content type, download name) of a payment's receipt, for the parties and operators."""
    payment = db.session.get(Payment, payment_id)
    if payment is None or not payment.receipt_sha256:
        raise NotFound(_("付款凭证不存在。"))
    if not can_read_receipt(actor, payment):
        raise Forbidden(_("只有付款双方和运营中心可以查看付款凭证。"))
    ext = next(e for _m, mime, e in SIGNATURES if mime == payment.receipt_type)
    path = Path(current_app.config["RECEIPT_DIR"]) / payment.receipt_sha256
    if not path.is_file():
        raise NotFound(_("付款凭证文件已不存在。"))
    return path, payment.receipt_type, f"receipt-{payment.id}{ext}"
