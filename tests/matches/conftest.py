"""Fixtures: real patents as published licences, enterprises with subscriptions, a real SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import Result
from flask import Flask

from app import clock
from app.auth.models import Role, User
from app.declarations.models import Declaration, DeclarationStatus
from app.extensions import db
from app.matches.models import Frequency, Subscription, SubscriptionKind

# Real patents (data/cn_patent_titles_ipc.csv): publication number, title, IPC subclasses.
SODIUM_CATHODE = ("CN114050246A", "微米级多孔硫酸亚铁钠/碳复合正极材料及其制备的钠离子电池或钠电池", ["H01M"])
UPS_BATTERY = ("CN114156585A", "一种金融管理数据处理平台UPS用智能高压锂电池组", ["H01M"])
FLOW_METER = ("CN111504366B", "基于人工智能的流体输送系统精确计量方法及计量装置", ["G01D", "G01F"])
PRINTING = ("CN215792497U", "一种膜纸自动化印刷技术生产线结构", ["B41F"])
STONE_COATING = ("CN113881302A", "一种水性5G岗石仿石涂料及其制备方法", ["C09D"])
WOOD_COATING = ("CN114058252A", "一种水性木器涂料及其制备方法", ["C09D"])
FOOD_TESTER = ("CN216133037U", "一种多功能食品检测装置", ["G01N"])


class Collector:
    """aiosmtpd handler keeping every message; `fail_on` (1-based) answers 451 to those deliveries."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelope_recipients: list[list[str]] = []
        self.fail_on: set[int] = set()
        self.refuse: set[str] = set()  # recipients answered 550 (a permanent failure)
        self.attempts = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        self.attempts += 1
        if self.attempts in self.fail_on:
            return "451 4.3.0 temporary failure, try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        self.envelope_recipients.append(list(envelope.rcpt_tos))
        return "250 OK"

    def recipients(self) -> list[str]:
        return [str(m["To"]) for m in self.messages]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(app: Flask) -> Iterator[Collector]:
    """A real local SMTP server; the app is configured to send through it."""
    handler = Collector()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    yield handler
    controller.stop()


@pytest.fixture
def licence(
    app: Flask,
    make_user: Callable[..., User],
    make_patent: Callable[..., Any],
    make_declaration: Callable[..., Any],
):
    """A published declaration of a real patent (status set directly: the push run queues it itself)."""
    owner = make_user(Role.PATENTEE)

    def make(patent: tuple[str, str, list[str]], industry: str = "", **fields: Any) -> Declaration:
        number, title, ipc = patent
        p = make_patent(owner=owner, publication_number=number, title=title, ipc_codes=ipc)
        values = dict(status=DeclarationStatus.PUBLISHED, published_at=clock.now(), industry_code=industry)
        return make_declaration(patent=p, **{**values, **fields})

    return make


@pytest.fixture
def enterprise(app: Flask, make_user: Callable[..., User]):
    """An enterprise with a profile (needs, industries) and subscriptions [(kind, value, frequency)]."""

    def make(
        needs: str = "", industries: tuple[str, ...] = (), subs: tuple[tuple[str, str, str], ...] = ()
    ) -> User:
        user = make_user(Role.ENTERPRISE)
        assert user.organisation is not None
        user.organisation.needs = needs
        user.organisation.industry_codes = list(industries)
        for kind, value, frequency in subs:
            db.session.add(
                Subscription(
                    user_id=user.id, kind=SubscriptionKind(kind), value=value, frequency=Frequency(frequency)
                )
            )
        db.session.commit()
        return user

    return make


@pytest.fixture
def push_run(app: Flask) -> Callable[..., Result]:
    """Invoke `flask push run` through the real CLI."""

    def run(*args: str) -> Result:
        return app.test_cli_runner().invoke(args=["push", "run", *args])

    return run


TODAY = date(2026, 6, 1)
