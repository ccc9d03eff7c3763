"""The password policy (at least 10 characters, zxcvbn score of 3 or more) and equal-cost login checks."""

from __future__ import annotations

import pytest

from app.auth import passwords, services
from app.auth.models import Role
from app.auth.passwords import password_error
from app.errors import ValidationFailed
from tests.conftest import PASSWORD

EMAIL = "zhang.wei@corp.cn"


@pytest.mark.parametrize(
    "password, message",
    [
        ("12345678", "密码至少 10 位"),
        ("short-1", "密码至少 10 位"),
        ("1234567890", "密码太容易被猜中"),
        ("password123456", "密码太容易被猜中"),
        ("aaaaaaaaaaaa", "密码太容易被猜中"),
        ("qwertyuiop123", "密码太容易被猜中"),
        (EMAIL, "密码太容易被猜中"),
        ("zhang.wei2026", "密码太容易被猜中"),  # the e-mail's name part and a year
        ("x" * 201, "密码不能超过 200 位"),
        (PASSWORD, None),  # the tests' password
        ("demo-pass-2026", None),  # the demo's password
        ("tulip-orbit-77", None),
    ],
)
def test_password_policy(app, password, message):
    problem = password_error(password, EMAIL, "张伟")
    assert (problem is None) if message is None else (message in (problem or ""))


def test_change_password_refuses_a_weak_one_and_keeps_the_old(client, make_user, login):
    user = make_user()
    login(user)
    data = {"old_password": PASSWORD, "new_password": user.email, "confirm": user.email}
    resp = client.post("/auth/password", data=data)
    assert resp.status_code == 200 and "密码太容易被猜中" in resp.get_data(as_text=True)
    client.post("/auth/logout")
    assert client.post("/auth/login", data={"email": user.email, "password": PASSWORD}).status_code == 302


def test_the_cli_refuses_a_weak_password(app):
    args = ["users", "create", "--email", "op@centre.cn", "--password", "12345678", "--role", "operator"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code != 0 and "密码至少 10 位" in result.output


def test_create_user_refuses_its_own_email_as_password(app):
    with pytest.raises(ValidationFailed, match="密码太容易被猜中"):
        services.create_user("li.na@corp.cn", "li.na@corp.cn", Role.PATENTEE)


def test_unknown_and_known_accounts_both_cost_one_hash_check(app, make_user, monkeypatch):
    user = make_user()
    checked: list[str] = []
    real = passwords.check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        checked.append(pwhash.split("$")[0])
        return real(pwhash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting)
    assert services.authenticate("nobody@corp.cn", PASSWORD) is None
    assert services.authenticate(user.email, "wrong-password-x") is None
    assert services.authenticate(user.email, PASSWORD) == user
    assert checked == [app.config["PASSWORD_HASH_METHOD"]] * 3  # the same work factor on every path


def test_the_dummy_hash_never_lets_anyone_in(app):
    dummy_password = "no account has this password: it only makes the check take as long"
    assert passwords.check_password_hash(passwords._dummy_hash(), dummy_password)
    assert not passwords.verify_password(None, dummy_password)


def test_real_accounts_get_the_full_scrypt_cost_and_tests_a_cheap_one(app):
    from app.config import Config

    assert passwords.hash_password("x" * 12).startswith("scrypt:1024:8:1$")
    app.config["PASSWORD_HASH_METHOD"] = Config.PASSWORD_HASH_METHOD
    full = passwords.hash_password("x" * 12)
    assert full.startswith("scrypt:32768:8:1$")
    assert passwords.verify_password(full, "x" * 12)
