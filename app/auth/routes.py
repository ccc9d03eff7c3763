from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth import bp
from app.auth.forms import LoginForm, PasswordForm, ProfileFields, SignupForm
from app.auth.models import Role
from app.auth.services import ProfileInput, authenticate, change_password, save_profile, sign_up
from app.errors import DomainError
from app.extensions import db, login_manager
from app.forms import show_domain_error


@login_manager.user_loader
def load_user(user_id: str):  # type: ignore[no-untyped-def]
    from app.auth.models import User

    return db.session.get(User, int(user_id))


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
    )


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> str | Response:
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = sign_up(
                form.email.data or "", form.password.data or "", Role(form.role.data), _profile_input(form)
            )
            db.session.commit()
        except DomainError as err:
            show_domain_error(form, err)
        else:
            login_user(user)
            flash(_("注册成功，欢迎使用开放许可撮合平台。"), "success")
            return redirect(url_for("market.dashboard"))
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
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
    logout_user()
    flash(_("已退出登录。"), "info")
    return redirect(url_for("market.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> str | Response:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.old_password.data or "", form.new_password.data or "")
            db.session.commit()
        except DomainError as err:
            db.session.rollback()
            form.old_password.errors = [*form.old_password.errors, *err.fields.values()]
            flash(err.message, "error")
        else:
            flash(_("密码已修改。"), "success")
            return redirect(url_for("market.dashboard"))
    return render_template("auth/password.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile() -> str | Response:
    org = current_user.organisation
    form = ProfileFields(obj=org)
    if form.validate_on_submit():
        try:
            save_profile(current_user, _profile_input(form))
            db.session.commit()
        except DomainError as err:
            show_domain_error(form, err)
        else:
            flash(_("资料已保存。"), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form)
