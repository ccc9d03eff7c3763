"""`flask payments overdue`: alert the operator once for each claim left unconfirmed too long."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.extensions import db
from app.payments.mediation import alert_overdue

payments_cli = AppGroup("payments", help="Payment claims awaiting confirmation.")


@payments_cli.command("overdue")
def overdue_command() -> None:
    """Alert the operator to claims neither confirmed nor disputed in PAYMENT_CONFIRM_DAYS (once each)."""
    days = current_app.config["PAYMENT_CONFIRM_DAYS"]
    alerted = alert_overdue(days)
    db.session.commit()
    for p in alerted:
        click.echo(
            f"{_('逾期未确认')} payment={p.id} reference={p.reference} amount={p.amount:.2f} "
            f"payer={p.payer_id} payee={p.payee_id} claimed_at={p.paid_at.isoformat()}"
        )
    click.echo(
        _(
            "%(count)d 笔付款超过 %(days)d 天未确认，已提醒运营中心（已提醒过的不再重复）。",
            count=len(alerted),
            days=days,
        )
    )
