"""The recordal packet: a Chinese document for CNIPA whatever the UI language (Rules 2023 Art. 87)."""

from __future__ import annotations

from app import pdf
from app.auth.models import User
from app.licences.models import Licence
from app.recordals.services import LAW, RecordalState
from app.templating import local_time


def party(user: User) -> str:
    org = user.organisation
    name = org.name if org else (user.display_name or user.email)
    code = f"，统一社会信用代码 {org.credit_code}" if org and org.credit_code else ""
    return f"{name}（{user.email}{code}）"


def licence_rows(licence: Licence, state: RecordalState) -> list[list[str]]:
    decl = licence.declaration
    patent = decl.patent
    return [
        ["许可编号", f"OL-{licence.id:06d}"],
        ["许可人（专利权人）", party(decl.owner)],
        ["被许可人", party(licence.licensee)],
        ["专利", f"{patent.number} {patent.title}"],
        ["许可类型", "开放许可（普通许可，非独占；《专利法》第五十条、第五十一条）"],
        ["开放许可公告时间", local_time(decl.published_at)],
        ["许可使用费支付方式和标准", decl.fee_summary],
        ["许可期限", f"{decl.period_start} 至 {decl.period_end}"],
        ["书面通知时间", local_time(licence.notice_at)],
        ["许可生效日", state.effective_on.isoformat()],
        ["备案期限", f"{state.due_on.isoformat()}（生效之日起三个月内）"],
    ]


def payment_rows(licence: Licence) -> list[list[str]]:
    rows = [["登记时间", "金额（元）", "凭证号", "状态", "确认时间", "收据 SHA-256"]]
    for p in licence.payments:
        rows.append(
            [
                local_time(p.paid_at),
                f"{p.amount:,.2f}",
                p.reference,
                p.status.label,
                local_time(p.confirmed_at),
                p.receipt_sha256[:16] + "…" if p.receipt_sha256 else "无",
            ]
        )
    return rows


def packet_pdf(licence: Licence, state: RecordalState) -> bytes:
    """The licence record, the written notice and the payment proof as one PDF."""
    payments: list[list[str]] | str = payment_rows(licence)
    if len(payments) == 1:
        payments = "获取许可时无需付款（许可使用费随销售报告支付）。"
    return pdf.render(
        f"专利实施许可备案材料 OL-{licence.id:06d}",
        [
            ("一、许可记录", licence_rows(licence, state)),
            ("二、书面通知（《专利法》第五十一条）", licence.notice),
            ("三、付款凭证", payments),
        ],
        f"本材料由开放许可撮合平台根据平台记录生成，供专利权人或被许可人向国家知识产权局办理许可备案时参考（{LAW}）；"
        "备案以国家知识产权局的受理为准。",
    )
