"""Player protection's rules as plain Python (no database, no server): the
play time behind the session-time limit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from server.domain.protection import model as protection_model
from server.domain.protection import rules
from server.domain.protection.model import Limit, Play, Protection, Restriction, Usage

T0 = datetime(2027, 3, 1, 10, 0, tzinfo=timezone.utc)


def _play(steps) -> Play:
    """Play after transactions [(seconds after T0, game session id), ...]."""
    p = Play()
    for at, session in steps:
        p = rules.play_step(p, T0 + timedelta(seconds=at), session)
    return p


def test_one_game_counts_the_gaps_of_at_most_five_minutes():
    assert _play([(0, 1), (40, 1), (80, 1)]).seconds == 80
    assert _play([(0, 1), (301, 1)]).seconds == 0  # a longer gap: she had left
    assert _play([(0, 1), (300, 1)]).seconds == 300


def test_two_games_with_bets_alternating_count_like_one():
    alternating = _play([(t, 1 + (t // 40) % 2) for t in range(0, 321, 40)])
    assert alternating.seconds == 320 == _play([(t, 1) for t in range(0, 321, 40)]).seconds


def test_two_games_played_at_once_are_not_counted_twice():
    # Both games bet at the same moments: the time passes once.
    both = _play([(t, s) for t in range(0, 121, 30) for s in (1, 2)])
    assert both.seconds == 120


def test_play_time_is_the_players_not_the_games():
    # Moving to another game within five minutes is play; a pause longer than
    # that in every game is not.
    assert _play([(0, 1), (120, 2), (240, 1)]).seconds == 240
    assert _play([(0, 1), (400, 2), (420, 1)]).seconds == 20


def test_a_transaction_answered_out_of_order_adds_nothing_and_keeps_the_latest():
    p = _play([(0, 1), (60, 2), (30, 1)])
    assert p.seconds == 60 and p.last_at == T0 + timedelta(seconds=60)
    assert rules.play_step(p, T0 + timedelta(seconds=90), 1).seconds == 90


def test_the_day_starts_again_at_midnight_and_a_gap_across_it_counts_from_midnight():
    late = datetime(2027, 3, 1, 23, 58, tzinfo=timezone.utc)
    p = rules.play_step(rules.play_step(Play(), late, 1), late + timedelta(minutes=1), 2)
    assert p.seconds == 60
    p = rules.play_step(p, late + timedelta(minutes=4), 1)  # 00:02 the next day
    assert (p.day, p.seconds) == (protection_model.day_of(late) + 1, 120)


def test_the_session_limit_refuses_bets_once_reached_across_games():
    prot = Protection("1", 1, Restriction(), {(protection_model.SESSION, "day"): Limit(protection_model.SESSION, "day", Decimal(1))}, Play())
    play = Play()
    answers = []
    for i, t in enumerate(range(0, 321, 40)):
        now = T0 + timedelta(seconds=t)
        step = rules.play_step(play, now, 1 + i % 2)
        why = rules.check_bet(prot, Usage(), Decimal(1), step, now)
        answers.append(why)
        if why is None:
            play = step
    assert answers[:2] == [None, None] and answers[2] == protection_model.SESSION_LIMIT


def test_a_player_id_has_one_spelling():
    from server.domain.players import player_number

    assert player_number("33003139") == 33003139
    for other in ("033003139", "+33003139", " 33003139", "33003139 ", "33003139.0", "３３００３１３９", "0", "",
                  None, "1" * 19, "33_003_139", "0x1f", "-1"):
        assert player_number(other) is None, other


class _Store:
    """The protections of one player, as a ProtectionStore answers them."""

    def __init__(self, prot: Protection | None) -> None:
        self.prot = prot

    def load(self, player_id):
        return self.prot

    def lock(self, player_id, brand_id, now):
        return self.prot


def test_a_confirmed_deposit_is_not_settled_during_a_time_out_or_exclusion_but_limits_are_not_checked_again():
    from server.domain.protection.service import settlement_refusal

    now = T0
    limits = {("deposit", "day"): Limit("deposit", "day", Decimal("0"))}  # no deposit left today
    free = Protection("1", 1, Restriction(), limits, Play())
    assert settlement_refusal(_Store(None), "1", now) is None
    assert settlement_refusal(_Store(free), "1", now) is None  # counted at its confirm
    for r, why in ((Restriction(timeout_until=now + timedelta(hours=1)), protection_model.TIMED_OUT),
                   (Restriction(excluded_until=now + timedelta(days=9)), protection_model.SELF_EXCLUDED),
                   (Restriction(excluded_permanent=True), protection_model.CLOSED)):
        assert settlement_refusal(_Store(Protection("1", 1, r, limits, Play())), "1", now) == why
    ended = Restriction(timeout_until=now - timedelta(seconds=1))
    assert settlement_refusal(_Store(Protection("1", 1, ended, {}, Play())), "1", now) is None


def test_no_bonus_or_promo_credit_while_a_time_out_or_exclusion_runs():
    import pytest

    from server.domain.protection.errors import Refused
    from server.domain.protection.service import refuse_bonus

    refuse_bonus(_Store(None), "1", T0)
    refuse_bonus(_Store(Protection("1", 1, Restriction(), {}, Play())), "1", T0)
    with pytest.raises(Refused) as e:
        refuse_bonus(_Store(Protection("1", 1, Restriction(timeout_until=T0 + timedelta(hours=1)), {}, Play())),
                     "1", T0)
    assert e.value.reason == "PLAYER_PROTECTION" and e.value.code == protection_model.TIMED_OUT
