"""The operator's form for a region's resident population (checked in app/stats/population.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from app.forms import choices
from app.industries import PROVINCES
from app.stats.population import MAX_SOURCE


class PopulationForm(FlaskForm):
    province = SelectField(_l("省份"), choices=choices((p, p) for p in PROVINCES), validate_choice=False)
    # Shape and range are checked by parse_population, the same for every caller.
    population = StringField(_l("常住人口（人）"))
    source = StringField(_l("数据来源"), render_kw={"maxlength": MAX_SOURCE})
