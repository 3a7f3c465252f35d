"""Plan exporters: JSON for systems, XLSX for the officers who live in Excel."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ttdn.exports.base import BaseExporter, register_exporter
from ttdn.exports.xlsx import table_sheet, workbook_bytes


@register_exporter
class PlanJsonExporter(BaseExporter):
    subject = "plan"
    format = "json"
    content_type = "application/json"
    extension = "json"

    def render(self, data: dict) -> bytes:
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _names(entries: list[dict], key: str) -> str:
    return "\n".join(entry[key] or "—" for entry in entries)


@register_exporter
class PlanXlsxExporter(BaseExporter):
    subject = "plan"
    format = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def render(self, data: dict) -> bytes:
        workbook = Workbook()
        workbook.remove(workbook.active)
        header = [
            _("No."),
            _("Task"),
            _("Lead (as printed)"),
            _("Lead (in charge today)"),
            _("Coordinating (as printed)"),
            _("Coordinating (in charge today)"),
            _("Timeframe"),
            _("From"),
            _("To"),
            _("Recurrence"),
        ]
        rows = [
            [
                task["number"],
                task["title"],
                _names(task["lead"], "printed"),
                _names(task["lead"], "current"),
                _names(task["coordinating"], "printed"),
                _names(task["coordinating"], "current"),
                task["timeframe"]["printed"],
                task["timeframe"]["start"],
                task["timeframe"]["end"],
                task["timeframe"]["recurrence"] or "",
            ]
            for task in data["tasks"]
        ]
        sheet = table_sheet(
            workbook,
            data["number"].replace("/", "-"),
            header,
            rows,
            widths=[7, 60, 30, 30, 30, 30, 14, 8, 8, 10],
        )
        sheet.insert_rows(1, amount=2)
        sheet["A1"] = f"{data['number']} — {data['title']}"
        sheet["A2"] = _("Agencies in charge as of %(date)s") % {"date": data["as_of"]}
        sheet.freeze_panes = "A4"
        sheet.auto_filter.ref = f"A3:J{len(rows) + 3}"
        return workbook_bytes(workbook)
