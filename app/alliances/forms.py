"""Forms for industry alliances: shape and format only; rules live in the services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import industry_picks


class AllianceForm(FlaskForm):
    name = StringField(
        _l("联盟名称"), validators=[DataRequired(message=_l("请填写联盟名称。")), Length(max=200)]
    )
    industry_codes = SelectMultipleField(
        _l("所属行业（GB/T 4754-2017）"), choices=industry_picks, validate_choice=True
    )
    region = StringField(_l("地区"), validators=[Optional(), Length(max=100)])
    charter = TextAreaField(_l("联盟章程"), validators=[Optional(), Length(max=20000)])


class AllianceInviteForm(FlaskForm):
    organisation_ids = SelectMultipleField(_l("邀请机构"), coerce=int, validate_choice=True)
