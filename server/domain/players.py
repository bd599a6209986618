"""The one spelling of a player ID.

Families name a player by text: the gateway's numeric player ID as VIP
Connect's ``patronId``, the PAM's ``playerId``, the back office's
``player_id``. Protections, counting and settlement are keyed by that text,
so a protection holds at every door only if every door accepts exactly one
spelling per player: the ID as the gateway writes it (``str(id)``). Any other
spelling (``033003139``, ``+33003139``, `` 33003139``, ``33003139.0``,
non-ASCII digits) names no gateway player.
"""

from __future__ import annotations

# A gateway player ID fits a signed 64-bit integer (BIGINT).
MAX_DIGITS = 18


def player_number(text: str | None) -> int | None:
    """The gateway player ID that ``text`` spells exactly (None: it spells none)."""
    if not text or len(text) > MAX_DIGITS or not text.isascii() or not text.isdigit():
        return None
    if text != "0" and text[0] == "0":
        return None
    n = int(text)
    return n if n > 0 else None
