"""Co-owner rows -> royalties.pools.distribute: a payment received split by the co-owners' shares."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.coowners.models import CoOwner
from royalties.pools import PoolShareInput, distribute


def share_key(co_owner_id: int) -> str:
    """Member key: zero-padded so the largest-remainder tie-break follows the co-owner order of entry."""
    return f"{co_owner_id:010d}"


def split_by_shares(amount: Decimal, owners: Sequence[CoOwner]) -> dict[int, Decimal]:
    """``amount`` CNY split by share (%) to the fen, the parts adding up to it exactly; by co-owner id."""
    members = [PoolShareInput(key=share_key(c.id), share_pct=c.share_pct) for c in owners]
    split = distribute(amount, members, "share")
    by_key = dict(split.shares)
    return {c.id: by_key[share_key(c.id)] for c in owners}
