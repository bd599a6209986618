"""Where casino-sessions reports read the PAM wallet's game rounds.

``pam_rounds_source(app)`` returns the RoundsSource that
``server.domain.mts.producer.produce_reports`` reads a player's finished game
rounds from: the PAM repository's ``finished_rounds``, mapped to
``RoundRecord``. ``file_rounds_source`` reads rounds from a JSON file instead
(``pitboss mts report --rounds-file``).
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from server.domain.mts.producer import RoundRecord, RoundsSource


def pam_rounds_source(app) -> RoundsSource:
    from server.storage.repositories.pam_readers import finished_rounds

    def source(player_id: str, since: datetime, until: datetime) -> list[RoundRecord]:
        with app.db.session() as s:
            rounds = finished_rounds(s, player_id, since, until)
        return [
            RoundRecord(
                player_id=player_id, provider=r.provider, game_id=r.provider_game_id,
                round_id=r.provider_round_id, currency=r.currency, stake=r.stake, payout=r.payout,
                started_at=r.started_at, ended_at=r.ended_at, is_free=r.is_free,
            )
            for r in rounds
        ]

    return source


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
