"""Role-aware navigation links and dashboard panels; each feature adds its own entries here."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from app.auth.models import Role, User
from app.i18n import N_


@dataclass(frozen=True)
class NavEntry:
    roles: tuple[Role, ...]
    label: str
    endpoint: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


NAV: list[NavEntry] = [
    NavEntry((Role.PATENTEE,), N_("我的专利"), "patents.index"),
    NavEntry((Role.PATENTEE,), N_("我的声明"), "declarations.index"),
    NavEntry((Role.PATENTEE,), N_("年费日历"), "fees.calendar"),
    NavEntry((Role.ENTERPRISE, Role.PATENTEE), N_("许可"), "licences.index"),
    NavEntry((Role.ENTERPRISE,), N_("匹配推送"), "matches.inbox"),
    NavEntry((Role.ENTERPRISE,), N_("订阅"), "matches.subscriptions"),
    NavEntry((Role.OPERATOR, Role.PATENTEE, Role.ENTERPRISE), N_("专利池"), "pools.mine"),
    NavEntry((Role.OPERATOR, Role.ADMIN), N_("专利核验"), "patents.verification"),
    NavEntry((Role.OPERATOR, Role.ADMIN), N_("统计"), "stats.index"),
    NavEntry((Role.OPERATOR, Role.ADMIN), N_("年费监测"), "monitoring.index"),
    NavEntry((Role.OPERATOR, Role.ADMIN), N_("付款争议"), "payments.queue"),
    NavEntry(tuple(Role), N_("提醒"), "reminders.index"),
    NavEntry((Role.OPERATOR, Role.ADMIN), N_("逾期未备案"), "recordals.overdue"),
]

# Templates included on the dashboard for these roles, in order.
DASHBOARD_PANELS: list[tuple[tuple[Role, ...], str]] = [
    ((Role.PATENTEE,), "opendata/_patentee_panel.html"),
    ((Role.ENTERPRISE,), "opendata/_enterprise_panel.html"),
    ((Role.PATENTEE,), "declarations/_panel.html"),
    ((Role.ENTERPRISE, Role.PATENTEE), "licences/_panel.html"),
    ((Role.ENTERPRISE,), "matches/_panel.html"),
    ((Role.ENTERPRISE,), "needs/_panel.html"),
    ((Role.OPERATOR, Role.PATENTEE, Role.ENTERPRISE), "pools/_panel.html"),
    ((Role.OPERATOR,), "stats/_panel.html"),
    ((Role.PATENTEE, Role.ENTERPRISE, Role.OPERATOR), "reminders/_panel.html"),
    ((Role.PATENTEE, Role.ENTERPRISE), "coowners/_panel.html"),
]


def nav_items(user: User) -> list[Link]:
    return [Link(e.label, url_for(e.endpoint)) for e in NAV if user.role in e.roles]


def dashboard_panels(user: User) -> list[str]:
    return [template for roles, template in DASHBOARD_PANELS if user.has_role(*roles)]
