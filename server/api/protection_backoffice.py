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
from server.domain.backoffice import protections as office
from server.domain.backoffice.protections import PlayerProtections
from server.domain.errors import FieldViolation
from server.domain.protection import errors as protection_errors
from server.domain.protection import service as protection
from server.domain.ledger import shortest_text
from server.domain.protection.model import StatusView
from server.domain.timestamps import utc_seconds


def _money(d: Decimal | None) -> str:
    return shortest_text(d) if d is not None else ""


def encoded(p: PlayerProtections) -> protection_pb2.PlayerProtections:
    return encode(p.player_id, p.brand_id, p.view)


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
        # The back office's units: the protections and the audit log in one transaction.
        self.units = app.units.backoffice

    def GetProtections(self, request, context):
        p = self.units.read(lambda bo: office.protections(bo, request.player_id))
        return protection_pb2.GetProtectionsResponse(
            protections=encoded(p),
            history=[protection_pb2.ProtectionChangeEvent(at=utc_seconds(e.at), actor=e.actor, action=e.action, reason=e.reason,
                                              before_json=_json(e.before), after_json=_json(e.after))
                     for e in p.history])

    def SetPlayerLimits(self, request, context):
        body = protection.limit_changes([(c.kind, c.period, c.amount, c.remove) for c in request.changes])
        reason = protection.check_reason(request.reason, required=True)
        p = self.units.write(lambda bo: office.set_limits(bo, request.player_id, reason, body))
        return protection_pb2.SetPlayerLimitsResponse(protections=encoded(p))

    def SetPlayerTimeout(self, request, context):
        reason = protection.check_reason(request.reason, required=True)
        p = self.units.write(lambda bo: office.set_timeout(bo, request.player_id, reason, request.period))
        return protection_pb2.SetPlayerTimeoutResponse(protections=encoded(p))

    def SetPlayerExclusion(self, request, context):
        reason = protection.check_reason(request.reason, required=True)
        p = self.units.write(lambda bo: office.set_exclusion(bo, request.player_id, reason, request.period))
        return protection_pb2.SetPlayerExclusionResponse(protections=encoded(p))

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
        rows = self.units.read(lambda bo: office.changed_between(bo, start, end, request.brand_id or None))
        return protection_pb2.ListProtectionChangesResponse(
            changes=[protection_pb2.ProtectionChange(player_id=pid, brand_id=b or 0, last_change_at=utc_seconds(at)) for pid, b, at in rows])


def _json(value) -> str:
    import json

    return json.dumps(value, separators=(",", ":"), sort_keys=True)
