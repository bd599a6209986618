"""The PAM wallet's storage: ``SqlPamStore`` implements the domain's
``PamStore`` port (``server.domain.pam.ports``) with short SQL statements on a
driver connection (``server.storage.sql``) and returns domain dataclasses.
The unit of work that holds it is ``server.storage.pam_units``.

A call resolves its session, player and wallet in one statement (locking the
wallet when it writes). API clients, providers and games come from a
short-lived cache.
"""

from __future__ import annotations

import functools
from datetime import datetime
from decimal import Decimal

from server.domain.pam.model import Balance, Booking, GameSession, Player, Round, Transaction
from server.domain.records.events import NewEvent
from server.domain.records.chain import Head
from server.storage import chain
from server.storage.cache import TtlCache
from server.storage.repositories import events as events_sql
from server.storage.repositories.protection import SET_PLAY, UPSERT_USAGE, play_params, upsert_usage, usage_params
from server.storage.sql import SqlConnection

_TX_COLUMNS = (
    "id, public_id, player_id, provider, transaction_type, provider_transaction_id, provider_bet_ref,"
    " provider_game_id, provider_round_id, round_id, currency, cash_amount, bonus_amount, promo_amount,"
    " transaction_date_time, bet_code, is_game_over, extras, cancelled_by, created_at"
)
_SESSION_COLUMNS = ("s.id, s.provider, s.game_id, s.expires_at, p.id, p.currency, p.country, p.language, p.blocked,"
                    " a.cash_amount, a.bonus_amount, a.promo_amount, a.protected,"
                    " p.verification_hold, a.chain_seq, a.chain_hash")
_SESSION_FROM = "FROM pam_session s JOIN pam_player p ON p.id = s.player_id {join} pam_account a ON a.player_id = s.player_id"
SESSION = f"SELECT {_SESSION_COLUMNS} {_SESSION_FROM.format(join='LEFT JOIN')} WHERE s.token_hash = :h"
# A booking reads the session, its wallet and the transaction already booked
# under the call's key in one statement; on PostgreSQL the wallet row stays
# locked until the transaction ends (SQLite writers are serialised by BEGIN
# IMMEDIATE).
_ROUND_COLUMNS = "id, provider_game_id, provider_round_id, started_at, ended_at, stake, payout"
_T_COLUMNS = ", ".join("t." + c.strip() for c in _TX_COLUMNS.split(","))
_R_COLUMNS = ", ".join("r." + c.strip() for c in _ROUND_COLUMNS.split(","))
_HEAD_AT = 14  # the player's ledger chain head (server.storage.chain)
_T_AT = 16  # where the transaction's columns start in a booking row (after the session's)
_R_AT = _T_AT + len(_TX_COLUMNS.split(","))  # and the round's
SESSION_FOR_BOOKING = (
    f"SELECT {_SESSION_COLUMNS}, {_T_COLUMNS}, {_R_COLUMNS} {_SESSION_FROM.format(join='JOIN')}"
    " LEFT JOIN pam_transaction t ON t.provider = :prov AND t.provider_transaction_id = :tid"
    " AND t.transaction_type = :ty"
    " LEFT JOIN pam_round r ON r.player_id = s.player_id AND r.provider = :prov AND r.provider_round_id = :rk"
    " WHERE s.token_hash = :h"
)
SESSION_FOR_BOOKING_LOCKED = SESSION_FOR_BOOKING + " FOR UPDATE OF a"
TXS_BY_BET_REF = (f"SELECT {_TX_COLUMNS} FROM pam_transaction WHERE player_id = :pid AND provider = :prov"
                  " AND provider_bet_ref = :ref ORDER BY id")
TXS_BY_TX_ID = (f"SELECT {_TX_COLUMNS} FROM pam_transaction WHERE player_id = :pid AND provider = :prov"
                " AND provider_transaction_id = :tid ORDER BY id")
