"""Report exports: the consolidated report (DOCX in the Decree 30 layout, XLSX matrix)
and every dashboard table as XLSX. Producers run inside export jobs; they read only."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from ttdn.agencies.models import Agency
from ttdn.core.errors import ApplicationError
from ttdn.exports.base import BaseExporter, register_exporter
from ttdn.exports.documents import (
    Appendix,
    BulletList,
    Heading,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
)
from ttdn.exports.docx import render_official_document
from ttdn.exports.services import register_export_kind
from ttdn.exports.xlsx import table_sheet, workbook_bytes
from ttdn.reporting.choices import TaskState
from ttdn.reporting.models import ConsolidatedParagraph, ReportingPeriod
from ttdn.reporting.selectors.dashboard import database_counts, period_status
from ttdn.reporting.services.reports import document_code

Part = ConsolidatedParagraph.Part
STATE_FILL = {
    TaskState.DONE_ON_TIME: "C6EFCE",
    TaskState.DONE_LATE: "FFEB9C",
    TaskState.OPEN: "DDEBF7",
    TaskState.OVERDUE: "FFC7CE",
}


def _full_number(number: str, suffix: str) -> str:
    """'15' → '15/BC-SVHTTDL'; a number typed in full is kept; no number leaves a blank."""
    number = number.strip()
    if not number or "/" in number:
        return number
    return f"{number}/{suffix}"


def _coordinating_agency() -> Agency:
    return Agency.objects.get(code=settings.TTDN_COORDINATING_AGENCY)


def _paragraph(p: ConsolidatedParagraph) -> Paragraph:
    """Quote the agency's name in bold at the start of its contribution."""
    if p.source_report and p.text.startswith(p.source_report.agency.name):
        name = p.source_report.agency.name
        return Paragraph(runs=[Run(name, bold=True), Run(p.text[len(name) :])])
    return Paragraph(p.text)


def _body(report, status) -> list:
    paragraphs = list(report.paragraphs.select_related("group", "source_report__agency"))
    by_part = {part: [p for p in paragraphs if p.part == part] for part in Part.values}
    body = [Heading(_("General situation"))]
    body += [Paragraph(p.text) for p in by_part[Part.SUMMARY]]
    body.append(Heading(_("Results by task group")))
    group = None
    for p in by_part[Part.RESULTS]:
        if p.group_id != getattr(group, "pk", None):
            group = p.group
            body.append(Heading(f"{group.title}", level=2))
        body.append(_paragraph(p))
    body += _database_blocks(by_part[Part.DATABASE])
    body.append(Heading(_("Difficulties and obstacles")))
    body += [_paragraph(p) for p in by_part[Part.DIFFICULTIES]] or [Paragraph(_("None reported."))]
    body.append(Heading(_("Proposals")))
    body += [_paragraph(p) for p in by_part[Part.PROPOSALS]] or [Paragraph(_("None reported."))]
    missing = by_part[Part.MISSING]
    body.append(Heading(_("Agencies that did not report")))
    if missing:
        body.append(BulletList([name.strip() for p in missing for name in p.text.split(";")]))
    else:
        body.append(Paragraph(_("Every agency reported.")))
    return body


def _database_blocks(paragraphs: list[ConsolidatedParagraph]) -> list:
    """The part on the foreign-information database: the figures of the year, then a
    section per task group, as in the results part. Left out of a draft built before the
    part existed (or whose paragraphs the coordinator deleted)."""
    if not paragraphs:
        return []
    blocks: list = [Heading(_("Foreign-information database"))]
    group = None
    for p in paragraphs:
        if p.group_id and p.group_id != getattr(group, "pk", None):
            group = p.group
            blocks.append(Heading(group.title, level=2))
        blocks.append(Paragraph(p.text))
    return blocks


