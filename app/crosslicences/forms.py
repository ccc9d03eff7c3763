"""Forms for cross-licences: shape and format only; rules live in the services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import industry_picks

DATE_MSG = _l("日期格式应为 YYYY-MM-DD。")


class CrossTermsForm(FlaskForm):
    term_start = DateField(
        _l("许可期限开始日"), validators=[DataRequired(message=DATE_MSG)], format="%Y-%m-%d"
    )
    term_end = DateField(_l("许可期限结束日"), validators=[DataRequired(message=DATE_MSG)], format="%Y-%m-%d")
    industry_code = SelectField(_l("估值所用行业"), choices=industry_picks, validate_choice=True)
    annual_sales = DecimalField(
        _l("估值假设：被许可方预计年销售额（元）"),
        places=2,
        default=1000000,
        validators=[
            DataRequired(message=_l("请填写预计年销售额。")),
            NumberRange(min=0, message=_l("不得为负数。")),
        ],
    )
    profit_margin_pct = DecimalField(
        _l("估值假设：利润率（%）"),
        places=2,
        default=15,
        validators=[NumberRange(min=0, max=100, message=_l("须在0至100之间。"))],
    )
    note = TextAreaField(_l("说明"), validators=[Optional(), Length(max=4000)])


class CounterForm(FlaskForm):
    """Both sides' patent lists: a counter-offer, and part of every proposal."""

    patents_a = TextAreaField(
        _l("甲方许可的专利（专利号，每行一个）"), validators=[DataRequired(message=_l("请列出甲方专利。"))]
    )
    patents_b = TextAreaField(
        _l("乙方许可的专利（专利号，每行一个）"), validators=[DataRequired(message=_l("请列出乙方专利。"))]
    )


class CrossForm(CrossTermsForm, CounterForm):
    """A proposal: the parties, both sides' patent lists and the terms they are valued under."""

    party_a_id = SelectField(_l("甲方"), coerce=int, validate_choice=True)
    party_b_id = SelectField(_l("乙方"), coerce=int, validate_choice=True)
