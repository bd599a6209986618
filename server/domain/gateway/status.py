"""The online player: status (balances from the wallet), the reality check,
player info.

Status is a read: every figure is one indexed aggregate (rounds and stakes
of a period, the cashier's totals), whatever the player's history. The one
write is the reality check's time, recorded by ``record_reality_check`` in a
unit of its own (a guarded single-row update) only when a check is shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from server.domain.cashier.status import with_cashier
from server.domain.gateway import responsible, rules, texts
from server.domain.gateway.base import CURRENCY_SYMBOLS, Caller, Gateway, wallet_player
from server.domain.gateway.model import OnlineStatus, PlayerInfoView, RealityCheckView, Shown, StatusView
from server.domain.gateway.ports import PeriodActivity, WalletPlayer
from server.domain.ledger import average_deposit
from server.domain.timestamps import stamp
from server.domain.unit import Units


def online(units: Units[Gateway], brand_raw: str, token: str | None) -> OnlineStatus:
    """Online status in a read unit (every figure an indexed aggregate), then
    the due reality check, shown only once recorded."""
    out, shown = units.read(lambda gw: _online(gw, brand_raw, token))
    return replace(out, check=show(units, out.check, shown))


def _online(gw: Gateway, brand_raw: str, token: str | None) -> tuple[OnlineStatus, Shown | None]:
    c = gw.caller(brand_raw, token)
    view, check, shown = status_with_check(gw, c)
    return OnlineStatus(view, check, responsible.in_force(gw, c.player.id, c.player.currency)), shown


def status_with_check(gw: Gateway, c: Caller) -> tuple[StatusView, RealityCheckView | None, Shown | None]:
    """The status with the cashier's figures, and the reality check that is due."""
    view, check = online_status(gw, c)
    view = with_cashier(view, gw.uow.cashier.figures(str(c.player.id)))
    shown = Shown(c.session.id, c.session.reality_checked_at, gw.now) if check is not None else None
    return view, check, shown


def show(units: Units[Gateway], check: RealityCheckView | None, shown: Shown | None) -> RealityCheckView | None:
    """A due reality check is answered only once it is recorded (a tiny
    write unit of its own); None when a concurrent call recorded it first."""
    if check is None or shown is None:
        return None
    if not units.write(lambda gw: record_reality_check(gw, shown.session_id, shown.seen, shown.at)):
        return None
    return check


def online_status(gw: Gateway, c: Caller) -> tuple[StatusView, RealityCheckView | None]:
    gw.require_no_actions(c)
    p, s = c.player, c.session
    wp = wallet_player(p)
    real, bonus = p.real_balance, p.bonus_balance
    last_bet, last_deposit, last_deposit_amount = p.last_bet_at, p.last_deposit_at, p.last_deposit_amount
    summary = gw.wallet.summary(wp)
    if summary is not None:
        # Balances are the wallet's; the last bet / deposit too once the
        # wallet has seen one (before that, the account's own history).
        real, bonus = summary.real_balance, summary.bonus_balance
        if summary.last_bet_at is not None:
            last_bet = summary.last_bet_at
        if summary.last_deposit_at is not None:
            last_deposit = summary.last_deposit_at
            last_deposit_amount = summary.last_deposit_amount or Decimal("0")
    total = real + bonus
    since_login = gw.wallet.activity(wp, s.created_at, gw.now) or PeriodActivity()
    d = gw.repo.details(p.id)
    avg = average_deposit(p.deposits_amount, p.deposit_count)
    view = StatusView(
        marketing_segmentation=p.marketing_segmentation, tag_status=p.tag_status,
        deposit_count=p.deposit_count, vip_level=p.vip_level_name, average_deposit=avg, billboard=p.billboard,
        segmentation_id=p.segmentation_id, max_balance_cents=int(max(p.max_balance, total) * 100),
        ut=p.user_type, decline=p.decline, vip_segment=p.vip_segment, total_balance=total,
        pending_withdrawal=p.pending_withdrawal, total_withdrawals=p.total_withdrawals,
        last_bet=stamp(last_bet), last_deposit=stamp(last_deposit), last_deposit_amount=last_deposit_amount,
        rounds_since_login=since_login.rounds, balance_since_login=total - s.balance_at_login,
        player_id_link=f"{c.brand.backoffice_url}{p.id}" if c.brand.backoffice_url else "",
        bonus_opt_out=int(p.bonus_opt_out or p.register_listed),  # docs/compliance.md
        real_balance=real, free_traffic=p.free_traffic,
        deposits_amount=p.deposits_amount, chat_opt_out=bool(d and d.opt_out_chat), bonus_balance=bonus,
        max_win=p.max_win, wagering_balance=p.wagering_balance, wagering_complete=p.wagering_complete,
    )
    return view, _reality_check(gw, c, wp)


def _reality_check(gw: Gateway, c: Caller, wp: WalletPlayer) -> RealityCheckView | None:
    """The check that is due (read only; the caller records it shown with
    ``record_reality_check``)."""
    p, s = c.player, c.session
    minutes = rules.REALITY_CHECK_PERIODS.get(p.reality_check_period)
    if minutes is None or s.reality_checked_at + timedelta(minutes=minutes) > gw.now:
        return None
    act = gw.wallet.activity(wp, s.reality_checked_at, gw.now) or PeriodActivity()
    played = int((gw.now - s.created_at).total_seconds() // 60)
    h, m = divmod(played, 60)
    return RealityCheckView(
        currency=p.currency, profit=act.total_wins - act.total_bets, total_bets=act.total_bets,
        total_wins=act.total_wins, total_lossed=max(act.total_bets - act.total_wins, Decimal("0")),
        restart_period=p.reality_check_period, time_played=texts.time_played(h, m), minutes=m, hours=h,
    )


def record_reality_check(gw: Gateway, session_id: int, seen: datetime, at: datetime) -> bool:
    """The reality check computed from ``seen`` (the session's last check)
    is shown at ``at``: one guarded update. False when another call showed
    it first (that call answers the check; this one answers without it)."""
    return gw.repo.mark_reality_checked(session_id, seen, at)


def player_info(gw: Gateway, c: Caller) -> PlayerInfoView:
    gw.require_no_actions(c)
    p = c.player
    d = gw.repo.details(p.id)
    return PlayerInfoView(
        username=p.user_name, id=p.id, brand=p.brand_id, first_name=d.first_name if d else "",
        last_name=d.last_name if d else "", gender=d.gender if d else "", email=p.email,
        vip_level=p.vip_level, country=d.country if d else "", test_account=int(p.test_account),
        currency_name=p.currency, currency_symbol=CURRENCY_SYMBOLS.get(p.currency, p.currency), btag=p.btag,
    )