TXS_OF_ROUND = f"SELECT {_TX_COLUMNS} FROM pam_transaction WHERE round_id = :rid ORDER BY id"
ROUND = (f"SELECT {_ROUND_COLUMNS} FROM pam_round WHERE player_id = :pid AND provider = :prov"
         " AND provider_round_id = :rid")
ROUND_BY_ID = f"SELECT {_ROUND_COLUMNS} FROM pam_round WHERE id = :id"

# The writes of a booking (``SqlPamStore.book``).
_TX_INTO = (
    "INSERT INTO pam_transaction (public_id, player_id, provider, transaction_type, provider_transaction_id,"
    " provider_bet_ref, provider_game_id, provider_round_id, round_id, currency, cash_amount, bonus_amount,"
    " promo_amount, transaction_date_time, bet_code, is_game_over, extras, cancels, session_id, created_at)"
)
_TX_VALUES = (
    ":public_id, :player_id, :provider, :transaction_type, :provider_transaction_id, :provider_bet_ref,"
    " :provider_game_id, :provider_round_id, {round_id}, :currency, :cash, :bonus, :promo, :when, :bet_code,"
    " :is_game_over, :extras, :cancels, :session_id, :now"
)
_INSERT_TX = f"{_TX_INTO} VALUES ({_TX_VALUES})"
_INSERT_ROUND = (
    "INSERT INTO pam_round (player_id, provider, provider_round_id, provider_game_id, started_at, ended_at,"
    " stake, payout) VALUES (:player_id, :provider, :r_key, :r_game, :now, :r_ended, :r_stake, 0)"
)
# A booking changes a round only while it is still open, and adds its amounts
# to the stored totals: a booking of another process that committed after
# this one read the round is never overwritten, and a closed round is never
# written again (no row: nothing of the booking is written, see book()).
_UPDATE_ROUND = ("UPDATE pam_round SET stake = stake + :r_stake, payout = payout + :r_payout, ended_at = :r_ended"
                 " WHERE id = :round_id AND ended_at IS NULL")
_CANCEL = "UPDATE pam_transaction SET cancelled_by = {tx_id} WHERE id = :cancels{gate}"
_SET_BALANCE = ("UPDATE pam_account SET cash_amount = :a_cash, bonus_amount = :a_bonus, promo_amount = :a_promo,"
                " updated_at = :now{last}{chain} WHERE player_id = :player_id{gate}")
# The chain's head moves with the balance, on the row the booking locked.
_CHAIN = {True: ", chain_seq = :c_seq, chain_hash = :c_hash", False: ""}
# In the single statement (PostgreSQL), what follows a round change happens
# only when the change did (the transaction row is inserted from its RETURNING).
_GATE = " AND EXISTS (SELECT 1 FROM t)"
_LAST = {"bet": ", last_bet_at = :now, last_bet_amount = :last", "win": ", last_deposit_at = :now,"
         " last_deposit_amount = :last", None: ""}
_LEDGER_COLUMNS = ("player_id, kind, transaction_id, cash_delta, bonus_delta, promo_delta, cash_after, bonus_after,"
                   " promo_after, created_at, seq, chain_hash")
_LEDGER_VALUES = (":player_id, 'TRANSACTION', {tx_id}, :d_cash, :d_bonus, :d_promo, :a_cash, :a_bonus, :a_promo, :now,"
                  " :c_seq, :c_hash")
HEAD = "SELECT chain_seq, chain_hash FROM pam_account WHERE player_id = :p"
ROTATE = (
    "UPDATE pam_session SET token_hash = :new, refreshed_at = :now, expires_at = :exp,"
    " refresh_count = refresh_count + 1 WHERE id = :id AND token_hash = :old"
)


def _bool(v) -> bool | None:
    return None if v is None else bool(v)


