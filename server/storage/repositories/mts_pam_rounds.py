"""THE plug-in point between the PAM wallet and casino-sessions reports.

``pam_rounds_source(app)`` returns the RoundsSource that
``server.domain.mts.producer.produce_reports`` reads a player's finished game
rounds from. The PAM wallet (its game-round tables and repository) is built on
another branch; until it is merged this returns None and `pitboss mts report`
asks for ``--rounds-file``. After the merge, replace the body with an adapter
that maps the PAM repository's rounds to ``RoundRecord`` (one place, nothing
else changes):

    def pam_rounds_source(app):
        def source(player_id, since, until):
            with app.db.session() as s:
                for r in PamRepository(s, app.vault).finished_rounds(player_id, since, until):
                    yield RoundRecord(player_id=r.player_id, provider=r.provider, game_id=r.game_id,
                                      round_id=r.provider_round_id, currency=r.currency,
                                      stake=r.total_bet, payout=r.total_win, started_at=r.created_at,
                                      ended_at=r.finished_at, is_free=r.is_free)
        return source
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from server.domain.mts.producer import RoundRecord, RoundsSource


def pam_rounds_source(app) -> RoundsSource | None:  # noqa: ARG001 - see the module docstring
    return None


def file_rounds_source(path: Path) -> RoundsSource:
    """Rounds from a JSON file (a list of objects with RoundRecord's fields;
    amounts as decimal strings, times as ISO-8601 with offset)."""
    items = json.loads(Path(path).read_text())

    def parse(d: dict) -> RoundRecord:
        return RoundRecord(
            player_id=d["player_id"], provider=d["provider"], game_id=d["game_id"], round_id=d["round_id"],
            currency=d["currency"], stake=Decimal(str(d["stake"])), payout=Decimal(str(d["payout"])),
            started_at=datetime.fromisoformat(d["started_at"]), ended_at=datetime.fromisoformat(d["ended_at"]),
            is_free=bool(d.get("is_free", False)), wallet_id=d.get("wallet_id", ""),
        )

    rounds = [parse(d) for d in items]

    def source(player_id: str, since: datetime, until: datetime):
        return [r for r in rounds if r.player_id == player_id and since <= r.ended_at < until]

    return source
