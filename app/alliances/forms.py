"""Forms for industry alliances: shape and format only; rules live in the services."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import choices
from app.industries import industry_choices


class ActionForm(FlaskForm):
    """A button that posts (accept or decline an invitation): only the CSRF token."""


class AllianceForm(FlaskForm):
    name = StringField("联盟名称", validators=[DataRequired(message="请填写联盟名称。"), Length(max=200)])
    industry_codes = SelectMultipleField("所属行业（GB/T 4754-2017）", validate_choice=True)
    region = StringField("地区", validators=[Optional(), Length(max=100)])
    charter = TextAreaField("联盟章程", validators=[Optional(), Length(max=20000)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.industry_codes.choices = choices(industry_choices())


class AllianceInviteForm(FlaskForm):
    organisation_ids = SelectMultipleField("邀请机构", coerce=int, validate_choice=True)
