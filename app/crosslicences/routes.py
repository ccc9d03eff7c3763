"""Cross-licence pages: propose (a party, an operator, or alliance-wide), view, accept, counter, reject."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from app import clock
from app.alliances import services as alliance_svc
from app.auth.access import role_required
from app.auth.models import Role, User
from app.crosslicences import services as svc
from app.crosslicences.forms import CounterForm, CrossForm, CrossTermsForm
from app.extensions import db
from app.forms import ButtonForm, form_page, post_back, post_button
from app.pools import services as pool_svc

bp = Blueprint("crosslicences", __name__, url_prefix="/pools")

PARTIES = (Role.PATENTEE, Role.OPERATOR)


def terms_of(form: CrossTermsForm) -> svc.CrossTerms:
    return svc.CrossTerms(
        term_start=form.term_start.data,
        term_end=form.term_end.data,
        industry_code=form.industry_code.data or "",
        annual_sales=form.annual_sales.data or Decimal(0),
        profit_margin_pct=form.profit_margin_pct.data or Decimal(0),
        note=form.note.data or "",
    )


def _party_choices() -> list[tuple[int, str]]:
    users = db.session.scalars(select(User).where(User.role == Role.PATENTEE).order_by(User.id))
    return [(u.id, u.organisation.name if u.organisation else u.email) for u in users]


def _numbers(cl: svc.CrossLicence, side: str) -> str:
    return "\n".join(i.patent.number for i in cl.items_of(side))


@bp.get("/cross")
@role_required(*PARTIES)
def cross_list() -> str:
    return render_template("crosslicences/index.html", items=svc.crosses_of(current_user))


def _sides(form: CounterForm) -> tuple[list[int], list[int]]:
    """The patent ids of both sides' lists; an unknown number is a refusal on its field."""
    ids_a = pool_svc.patent_ids_from_numbers(form.patents_a.data or "", "patents_a")
    ids_b = pool_svc.patent_ids_from_numbers(form.patents_b.data or "", "patents_b")
    return ids_a, ids_b


def _propose(form: CrossForm) -> svc.CrossLicence:
    ids_a, ids_b = _sides(form)
    return svc.propose_cross_licence(
        current_user, form.party_a_id.data, form.party_b_id.data, ids_a, ids_b, terms_of(form), clock.today()
    )


@bp.route("/cross/new", methods=["GET", "POST"])
@role_required(*PARTIES)
def cross_new() -> str | Response:
    form = CrossForm()
    form.party_a_id.choices = form.party_b_id.choices = _party_choices()
    if not form.is_submitted() and current_user.role == Role.PATENTEE:
        form.party_a_id.data = current_user.id
    return form_page(
        form,
        _propose,
        lambda cl: url_for("crosslicences.cross_detail", cross_id=cl.id),
        "crosslicences/form.html",
        success=_("交叉许可提议已提出，双方专利已估值。"),
    )


@bp.get("/cross/<int:cross_id>")
@role_required(*PARTIES)
def cross_detail(cross_id: int) -> str:
    cl = svc.view_cross(current_user, cross_id)
    counter = CounterForm(data={"patents_a": _numbers(cl, "a"), "patents_b": _numbers(cl, "b")})
    return render_template(
        "crosslicences/detail.html",
        cl=cl,
        side=cl.side_of(current_user),
        form=ButtonForm(),
        counter_form=counter,
    )


def _act(cross_id: int, message: str, action: Callable[[], object]) -> Response:
    return post_button(action, message, url_for("crosslicences.cross_detail", cross_id=cross_id))


@bp.post("/cross/<int:cross_id>/accept")
@role_required(Role.PATENTEE)
def cross_accept(cross_id: int) -> Response:
    return _act(cross_id, _("已接受。"), lambda: svc.accept_cross_licence(current_user, cross_id))


@bp.post("/cross/<int:cross_id>/reject")
@role_required(Role.PATENTEE)
def cross_reject(cross_id: int) -> Response:
    return _act(cross_id, _("已拒绝该交叉许可。"), lambda: svc.reject_cross_licence(current_user, cross_id))


@bp.post("/cross/<int:cross_id>/counter")
@role_required(Role.PATENTEE)
def cross_counter(cross_id: int) -> Response:
    return post_back(
        CounterForm(),
        lambda form: svc.counter_cross_licence(current_user, cross_id, *_sides(form), clock.today()),
        url_for("crosslicences.cross_detail", cross_id=cross_id),
        invalid=_("请列出双方的专利。"),
        success=_("已还价：双方专利已重新估值，需对方重新接受。"),
    )


@bp.route("/alliances/<int:alliance_id>/cross", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def alliance_cross(alliance_id: int) -> str | Response:
    item = alliance_svc.managed_alliance(current_user, alliance_id)
    return form_page(
        CrossTermsForm(),
        lambda form: svc.propose_alliance_cross_licences(
            current_user, alliance_id, terms_of(form), clock.today()
        ),
        url_for("crosslicences.cross_list"),
        "crosslicences/alliance.html",
        success=lambda proposed: _("已向联盟成员提出 %(n)s 份交叉许可。", n=len(proposed)),
        alliance=item,
    )
