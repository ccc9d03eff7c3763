"""Declaration services: drafts, publication under the legal rules, withdrawal, expiry, audit trail."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.auth.access import ensure_owner, owned
from app.auth.models import Role, User
from app.coowners import services as coowner_svc
from app.declarations import events
from app.declarations.models import (
    ONE_PUBLISHED_INDEX,
    Declaration,
    DeclarationEvent,
    DeclarationStatus,
    FeeMethod,
)
from app.declarations.rules import one_open_refusal, refusals
from app.declarations.search import search_announcements
from app.errors import Forbidden, NotFound, RuleViolation, ValidationFailed, get_or_404
from app.extensions import db
from app.patents.models import Patent

__all__ = [
    "DeclarationInput",
    "create_draft",
    "expire_due_declarations",
    "get_declaration",
    "my_declarations",
    "publish_declaration",
    "search_announcements",
    "update_draft",
    "withdraw_declaration",
]


@dataclass(frozen=True, kw_only=True)
class DeclarationInput:
    """What a patentee states in a declaration (Rules Art. 85); completeness is checked on publish."""

    fee_method: FeeMethod | None = None
    lump_sum: Decimal | None = None
    entry_fee: Decimal | None = None
    royalty_rate_pct: Decimal | None = None
    unit_fee: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None
    contact: str = ""
    industry_code: str = ""
    remarks: str = ""


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return value.value if isinstance(value, FeeMethod) else value


def record_event(decl: Declaration, actor: User | None, action: str, detail: dict[str, Any]) -> None:
    """Append one line to the audit trail (who, when, what)."""
    decl.events.append(DeclarationEvent(actor=actor, action=action, detail=detail, at=clock.now()))


def _apply(decl: Declaration, data: DeclarationInput) -> dict[str, dict[str, Any]]:
    """Copy the input onto the row; return the changed fields as {name: {old, new}}."""
    changes: dict[str, dict[str, Any]] = {}
    for name, new in asdict(data).items():
        # Enums are str subclasses too: strip only plain text, or FeeMethod would become a bare str.
        new = new.strip() if type(new) is str else new
        old = getattr(decl, name)
        if _jsonable(old) != _jsonable(new) and not (old in (None, "") and new in (None, "")):
            changes[name] = {"old": _jsonable(old), "new": _jsonable(new)}
            setattr(decl, name, new)
    return changes


def _check_shape(data: DeclarationInput) -> None:
    errors = {}
    for name in ("lump_sum", "entry_fee", "royalty_rate_pct", "unit_fee"):
        value = getattr(data, name)
        if value is not None and value < 0:
            errors[name] = _("金额或比例不得为负数。")
    if len(data.contact) > 300:
        errors["contact"] = _("联系方式不超过 300 字。")
    if errors:
        raise ValidationFailed(_("请修改标出的字段。"), errors)


def get_declaration(decl_id: int) -> Declaration:
    """The declaration, or NotFound."""
    return get_or_404(Declaration, decl_id, _("开放许可声明不存在。"))


def owned_declaration(actor: User, decl_id: int) -> Declaration:
    """The declaration, if the actor owns it (or is an admin): 404 if missing, 403 if not theirs."""
    return owned(actor, get_declaration(decl_id), _("声明"))


def visible_declaration(actor: User | None, decl_id: int) -> Declaration:
    """A declaration this viewer may see: drafts only to the owner (404 for others)."""
    decl = get_declaration(decl_id)
    if decl.status == DeclarationStatus.DRAFT and not _owns(actor, decl):
        raise NotFound(_("开放许可声明不存在。"))
    return decl


def contact_visible(viewer: User | None, decl: Declaration) -> bool:
    """Contact details are public while the declaration is announced; afterwards only its owner sees them."""
    return decl.status == DeclarationStatus.PUBLISHED or _owns(viewer, decl)


def _owns(actor: User | None, decl: Declaration) -> bool:
    return actor is not None and actor.can_manage(decl.owner_id)


def create_draft(actor: User, patent_id: int, data: DeclarationInput) -> Declaration:
    """Start a draft declaration for one of the actor's own patents."""
    if not actor.has_role(Role.PATENTEE):
        raise Forbidden(_("只有专利权人可以声明开放许可。"))
    patent = db.session.get(Patent, patent_id)
    if patent is None:
        raise ValidationFailed(_("专利不存在。"), {"patent_id": _("请选择您名下的专利。")})
    ensure_owner(actor, patent.owner_id, _("专利"))
    _check_shape(data)
    decl = Declaration(patent=patent, owner_id=patent.owner_id, status=DeclarationStatus.DRAFT)
    changes = _apply(decl, data)
    db.session.add(decl)
    record_event(decl, actor, "created", {"patent": patent.number, **changes})
    db.session.flush()
    return decl


