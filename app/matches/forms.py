"""Subscription and feedback forms (shape only; the rules live in subscriptions.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from app.forms import choices, label_choices
from app.integrations import sei
from app.matches.models import Frequency, SubscriptionKind


class SubscriptionForm(FlaskForm):
    kind = SelectField(_l("订阅类型"), choices=label_choices(SubscriptionKind))
    value = StringField(
        _l("订阅内容"),
        validators=[
            DataRequired(message=_l("请填写订阅内容。")),
            Length(max=500, message=_l("最多 500 个字符。")),
        ],
    )
    frequency = SelectField(_l("推送频率"), choices=label_choices(Frequency))


class SeiSubscriptionForm(FlaskForm):
    codes = SelectMultipleField(_l("战略性新兴产业（2021 年分类）"), validate_choice=True)
    frequency = SelectField(_l("推送频率"), choices=label_choices(Frequency))

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.codes.choices = choices(sei.category_choices())


class FeedbackForm(FlaskForm):
    useful = HiddenField(validators=[DataRequired()])
