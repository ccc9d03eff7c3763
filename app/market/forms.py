"""The public announcements search form (GET, no CSRF: it changes nothing)."""

from __future__ import annotations

from wtforms import Form, SearchField, SelectField

from app.declarations.models import FEE_METHOD_LABELS
from app.forms import choices
from app.industries import PROVINCES, industry_choices
from app.patents.models import KIND_LABELS

IPC_SECTIONS = [
    ("A", "A 人类生活必需"),
    ("B", "B 作业；运输"),
    ("C", "C 化学；冶金"),
    ("D", "D 纺织；造纸"),
    ("E", "E 固定建筑物"),
    ("F", "F 机械工程；照明；加热；武器；爆破"),
    ("G", "G 物理"),
    ("H", "H 电学"),
]
ANY = [("", "不限")]


class AnnouncementSearchForm(Form):
    q = SearchField("关键词（名称、摘要、专利号、IPC）")
    ipc_section = SelectField("IPC 部", choices=choices(ANY + IPC_SECTIONS), validate_choice=True)
    industry = SelectField("行业", validate_choice=True)
    kind = SelectField("专利类型", choices=choices(ANY + [(k.value, v) for k, v in KIND_LABELS.items()]))
    fee_method = SelectField(
        "支付方式", choices=choices(ANY + [(k.value, v) for k, v in FEE_METHOD_LABELS.items()])
    )
    province = SelectField("地区（专利权人所在省份）", choices=choices(ANY + [(p, p) for p in PROVINCES]))

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.industry.choices = choices(ANY + industry_choices(max_level=1))
