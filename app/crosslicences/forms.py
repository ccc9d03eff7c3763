"""Forms for cross-licences: shape and format only; rules live in the services."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import choices
from app.industries import industry_choices

DATE_MSG = "日期格式应为 YYYY-MM-DD。"


class CrossTermsForm(FlaskForm):
    term_start = DateField("许可期限开始日", validators=[DataRequired(message=DATE_MSG)], format="%Y-%m-%d")
    term_end = DateField("许可期限结束日", validators=[DataRequired(message=DATE_MSG)], format="%Y-%m-%d")
    industry_code = SelectField("估值所用行业", validate_choice=True)
    annual_sales = DecimalField(
        "估值假设：被许可方预计年销售额（元）",
        places=2,
        default=1000000,
        validators=[DataRequired(message="请填写预计年销售额。"), NumberRange(min=0, message="不得为负数。")],
    )
    profit_margin_pct = DecimalField(
        "估值假设：利润率（%）",
        places=2,
        default=15,
        validators=[NumberRange(min=0, max=100, message="须在0至100之间。")],
    )
    note = TextAreaField("说明", validators=[Optional(), Length(max=4000)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.industry_code.choices = choices(industry_choices())


class CrossForm(CrossTermsForm):
    party_a_id = SelectField("甲方", coerce=int, validate_choice=True)
    party_b_id = SelectField("乙方", coerce=int, validate_choice=True)
    patents_a = TextAreaField(
        "甲方许可的专利（专利号，每行一个）", validators=[DataRequired(message="请列出甲方专利。")]
    )
    patents_b = TextAreaField(
        "乙方许可的专利（专利号，每行一个）", validators=[DataRequired(message="请列出乙方专利。")]
    )


class CounterForm(FlaskForm):
    patents_a = TextAreaField(
        "甲方许可的专利（专利号，每行一个）", validators=[DataRequired(message="请列出甲方专利。")]
    )
    patents_b = TextAreaField(
        "乙方许可的专利（专利号，每行一个）", validators=[DataRequired(message="请列出乙方专利。")]
    )
