"""Patent forms: shape only; numbers, codes and cross-field rules are checked by the services."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import csv_file, label_choices
from app.patents.models import LegalStatus, Patent, PatentKind
from app.patents.validation import PATENT_FIELDS

DATE_MESSAGE = _l("日期格式应为 YYYY-MM-DD。")


class ChineseDateField(DateField):
    """A date input whose format error is in Chinese (WTForms' own message is English)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(DATE_MESSAGE) from None


def _max(limit: int) -> Length:
    return Length(max=limit, message=_l("不能超过 %(n)s 个字符。", n=limit))


def _date_field(label: str) -> ChineseDateField:
    return ChineseDateField(label, validators=[Optional()])


class PatentForm(FlaskForm):
    FIELDS = PATENT_FIELDS

    application_number = StringField(
        _l("申请号"), validators=[_max(30)], render_kw={"placeholder": "202010123456.X"}
    )
    publication_number = StringField(
        _l("公开（公告）号"), validators=[_max(30)], render_kw={"placeholder": "CN111504366B"}
    )
    kind = SelectField(
        _l("专利类型"),
        validate_choice=False,  # the service names the allowed values in Chinese
        choices=label_choices(PatentKind, first=[("", "—")]),
    )
    title = StringField(_l("专利名称"), validators=[_max(500)])
    abstract = TextAreaField(_l("摘要"), validators=[_max(10000)])
    first_claim = TextAreaField(_l("权利要求 1"), validators=[_max(20000)])
    ipc_codes = StringField(_l("IPC 分类号"), render_kw={"placeholder": "G01F 1/00; G01D"})
    applicants = StringField(_l("专利权人 / 申请人"), validators=[_max(500)])
    filing_date = _date_field(_l("申请日"))
    grant_date = _date_field(_l("授权公告日"))
    legal_status = SelectField(
        _l("法律状态"),
        validate_choice=False,
        choices=label_choices(LegalStatus, first=[("", "—")]),
    )
    annual_fee_paid_until = _date_field(_l("年费已缴至"))

    def load(self, patent: Patent) -> None:
        """Fill the form from a stored patent (GET of the edit page)."""
        for name in ("application_number", "publication_number", "title", "abstract", "first_claim"):
            self[name].data = getattr(patent, name) or ""
        self.applicants.data = patent.applicants
        self.kind.data, self.legal_status.data = patent.kind.value, patent.legal_status.value
        self.ipc_codes.data = "; ".join(patent.ipc_codes)
        self.filing_date.data, self.grant_date.data = patent.filing_date, patent.grant_date
        self.annual_fee_paid_until.data = patent.annual_fee_paid_until

    def record(self) -> dict[str, Any]:
        """The submitted values keyed by the API field names, for validate_patent_input."""
        return {name: self[name].data for name in self.FIELDS}


class EncumbranceForm(FlaskForm):
    exclusive_licence_until = _date_field(_l("独占 / 排他许可有效至"))
    ownership_dispute = BooleanField(_l("存在权属纠纷（程序中止）"))
    pledged = BooleanField(_l("专利已质押"))
    pledgee_consent_ref = StringField(_l("质权人同意文件编号"), validators=[_max(200)])
    evaluation_report_ref = StringField(_l("专利权评价报告编号"), validators=[_max(200)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="enc", **kwargs)


class ImportForm(FlaskForm):
    file = FileField(
        _l("导入文件（CSV 或 JSON）"),
        validators=[
            FileRequired(message=_l("请选择要上传的文件。")),
            FileAllowed(["csv", "json"], message=_l("只支持 .csv 或 .json 文件。")),
        ],
    )


EVIDENCE_TYPES = FileAllowed(
    ["pdf", "png", "jpg", "jpeg"], message=_l("证明文件只支持 PDF、PNG 或 JPEG 格式。")
)


class EvidenceForm(FlaskForm):
    """A certificate or register extract for the operator to check."""

    file = FileField(
        _l("证明文件（专利证书或登记簿副本，PDF/PNG/JPEG，最大 5 MB）"),
        validators=[FileRequired(message=_l("请选择要上传的证明文件。")), EVIDENCE_TYPES],
    )


class VerifyForm(FlaskForm):
    evidence = TextAreaField(
        _l("核验依据"), validators=[DataRequired(message=_l("请说明核验依据。")), _max(1000)]
    )
    file = FileField(_l("附加证明文件（可选）"), validators=[Optional(), EVIDENCE_TYPES])


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("驳回理由"), validators=[DataRequired(message=_l("请填写驳回理由。")), _max(1000)]
    )


class RegisterImportForm(FlaskForm):
    file = csv_file(_l("登记簿导出文件（CSV，列 number 与 owner）"))
