"""Every announced field of the announcements matching the public filters, with their licence counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.declarations.models import Declaration
from app.declarations.search import announcement_query
from app.declarations.services import contact_visible
from app.extensions import db
from app.industries import industry_name
from app.licences.models import Licence
from app.opendata.exports import MAX_ROWS


def header() -> list[str]:
    """Column titles in the current language."""
    return [
        _("公告编号"), _("专利号"), _("专利名称"), _("专利类型"), _("IPC 分类"), _("专利权人"),
        _("专利权人所在省份"), _("许可使用费支付方式"), _("一次性总付（元）"), _("入门费（元）"),
        _("提成比例（净销售额 %）"), _("按件计费（元/件）"), _("币种"), _("许可期限起"), _("许可期限止"),
        _("联系方式"), _("行业代码（GB/T 4754）"), _("行业名称"), _("其他事项"), _("状态"), _("公告时间"),
        _("撤回时间"), _("撤回理由"), _("已生效的许可数"),
    ]  # fmt: skip


def _row(decl: Declaration, licences: int) -> list[Any]:
    org = decl.owner.organisation
    return [
        decl.id, decl.patent.number, decl.patent.title, _(decl.patent.kind.label),
        " ".join(decl.patent.ipc_codes), org.name if org else decl.owner.display_name,
        org.province if org else "", decl.fee_method_label if decl.fee_method else "", decl.lump_sum,
        decl.entry_fee, decl.royalty_rate_pct, decl.unit_fee, "CNY", decl.period_start, decl.period_end,
        decl.contact if contact_visible(None, decl) else "", decl.industry_code,
        industry_name(decl.industry_code) if decl.industry_code else "", decl.remarks, _(decl.status.label),
        decl.published_at, decl.withdrawn_at, decl.withdrawal_reason, licences,
    ]  # fmt: skip


def announcement_rows(**filters: str) -> Iterator[list[Any]]:
    """One row per announcement matching the filters (at most MAX_ROWS), fetched in batches."""
    counts = (
        select(Licence.declaration_id, func.count(Licence.id).label("n"))
        .where(Licence.in_force_at.is_not(None))
        .group_by(Licence.declaration_id)
        .subquery()
    )
    stmt = (
        announcement_query(**filters)
        .add_columns(func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.declaration_id == Declaration.id)
        .limit(MAX_ROWS)
    )
    for decl, n in db.session.execute(stmt.execution_options(yield_per=500)):
        yield _row(decl, int(n))
