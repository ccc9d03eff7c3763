"""Payment providers behind one small interface; the one we ship verifies an HMAC-SHA256-signed webhook.

The provider signs ``f"{timestamp}.".encode() + body`` with the shared secret and sends
``X-OLE-Timestamp: <unix seconds>`` and ``X-OLE-Signature: sha256=<hex>``. A stale timestamp is refused,
so a captured callback cannot be replayed later; a repeated event id changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from flask import current_app
from flask_babel import gettext as _

from app import clock
from app.errors import DomainError, NotFound, ValidationFailed


class SignatureRejected(DomainError):
    status = 401
    code = "invalid_signature"


@dataclass(frozen=True)
class ConfirmedPayment:
    """What a provider's callback confirms: its event id, the licence paid for, the amount received."""

    event_id: str
    licence_id: int
    amount: Decimal
    currency: str


class Headers(Protocol):
    """The request headers as a verifier reads them: werkzeug's (case-insensitive) Headers, or a dict."""

    def get(self, key: str, default: str) -> str: ...


class PaymentProvider(Protocol):
    name: str

    def verify_callback(self, headers: Headers, body: bytes) -> ConfirmedPayment:
        """Check the callback's authenticity and read it; raise a DomainError when it is not genuine."""
        ...


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value for a body sent at ``timestamp`` (what the provider computes)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class HmacWebhookProvider:
    """A provider whose callbacks are signed with a shared secret (HMAC-SHA256 over timestamp and body)."""

    name = "hmac"

    def __init__(self, secret: str, tolerance: timedelta, now: Callable[[], datetime] = clock.now):
        self.secret, self.tolerance, self.now = secret, tolerance, now

    def verify_callback(self, headers: Headers, body: bytes) -> ConfirmedPayment:
        timestamp = self._timestamp(headers.get("X-OLE-Timestamp", ""))
        expected = sign(self.secret, timestamp, body)
        if not hmac.compare_digest(expected.encode(), headers.get("X-OLE-Signature", "").encode()):
            raise SignatureRejected(_("回调签名无效。"))
        return parse_event(body)

    def _timestamp(self, raw: str) -> int:
        if not raw.isdigit():
            raise SignatureRejected(_("回调缺少有效的时间戳。"))
        sent = int(raw)
        if abs(self.now().timestamp() - sent) > self.tolerance.total_seconds():
            raise SignatureRejected(_("回调时间戳已过期，可能是重放。"))
        return sent


def _field(data: dict[str, Any], name: str, kind: type, errors: dict[str, str]) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) or value == "":
        errors[name] = _("缺少或格式错误。")
    return value


def parse_event(body: bytes) -> ConfirmedPayment:
    """Read a signed event: {"event_id", "licence_id", "amount": "50000.00", "currency": "CNY"}."""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ValidationFailed(_("回调内容必须是 JSON 对象。"))
    errors: dict[str, str] = {}
    event_id, licence_id = _field(data, "event_id", str, errors), _field(data, "licence_id", int, errors)
    amount, currency = _field(data, "amount", str, errors), data.get("currency", "CNY")
    try:
        value = Decimal(amount) if "amount" not in errors else Decimal(0)
    except InvalidOperation:
        errors["amount"] = _("缺少或格式错误。")
    if currency != "CNY":
        errors["currency"] = _("只支持人民币（CNY）。")
    if errors or len(event_id) > 100:
        raise ValidationFailed(_("回调内容有误。"), errors or {"event_id": _("最多 100 个字符。")})
    return ConfirmedPayment(event_id, licence_id, value, currency)


def configured_provider() -> PaymentProvider:
    """The provider the settings configure; 404 while PAYMENT_WEBHOOK_SECRET is unset (webhook off)."""
    secret = current_app.config.get("PAYMENT_WEBHOOK_SECRET", "")
    if not secret:
        raise NotFound(_("未启用支付回调。"))
    tolerance = timedelta(seconds=current_app.config["PAYMENT_WEBHOOK_TOLERANCE_SECONDS"])
    return HmacWebhookProvider(secret, tolerance)
