"""Forms for pools: shape and format only; rules live in the services."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import choices, industry_picks, label_choices
from app.pools.models import Essentiality, FeeMethod, Rule

MONEY = dict(places=2, validators=[Optional(), NumberRange(min=0, message=_l("不得为负数。"))])


class PoolForm(FlaskForm):
    name = StringField(
        _l("专利池名称"), validators=[DataRequired(message=_l("请填写专利池名称。")), Length(max=200)]
    )
    field_ipc = StringField(
        _l("技术领域（IPC小类，逗号分隔，如 G01F, G01D）"),
        validators=[DataRequired(message=_l("请填写IPC小类。"))],
    )
    industry_codes = SelectMultipleField(
        _l("所属行业（GB/T 4754-2017）"), choices=industry_picks, validate_choice=True
    )
    alliance_id = SelectField(_l("所属产业联盟（可选）"), validate_choice=True)
    term_start = DateField(_l("许可期限开始日"), validators=[Optional()], format="%Y-%m-%d")
    term_end = DateField(_l("许可期限结束日"), validators=[Optional()], format="%Y-%m-%d")
    fee_method = SelectField(_l("许可使用费支付方式"), validate_choice=True)
    lump_sum = DecimalField(_l("一次性总付金额（元）"), **MONEY)
    royalty_rate_pct = DecimalField(_l("提成比例（净销售额的 %）"), **MONEY)
    unit_fee = DecimalField(_l("每件使用费（元/件）"), **MONEY)
    field_of_use = TextAreaField(_l("实施领域（许可范围）"), validators=[Optional(), Length(max=4000)])
    admin_fee_pct = DecimalField(
        _l("运营中心管理费（%）"),
        places=2,
        default=0,
        validators=[NumberRange(min=0, max=100, message=_l("须在0至100之间。"))],
    )
    distribution_rule = SelectField(_l("许可费分配规则"), validate_choice=True)

    def __init__(self, *args: Any, alliances: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alliance_id.choices = choices([("", "—"), *(alliances or [])])
        self.fee_method.choices = label_choices(FeeMethod, first=[("", "—")])
        self.distribution_rule.choices = label_choices(Rule)


class InviteForm(FlaskForm):
    numbers = TextAreaField(
        _l("专利公开（公告）号或申请号，每行一个或用逗号分隔"),
        validators=[DataRequired(message=_l("请填写专利号。"))],
    )


class JudgeForm(FlaskForm):
    essentiality = SelectField(_l("必要性 / 相关性判断"), validate_choice=True)
    note = TextAreaField(_l("判断理由"), validators=[Optional(), Length(max=2000)])
    share_pct = DecimalField(_l("分配份额（%，按份额分配时填写）"), places=2, validators=[Optional()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.essentiality.choices = label_choices(Essentiality)


class TakeForm(FlaskForm):
    notice = TextAreaField(
        _l("书面通知（实施的产品、范围等）"),
        validators=[DataRequired(message=_l("请填写书面通知。")), Length(max=4000)],
    )
    payment_reference = StringField(
        _l("付款凭证号（一次性总付时填写）"), validators=[Optional(), Length(max=100)]
    )


class RoyaltyForm(FlaskForm):
    net_sales = DecimalField(
        _l("本期净销售额（元）"),
        places=2,
        default=0,
        validators=[NumberRange(min=0, message=_l("不得为负数。"))],
    )
    units = IntegerField(
        _l("本期销售数量（件）"), default=0, validators=[NumberRange(min=0, message=_l("不得为负数。"))]
    )
    payment_reference = StringField(
        _l("付款凭证号"), validators=[DataRequired(message=_l("请填写付款凭证号。")), Length(max=100)]
    )
