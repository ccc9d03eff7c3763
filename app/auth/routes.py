from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth.forms import LoginForm, PasswordForm, ProfileFields, SignupForm
from app.auth.mail import send_signup_mail
from app.auth.models import Role, User
from app.auth.services import (
    ProfileInput,
    authenticate,
    change_password,
    end_all_sessions,
    save_profile,
    sign_up,
)
from app.extensions import db, login_manager
from app.forms import submit
from app.security import auth_rate_limit

bp = Blueprint("auth", __name__, url_prefix="/auth")


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The session's user, if the session is as recent as the account's last logout or password change."""
    user_id, _dot, version = session_id.partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    return user if user and user.session_version == int(version) else None


def _safe_next() -> str:
    target = request.args.get("next", "")
    parts = urlsplit(target)
    return (
        target if target.startswith("/") and not parts.netloc and not parts.scheme else url_for("market.home")
    )


def _profile_input(form: ProfileFields) -> ProfileInput:
    return ProfileInput(
        name=form.name.data or "",
        credit_code=form.credit_code.data or "",
        province=form.province.data or "",
        city=form.city.data or "",
        industry_codes=form.industry_codes.data or [],
        needs=form.needs.data or "",
        contact=form.contact.data or "",
        visible_to_patentees=bool(form.visible_to_patentees.data),
        sei_codes=form.sei_codes.data or [],
    )


@bp.route("/signup", methods=["GET", "POST"])
@auth_rate_limit
def signup() -> str | Response:
    form = SignupForm()
    if form.validate_on_submit():
        role = Role(form.role.data)
        done = submit(
            lambda: sign_up(form.email.data or "", form.password.data or "", role, _profile_input(form)), form
        )
        if done.ok:
            send_signup_mail(done.result)
            return render_template("auth/check_email.html", email=done.result.email)
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@auth_rate_limit
def login() -> str | Response:
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data or "", form.password.data or "")
        if user:
            login_user(user)
            flash(_("登录成功。"), "success")
            return redirect(_safe_next())
        flash(_("邮箱或密码不正确。"), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("已退出登录。"), "info")
    return redirect(url_for("market.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@auth_rate_limit
def password() -> str | Response:
    form = PasswordForm()
    if form.validate_on_submit():
        done = submit(
            lambda: change_password(current_user, form.old_password.data or "", form.new_password.data or ""),
            form,
        )
        if done.ok:
            login_user(current_user._get_current_object())  # this session goes on; every other one ended
            flash(_("密码已修改，其他设备上的登录和全部 API 令牌已失效。"), "success")
            return redirect(url_for("market.dashboard"))
    return render_template("auth/password.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile() -> str | Response:
    org = current_user.organisation
    form = ProfileFields(obj=org)
    if form.validate_on_submit():
        done = submit(
            lambda: save_profile(current_user, _profile_input(form)), form, success=_("资料已保存。")
        )
        if done.ok:
            return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form)