def _appendix(status) -> Appendix:
    """Task × state × agency: one row per task, the agencies named under each state.

    A row per (task, agency) pair would run to thousands of rows for a province; the full
    matrix is in the XLSX export."""
    states = [TaskState.DONE_ON_TIME, TaskState.DONE_LATE, TaskState.OPEN, TaskState.OVERDUE]
    labels = dict(TaskState.choices)
    by_task: dict = {}
    for cell in status.cells:
        if cell.state is not None:
            by_task.setdefault(cell.obligation.task, {}).setdefault(cell.state, []).append(
                cell.obligation.agency.name
            )
    rows = [
        [
            task.number,
            *["; ".join(sorted(by_task[task].get(state, []))) or "—" for state in states],
            f"{row.progress}%",
        ]
        for row in status.tasks
        for task in [row.task]
        if task in by_task
    ]
    table = Table(
        header=[_("Task"), *[str(labels[s]) for s in states], _("Progress")],
        rows=rows,
        widths_mm=[16, 62, 50, 50, 62, 17],
    )
    return Appendix(
        title=_("TASKS BY STATE AND AGENCY"),
        subtitle=status.period.label,
        blocks=[table],
        landscape=True,
    )


@register_export_kind("consolidated-docx")
def consolidated_docx(params: dict, progress) -> tuple[str, bytes]:
    with translation.override(settings.LANGUAGE_CODE):  # an official document is Vietnamese
        return _consolidated_docx(params, progress)


def _consolidated_docx(params: dict, progress) -> tuple[str, bytes]:
    period = ReportingPeriod.objects.select_related("plan", "consolidated").get(pk=params["period"])
    report = period.consolidated
    if not report.signer_name.strip():
        raise ApplicationError(
            _(
                "Write the signer's name (under “Heading, signature and recipients”) before "
                "exporting the consolidated report."
            )
        )
    progress(10)
    status = period_status(period)
    progress(50)
    issuer = _coordinating_agency()
    document = OfficialDocument(
        parent_agency=f"UBND TỈNH {settings.TTDN_PROVINCE_NAME.upper()}",
        issuing_agency=issuer.name.upper(),
        number=_full_number(report.number, f"BC-{document_code(issuer)}"),
        number_suffix=f"BC-{document_code(issuer)}",
        place=settings.TTDN_PROVINCE_NAME,
        date=datetime.date.fromisoformat(params["date"])
        if params.get("date")
        else timezone.localdate(),
        kind_title="BÁO CÁO",
        subject=report.subject,
        body=_body(report, status),
        recipients=[line.strip() for line in report.recipients.splitlines() if line.strip()],
        signature=Signature(
            authority=[
                line.strip() for line in report.signer_authority.splitlines() if line.strip()
            ]
            or ["GIÁM ĐỐC"],
            name=report.signer_name,
        ),
        appendices=[_appendix(status)],
    )
    progress(80)
    content = render_official_document(document)
    return f"bao-cao-tong-hop-{period.code}.docx", content


def _matrix_workbook(period: ReportingPeriod) -> Workbook:
    status = period_status(period)
    tasks = [row.task for row in status.tasks]
    labels = dict(TaskState.choices)
    cells = {(c.obligation.agency.pk, c.obligation.task.pk): c for c in status.cells}
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = [_("Agency"), _("Report"), *[t.number for t in tasks], _("Progress")]
    rows = []
    for row in status.agencies:
        line = [row.agency.name, row.report.get_status_display() if row.report else "—"]
        for task in tasks:
            cell = cells.get((row.agency.pk, task.pk))
            line.append("" if cell is None else str(labels.get(cell.state, "N/A")))
        rows.append([*line, row.progress])
    sheet = table_sheet(
        workbook, _("Matrix"), header, rows, widths=[45, 16, *[14] * len(tasks), 10]
    )
    for r, row in enumerate(status.agencies, start=2):
        for c, task in enumerate(tasks, start=3):
            cell = cells.get((row.agency.pk, task.pk))
            if cell is not None and cell.state in STATE_FILL:
                sheet.cell(r, c).fill = PatternFill("solid", fgColor=STATE_FILL[cell.state])
    _agencies_sheet(workbook, status)
    _tasks_sheet(workbook, status)
    return workbook


