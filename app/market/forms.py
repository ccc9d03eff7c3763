"""The public announcements search form (GET, no CSRF: it changes nothing)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, SearchField, SelectField

from app.declarations.models import FeeMethod
from app.forms import choices, label_choices
from app.industries import PROVINCES, industry_choices
from app.patents.models import PatentKind

IPC_SECTIONS = [
    ("A", _l("A 人类生活必需")),
    ("B", _l("B 作业；运输")),
    ("C", _l("C 化学；冶金")),
    ("D", _l("D 纺织；造纸")),
    ("E", _l("E 固定建筑物")),
    ("F", _l("F 机械工程；照明；加热；武器；爆破")),
    ("G", _l("G 物理")),
    ("H", _l("H 电学")),
]
ANY = [("", _l("不限"))]
FILTERS = ("q", "ipc_section", "industry", "kind", "fee_method", "province", "status")


class AnnouncementSearchForm(Form):
    q = SearchField(_l("关键词（名称、摘要、专利号、IPC）"))
    # default "": a link that carries only some filters (or just ?lang=en) must not fail the others
    ipc_section = SelectField(_l("IPC 部"), choices=choices(ANY + IPC_SECTIONS), default="")
    industry = SelectField(_l("行业"), default="")
    kind = SelectField(
        _l("专利类型"),
        choices=label_choices(PatentKind, first=ANY),
        default="",
    )
    fee_method = SelectField(
        _l("支付方式"),
        choices=label_choices(FeeMethod, first=ANY),
        default="",
    )
    province = SelectField(
        _l("地区（专利权人所在省份）"), choices=choices(ANY + [(p, _l(p)) for p in PROVINCES]), default=""
    )

    status = SelectField(
        _l("公告类别"),
        choices=choices([("", _l("开放许可公告")), ("withdrawn", _l("撤回公告"))]),
        default="",
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.industry.choices = choices(ANY + industry_choices(max_level=1))

    def filters(self) -> dict[str, str]:
        """The search filters; an unknown filter value is dropped rather than failing the page."""
        values = {name: (self[name].data or "") for name in FILTERS}
        return values if self.validate() else {"q": values["q"]}
