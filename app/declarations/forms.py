"""Forms for declarations: shape and format only; the legal rules are checked by the services on publish."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.declarations.models import FeeMethod
from app.forms import DayField, MoneyField, choices, label_choices
from app.industries import industry_choices

PICK = _l("请从列表中选择。")


class DeclarationForm(FlaskForm):
    patent_id = SelectField(
        _l("专利"),
        coerce=int,
        invalid_value_message=PICK,
        invalid_choice_message=PICK,
        validators=[DataRequired(PICK)],
    )
    fee_method = SelectField(
        _l("许可使用费支付方式"),
        choices=label_choices(FeeMethod, first=[("", _l("— 请选择 —"))]),
        invalid_choice_message=PICK,
    )
    lump_sum = MoneyField(_l("一次性总付金额（元）"))
    entry_fee = MoneyField(_l("入门费（元）"))
    royalty_rate_pct = MoneyField(_l("提成比例（净销售额的 %）"))
    unit_fee = MoneyField(_l("每件使用费（元/件）"))
    period_start = DayField(_l("许可期限开始日"))
    period_end = DayField(_l("许可期限结束日"))
    contact = StringField(_l("联系方式（接收书面通知）"), validators=[Optional(), Length(max=300)])
    industry_code = SelectField(_l("适用行业（GB/T 4754-2017）"), invalid_choice_message=PICK)
    remarks = TextAreaField(_l("其他需要明确的事项"), validators=[Optional(), Length(max=4000)])

    def __init__(self, *args: Any, patents: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patent_id.choices = choices((str(pid), label) for pid, label in (patents or []))
        self.industry_code.choices = choices([("", "—")] + industry_choices())


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("撤回理由"), validators=[DataRequired(message=_l("请填写撤回理由。")), Length(max=2000)]
    )
