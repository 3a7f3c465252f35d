"""`ttdn report export PERIOD --format docx|xlsx --output FILE`; `ttdn report periods`.

PERIOD is a period code such as 2024-year, 2025-q1 or 2025-m03 (see `ttdn report periods`).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ttdn.core.errors import ApplicationError
from ttdn.plans.selectors import plan_default
from ttdn.reporting.exports import consolidated_docx, consolidated_xlsx
from ttdn.reporting.models import ReportingPeriod
from ttdn.reporting.services.consolidated import consolidated_build


class Command(BaseCommand):
    help = "Export a consolidated report, or list the reporting periods."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the consolidated report of a period.")
        export.add_argument(
            "period", help="Period code, e.g. 2024-year (see `ttdn report periods`)."
        )
        export.add_argument("--format", required=True, choices=["docx", "xlsx"])
        export.add_argument("--output", required=True)
        export.add_argument("--plan", help="Plan number (default: the plan in force).")
        sub.add_parser("periods", help="List the periods and their codes.")

    def handle(self, *args, action, **options):
        if action == "periods":
            for period in ReportingPeriod.objects.order_by("-cutoff_end"):
                self.stdout.write(
                    f"{period.code:12} {period.label}  (due {period.due_agency:%d/%m/%Y})"
                )
            return
        period = self._period(options["period"], options.get("plan"))
        try:
            content = self._render(period, options["format"])
        except ApplicationError as error:
            raise CommandError(error.message) from None
        Path(options["output"]).write_bytes(content)
        self.stderr.write(f"Wrote {options['output']} ({len(content)} bytes).")

    def _period(self, code: str, plan_number: str | None) -> ReportingPeriod:
        plan = plan_default() if not plan_number else None
        periods = (
            ReportingPeriod.objects.filter(plan__number=plan_number)
            if plan_number
            else (ReportingPeriod.objects.filter(plan=plan))
        )
        for period in periods:
            if period.code == code:
                return period
        known = ", ".join(sorted(p.code for p in periods)) or "—"
        raise CommandError(f"No period has the code {code}. Known periods: {known}.")

    def _render(self, period: ReportingPeriod, fmt: str) -> bytes:
        if fmt == "xlsx":
            return consolidated_xlsx({"period": period.pk}, lambda _p: None)[1]
        if not hasattr(period, "consolidated"):
            coordinator = get_user_model().objects.filter(role="coordinator").first()
            if coordinator is None:
                raise CommandError("No coordinator account exists to own the draft; create one.")
            consolidated_build(actor=coordinator, period=period)
            period.refresh_from_db()
        return consolidated_docx({"period": period.pk}, lambda _p: None)[1]
