from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import clock
from app.auth.access import role_required, viewer
from app.auth.models import Role
from app.declarations.models import Declaration, DeclarationStatus
from app.declarations.services import search_announcements, visible_declaration
from app.extensions import db
from app.forms import submit
from app.httpcache import public_cache
from app.licences.forms import TakeLicenceForm
from app.licences.models import Licence, LicenceStatus
from app.licences.services import amount_due_at_taking, existing_licence, take_licence
from app.market.forms import AnnouncementSearchForm
from app.navigation import dashboard_panels, nav_items
from app.opendata.front import front_page
from app.payments.receipts import Receipt
from app.templating import local_time

bp = Blueprint("market", __name__)


@bp.app_context_processor
def inject_navigation() -> dict[str, object]:
    return {"nav_items": nav_items, "get_locale": get_locale}


@bp.get("/")
@public_cache
def home() -> str:
    return render_template("market/home.html", page=front_page())


@bp.get("/dashboard")
@login_required
def dashboard() -> str:
    return render_template("market/dashboard.html", panels=dashboard_panels(current_user))


@bp.get("/announcements")
@public_cache
def announcements() -> str:
    form = AnnouncementSearchForm(request.args)
    filters = form.filters()
    cursor = request.args.get("cursor", "")
    page = search_announcements(cursor, **filters)
    args = {k: v for k, v in filters.items() if v}
    return render_template("market/announcements.html", form=form, result=page, args=args, cursor=cursor)


def _notice_text(decl: Declaration) -> str:
    """A formal written notice (Patent Law Art. 51) prefilled for the enterprise to review."""
    org = current_user.organisation
    me = org.name if org else current_user.display_name or current_user.email
    owner = decl.owner.organisation.name if decl.owner.organisation else decl.owner.display_name
    published = local_time(decl.published_at)[:10]
    with force_locale("zh"):  # the written notice is a Chinese legal document whatever the UI language
        fee = decl.fee_summary
    return (
        f"致 {owner}：\n"
        f"根据《中华人民共和国专利法》第五十一条，本单位（{me}）就贵方于 {published} 经公告的专利"
        f"“{decl.patent.title}”（专利号 {decl.patent.number}）开放许可声明，特此书面通知："
        f"本单位愿意按照公告的许可使用费支付方式和标准（{fee}）实施该专利，"
        f"并依约支付许可使用费。许可期限依公告为 {decl.period_start} 至 {decl.period_end}。\n"
        f"此致\n{me}\n{clock.today().isoformat()}"
    )


def _render_detail(
    decl: Declaration, form: TakeLicenceForm | None = None, status: int = 200
) -> tuple[str, int]:
    taken = due = None
    can_take = (
        current_user.is_authenticated
        and current_user.has_role(Role.ENTERPRISE)
        and current_user.id != decl.owner_id
    )
    if can_take:
        taken = existing_licence(current_user.id, decl.id)
    if decl.status == DeclarationStatus.PUBLISHED:
        due = amount_due_at_taking(decl)
        if can_take and form is None:
            form = TakeLicenceForm(notice=_notice_text(decl), amount=due if due else None)
    html = render_template(
        "market/announcement.html", decl=decl, form=form, due=due, taken=taken, can_take=can_take
    )
    return html, status


@bp.get("/announcements/<int:decl_id>")
@public_cache
def announcement(decl_id: int) -> tuple[str, int]:
    return _render_detail(visible_declaration(viewer(), decl_id))


@bp.post("/announcements/<int:decl_id>/licence")
@role_required(Role.ENTERPRISE)
def take(decl_id: int) -> Response | tuple[str, int]:
    form = TakeLicenceForm()
    decl = visible_declaration(current_user, decl_id)
    if not form.validate_on_submit():
        flash(_("请修改标出的字段。"), "error")
        return _render_detail(decl, form, 422)
    done = submit(
        lambda: take_licence(
            current_user,
            decl_id,
            form.notice.data or "",
            form.payment_reference.data or "",
            form.amount.data,
            _receipt(form),
        ),
        form,
    )
    if done.error is not None:
        return _render_detail(db.session.get(Declaration, decl_id) or decl, form, done.error.status)
    licence, created = done.result
    flash(_taken_message(licence, created), "success")
    return redirect(url_for("licences.detail", licence_id=licence.id))


def _receipt(form: TakeLicenceForm) -> Receipt | None:
    upload = form.receipt.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return Receipt(upload.filename, upload.read())


def _taken_message(licence: Licence, created: bool) -> str:
    if not created:
        return _("您已获得该许可，本次提交未重复登记或收费。")
    if licence.status == LicenceStatus.PAYMENT_PENDING:
        return _("书面通知已送达，付款已登记；专利权人确认收款后许可生效。")
    return _("您已获得该许可。")