def _agencies_sheet(workbook, status) -> None:
    labels = dict(TaskState.choices)
    header = [
        _("Agency"),
        _("Tasks owed"),
        _("Report"),
        _("Number"),
        _("Submitted"),
        *[str(labels[s]) for s in TaskState.values],
        _("Progress (%)"),
    ]
    rows = [
        [
            r.agency.name,
            r.owed,
            r.report.get_status_display() if r.report else "—",
            r.report.number if r.report else "",
            timezone.localtime(r.report.first_submitted_at).strftime("%d/%m/%Y %H:%M")
            if r.report and r.report.first_submitted_at
            else "",
            *[r.states.get(s, 0) for s in TaskState.values],
            r.progress,
        ]
        for r in status.agencies
    ]
    table_sheet(
        workbook, _("By agency"), header, rows, widths=[45, 10, 16, 18, 18, 12, 12, 12, 12, 10]
    )


def _tasks_sheet(workbook, status) -> None:
    labels = dict(TaskState.choices)
    header = [
        _("Task"),
        _("Title"),
        _("Agencies"),
        *[str(labels[s]) for s in TaskState.values],
        _("Progress (%)"),
    ]
    rows = [
        [
            r.task.number,
            r.task.title,
            r.agencies,
            *[r.states.get(s, 0) for s in TaskState.values],
            r.progress,
        ]
        for r in status.tasks
    ]
    table_sheet(workbook, _("By task"), header, rows, widths=[8, 60, 10, 12, 12, 12, 12, 10])


def _missing_sheet(workbook, status) -> None:
    rows = [
        [r.agency.name, r.owed, r.report.get_status_display() if r.report else "—"]
        for r in status.missing
    ]
    table_sheet(
        workbook,
        _("Missing reports"),
        [_("Agency"), _("Tasks owed"), _("Report")],
        rows,
        widths=[50, 12, 20],
    )


@register_export_kind("consolidated-xlsx")
def consolidated_xlsx(params: dict, progress) -> tuple[str, bytes]:
    with translation.override(settings.LANGUAGE_CODE):
        return _consolidated_xlsx(params, progress)


def _consolidated_xlsx(params: dict, progress) -> tuple[str, bytes]:
    period = ReportingPeriod.objects.get(pk=params["period"])
    progress(20)
    workbook = _matrix_workbook(period)
    progress(90)
    return f"ma-tran-{period.code}.xlsx", workbook_bytes(workbook)


class _DashboardExporter(BaseExporter):
    format = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"
    sheet = staticmethod(_agencies_sheet)

    def render(self, data: dict) -> bytes:
        workbook = Workbook()
        workbook.remove(workbook.active)
        self.sheet(workbook, period_status(data["period"]))
        return workbook_bytes(workbook)


@register_exporter
class AgenciesExporter(_DashboardExporter):
    subject = "dashboard-agencies"


@register_exporter
class TasksExporter(_DashboardExporter):
    subject = "dashboard-tasks"
    sheet = staticmethod(_tasks_sheet)


@register_exporter
class MissingExporter(_DashboardExporter):
    subject = "dashboard-missing"
    sheet = staticmethod(_missing_sheet)


def _database_sheets(workbook, counts) -> None:
    """The dashboard's database tab: one sheet per table."""
    task_rows = [
        [group.number, row.key.number, row.key.title, row.count]
        for group, rows in counts.groups
        for row in rows
    ]
    table_sheet(
        workbook,
        _("Items by task"),
        [_("Task group"), _("Task"), _("Title"), _("Items")],
        task_rows,
        widths=[10, 8, 70, 10],
    )
    for title, column, rows in (
        (_("Items by agency"), _("Agency"), counts.agencies),
        (_("Items by language"), _("Language"), counts.languages),
        (_("Items by kind"), _("Kind"), counts.kinds),
        (_("Items by year"), _("Year"), counts.years),
    ):
        lines = [[row.label, row.count] for row in rows]
        table_sheet(workbook, title, [column, _("Items")], lines, widths=[50, 10])


@register_exporter
class DatabaseExporter(_DashboardExporter):
    subject = "dashboard-database"

    def render(self, data: dict) -> bytes:
        workbook = Workbook()
        workbook.remove(workbook.active)
        _database_sheets(workbook, database_counts(data["period"]))
        return workbook_bytes(workbook)


@register_exporter
class MatrixExporter(BaseExporter):
    subject = "dashboard-matrix"
    format = "xlsx"
    content_type = _DashboardExporter.content_type
    extension = "xlsx"

    def render(self, data: dict) -> bytes:
        return workbook_bytes(_matrix_workbook(data["period"]))