def update_draft(actor: User, decl_id: int, data: DeclarationInput) -> Declaration:
    """Edit a draft; announced, withdrawn and expired declarations are not editable."""
    decl = owned_declaration(actor, decl_id)
    if decl.status != DeclarationStatus.DRAFT:
        raise RuleViolation(_("只有草稿可以修改；已公告的声明须撤回后重新声明。"), rule="draft_only")
    _check_shape(data)
    changes = _apply(decl, data)
    if changes:
        record_event(decl, actor, "updated", changes)
    db.session.flush()
    return decl


def _lock_for_publish(decl: Declaration) -> None:
    """Lock the patent, then the declaration (SELECT ... FOR UPDATE; a no-op on SQLite) and re-read both.

    Concurrent publishes of one patent's drafts queue here; each sees what the previous one committed.
    """
    db.session.get(Patent, decl.patent_id, with_for_update=True, populate_existing=True)
    db.session.get(Declaration, decl.id, with_for_update=True, populate_existing=True)


def _announce(decl: Declaration, actor: User) -> None:
    try:  # loading the audit trail autoflushes, so the index may refuse on any line here
        decl.status = DeclarationStatus.PUBLISHED
        decl.published_at = clock.now()
        decl.ipc_sections = Declaration.sections_of(decl.patent.ipc_codes)
        record_event(decl, actor, "published", {"status": {"old": "draft", "new": "published"}})
        db.session.flush()
    except IntegrityError as err:
        if ONE_PUBLISHED_INDEX not in str(err.orig) and "declarations.patent_id" not in str(err.orig):
            raise
        refusal = one_open_refusal()
        raise RuleViolation(refusal.message, {refusal.rule: refusal.message}, rule=refusal.rule) from None


def publish_declaration(actor: User, decl_id: int, today: date | None = None) -> Declaration:
    """Announce a draft after checking every legal rule; refuse listing each broken rule."""
    decl = owned_declaration(actor, decl_id)
    _lock_for_publish(decl)
    if decl.status != DeclarationStatus.DRAFT:
        raise RuleViolation(_("只有草稿可以发布。"), rule="draft_only")
    broken = refusals(decl, today or clock.today())
    if broken:
        fields = {r.rule: r.message for r in broken}
        message = _("不能发布开放许可声明：") + " ".join(r.message for r in broken)
        raise RuleViolation(message, fields=fields, rule=broken[0].rule)
    _announce(decl, actor)
    events.on_published(decl)
    return decl


def withdraw_declaration(actor: User, decl_id: int, reason: str) -> Declaration:
    """Withdraw an announced declaration (Patent Law Art. 50(2)); licences already granted stay in force."""
    decl = owned_declaration(actor, decl_id)
    if decl.status != DeclarationStatus.PUBLISHED:
        raise RuleViolation(_("只有已公告的声明可以撤回。"), rule="published_only")
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("请填写撤回理由。"), {"reason": _("撤回须书面说明理由。")})
    coowner_svc.ensure_withdrawal_consented(decl)
    decl.status = DeclarationStatus.WITHDRAWN
    decl.withdrawn_at = clock.now()
    decl.withdrawal_reason = reason[:2000]
    record_event(
        decl, actor, "withdrawn", {"status": {"old": "published", "new": "withdrawn"}, "reason": reason}
    )
    db.session.flush()
    events.on_unpublished(decl)
    return decl


def expire_due_declarations(today: date | None = None) -> list[Declaration]:
    """Mark announced declarations whose licence period ended before `today` as expired."""
    today = today or clock.today()
    due = db.session.scalars(
        select(Declaration).where(
            Declaration.status == DeclarationStatus.PUBLISHED, Declaration.period_end < today
        )
    ).all()
    for decl in due:
        decl.status = DeclarationStatus.EXPIRED
        record_event(decl, None, "expired", {"status": {"old": "published", "new": "expired"}})
    db.session.flush()
    for decl in due:
        events.on_unpublished(decl)
    return list(due)


def my_declarations(actor: User) -> list[Declaration]:
    """The actor's declarations, newest first."""
    stmt = select(Declaration).where(Declaration.owner_id == actor.id).order_by(Declaration.id.desc())
    return list(db.session.scalars(stmt))


def my_patents(actor: User) -> list[Patent]:
    """Patents the actor may declare (their own)."""
    return list(db.session.scalars(select(Patent).where(Patent.owner_id == actor.id).order_by(Patent.id)))
