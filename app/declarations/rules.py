"""The legal rules a declaration must meet before it is published; one small function per rule.

Sources (texts as in force):
- Patent Law of the PRC (4th amendment, in force 2021-06-01), Art. 42 (term), Art. 50 (declaration: payment
  method and standard; evaluation report for a utility model or design; withdrawal), Art. 51 (notice and
  payment; no exclusive or sole licence while the open licence is in force).
- Implementing Rules of the Patent Law (revised 2023, in force 2024-01-20), Art. 85 (the declaration is made
  after grant is announced and states the patent number, patentee, payment method and standard, licence period
  and other matters, clearly), Art. 86 (no open licence while (1) an exclusive or sole licence is in force,
  (2) a suspension under Art. 103/104 (ownership dispute), (3) annual fees unpaid, (4) pledged without the
  pledgee's consent, (5) any other obstacle to effective exploitation), Art. 88 (a declaration obtained by
  false material is punished: so the platform offers only patents an operation centre has verified).
- CNIPA, open-licence FAQ (2024; English translations, secondary): a co-owned patent is declared, and the
  declaration withdrawn, only with the written consent of all co-owners.

Each rule returns None or a Refusal whose message names the rule and cites the law.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.coowners import services as coowner_svc
from app.coowners.models import ConsentAction
from app.declarations.models import Declaration, DeclarationStatus
from app.declarations.wording import promotional_terms_in
from app.extensions import db
from app.integrations.royalties import patent_expiry, standard_errors
from app.patents.models import LegalStatus, PatentKind, Verification


@dataclass(frozen=True)
class Refusal:
    rule: str
    message: str


def refuse(rule: str, text: str, law: str) -> Refusal:
    """A refusal whose message states the problem and cites the law."""
    return Refusal(rule, f"{text}（{law}）。")


Rule = Callable[[Declaration, date], Refusal | None]


def patent_verified(decl: Declaration, today: date) -> Refusal | None:
    """Rules Art. 85, Art. 88: the number and patentee stated must be true: the patent is verified first."""
    patent = decl.patent
    if patent.verification == Verification.VERIFIED:
        return None
    status = _("核验已被驳回") if patent.verification == Verification.REJECTED else _("尚待运营中心核验")
    return refuse(
        "patent_verified",
        _("该专利%(status)s，核验通过后才能声明开放许可", status=status),
        _(
            "《专利法实施细则》（2023年修订）第八十五条：声明应写明专利号和专利权人；"
            "第八十八条：以虚假材料声明开放许可的，依法处罚"
        ),
    )


def granted_in_force(decl: Declaration, today: date) -> Refusal | None:
    """Patent Law Art. 42, 50; Rules Art. 85, Art. 86(3): granted, in force, fees paid, in term."""
    patent = decl.patent
    rule = "granted_in_force"
    if patent.legal_status != LegalStatus.GRANTED:
        return refuse(
            rule,
            _(
                "专利权未处于授权有效状态（当前：%(status)s），不能声明开放许可",
                status=_(patent.legal_status.label),
            ),
            _("《专利法实施细则》第八十五条：开放许可声明应在公告授予专利权后提出"),
        )
    if patent.annual_fee_paid_until is None:
        return refuse(
            rule,
            _("未记录年费缴纳情况：请在专利信息中填写“年费已缴至”日期"),
            _("《专利法实施细则》第八十六条第（三）项：未按规定缴纳年费的不得实行开放许可"),
        )
    if patent.annual_fee_paid_until < today:
        return refuse(
            rule,
            _("年费仅缴至 %(date)s，未按规定缴纳年费", date=patent.annual_fee_paid_until.isoformat()),
            _("《专利法实施细则》第八十六条第（三）项"),
        )
    expiry = patent_expiry(patent)
    if expiry is not None and expiry < today:
        return Refusal(
            rule,
            _(
                "专利权已于 %(date)s 期限届满（《专利法》第四十二条），不能声明开放许可。",
                date=expiry.isoformat(),
            ),
        )
    return None


def no_exclusive_licence(decl: Declaration, today: date) -> Refusal | None:
    """Rules Art. 86(1); Patent Law Art. 51: no open licence while an exclusive/sole licence runs."""
    until = decl.patent.exclusive_licence_until
    if until is not None and until >= today:
        return refuse(
            "no_exclusive_licence",
            _("该专利的独占或排他许可有效期至 %(date)s，期间不得实行开放许可", date=until.isoformat()),
            _("《专利法实施细则》第八十六条第（一）项"),
        )
    return None


def no_ownership_dispute(decl: Declaration, today: date) -> Refusal | None:
    """Rules Art. 86(2), Art. 103/104: none while suspended for an ownership dispute."""
    if decl.patent.ownership_dispute:
        return refuse(
            "no_ownership_dispute",
            _("该专利存在权属纠纷、相关程序处于中止状态，不得实行开放许可"),
            _("《专利法实施细则》第八十六条第（二）项、第一百零三条、第一百零四条"),
        )
    return None


def pledgee_consent(decl: Declaration, today: date) -> Refusal | None:
    """Rules Art. 86(4): a pledged patent needs the pledgee's consent."""
    patent = decl.patent
    if patent.pledged and not patent.pledgee_consent_ref.strip():
        return refuse(
            "pledgee_consent",
            _("该专利已质押，须先记录质权人同意开放许可的文件编号"),
            _("《专利法实施细则》第八十六条第（四）项"),
        )
    return None


