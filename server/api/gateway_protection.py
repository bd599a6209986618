"""The player gateway's responsible-gaming calls (docs/protection.md): limits,
time-out and self-exclusion, and what is in force for login and online
status. A part of ``PlayerGatewayServicer`` (server/api/gateway.py), kept
apart so each file stays short."""

from __future__ import annotations

from pitboss.gateway.v1 import gateway_pb2
from server.api.codec import money
from server.domain.gateway import responsible
from server.domain.protection.model import StatusView as ProtectionView
from server.domain.timestamps import stamp

# What login's `actions` offers the site on HTTP 200 (the vendor's menu names,
# player-gateway.md): the responsible-gaming endpoints behind them.
MENU = ["responsible_gaming", "limits", "timeout", "self_exclusion"]


class ProtectionMethods:
    """Needs ``self.units`` (the gateway's units of work) and
    ``self._player(gw, brand_id)``."""

    def GetLimits(self, request, context):
        view = self.units.read(lambda gw: responsible.limits(gw, self._player(gw, request.brand_id)))
        return gateway_pb2.GetLimitsResponse(**rg_fields(view))

    def SetLimits(self, request, context):
        body = value_struct(request.limits) if request.HasField("limits") else None
        view = self.units.write(lambda gw: responsible.set_limits(gw, self._player(gw, request.brand_id), body))
        return gateway_pb2.SetLimitsResponse(**rg_fields(view))

    def TakeTimeout(self, request, context):
        view = self.units.write(
            lambda gw: responsible.take_timeout(gw, self._player(gw, request.brand_id), request.period))
        return gateway_pb2.TakeTimeoutResponse(**rg_fields(view))

    def SelfExclude(self, request, context):
        view = self.units.write(
            lambda gw: responsible.self_exclude(gw, self._player(gw, request.brand_id), request.period))
        return gateway_pb2.SelfExcludeResponse(**rg_fields(view))


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
