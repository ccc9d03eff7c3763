"""Match e-mails over SMTP: one per notice (immediately) or a daily/weekly digest, in Chinese (UTF-8)."""

from __future__ import annotations

import re
import smtplib
from collections.abc import Sequence
from email.message import EmailMessage
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from app.matches.models import Frequency, MatchNotice

# Public page of one announcement; the first endpoint that exists is used.
ANNOUNCEMENT_ENDPOINTS = (("market.announcement", "decl_id"), ("declarations.show", "decl_id"))
DIGEST_TITLES = {Frequency.DAILY: _l("每日"), Frequency.WEEKLY: _l("每周")}
HEADER_MAX = 200  # characters of one header value (a subject carries at most 40 of the title)
# CR and LF would start a new header ("\r\nBcc: x@y"); other controls are not text either.
HEADER_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def mail_enabled() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def announcement_url(decl_id: int) -> str:
    """Absolute link to the announcement (PUBLIC_BASE_URL; works outside a request, e.g. in the CLI)."""
    base = str(current_app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/")
    adapter = current_app.url_map.bind("localhost")
    for endpoint, arg in ANNOUNCEMENT_ENDPOINTS:
        try:
            return base + adapter.build(endpoint, {arg: decl_id})
        except BuildError:
            continue
    return f"{base}{adapter.build('market.announcements')}#decl-{decl_id}"


def _reason_lines(reasons: dict[str, Any]) -> list[str]:
    lines = [_("  为什么推荐：%(summary)s", summary=reasons.get("summary_zh", ""))]
    if reasons.get("shared_terms"):
        lines.append(_("  共同关键词：%(terms)s", terms="、".join(reasons["shared_terms"])))
    for link in reasons.get("ipc_links", [])[:2]:
        kind = _("同属") if link.get("declared") else _("推断相关")
        lines.append(
            _(
                "  IPC 关联：%(kind)s %(subclass)s %(title)s",
                kind=kind,
                subclass=link["subclass"],
                title=link.get("title_zh", ""),
            )
        )
    for link in reasons.get("industry_links", [])[:2]:
        lines.append(
            _(
                "  行业关联：%(industry)s（经 IPC %(subclass)s 推导）",
                industry=link["industry_name"],
                subclass=link["subclass"],
            )
        )
    scores = reasons.get("channel_scores", {})
    if scores:
        names = {"lexical": _("文本"), "dense": _("语义"), "ipc": _("IPC分类"), "topic": _("技术主题")}
        lines.append(
            _(
                "  各通道得分：%(scores)s",
                scores="，".join(f"{names.get(k, k)} {v:.2f}" for k, v in scores.items()),
            )
        )
    return lines


def _item_lines(notice: MatchNotice) -> list[str]:
    decl = notice.declaration
    patent = decl.patent
    return [
        f"【{patent.title}】（{patent.number}）",
        _("  匹配度：%(score).2f", score=notice.score),
        *_reason_lines(notice.reasons),
        _("  查看公告：%(url)s", url=announcement_url(decl.id)),
        "",
    ]


def header_value(value: str, limit: int = HEADER_MAX) -> str:
    """A safe header value: control characters (CR and LF above all) become one space; at most `limit`."""
    return HEADER_BAD.sub(" ", value).strip()[:limit]


def _message(to: str, subject: str, lines: Sequence[str]) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = header_value(current_app.config["MAIL_SENDER"])
    msg["To"] = header_value(to)
    msg["Subject"] = header_value(subject)
    footer = ["——", _("开放许可撮合平台：您可在站内“匹配推送”中查看全部推荐、标记是否有用或修改订阅。")]
    msg.set_content("\n".join([*lines, *footer]), charset="utf-8")
    return msg


def notice_message(notice: MatchNotice) -> EmailMessage:
    """One immediate push: the licence, why it was recommended, and the link."""
    title = notice.declaration.patent.title
    head = [_("您好！平台新公告的一项专利开放许可与贵单位的需求匹配："), ""]
    return _message(
        notice.user.email, _("【开放许可推荐】%(title)s", title=title[:40]), [*head, *_item_lines(notice)]
    )


def digest_message(to: str, frequency: Frequency, notices: Sequence[MatchNotice]) -> EmailMessage:
    """A daily or weekly digest of several notices."""
    label = DIGEST_TITLES.get(frequency, "")
    head = [_("您好！以下 %(count)d 项专利开放许可与贵单位的需求匹配：", count=len(notices)), ""]
    body = [line for n in notices for line in _item_lines(n)]
    return _message(
        to, _("【开放许可%(label)s推荐】共 %(count)d 项", label=label, count=len(notices)), [*head, *body]
    )


def is_permanent(err: Exception) -> bool:
    """True when retrying cannot help: the message cannot be built, or the server answered 5xx."""
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in err.recipients.values())
    if isinstance(err, smtplib.SMTPResponseException):
        return err.smtp_code >= 500
    return isinstance(err, (ValueError, TypeError, UnicodeError))


def send(message: EmailMessage) -> None:
    """Deliver one message through MAIL_SERVER:MAIL_PORT (raises smtplib errors)."""
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30) as smtp:
        smtp.send_message(message)
