"""The player gateway's responsible-gaming calls (docs/protection.md): limits,
time-out and self-exclusion, and what is in force for login and online
status. A part of ``PlayerGatewayServicer`` (server/api/gateway.py), kept
apart so each file stays short."""

from __future__ import annotations

from pitboss.gateway.v1 import gateway_pb2
from server.api.codec import money
from server.domain.protection import service as protection
from server.domain.protection.model import StatusView as ProtectionView
from server.domain.timestamps import stamp
from server.storage.repositories.protection import ProtectionRepository
from server.storage.sql import SessionSql

# What login's `actions` offers the site on HTTP 200 (the vendor's menu names,
# player-gateway.md): the responsible-gaming endpoints behind them.
MENU = ["responsible_gaming", "limits", "timeout", "self_exclusion"]


def protections(s) -> ProtectionRepository:
    """The players' protections in the unit of work of session ``s``."""
    return ProtectionRepository(SessionSql(s))


class ProtectionMethods:
    """Needs ``self.app``, ``self.units`` (a Units over the gateway's
    ``Gateway``) and ``self._player(gw, brand_id)``."""

    def _in_force(self, s, player_id: int, currency: str) -> gateway_pb2.ResponsibleGaming | None:
        """What is in force for login and online status; None (the key is
        left out, so the seed's answers are unchanged) when nothing is."""
        view = protection.status(protections(s), str(player_id), self.app.protection_clock.now(), currency)
        if view.state == "active" and not view.limits:
            return None
        return gateway_pb2.ResponsibleGaming(**rg_fields(view))

    def _opt_out(self, s, player_id: int, stored: dict) -> dict:
        """While a time-out or exclusion runs, no marketing opt-in counts: every
        channel answers opted out (the stored choices come back when it ends)."""
        state, _ = protection.restriction_state(protections(s).load(str(player_id)), self.app.protection_clock.now())
        return {k: True for k in stored} if state != "active" else stored

    def _protect(self, request, fn, response):
        """``fn(store, player_id, brand_id, now, currency)`` in one write unit
        for the token's player; answers what is then in force."""
        def run(gw):
            c = self._player(gw, request.brand_id)
            p = c.player
            return fn(protections(gw.repo.s), str(p.id), c.brand.id, self.app.protection_clock.now(), p.currency)
        return response(**rg_fields(self.units.write(run)))

    def GetLimits(self, request, context):
        def run(gw):
            p = self._player(gw, request.brand_id).player
            return protection.status(protections(gw.repo.s), str(p.id), self.app.protection_clock.now(), p.currency)
        return gateway_pb2.GetLimitsResponse(**rg_fields(self.units.read(run)))

    def SetLimits(self, request, context):
        body = value_struct(request.limits) if request.HasField("limits") else None
        return self._protect(request, lambda store, pid, brand, now, cur: protection.set_limits(
            store, pid, brand, body, now, currency=cur), gateway_pb2.SetLimitsResponse)

    def TakeTimeout(self, request, context):
        return self._protect(request, lambda store, pid, brand, now, cur: protection.take_timeout(
            store, pid, brand, request.period, now, currency=cur), gateway_pb2.TakeTimeoutResponse)

    def SelfExclude(self, request, context):
        return self._protect(request, lambda store, pid, brand, now, cur: protection.self_exclude(
            store, pid, brand, request.period, now, currency=cur), gateway_pb2.SelfExcludeResponse)


def value_struct(st) -> dict:
    from google.protobuf import json_format

    return json_format.MessageToDict(st)


def rg_fields(v: ProtectionView) -> dict:
    """A protection view as the ResponsibleGaming fields (the same in every
    responsible-gaming answer)."""
    limits = []
    for lim in v.limits:
        amount = lim.amount if lim.amount is not None else lim.used
        out = gateway_pb2.ProtectionLimit(type=lim.kind, period=lim.period, amount=money(amount), used=money(lim.used),
                                 remaining=money(max(amount - lim.used, 0)))
        if lim.pending_from is not None:
            out.pending.CopyFrom(gateway_pb2.PendingLimitChange(remove=lim.pending_remove, effective_at=stamp(lim.pending_from)))
            if lim.pending_amount is not None:
                out.pending.amount = money(lim.pending_amount)
        limits.append(out)
    return dict(state=v.state, until=stamp(v.until), currency=v.currency, limits=limits)