class SqlPamStore:
    """``server.domain.pam.ports.PamStore`` on one driver connection."""

    def __init__(self, conn: SqlConnection, cache: TtlCache) -> None:
        self.c = conn
        self.cache = cache
        # The ledger chain heads read (under the wallet's lock) in this unit.
        self._heads: dict[str, Head] = {}

    # ------------------------------------------------------ significant events
    def large_win_floor(self) -> Decimal:
        return events_sql.large_win_floor(self.c, self.cache)

    def large_win_threshold(self, player_id: str) -> tuple[int | None, Decimal]:
        return events_sql.large_win_threshold(self.c, self.cache, player_id)

    def record_event(self, event: NewEvent) -> int:
        return events_sql.insert_event(self.c, event)

    # ------------------------------------------------------------ reference
    def api_client(self, token_hash: str) -> str | None:
        def load():
            row = self.c.one("SELECT name FROM pam_api_client WHERE token_hash = :h", {"h": token_hash})
            return row[0] if row else None

        return self.cache.get(("pam_api_client", token_hash), load)

    def provider(self, name: str) -> str | None:
        key = name.lower()

        def load():
            row = self.c.one("SELECT name FROM pam_provider WHERE name = :n", {"n": key})
            return row[0] if row else None

        return self.cache.get(("pam_provider", key), load)

    def game_exists(self, provider: str, game_id: str) -> bool:
        def load():
            row = self.c.one("SELECT 1 FROM pam_game WHERE provider = :p AND game_id = :g",
                             {"p": provider, "g": game_id})
            return True if row else None

        return bool(self.cache.get(("pam_game", provider, game_id), load))

    # --------------------------------------------------------------- reads
    def session(self, token_hash: str) -> GameSession | None:
        row = self.c.one(SESSION, {"h": token_hash})
        return self._session(row, token_hash) if row else None

    def session_for_booking(self, token_hash: str, provider: str, provider_tx_id: str | None,
                            tx_type: str | None, round_key: str | None,
                            ) -> tuple[GameSession | None, Transaction | None, Round | None]:
        sql = SESSION_FOR_BOOKING_LOCKED if self.c.postgres else SESSION_FOR_BOOKING
        row = self.c.one(sql, {"h": token_hash, "prov": provider, "tid": provider_tx_id, "ty": tx_type,
                               "rk": round_key})
        if row is None:  # no session, or one without a wallet: answered from the plain read
            return self.session(token_hash), None, None
        tx = self._tx(row[_T_AT:_R_AT]) if row[_T_AT] is not None else None
        rnd = self._round(row[_R_AT:]) if row[_R_AT] is not None else None
        self._heads[row[4]] = Head(int(row[_HEAD_AT]), row[_HEAD_AT + 1])
        return self._session(row, token_hash), tx, rnd

    def _session(self, row, token_hash: str) -> GameSession:
        m = self.c.read_money
        balance = Balance(m(row[9]), m(row[10]), m(row[11])) if row[9] is not None else None
        return GameSession(row[0], token_hash, row[1], row[2], self.c.read_time(row[3]),
                           Player(row[4], row[5], row[6], row[7], bool(row[8]), bool(row[13])), balance,
                           bool(row[12]))

    def player_exists(self, player_id: str) -> bool:
        return self.c.one("SELECT 1 FROM pam_player WHERE id = :p", {"p": player_id}) is not None

    def balance(self, player_id: str) -> Balance | None:
        row = self.c.one("SELECT cash_amount, bonus_amount, promo_amount FROM pam_account WHERE player_id = :p",
                         {"p": player_id})
        m = self.c.read_money
        return Balance(m(row[0]), m(row[1]), m(row[2])) if row else None

    def _tx(self, r) -> Transaction:
        m = self.c.read_money
        return Transaction(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], m(r[11]), m(r[12]),
                           m(r[13]), self.c.read_time(r[14]), r[15], _bool(r[16]), r[17], r[18],
                           self.c.read_time(r[19]))

    def txs_by_bet_ref(self, player_id: str, provider: str, bet_ref: str) -> list[Transaction]:
        return [self._tx(r) for r in self.c.all(TXS_BY_BET_REF, {"pid": player_id, "prov": provider, "ref": bet_ref})]

    def txs_by_provider_tx_id(self, player_id: str, provider: str, provider_tx_id: str) -> list[Transaction]:
        rows = self.c.all(TXS_BY_TX_ID, {"pid": player_id, "prov": provider, "tid": provider_tx_id})
        return [self._tx(r) for r in rows]

    def txs_of_round(self, round_id: int) -> list[Transaction]:
        return [self._tx(r) for r in self.c.all(TXS_OF_ROUND, {"rid": round_id})]

    def _round(self, r) -> Round:
        t, m = self.c.read_time, self.c.read_money
        return Round(r[0], r[1], r[2], t(r[3]), t(r[4]), m(r[5]), m(r[6]))

    def round(self, player_id: str, provider: str, provider_round_id: str) -> Round | None:
        row = self.c.one(ROUND, {"pid": player_id, "prov": provider, "rid": provider_round_id})
        return self._round(row) if row else None

    def round_by_id(self, round_id: int) -> Round | None:
        row = self.c.one(ROUND_BY_ID, {"id": round_id})
        return self._round(row) if row else None

    # -------------------------------------------------------------- writes
    def rotate_session_token(self, session_id: int, old_hash: str, new_hash: str, now: datetime,
                             expires_at: datetime) -> bool:
        t = self.c.time
        params = {"new": new_hash, "now": t(now), "exp": t(expires_at), "id": session_id, "old": old_hash}
        return self.c.run(ROTATE, params) == 1

    def book(self, b: Booking) -> int | None:
        variant = ("new" if b.new_round else "change" if b.round_change else None, b.cancels is not None,
                   "bet" if b.last_bet is not None else "win" if b.last_deposit is not None else None,
                   b.usage is not None, b.play is not None, chain.ENABLED)
        params = self._booking_params(b)
        head = self._link(b, params)
        dirty = self.c.dirty
        if self.c.postgres:
            row = self.c.one_write(_booking_statement(variant), params)
            tx_id = row[0] if row is not None else None
        else:
            tx_id = self._book_stepwise(variant, params)
        if tx_id is None:
            self.c.dirty = dirty  # the round was closed meanwhile: nothing was written
        elif head is not None:
            self._heads[b.tx.player_id] = head
        return tx_id

    def _link(self, b: Booking, p: dict) -> Head | None:
        """The ledger entry's place in the player's chain, after the head
        read under the wallet's lock (``session_for_booking``)."""
        if not chain.ENABLED:
            p.update(c_seq=None, c_hash=None)
            return None
        pid = b.tx.player_id
        head = self._heads.get(pid)
        if head is None:  # not read by this unit: read it now (locked on PostgreSQL)
            row = self.c.one(HEAD + (" FOR UPDATE" if self.c.postgres else ""), {"p": pid})
            head = Head(int(row[0]), row[1])
        new = chain.link(pid, head, "TRANSACTION", b.tx.public_id,
                         (b.after.cash - b.before.cash, b.after.bonus - b.before.bonus, b.after.promo - b.before.promo),
                         (b.after.cash, b.after.bonus, b.after.promo), b.now)
        p.update(c_seq=new.seq, c_hash=new.hash)
        return new

    def _booking_params(self, b: Booking) -> dict:
        m, t, tx = self.c.money, self.c.time, b.tx
        p = {
            "public_id": tx.public_id, "player_id": tx.player_id, "provider": tx.provider,
            "transaction_type": tx.transaction_type, "provider_transaction_id": tx.provider_transaction_id,
            "provider_bet_ref": tx.provider_bet_ref, "provider_game_id": tx.provider_game_id,
            "provider_round_id": tx.provider_round_id, "round_id": tx.round_id, "currency": tx.currency,
            "cash": m(tx.cash_amount), "bonus": m(tx.bonus_amount), "promo": m(tx.promo_amount),
            "when": t(tx.transaction_date_time), "bet_code": tx.bet_code, "is_game_over": tx.is_game_over,
            "extras": tx.extras, "cancels": b.cancels, "session_id": tx.session_id, "now": t(b.now),
            "a_cash": m(b.after.cash), "a_bonus": m(b.after.bonus), "a_promo": m(b.after.promo),
            "d_cash": m(b.after.cash - b.before.cash), "d_bonus": m(b.after.bonus - b.before.bonus),
            "d_promo": m(b.after.promo - b.before.promo),
            "last": m(b.last_bet if b.last_bet is not None else b.last_deposit),
        }
        if b.new_round is not None:
            r = b.new_round
            p.update(r_key=r.provider_round_id, r_game=r.provider_game_id, r_stake=m(r.stake), r_ended=t(r.ended_at))
        elif b.round_change is not None:
            r = b.round_change
            p.update(round_id=r.id, r_stake=m(r.stake), r_payout=m(r.payout), r_ended=t(r.ended_at))
        # A protected player's usage and play time are written by the
        # booking's own statement (one round trip on PostgreSQL).
        if b.usage is not None:
            p.update(usage_params(self.c, tx.player_id, b.usage))
        if b.play is not None:
            p.update(play_params(self.c, tx.player_id, b.play))
        return p

    def _book_stepwise(self, variant: tuple, p: dict) -> int | None:
        """SQLite: the booking's statements one after another (each is
        microseconds; the transaction makes them one unit)."""
        rounds, cancels, last, usage, play, chained = variant
        c = self.c
        if rounds == "new":
            p["round_id"] = c.insert(_INSERT_ROUND + " RETURNING id", p)
        elif rounds == "change" and c.run(_UPDATE_ROUND, p) == 0:
            return None  # no longer open (first statement: nothing written)
        tx_id = c.insert(_INSERT_TX.format(round_id=":round_id") + " RETURNING id", p)
        if cancels:
            c.run(_CANCEL.format(tx_id=":tx_id", gate=""), {**p, "tx_id": tx_id})
        c.run(_SET_BALANCE.format(last=_LAST[last], chain=_CHAIN[chained], gate=""), p)
        c.run(f"INSERT INTO pam_ledger ({_LEDGER_COLUMNS}) VALUES ({_LEDGER_VALUES.format(tx_id=':tx_id')})",
              {**p, "tx_id": tx_id})
        if usage:
            c.run(UPSERT_USAGE, p)
        if play:
            c.run(SET_PLAY, p)
        return tx_id


