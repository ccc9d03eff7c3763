"""Pool pages: public offers; operator curation; patentee consent; enterprise licence and payments."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app import clock
from app.alliances import services as alliance_svc
from app.auth.access import role_required, viewer
from app.auth.models import Role
from app.forms import ButtonForm, form_messages, form_page, post_back, post_button
from app.pools import ledger as ledger_svc
from app.pools import services as svc
from app.pools.forms import InviteForm, JudgeForm, PoolForm, RoyaltyForm, TakeForm
from app.pools.models import Essentiality, FeeMethod, PoolLicence, PoolLicenceStatus, Rule

bp = Blueprint("pools", __name__, url_prefix="/pools")


def _pool_input(form: PoolForm) -> svc.PoolInput:
    return svc.PoolInput(
        name=form.name.data or "",
        field_ipc=[
            c.strip().upper() for c in (form.field_ipc.data or "").replace("，", ",").split(",") if c.strip()
        ],
        industry_codes=form.industry_codes.data or [],
        term_start=form.term_start.data,
        term_end=form.term_end.data,
        fee_method=FeeMethod(form.fee_method.data) if form.fee_method.data else None,
        lump_sum=form.lump_sum.data,
        royalty_rate_pct=form.royalty_rate_pct.data,
        unit_fee=form.unit_fee.data,
        field_of_use=form.field_of_use.data or "",
        admin_fee_pct=form.admin_fee_pct.data or 0,  # type: ignore[arg-type]
        distribution_rule=Rule(form.distribution_rule.data),
        alliance_id=int(form.alliance_id.data) if form.alliance_id.data else None,
    )


def _pool_form(obj=None) -> PoolForm:  # type: ignore[no-untyped-def]
    alliances = [(str(a.id), a.name) for a in alliance_svc.alliances_of(current_user)]
    form = PoolForm(obj=obj, alliances=alliances)
    if obj is not None and not form.is_submitted():
        form.field_ipc.data = ", ".join(obj.field_ipc)
        form.alliance_id.data = str(obj.alliance_id or "")
        form.fee_method.data = obj.fee_method.value if obj.fee_method else ""
        form.distribution_rule.data = obj.distribution_rule.value
    return form


@bp.get("/")
def index() -> str:
    return render_template("pools/index.html", pools=svc.open_pools(), alliances=alliance_svc.all_alliances())


@bp.get("/mine")
@role_required(Role.OPERATOR, Role.PATENTEE, Role.ENTERPRISE)
def mine() -> str:
    return render_template(
        "pools/mine.html",
        pools=svc.pools_of(current_user) if current_user.has_role(Role.OPERATOR) else [],
        invitations=svc.invitations_for(current_user),
        licences=ledger_svc.licences_of(current_user),
        alliance_invites=alliance_svc.invitations_of(current_user),
        form=ButtonForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def new() -> str | Response:
    return form_page(
        _pool_form(),
        lambda form: svc.create_pool(current_user, _pool_input(form)),
        lambda pool: url_for("pools.detail", pool_id=pool.id),
        "pools/form.html",
        success=_("专利池已创建。"),
        pool=None,
    )


@bp.route("/<int:pool_id>/edit", methods=["GET", "POST"])
@role_required(Role.OPERATOR)
def edit(pool_id: int) -> str | Response:
    pool = svc.pool_for_edit(current_user, pool_id)
    return form_page(
        _pool_form(pool),
        lambda form: svc.update_pool(current_user, pool_id, _pool_input(form)),
        url_for("pools.detail", pool_id=pool_id),
        "pools/form.html",
        success=_("专利池已保存。"),
        pool=pool,
    )


@bp.get("/<int:pool_id>")
def detail(pool_id: int) -> str:
    user = viewer()
    pool = svc.view_pool(user, pool_id)
    mine = ledger_svc.licence_of(pool.id, user.id) if user else None
    return render_template(
        "pools/detail.html",
        pool=pool,
        form=ButtonForm(),
        invite_form=InviteForm(),
        judge_form=JudgeForm(),
        problems=svc.offer_problems(pool),
        is_operator=bool(user and user.can_manage(pool.operator_id)),
        my_licence=mine,
        can_see_ledger=bool(user and ledger_svc.can_see_ledger(user, pool)),
    )


def _act(pool_id: int, message: str, action: Callable[[], object]) -> Response:
    return post_button(action, message, url_for("pools.detail", pool_id=pool_id))


@bp.post("/<int:pool_id>/invite")
@role_required(Role.OPERATOR)
def invite(pool_id: int) -> Response:
    return post_back(
        InviteForm(),
        lambda form: svc.invite_patent_numbers(current_user, pool_id, form.numbers.data or ""),
        url_for("pools.detail", pool_id=pool_id),
        invalid=_("请填写专利号。"),
        success=lambda invited: _("已邀请 %(n)s 件专利，待专利权人同意。", n=len(invited)),
    )


@bp.post("/<int:pool_id>/invite/<int:patent_id>")
@role_required(Role.OPERATOR)
def invite_one(pool_id: int, patent_id: int) -> Response:
    return _act(
        pool_id, _("已邀请，待专利权人同意。"), lambda: svc.invite_patents(current_user, pool_id, [patent_id])
    )


@bp.get("/<int:pool_id>/suggestions")
@role_required(Role.OPERATOR)
def suggestions(pool_id: int) -> str:
    pool, ranked = svc.suggestions(current_user, pool_id)
    return render_template("pools/suggestions.html", pool=pool, suggestions=ranked, form=ButtonForm())


@bp.post("/<int:pool_id>/screen")
@role_required(Role.OPERATOR)
def screen(pool_id: int) -> Response:
    return _act(pool_id, _("已完成筛查。"), lambda: svc.screen_pool(current_user, pool_id, clock.today()))


@bp.post("/<int:pool_id>/open")
@role_required(Role.OPERATOR)
def open_offer(pool_id: int) -> Response:
    return _act(pool_id, _("专利池许可要约已发布。"), lambda: svc.open_pool(current_user, pool_id))


@bp.post("/<int:pool_id>/close")
@role_required(Role.OPERATOR)
def close(pool_id: int) -> Response:
    return _act(pool_id, _("专利池已关闭。"), lambda: svc.close_pool(current_user, pool_id))


@bp.post("/patents/<int:pp_id>/judge")
@role_required(Role.OPERATOR)
def judge(pp_id: int) -> Response:
    pp = svc.get_pool_patent(pp_id)
    return post_back(
        JudgeForm(),
        lambda form: svc.judge_patent(
            current_user,
            pp_id,
            Essentiality(form.essentiality.data),
            form.note.data or "",
            form.share_pct.data,
        ),
        url_for("pools.detail", pool_id=pp.pool_id),
        invalid=lambda form: [_("判断信息有误：%(e)s", e="；".join(form_messages(form)))],
        success=_("判断已记录。"),
    )


@bp.post("/patents/<int:pp_id>/consent")
@role_required(Role.PATENTEE)
def consent(pp_id: int) -> Response:
    pool_id = svc.get_pool_patent(pp_id).pool_id
    return _act(pool_id, _("已同意该专利加入专利池。"), lambda: svc.decide_consent(current_user, pp_id, True))


@bp.post("/patents/<int:pp_id>/decline")
@role_required(Role.PATENTEE)
def decline(pp_id: int) -> Response:
    pool_id = svc.get_pool_patent(pp_id).pool_id
    return _act(
        pool_id, _("已拒绝该专利加入专利池。"), lambda: svc.decide_consent(current_user, pp_id, False)
    )


@bp.post("/patents/<int:pp_id>/leave")
@role_required(Role.PATENTEE, Role.OPERATOR)
def leave(pp_id: int) -> Response:
    pool_id = svc.get_pool_patent(pp_id).pool_id
    return _act(
        pool_id, _("该专利已退出专利池；此前的分配不受影响。"), lambda: svc.leave_pool(current_user, pp_id)
    )


@bp.route("/<int:pool_id>/take", methods=["GET", "POST"])
@role_required(Role.ENTERPRISE)
def take(pool_id: int) -> str | Response:
    pool = svc.view_pool(current_user, pool_id)
    return form_page(
        TakeForm(),
        lambda form: ledger_svc.take_pool_licence(
            current_user, pool_id, form.notice.data or "", form.payment_reference.data or "", clock.today()
        ),
        url_for("pools.detail", pool_id=pool_id),
        "pools/take.html",
        success=_taken,
        pool=pool,
        upfront=ledger_svc.upfront_for(pool),
    )


def _taken(licence: PoolLicence) -> str:
    if licence.status is PoolLicenceStatus.PAYMENT_PENDING:
        return _("书面通知已送达，付款已登记；运营中心确认收款后许可生效。")
    return _("已取得专利池许可：书面通知已送达。")


@bp.route("/licences/<int:licence_id>/pay", methods=["GET", "POST"])
@role_required(Role.ENTERPRISE)
def pay(licence_id: int) -> str | Response:
    licence = ledger_svc.own_licence(current_user, licence_id)
    return form_page(
        RoyaltyForm(),
        lambda form: ledger_svc.pay_pool_royalty(
            current_user,
            licence_id,
            form.net_sales.data or 0,  # type: ignore[arg-type]
            form.units.data or 0,
            form.payment_reference.data or "",
            clock.today(),
        ),
        url_for("pools.mine"),
        "pools/pay.html",
        success=_("付款已登记并按专利池规则计算分配；运营中心确认收款后计入台账合计。"),
        licence=licence,
    )


@bp.get("/<int:pool_id>/ledger")
@role_required(Role.OPERATOR, Role.PATENTEE)
def ledger(pool_id: int) -> str:
    lines = ledger_svc.ledger(current_user, pool_id)
    pool = svc.get_pool(pool_id)
    return render_template(
        "pools/ledger.html", pool=pool, lines=lines, totals=ledger_svc.totals_by_patentee(lines)
    )
