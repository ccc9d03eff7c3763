"""Co-owner pages: the owner sets the owners and shares; co-owners consent; the patentee records a named
co-owner's written consent (CNIPA open-licence FAQ 2024)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth.access import role_required
from app.auth.models import Role
from app.coowners import services as svc
from app.errors import ValidationFailed
from app.forms import submit

bp = Blueprint("coowners", __name__, url_prefix="/co-owners")

PARTIES = (Role.PATENTEE, Role.ENTERPRISE)


def parse_share(raw: str | None, field: str) -> Decimal | None:
    """A typed share (%), None when blank; a malformed number is refused naming the field."""
    raw = (raw or "").strip().rstrip("%")
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise ValidationFailed(_("份额须为数字，例如 40 或 33.33。"), {field: _("份额须为数字。")}) from None


def _others() -> list[svc.CoOwnerInput]:
    names, shares = request.form.getlist("co_owner"), request.form.getlist("co_share")
    rows = []
    for i, (name, share) in enumerate(zip(names, shares, strict=False)):
        if name.strip() or share.strip():
            rows.append(svc.CoOwnerInput(name, parse_share(share, f"co_owners.{i}")))
    return rows


@bp.post("/patents/<int:patent_id>")
@role_required(Role.PATENTEE)
def update(patent_id: int) -> Response:
    submit(
        lambda: svc.set_co_owners(
            current_user,
            patent_id,
            parse_share(request.form.get("owner_share_pct"), "owner_share_pct"),
            _others(),
        ),
        success=_("共有人及份额已保存。"),
        list_fields=True,
    )
    return redirect(url_for("patents.detail", patent_id=patent_id, _anchor="co-owners"))


@bp.get("/consents")
@role_required(*PARTIES)
def consents() -> str:
    return render_template(
        "coowners/consents.html",
        waiting=svc.awaiting_consent(current_user),
        holdings=svc.holdings(current_user),
        given=svc.consents_of,
    )


@bp.post("/declarations/<int:decl_id>/consent")
@role_required(*PARTIES)
def consent(decl_id: int) -> Response:
    form = request.form
    raw_id = form.get("co_owner_id", "")
    submit(
        lambda: svc.record_consent(
            current_user,
            decl_id,
            form.get("action", ""),
            int(raw_id) if raw_id.isdigit() else None,
            form.get("reference", ""),
        ),
        success=_("已记录共有人同意。"),
        list_fields=True,
    )
    if current_user.can_manage(svc.declaration_owner_id(decl_id)):
        return redirect(url_for("declarations.detail", decl_id=decl_id, _anchor="co-owner-consent"))
    return redirect(url_for("coowners.consents"))


@bp.app_context_processor
def inject_co_owner_helpers() -> dict[str, object]:
    return {
        "co_owners_of": svc.co_owners_of,
        "co_owner_holdings": svc.holdings,
        "co_owner_consents": svc.consents_of,
        "co_owner_waiting": svc.awaiting_consent,
    }
