"""E-mail through a real local SMTP server (aiosmtpd): Chinese subject and body, reasons and link."""

from __future__ import annotations

from tests.matches.conftest import SODIUM_CATHODE


def test_immediate_push_is_delivered_by_smtp(app, licence, enterprise, smtp, push_run):
    app.config["PUBLIC_BASE_URL"] = "https://ole.example.cn"
    buyer = enterprise(needs="钠离子电池", subs=(("keywords", "钠离子电池", "immediately"),))
    decl = licence(SODIUM_CATHODE)
    assert push_run().exit_code == 0
    (msg,) = smtp.messages
    assert msg["To"] == buyer.email and msg["From"] == app.config["MAIL_SENDER"]
    assert str(msg["Subject"]).startswith("【开放许可推荐】微米级多孔硫酸亚铁钠")
    body = msg.get_content()
    assert "为什么推荐" in body and "共同关键词" in body and "IPC 关联：同属 H01M" in body
    assert "各通道得分：文本" in body and SODIUM_CATHODE[0] in body
    assert f"查看公告：https://ole.example.cn/announcements/{decl.id}" in body


def test_digest_lists_every_item(app, licence, enterprise, smtp, push_run):
    from tests.matches.conftest import UPS_BATTERY

    buyer = enterprise(subs=(("ipc", "H01M", "weekly"),))
    licence(SODIUM_CATHODE)
    licence(UPS_BATTERY)
    push_run()
    (msg,) = smtp.messages
    assert msg["To"] == buyer.email and str(msg["Subject"]) == "【开放许可每周推荐】共 2 项"
    body = msg.get_content()
    assert SODIUM_CATHODE[1] in body and UPS_BATTERY[1] in body
