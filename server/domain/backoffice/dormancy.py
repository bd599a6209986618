"""Dormant accounts in the back office (docs/compliance.md): listed with
their balances, a page of at most 200 at a time (a read). Dormancy never
moves money; a login reactivates an account."""

from __future__ import annotations

from server.domain.backoffice.model import Paged
from server.domain.backoffice.service import Backoffice, decode_token, encode_token, page_size
from server.domain.errors import Violations


def list_dormant(bo: Backoffice, brand_id: int, size: int, token: str) -> Paged:
    v = Violations()
    if brand_id < 0:
        v.add("brand_id", "invalid", "brand_id: a brand id, or 0 for every brand.")
    n = page_size(size, v)
    v.raise_if_any()
    before = decode_token(token)
    rows = bo.store.dormant_accounts(brand_id or None, before, n + 1)
    more = len(rows) > n
    rows = rows[:n]
    return Paged(rows, encode_token(rows[-1].player_id) if more and rows else "")
