"""Sign-up never tells whether an address has an account: the same page, and an e-mail to the address."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import Role, User
from app.extensions import db
from tests.matches.conftest import smtp  # noqa: F401 (the real local SMTP server fixture)
from tests.rows import count

SIGNUP = {
    "email": "Wang.Fang@Corp.cn",
    "password": "tulip-orbit-77",
    "confirm": "tulip-orbit-77",
    "role": "patentee",
    "name": "王芳",
    "province": "辽宁省",
}


def page_text(client) -> str:
    resp = client.post("/auth/signup", data=SIGNUP)
    assert resp.status_code == 200
    return resp.get_data(as_text=True).replace(SIGNUP["email"].lower(), "EMAIL")


def test_new_and_existing_addresses_get_the_same_page_and_one_e_mail_each(app, smtp, make_user):  # noqa: F811
    new_page = page_text(app.test_client())
    user = db.session.scalar(select(User))
    assert user.email == "wang.fang@corp.cn" and user.role == Role.PATENTEE
    again_page = page_text(app.test_client())
    assert again_page == new_page and "该邮箱已注册" not in again_page
    assert count(User) == 1
    welcome, notice = smtp.messages
    assert smtp.recipients() == ["wang.fang@corp.cn", "wang.fang@corp.cn"]
    assert "欢迎注册" in str(welcome["Subject"]) and "账号已开通" in welcome.get_content()
    assert "注册提醒" in str(notice["Subject"]) and "本邮箱已有账号" in notice.get_content()
    assert "/auth/login" in notice.get_content()


def test_a_failing_mail_server_does_not_show(app, smtp, client):  # noqa: F811
    smtp.fail_on = {1}
    assert "我们已向 EMAIL 发送了一封邮件" in page_text(client)
    assert count(User) == 1


def test_without_a_mail_server_sign_up_still_works(app, client):
    app.config["MAIL_SERVER"] = ""
    assert "我们已向 EMAIL 发送了一封邮件" in page_text(client)
