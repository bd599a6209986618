"""ProtectionBackofficeService (package pitboss.backoffice.v1, gRPC port
only): player protection on the player's behalf. Decode, one protection call
in one unit of work (the audit-log entry in the same transaction), encode.
The caller (client and acting user) comes from the back office's
authenticator."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from pitboss.backoffice.v1 import protection_pb2
from pitboss.backoffice.v1 import protection_pb2_grpc
from server.api.context import caller
from server.domain.backoffice.model import BackofficeCaller
from server.domain.errors import FieldViolation, NotFound
from server.domain.ledger import shortest_text
from server.domain.protection import errors as protection_errors
from server.domain.protection import service as protection
from server.domain.protection.model import Event, StatusView
from server.domain.timestamps import utc_seconds
from server.domain.validation import valid_player_id
from server.storage.repositories.protection import ProtectionRepository


def _money(d: Decimal | None) -> str:
    return shortest_text(d) if d is not None else ""


def encode(player_id: str, brand_id: int | None, v: StatusView) -> protection_pb2.PlayerProtections:
    out = protection_pb2.PlayerProtections(player_id=player_id, brand_id=brand_id or 0, state=v.state, until=utc_seconds(v.until),
                               currency=v.currency)
    for lim in v.limits:
        out.limits.add(kind=lim.kind, period=lim.period, amount=_money(lim.amount), used=_money(lim.used),
                       pending_amount=_money(lim.pending_amount), pending_remove=lim.pending_remove,
                       pending_from=utc_seconds(lim.pending_from))
    return out


def _parse_time(name: str, raw: str, bad: list[FieldViolation]) -> datetime | None:
    try:
        t = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        if t.tzinfo is None:
            raise ValueError
        return t.astimezone(timezone.utc)
    except (ValueError, OverflowError):  # (an instant before year 1 or after 9999 in UTC)
        bad.append(FieldViolation(name, "time_invalid", f"{name}: an RFC 3339 time with an offset"))
        return None


class ProtectionBackofficeServicer(protection_pb2_grpc.ProtectionBackofficeServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        # The unit's store: the protections and the audit log, in one transaction.
        self.units = app.units.protection_backoffice
        self.now = app.protection_clock.now

    def _player(self, store: ProtectionRepository, player_id: str) -> tuple[str, int | None, str]:
        pid = valid_player_id(player_id)
        if pid is None:
            raise protection_errors.ProtectionInvalid([FieldViolation("player_id", "required", "player_id: 1-40 characters")])
        found = store.player(pid)
        if found is None:
            raise NotFound("No such player.")
        return pid, found[0], found[1]

    def _change(self, request, action: str, fn):
        """``fn(store, pid, brand, now, actor, reason, currency, on_event)``;
        every change also goes into the audit log, in the same transaction."""
        who = caller()
        assert isinstance(who, BackofficeCaller)
        reason = protection.check_reason(request.reason, required=True)

        def run(stores):
            store, audit = stores
            pid, brand, currency = self._player(store, request.player_id)

            def record(e: Event) -> None:
                audit.append(client=who.client, actor=who.actor, action=f"protection.{action}", subject_type="player",
                             subject_id=pid, reason=reason, before=e.before, after=e.after, at=e.at)

            view = fn(store, pid, brand, self.now(), f"backoffice:{who.client}:{who.actor}", reason, currency,
                      record)
            return encode(pid, brand, view)
        return self.units.write(run)

    def GetProtections(self, request, context):
        def run(stores):
            store, _ = stores
            pid, brand, currency = self._player(store, request.player_id)
            return pid, brand, protection.status(store, pid, self.now(), currency), store.events(pid)
        pid, brand, view, events = self.units.read(run)
        return protection_pb2.GetProtectionsResponse(
            protections=encode(pid, brand, view),
            history=[protection_pb2.ProtectionChangeEvent(at=utc_seconds(e.at), actor=e.actor, action=e.action, reason=e.reason,
                                              before_json=_json(e.before), after_json=_json(e.after))
                     for e in events])

    def SetPlayerLimits(self, request, context):
        body = protection.limit_changes([(c.kind, c.period, c.amount, c.remove) for c in request.changes])
        out = self._change(request, "set_limits", lambda store, pid, brand, now, actor, reason, cur, rec:
                           protection.set_limits(store, pid, brand, body, now, actor, reason, cur, rec))
        return protection_pb2.SetPlayerLimitsResponse(protections=out)

    def SetPlayerTimeout(self, request, context):
        out = self._change(request, "timeout", lambda store, pid, brand, now, actor, reason, cur, rec:
                           protection.take_timeout(store, pid, brand, request.period, now, actor, reason, cur, rec))
        return protection_pb2.SetPlayerTimeoutResponse(protections=out)

    def SetPlayerExclusion(self, request, context):
        out = self._change(request, "self_exclusion", lambda store, pid, brand, now, actor, reason, cur, rec:
                           protection.self_exclude(store, pid, brand, request.period, now, actor, reason, cur, rec))
        return protection_pb2.SetPlayerExclusionResponse(protections=out)

    def ListProtectionChanges(self, request, context):
        bad: list[FieldViolation] = []
        start = _parse_time("from", request.__getattribute__("from"), bad)
        end = _parse_time("to", request.to, bad)
        if start and end and end <= start:
            bad.append(FieldViolation("to", "time_invalid", "to: after from"))
        if request.brand_id < 0:
            bad.append(FieldViolation("brand_id", "brand_invalid", "brand_id: 0 (every brand) or a brand id"))
        if bad:
            raise protection_errors.ProtectionInvalid(bad)
        rows = self.units.read(lambda stores: stores[0].changed_between(start, end, request.brand_id or None))
        return protection_pb2.ListProtectionChangesResponse(
            changes=[protection_pb2.ProtectionChange(player_id=pid, brand_id=b or 0, last_change_at=utc_seconds(at)) for pid, b, at in rows])


def _json(value) -> str:
    import json

    return json.dumps(value, separators=(",", ":"), sort_keys=True)
