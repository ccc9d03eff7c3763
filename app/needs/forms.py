"""Introduction and reply forms (shape only; the rules live in services.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

from app.inputs import INTRO_MESSAGE_MAX, INTRO_REPLY_MAX


class IntroductionForm(FlaskForm):
    enterprise_id = HiddenField(validators=[DataRequired(), Regexp(r"\d+\Z")])
    message = TextAreaField(
        _l("介绍内容"),
        validators=[
            DataRequired(message=_l("请填写介绍内容。")),
            Length(max=INTRO_MESSAGE_MAX, message=_l("介绍内容过长。")),
        ],
    )


class ReplyForm(FlaskForm):
    reply = TextAreaField(
        _l("简短回复"),
        validators=[
            DataRequired(message=_l("请填写回复内容。")),
            Length(max=INTRO_REPLY_MAX, message=_l("回复过长。")),
        ],
    )
