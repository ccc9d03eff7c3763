from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from app.forms import choices, industry_picks
from app.industries import PROVINCES
from app.integrations import sei

SIGNUP_ROLES = [("enterprise", _l("企业（被许可方）")), ("patentee", _l("专利权人"))]


class LoginForm(FlaskForm):
    email = EmailField(_l("邮箱"), validators=[DataRequired(), Email(message=_l("请输入有效的邮箱地址。"))])
    password = PasswordField(_l("密码"), validators=[DataRequired()])


class ProfileFields(FlaskForm):
    name = StringField(
        _l("名称（个人姓名或单位名称）"),
        validators=[DataRequired(message=_l("请填写名称。")), Length(max=200)],
    )
    credit_code = StringField(_l("统一社会信用代码"), validators=[Optional(), Length(max=18)])
    province = SelectField(
        _l("省份"), choices=choices([("", "—")] + [(p, _l(p)) for p in PROVINCES]), validate_choice=True
    )
    city = StringField(_l("城市"), validators=[Optional(), Length(max=40)])
    industry_codes = SelectMultipleField(
        _l("所属行业（GB/T 4754-2017）"), choices=industry_picks, validate_choice=True
    )
    needs = TextAreaField(_l("技术需求描述"), validators=[Optional(), Length(max=4000)])
    contact = StringField(_l("联系方式"), validators=[Optional(), Length(max=200)])
    sei_codes = SelectMultipleField(_l("战略性新兴产业（2021 年分类）"), validate_choice=True)
    visible_to_patentees = BooleanField(_l("向专利权人公开本企业名称"), default=False)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.sei_codes.choices = choices(sei.category_choices())


class SignupForm(ProfileFields):
    email = EmailField(_l("邮箱"), validators=[DataRequired(), Email(message=_l("请输入有效的邮箱地址。"))])
    password = PasswordField(
        _l("密码（至少 10 位，不能是常见密码）"),
        validators=[DataRequired(), Length(min=10, message=_l("密码至少 10 位。"))],
    )
    confirm = PasswordField(
        _l("确认密码"), validators=[EqualTo("password", message=_l("两次输入的密码不一致。"))]
    )
    role = SelectField(_l("身份"), choices=choices(SIGNUP_ROLES))


class PasswordForm(FlaskForm):
    old_password = PasswordField(_l("原密码"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("新密码（至少 10 位，不能是常见密码）"),
        validators=[DataRequired(), Length(min=10, message=_l("密码至少 10 位。"))],
    )
    confirm = PasswordField(
        _l("确认新密码"), validators=[EqualTo("new_password", message=_l("两次输入的密码不一致。"))]
    )