def evaluation_report(decl: Declaration, today: date) -> Refusal | None:
    """Patent Law Art. 50(1): a utility model or design needs a patent right evaluation report."""
    patent = decl.patent
    if (
        patent.kind in (PatentKind.UTILITY_MODEL, PatentKind.DESIGN)
        and not patent.evaluation_report_ref.strip()
    ):
        return refuse(
            "evaluation_report",
            _(
                "%(kind)s专利声明开放许可须提供专利权评价报告，请先记录评价报告编号",
                kind=_(patent.kind.label),
            ),
            _("《专利法》第五十条第一款"),
        )
    return None


def fee_standard_complete(decl: Declaration, today: date) -> Refusal | None:
    """Patent Law Art. 50(1); Rules Art. 85: the payment method and standard are stated, unambiguously."""
    errors = standard_errors(decl)
    if errors:
        detail = "；".join(errors.values())
        return refuse(
            "fee_standard_complete",
            _("许可使用费支付方式和标准不完整或不明确：%(detail)s", detail=detail),
            _("《专利法》第五十条第一款、《专利法实施细则》第八十五条"),
        )
    return None


def period_valid(decl: Declaration, today: date) -> Refusal | None:
    """Rules Art. 85: the licence period is stated; it cannot outlast the patent (Patent Law Art. 42)."""
    rule = "period_valid"
    if decl.period_start is None or decl.period_end is None:
        return Refusal(rule, _("请填写许可期限的起止日期（《专利法实施细则》第八十五条）。"))
    if decl.period_start > decl.period_end:
        return Refusal(rule, _("许可期限的开始日期晚于结束日期（《专利法实施细则》第八十五条）。"))
    if decl.period_end < today:
        return Refusal(rule, _("许可期限已经结束，请修改许可期限（《专利法实施细则》第八十五条）。"))
    expiry = patent_expiry(decl.patent)
    if expiry is not None and decl.period_end > expiry:
        return refuse(
            rule,
            _("许可期限不得超过专利权期限届满日 %(date)s", date=expiry.isoformat()),
            _("《专利法》第四十二条、《专利法实施细则》第八十五条"),
        )
    return None


def one_open_declaration(decl: Declaration, today: date) -> Refusal | None:
    """One announced declaration per patent, so the announced standard is unambiguous (Rules Art. 85)."""
    count = db.session.scalar(
        select(func.count(Declaration.id)).where(
            Declaration.patent_id == decl.patent_id,
            Declaration.status == DeclarationStatus.PUBLISHED,
            Declaration.id != decl.id,
        )
    )
    return one_open_refusal() if count else None


def one_open_refusal() -> Refusal:
    """The refusal of a second announced declaration (also raised when the database index catches a race)."""
    return refuse(
        "one_open_declaration",
        _("该专利已有一份公告中的开放许可声明，须先撤回才能发布新的声明"),
        _("《专利法实施细则》第八十五条：声明内容应准确、清楚"),
    )


def contact_given(decl: Declaration, today: date) -> Refusal | None:
    """Rules Art. 85; Patent Law Art. 51: a contact so that licensees can send the written notice."""
    if not decl.contact.strip():
        return refuse(
            "contact_given",
            _("请填写联系方式，以便被许可人书面通知专利权人"),
            _("《专利法》第五十一条第一款、《专利法实施细则》第八十五条"),
        )
    return None


def no_promotional_wording(decl: Declaration, today: date) -> Refusal | None:
    """Rules (2023) Art. 85: the declaration is accurate and clear, without commercial promotional wording."""
    found = promotional_terms_in(f"{decl.remarks}\n{decl.contact}")
    if found:
        return refuse(
            "no_promotional_wording",
            _("声明中不得使用商业性宣传用语，请删除：%(words)s", words="、".join(found)),
            _("《专利法实施细则》（2023）第八十五条"),
        )
    return None


def co_owner_consent(decl: Declaration, today: date) -> Refusal | None:
    """CNIPA open-licence FAQ (2024): every co-owner consents in writing to declaring the open licence."""
    missing = coowner_svc.missing_consents(decl, ConsentAction.DECLARE)
    if missing:
        return Refusal("co_owner_consent", coowner_svc.refusal_text(missing, ConsentAction.DECLARE))
    return None


RULES: tuple[Rule, ...] = (
    patent_verified,
    granted_in_force,
    no_exclusive_licence,
    no_ownership_dispute,
    pledgee_consent,
    evaluation_report,
    fee_standard_complete,
    period_valid,
    one_open_declaration,
    contact_given,
    no_promotional_wording,
    co_owner_consent,
)


def refusals(decl: Declaration, today: date) -> list[Refusal]:
    """Every rule the declaration breaks, in the order above."""
    return [r for r in (rule(decl, today) for rule in RULES) if r is not None]