@functools.lru_cache(maxsize=None)
def _booking_statement(variant: tuple) -> str:
    """PostgreSQL: the whole booking as one statement (data-modifying CTEs),
    so a booking costs one round trip. A round change comes first; when it
    finds the round no longer open, no part writes and no row is returned."""
    rounds, cancels, last, usage, play, chained = variant
    parts = []
    gate = ""
    if rounds == "new":
        parts.append(f"r AS ({_INSERT_ROUND} RETURNING id)")
        parts.append(f"t AS ({_INSERT_TX.format(round_id='(SELECT id FROM r)')} RETURNING id)")
    elif rounds == "change":
        gate = _GATE
        parts.append(f"r AS ({_UPDATE_ROUND} RETURNING id)")
        parts.append(f"t AS ({_TX_INTO} SELECT {_TX_VALUES.format(round_id='r.id')} FROM r RETURNING id)")
    else:
        parts.append(f"t AS ({_INSERT_TX.format(round_id=':round_id')} RETURNING id)")
    if cancels:
        parts.append(f"c AS ({_CANCEL.format(tx_id='(SELECT id FROM t)', gate=gate)})")
    parts.append(f"a AS ({_SET_BALANCE.format(last=_LAST[last], chain=_CHAIN[chained], gate=gate)})")
    parts.append(f"l AS (INSERT INTO pam_ledger ({_LEDGER_COLUMNS}) SELECT {_LEDGER_VALUES.format(tx_id='t.id')} FROM t)")
    if usage:
        parts.append(f"pu AS ({upsert_usage(gated=bool(gate))})")
    if play:
        parts.append(f"pp AS ({SET_PLAY}{gate})")
    return "WITH " + ", ".join(parts) + " SELECT id FROM t"
