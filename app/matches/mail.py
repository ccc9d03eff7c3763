"""Match e-mails over SMTP: one per notice (immediately) or a daily/weekly digest, in Chinese (UTF-8)."""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from app.mail import message, public_base
from app.matches.models import Frequency, MatchNotice

# Public page of one announcement; the first endpoint that exists is used.
ANNOUNCEMENT_ENDPOINTS = (("market.announcement", "decl_id"), ("declarations.show", "decl_id"))
DIGEST_TITLES = {Frequency.DAILY: _l("每日"), Frequency.WEEKLY: _l("每周")}


def announcement_url(decl_id: int) -> str:
    """Absolute link to the announcement (PUBLIC_BASE_URL; works outside a request, e.g. in the CLI)."""
    base = public_base()
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


def _message(to: str, subject: str, lines: Sequence[str]) -> EmailMessage:
    footer = ["——", _("开放许可撮合平台：您可在站内“匹配推送”中查看全部推荐、标记是否有用或修改订阅。")]
    return message(to, subject, [*lines, *footer])


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
