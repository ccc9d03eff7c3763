import pytest
from sqlalchemy import select

from app.auth.models import Organisation, Role, User
from app.auth.validators import uscc_error
from app.extensions import db
from tests.rows import count

VALID_USCC = "91350100M000100Y43"


def signup(client, **overrides):
    data = dict(
        role="enterprise",
        email="new@corp.cn",
        password="tulip-orbit-77",
        confirm="tulip-orbit-77",
        name="沈阳某科技有限公司",
        credit_code=VALID_USCC,
        province="辽宁省",
        city="沈阳市",
        industry_codes=["C", "39"],
        needs="锂电池正极材料",
    )
    data.update(overrides)
    return client.post("/auth/signup", data=data)


@pytest.mark.parametrize(
    "code, ok",
    [
        (VALID_USCC, True),
        ("91350100M000100Y44", False),  # wrong check character
        ("91350100M000100Y4", False),  # 17 characters
        ("91350100M00O100Y43", False),  # letter O is not used
    ],
)
def test_uscc_check_character(code, ok):
    assert (uscc_error(code) is None) is ok


def test_enterprise_signs_up_checks_email_then_logs_in(client):
    resp = signup(client)
    assert resp.status_code == 200 and "我们已向 new@corp.cn 发送了一封邮件" in resp.get_data(as_text=True)
    org = db.session.scalar(select(Organisation))
    assert org.name == "沈阳某科技有限公司" and org.industry_codes == ["C", "39"]
    assert client.get("/dashboard").status_code == 302  # not logged in by the sign-up itself
    client.post("/auth/login", data={"email": "new@corp.cn", "password": "tulip-orbit-77"})
    assert client.get("/dashboard").status_code == 200


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"credit_code": "91350100M000100Y44"}, "校验位不正确"),
        ({"credit_code": ""}, "企业须填写统一社会信用代码"),
        ({"confirm": "other-pass"}, "两次输入的密码不一致"),
        ({"password": "short", "confirm": "short"}, "密码至少 10 位"),
        ({"password": "12345678901", "confirm": "12345678901"}, "密码太容易被猜中"),
        ({"role": "admin"}, "不是有效的选择"),
    ],
)
def test_bad_signup_is_refused_and_writes_nothing(client, overrides, message):
    resp = signup(client, **overrides)
    assert resp.status_code == 200
    assert message in resp.get_data(as_text=True)
    assert count(User) == 0


def test_a_weak_password_and_a_bad_profile_are_reported_together(client):
    resp = signup(client, password="12345678901", confirm="12345678901", credit_code="91350100M000100Y44")
    page = resp.get_data(as_text=True)
    assert "密码太容易被猜中" in page and "校验位不正确" in page


def test_duplicate_email_looks_like_a_new_sign_up_and_creates_nothing(client, make_user):
    make_user(Role.ENTERPRISE, email="new@corp.cn")
    resp = signup(client)
    page = resp.get_data(as_text=True)
    assert "该邮箱已注册" not in page and "我们已向 new@corp.cn 发送了一封邮件" in page
    assert count(User) == 1


def test_login_logout_and_wrong_password(client, make_user):
    user = make_user(Role.PATENTEE)
    resp = client.post("/auth/login", data={"email": user.email, "password": "wrong-password"})
    assert "邮箱或密码不正确" in resp.get_data(as_text=True)
    resp = client.post("/auth/login", data={"email": user.email, "password": "correct-horse-42"})
    assert resp.status_code == 302
    assert client.get("/dashboard").status_code == 200
    client.post("/auth/logout")
    assert client.get("/dashboard").status_code == 302


def test_login_next_must_be_relative(client, make_user):
    user = make_user()
    resp = client.post(
        "/auth/login?next=https://evil.example/", data={"email": user.email, "password": "correct-horse-42"}
    )
    assert resp.location == "/"


def test_password_change(client, make_user, login):
    user = make_user()
    login(user)
    bad = client.post(
        "/auth/password",
        data={"old_password": "nope", "new_password": "new-pass-123", "confirm": "new-pass-123"},
    )
    assert "原密码不正确" in bad.get_data(as_text=True)
    ok = client.post(
        "/auth/password",
        data={"old_password": "correct-horse-42", "new_password": "new-pass-123", "confirm": "new-pass-123"},
    )
    assert ok.status_code == 302
    client.post("/auth/logout")
    assert (
        client.post("/auth/login", data={"email": user.email, "password": "new-pass-123"}).status_code == 302
    )


def test_forms_require_csrf_token(app, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user()
    resp = app.test_client().post("/auth/login", data={"email": user.email, "password": "correct-horse-42"})
    assert resp.status_code == 400


def test_cli_creates_operator(app):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--email",
            "op@centre.cn",
            "--password",
            "operator-pass",
            "--role",
            "operator",
            "--org",
            "辽宁省知识产权运营中心",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "op@centre.cn"))
    assert user.role == Role.OPERATOR and user.organisation.name == "辽宁省知识产权运营中心"
