"""The form to mark a licence recorded with CNIPA."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import InputRequired, Length


class RecordalForm(FlaskForm):
    recorded_on = DateField(_l("备案日期"), validators=[InputRequired(_l("请填写备案日期。"))])
    recordal_number = StringField(
        _l("备案号"), validators=[InputRequired(_l("请填写备案号。")), Length(max=20)]
    )
