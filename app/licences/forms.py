"""Forms for taking a licence (written notice + payment) and for sales reports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.forms import DayField, MoneyField


class TakeLicenceForm(FlaskForm):
    notice = TextAreaField(
        _l("书面许可通知"), validators=[DataRequired(message=_l("请填写书面许可通知。")), Length(max=10000)]
    )
    payment_reference = StringField(_l("付款凭证号（银行流水号）"), validators=[Optional(), Length(max=100)])
    amount = MoneyField(_l("付款金额（元）"))
    receipt = FileField(_l("付款凭证（可选：PDF、PNG 或 JPEG，不超过 5 MB）"))


class SalesReportForm(FlaskForm):
    period_start = DayField(_l("报告期间开始日"), validators=[InputRequired(message=_l("请填写开始日期。"))])
    period_end = DayField(_l("报告期间结束日"), validators=[InputRequired(message=_l("请填写结束日期。"))])
    net_sales = MoneyField(_l("净销售额（元）"), validators=[InputRequired(message=_l("请填写净销售额。"))])
    units = IntegerField(
        _l("销售数量（件）"),
        default=0,
        validators=[Optional(), NumberRange(min=0, message=_l("销售数量不得为负数。"))],
    )
    payment_reference = StringField(
        _l("付款凭证号（可选，填写即记录付款）"), validators=[Optional(), Length(max=100)]
    )
