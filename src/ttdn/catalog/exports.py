"""Exporters of search results: the same rows as CSV (for Excel), XLSX and JSON."""

from __future__ import annotations

import csv
import io
import json

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ttdn.exports.base import BaseExporter, register_exporter
from ttdn.exports.xlsx import table_sheet, workbook_bytes

SUBJECT = "catalog_search"


def _columns() -> list[tuple[str, str, int]]:
    return [
        ("id", _("No."), 8),
        ("title", _("Title"), 50),
        ("language", _("Language"), 9),
        ("kind", _("Kind"), 12),
        ("status", _("Status"), 11),
        ("agency", _("Producing agency"), 30),
        ("channel", _("Channel"), 16),
        ("published_on", _("Publication date"), 12),
        ("topics", _("Topics"), 20),
        ("tasks", _("Plan tasks"), 10),
        ("target_countries", _("Target countries"), 12),
        ("original_url", _("Original address"), 30),
        ("summary", _("Summary"), 50),
        ("translation_key", _("Translation key"), 38),
    ]


def _cell(value) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


@register_exporter
class SearchCsvExporter(BaseExporter):
    subject = SUBJECT
    format = "csv"
    content_type = "text/csv; charset=utf-8"
    extension = "csv"

    def render(self, data: dict) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        columns = _columns()
        writer.writerow([label for _key, label, _width in columns])
        for row in data["items"]:
            writer.writerow([_cell(row[key]) for key, _label, _width in columns])
        return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


@register_exporter
class SearchXlsxExporter(BaseExporter):
    subject = SUBJECT
    format = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def render(self, data: dict) -> bytes:
        workbook = Workbook()
        workbook.remove(workbook.active)
        columns = _columns()
        table_sheet(
            workbook,
            _("Items"),
            [label for _key, label, _width in columns],
            [[_cell(row[key]) for key, _label, _width in columns] for row in data["items"]],
            widths=[width for _key, _label, width in columns],
        )
        return workbook_bytes(workbook)


@register_exporter
class SearchJsonExporter(BaseExporter):
    subject = SUBJECT
    format = "json"
    content_type = "application/json"
    extension = "json"

    def render(self, data: dict) -> bytes:
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
