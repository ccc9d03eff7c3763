"""Forms on a patent's fee section: record a fee payment, declare a fee reduction."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange

from app.forms import DayField, MoneyField, choices, csv_file


class FeePaymentForm(FlaskForm):
    year = IntegerField(
        _l("专利年度"),
        validators=[
            InputRequired(message=_l("请填写专利年度。")),
            NumberRange(min=1, max=20, message=_l("专利年度应在 1 至 20 之间。")),
        ],
    )
    paid_on = DayField(_l("缴费日期"), validators=[InputRequired(message=_l("请填写缴费日期。"))])
    amount = MoneyField(_l("缴费金额（元）"), validators=[InputRequired(message=_l("请填写缴费金额。"))])


class FeeReductionForm(FlaskForm):
    """The select is rendered with its labels in fees/_position.html; here only its values are checked."""

    fee_reduction_pct = SelectField(
        _l("费减资格"),
        choices=choices([("", ""), ("85", "85"), ("70", "70")]),
        validate_choice=True,
    )


class FeeImportForm(FlaskForm):
    file = csv_file(_l("年费缴纳记录（CSV）"))
