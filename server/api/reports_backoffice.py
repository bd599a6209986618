"""ReportsBackofficeService (package pitboss.backoffice.v1, gRPC port only):
the daily report, one page of players per call, in one read unit of work.
The caller comes from the back office's authenticator."""

from __future__ import annotations

from pitboss.backoffice.v1 import reports_pb2
from pitboss.backoffice.v1 import reports_pb2_grpc
from server.domain.ledger import money_text
from server.domain.records import report


def _movements(m: dict) -> list[reports_pb2.ReportMovement]:
    return [reports_pb2.ReportMovement(name=n, amount=money_text(m[n])) for n in report.MOVEMENTS]


def row(r: report.ReportRow) -> reports_pb2.ReportRow:
    return reports_pb2.ReportRow(player_id=r.player_id, brand_id=r.brand_id, currency=r.currency, balance=r.balance,
                                 opening=money_text(r.opening), closing=money_text(r.closing),
                                 movements=_movements(r.movements), entries=r.entries, activity=r.activity)


def total(t: report.Total) -> reports_pb2.ReportTotal:
    return reports_pb2.ReportTotal(currency=t.currency, balance=t.balance, rows=t.rows, opening=money_text(t.opening),
                                   closing=money_text(t.closing), movements=_movements(t.movements),
                                   ledger=money_text(t.ledger), reconciled=t.reconciled)


class ReportsBackofficeServicer(reports_pb2_grpc.ReportsBackofficeServiceServicer):
    def __init__(self, app) -> None:
        self.app = app
        self.units = app.units.backoffice  # over the back office's unit, Backoffice (server/bootstrap.py)

    def GetDailyReport(self, request, context):
        page = self.units.run(False, lambda bo: report.daily_page(
            bo.uow.reports, request.date, request.brand_id, request.page_size, request.page_token, bo.now))
        return reports_pb2.GetDailyReportResponse(
            date=page.day.isoformat(), final=page.final, rows=[row(r) for r in page.rows],
            totals=[total(t) for t in page.totals], next_page_token=page.next_token)
