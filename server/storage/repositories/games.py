"""The game catalogue, launch templates and Start Game's game sessions
(``server.domain.games.ports.GamesStore``), on an ORM unit of work. A game
session is a PAM session (``pam_session``: the token hash the aggregator's
calls resolve) plus its link row (``game_session``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, exists, func, type_coerce, update
from sqlmodel import Session, select

from server.domain.games.model import CatalogueGame, GameSessionInfo, NewGameSession, SessionFigures, Wallet
from server.domain.ledger import DEPOSITS, WITHDRAWS, ZERO
from server.storage.holds import verification_hold
from server.storage.models import (
    GameCatalogueEntry,
    GameLaunchTemplate,
    GameSessionLaunch,
    PamAccount,
    PamGame,
    PamPlayer,
    PamProvider,
    PamRound,
    PamSession,
    PamTransaction,
)
from server.storage.repositories.protection import has_protections, lock_wallet_creation
from server.storage.types import Money


# How far back Start Game looks for an unfinished round in another game: the
# player's newest rounds (docs/gateway.md).
OPEN_ROUND_LOOKBACK = 100


def _countries(raw: str) -> tuple[str, ...]:
    return tuple(c for c in (raw or "").split(",") if c)


def catalogue_game(row: GameCatalogueEntry) -> CatalogueGame:
    return CatalogueGame(row.brand_id, row.game_id, row.provider, row.name, _countries(row.restricted_countries),
                         row.enabled, row.ggr_game)


def session_info(row: GameSessionLaunch) -> GameSessionInfo:
    return GameSessionInfo(row.public_id, row.pam_session_id, row.brand_id, row.gateway_player_id, row.pam_player_id,
                           row.game_id, row.provider, row.created_at, row.expires_at, row.ended_at, row.ended_reason)


class GamesRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _locked(self, q):
        return q.with_for_update() if self.s.bind.dialect.name == "postgresql" else q

    # ------------------------------------------------------------ catalogue
    def catalogue_game(self, brand_id: int, game_id: str) -> CatalogueGame | None:
        row = self._entry(brand_id, game_id)
        return catalogue_game(row) if row is not None else None

    def _entry(self, brand_id: int, game_id: str) -> GameCatalogueEntry | None:
        q = select(GameCatalogueEntry).where(GameCatalogueEntry.brand_id == brand_id,
                                             GameCatalogueEntry.game_id == game_id)
        return self.s.exec(q).first()

    def catalogue(self, brand_id: int) -> list[CatalogueGame]:
        q = select(GameCatalogueEntry).where(GameCatalogueEntry.brand_id == brand_id).order_by(GameCatalogueEntry.game_id)
        return [catalogue_game(r) for r in self.s.exec(q)]

    def save_catalogue_game(self, g: CatalogueGame, now: datetime) -> None:
        row = self._entry(g.brand_id, g.game_id)
        if row is None:
            row = GameCatalogueEntry(brand_id=g.brand_id, game_id=g.game_id, provider=g.provider, created_at=now)
        row.provider, row.name, row.enabled, row.ggr_game = g.provider, g.name, g.enabled, g.ggr_game
        row.restricted_countries = ",".join(g.restricted_countries)
        row.updated_at = now
        self.s.add(row)
        known = select(PamGame.id).where(PamGame.provider == g.provider, PamGame.game_id == g.game_id)
        if self.s.exec(known).first() is None:
            self.s.add(PamGame(provider=g.provider, game_id=g.game_id, name=g.name[:128]))
        self.s.flush()

    def provider_exists(self, provider: str) -> bool:
        return self.s.get(PamProvider, provider) is not None

    def launch_template(self, brand_id: int, provider: str) -> str | None:
        row = self.s.get(GameLaunchTemplate, (brand_id, provider))
        return row.url_template if row is not None else None

    def save_launch_template(self, brand_id: int, provider: str, url_template: str) -> None:
        row = self.s.get(GameLaunchTemplate, (brand_id, provider)) or GameLaunchTemplate(brand_id=brand_id,
                                                                                          provider=provider)
        row.url_template = url_template
        self.s.add(row)
        self.s.flush()

    # --------------------------------------------------------------- wallet
    def wallet(self, player_id: str, lock: bool = False) -> Wallet | None:
        q = select(PamPlayer, PamAccount).join(PamAccount, PamAccount.player_id == PamPlayer.id, isouter=True).where(
            PamPlayer.id == player_id)
        if lock and self.s.bind.dialect.name == "postgresql":
            q = q.with_for_update(of=PamPlayer)  # not the outer join's nullable side
        row = self.s.exec(q).first()
        if row is None:
            return None
        p, a = row
        return Wallet(p.id, p.currency, p.country, p.language, p.blocked, a.cash_amount if a else ZERO,
                      a.bonus_amount if a else ZERO, a.promo_amount if a else ZERO)

    def open_wallet(self, player_id: str, currency: str, country: str, language: str, now: datetime) -> None:
        lock_wallet_creation(self.s, player_id)
        if self.s.get(PamPlayer, player_id) is None:
            self.s.add(PamPlayer(id=player_id, currency=currency, country=country, language=language, created_at=now,
                                 verification_hold=verification_hold(self.s, player_id)))
            self.s.flush()
        if self.s.get(PamAccount, player_id) is None:
            self.s.add(PamAccount(player_id=player_id, currency=currency, updated_at=now,
                                  protected=has_protections(self.s, player_id)))
            self.s.flush()

    def set_language(self, player_id: str, language: str) -> None:
        self.s.exec(update(PamPlayer).where(PamPlayer.id == player_id).values(language=language))

    def open_round_game(self, player_id: str, other_than: str) -> tuple[str, str] | None:
        """Among the player's last ``OPEN_ROUND_LOOKBACK`` rounds (an index
        range, however long the history), the newest unfinished one in
        another game."""
        settled = exists().where(and_(PamTransaction.round_id == PamRound.id,
                                      PamTransaction.transaction_type.in_(DEPOSITS)))
        recent = (select(PamRound.id).where(PamRound.player_id == player_id)
                  .order_by(PamRound.started_at.desc()).limit(OPEN_ROUND_LOOKBACK))
        q = (select(PamRound.provider_game_id, PamRound.provider)
             .where(PamRound.id.in_(recent), PamRound.ended_at.is_(None), PamRound.stake > 0,
                    PamRound.provider_game_id != other_than, ~settled)
             .order_by(PamRound.started_at.desc()).limit(1))
        row = self.s.exec(q).first()
        return (row[0], row[1]) if row else None

    # -------------------------------------------------------- game sessions
    def open_session(self, n: NewGameSession) -> None:
        ps = PamSession(token_hash=n.token_hash, player_id=n.pam_player_id, provider=n.provider, game_id=n.game_id,
                        created_at=n.created_at, expires_at=n.expires_at)
        self.s.add(ps)
        self.s.flush()
        self.s.add(GameSessionLaunch(
            public_id=n.public_id, pam_session_id=ps.id, brand_id=n.brand_id, gateway_player_id=n.gateway_player_id,
            pam_player_id=n.pam_player_id, login_session_id=n.login_session_id, game_id=n.game_id,
            provider=n.provider, created_at=n.created_at, expires_at=n.expires_at,
        ))
        self.s.flush()

    def _launch(self, public_id: str) -> GameSessionLaunch | None:
        return self.s.exec(select(GameSessionLaunch).where(GameSessionLaunch.public_id == public_id)).first()

    def game_session(self, public_id: str) -> GameSessionInfo | None:
        row = self._launch(public_id)
        if row is None:
            return None
        # The PAM session's lifetime is the truth (a refresh extends it).
        ps = self.s.get(PamSession, row.pam_session_id)
        info = session_info(row)
        if ps is not None and ps.expires_at != row.expires_at:
            info = GameSessionInfo(**{**info.__dict__, "expires_at": ps.expires_at})
        return info

    def game_sessions(self, pam_player_id: str, limit: int) -> list[GameSessionInfo]:
        q = (select(GameSessionLaunch, PamSession.expires_at)
             .join(PamSession, PamSession.id == GameSessionLaunch.pam_session_id)
             .where(GameSessionLaunch.pam_player_id == pam_player_id)
             .order_by(GameSessionLaunch.id.desc()).limit(limit))
        out = []
        for row, expires in self.s.exec(q):
            info = session_info(row)
            out.append(GameSessionInfo(**{**info.__dict__, "expires_at": expires}))
        return out

    def figures(self, pam_session_id: int) -> SessionFigures:
        """Rounds with a bet, bets (not cancelled) and wins of one game session,
        and its last bet: two statements over ``ix_pam_transaction_session``
        (aggregates and the last bet by id), never the session's rows."""
        t = PamTransaction.__table__.c
        total = t.cash_amount + t.bonus_amount + t.promo_amount
        bet = t.transaction_type.in_(WITHDRAWS)

        def money(e):  # micro-units summed in SQL, read back as Money on every backend
            return type_coerce(func.coalesce(e, 0), Money())

        row = self.s.execute(select(
            func.count(func.distinct(case((bet, t.round_id)))),
            money(func.sum(case((and_(bet, t.cancelled_by.is_(None)), total), else_=0))),
            money(func.sum(case((t.transaction_type.in_(DEPOSITS), total), else_=0))),
        ).where(t.session_id == pam_session_id)).one()
        last = self.s.execute(select(t.created_at, type_coerce(total, Money()))
                              .where(t.session_id == pam_session_id, bet).order_by(t.id.desc()).limit(1)).first()
        return SessionFigures(int(row[0]), row[1], row[2], last[0] if last else None, last[1] if last else None)

    def end_session(self, public_id: str, now: datetime, reason: str) -> bool:
        row = self._launch(public_id)
        if row is None or row.ended_at is not None:
            return False
        self._end([row], now, reason)
        return True

    def _end(self, rows: list[GameSessionLaunch], now: datetime, reason: str) -> None:
        ids = [r.pam_session_id for r in rows]
        for r in rows:
            r.ended_at, r.ended_reason = now, reason
            self.s.add(r)
        if ids:
            # Bets on the token stop at once; wins and cancels still land.
            self.s.exec(update(PamSession).where(PamSession.id.in_(ids), PamSession.expires_at > now)
                        .values(expires_at=now))
        self.s.flush()

    def end_sessions_of_login(self, login_session_id: int, now: datetime, reason: str) -> int:
        """Every open game session of a login ends: two set-based updates
        over ``login_session_id`` (indexed), whatever their number."""
        return self._end_open(GameSessionLaunch.login_session_id == login_session_id, now, reason)

    def end_sessions_of_player(self, gateway_player_id: int, now: datetime, reason: str) -> int:
        """Every open game session of a gateway player ends (a person the
        self-exclusion register lists): two set-based updates over
        ``gateway_player_id`` (indexed), at most the open sessions of her live
        logins (20 each)."""
        return self._end_open(GameSessionLaunch.gateway_player_id == gateway_player_id, now, reason)

    def _end_open(self, which, now: datetime, reason: str) -> int:
        """The open game sessions ``which`` selects end, their PAM tokens with
        them: two set-based updates."""
        g = GameSessionLaunch
        open_ = and_(which, g.ended_at.is_(None))
        self.s.exec(update(PamSession).where(PamSession.id.in_(select(g.pam_session_id).where(open_)),
                                             PamSession.expires_at > now).values(expires_at=now)
                    .execution_options(synchronize_session=False))
        done = self.s.exec(update(g).where(open_).values(ended_at=now, ended_reason=reason)
                           .execution_options(synchronize_session=False))
        return done.rowcount

    def end_surplus_sessions(self, login_session_id: int, keep: int, now: datetime, reason: str) -> int:
        """End the oldest open game sessions of a login beyond the newest
        ``keep`` (at most the few over the cap: the cap holds after each start)."""
        q = (select(GameSessionLaunch).where(GameSessionLaunch.login_session_id == login_session_id,
                                             GameSessionLaunch.ended_at.is_(None))
             .order_by(GameSessionLaunch.id.desc()).offset(keep))
        rows = list(self.s.exec(q))
        self._end(rows, now, reason)
        return len(rows)
