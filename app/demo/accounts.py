"""The demo accounts: demo identities (marked 演示) holding real patents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.auth.models import Role, User
from app.auth.services import ProfileInput, create_user, save_profile
from app.auth.validators import uscc_check_char
from app.extensions import db
from app.matches.models import Frequency, SubscriptionKind
from app.matches.subscriptions import SubscriptionInput, create_subscription

DEMO_PASSWORD = "demo-pass-2026"  # a public demo login, printed by `flask demo logins`; not a secret


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    name: str
    credit_base: str  # the first 17 characters; the check character is computed (GB 32100-2015)
    province: str
    city: str
    industries: tuple[str, ...]
    needs: str = ""
    # What the enterprise subscribes to: (kind, value), pushed daily. The demo's real patents hold few
    # inventions in these two enterprises' fields, so their needs texts alone reach no push; a subscription
    # accepts every declaration it covers, whatever the score.
    subscriptions: tuple[tuple[SubscriptionKind, str], ...] = ()


ACCOUNTS = (
    DemoAccount("operator@demo.ole.cn", Role.OPERATOR, "辽宁省知识产权运营中心（演示）", "12210000MB0000001",
                "辽宁省", "沈阳市", ("M", "75")),
    DemoAccount("patentee1@demo.ole.cn", Role.PATENTEE, "东北机电技术研究院（演示）", "12210100MB0000012",
                "辽宁省", "沈阳市", ("C", "34", "35")),
    DemoAccount("patentee2@demo.ole.cn", Role.PATENTEE, "大连新材料与能源实验室（演示）", "12210200MB0000023",
                "辽宁省", "大连市", ("C", "26", "38")),
    DemoAccount("patentee3@demo.ole.cn", Role.PATENTEE, "鞍山智能制造有限公司（演示）", "91210300MA0000034",
                "辽宁省", "鞍山市", ("C", "39", "40")),
    DemoAccount("sme1@demo.ole.cn", Role.ENTERPRISE, "沈阳锐能电池科技有限公司（演示）", "91210100MA0000045",
                "辽宁省", "沈阳市", ("C", "38"),
                "我们生产锂离子电池和储能设备，需要电池正极材料、电池管理和充电控制方面的技术。"),
    DemoAccount("sme2@demo.ole.cn", Role.ENTERPRISE, "营口绿田农机有限公司（演示）", "91210800MA0000056",
                "辽宁省", "营口市", ("C", "35", "A"),
                "我们制造农业机械，需要播种、施肥、收获和秸秆处理设备的技术，以及农机的智能控制。",
                ((SubscriptionKind.IPC, "A01"),)),
    DemoAccount("sme3@demo.ole.cn", Role.ENTERPRISE, "锦州清源环保设备有限公司（演示）", "91210700MA0000067",
                "辽宁省", "锦州市", ("C", "N", "77"),
                "我们做工业废水和生活污水处理设备，需要污水净化、过滤、沉淀和污泥处理的技术。",
                ((SubscriptionKind.IPC, "C02F"), (SubscriptionKind.KEYWORDS, "废水，污泥"))),
)  # fmt: skip


def credit_code(account: DemoAccount) -> str:
    return account.credit_base + uscc_check_char(account.credit_base)


def ensure_account(account: DemoAccount) -> User:
    """Create the demo account once; a rerun returns the existing one."""
    user = db.session.scalar(select(User).where(User.email == account.email))
    if user:
        return user
    user = create_user(account.email, DEMO_PASSWORD, account.role, display_name=account.name)
    profile = ProfileInput(
        name=account.name,
        credit_code=credit_code(account),
        province=account.province,
        city=account.city,
        industry_codes=list(account.industries),
        needs=account.needs,
        contact=f"{account.email}",
    )
    save_profile(user, profile)
    for kind, value in account.subscriptions:
        create_subscription(user, SubscriptionInput(kind.value, value, Frequency.DAILY.value))
    return user
