"""Forms for confirming or disputing a payment and for recording a dispute's outcome."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import label_choices
from app.payments.models import DisputeOutcome, DisputeRoute
from app.payments.services import REASON_MAX


class DisputeForm(FlaskForm):
    reason = TextAreaField(
        _l("争议理由"),
        validators=[DataRequired(message=_l("请填写争议理由。")), Length(max=REASON_MAX)],
    )


class ResolveForm(FlaskForm):
    route = SelectField(_l("解决途径（《专利法》第五十二条）"))
    outcome = SelectField(_l("处理结果"))
    note = TextAreaField(_l("处理说明"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.route.choices = label_choices(DisputeRoute)
        self.outcome.choices = label_choices(DisputeOutcome)
