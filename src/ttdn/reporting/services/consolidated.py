"""The consolidated report: a draft the coordinator edits, built from the agency reports.

Each paragraph keeps a link to the agency report (and section) it came from, so the
coordinator can always check a sentence against what the agency wrote.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold
from ttdn.reporting.choices import ReportStatus, SectionStatus
from ttdn.reporting.models import (
    AgencyReport,
    ConsolidatedParagraph,
    ConsolidatedReport,
    ReportingPeriod,
)
from ttdn.reporting.services.permissions import require_coordinator

Part = ConsolidatedParagraph.Part
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</(p|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(rich: str) -> str:
    """Sanitised rich text as plain sentences (for the DOCX and the draft)."""
    text = _BLOCK.sub("\n", rich or "")
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _reports(period: ReportingPeriod) -> list[AgencyReport]:
    return list(
        AgencyReport.objects.filter(
            period=period, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
        )
        .select_related("agency")
        .prefetch_related("sections__task__group")
        .order_by("agency__name")
    )


def _paragraphs(period: ReportingPeriod, report: ConsolidatedReport):
    from ttdn.reporting.selectors.dashboard import period_summary

    reports = _reports(period)
    summary = period_summary(period)
    rows = [ConsolidatedParagraph(report=report, part=Part.SUMMARY, text=summary.sentence())]
    by_group: dict = defaultdict(list)
    for agency_report in reports:
        for section in agency_report.sections.all():
            text = plain_text(section.results)
            if text and section.status != SectionStatus.NOT_APPLICABLE:
                by_group[section.task.group].append((section.task, agency_report, section, text))
    for group in sorted(by_group, key=lambda g: g.position):
        for task, agency_report, section, text in sorted(
            by_group[group], key=lambda row: (row[0].position, row[1].agency.name)
        ):
            rows.append(
                ConsolidatedParagraph(
                    report=report,
                    part=Part.RESULTS,
                    group=group,
                    text=f"{agency_report.agency.name} ({_('task')} {task.number}): {text}",
                    source_section=section,
                    source_report=agency_report,
                )
            )
    grouped = []
    for part, attr in ((Part.DIFFICULTIES, "difficulties"), (Part.PROPOSALS, "proposals")):
        for text, sources in _grouped(reports, attr):
            names = ", ".join(r.agency.name for r in sources)
            paragraph = ConsolidatedParagraph(
                report=report, part=part, text=f"{text} ({names})", source_report=sources[0]
            )
            rows.append(paragraph)
            grouped.append((paragraph, sources[1:]))
    if summary.missing:
        names = "; ".join(agency.name for agency in summary.missing)
        rows.append(ConsolidatedParagraph(report=report, part=Part.MISSING, text=names))
    for position, row in enumerate(rows):
        row.position = position
    return rows, grouped


def _grouped(reports: list[AgencyReport], attr: str) -> list[tuple[str, list[AgencyReport]]]:
    """Difficulties (or proposals) that several agencies wrote alike become one paragraph
    naming them all; the order is by how many agencies raised it."""
    by_text: dict[str, tuple[str, list[AgencyReport]]] = {}
    for agency_report in reports:
        texts = [getattr(agency_report, attr)] + [
            getattr(s, attr) for s in agency_report.sections.all()
        ]
        for text in filter(None, (t.strip() for t in texts)):
            key = fold(text).rstrip(".")
            entry = by_text.setdefault(key, (text.rstrip("."), []))
            if agency_report not in entry[1]:
                entry[1].append(agency_report)
    return sorted(by_text.values(), key=lambda entry: (-len(entry[1]), entry[0]))


@transaction.atomic
def consolidated_build(
    *, actor, period: ReportingPeriod, rebuild: bool = False
) -> ConsolidatedReport:
    """Create the draft, or with `rebuild` refresh every paragraph the coordinator has not
    edited (edited paragraphs stay, so no work is lost). An official document is written in
    Vietnamese whatever language the coordinator's screen is in."""
    require_coordinator(actor)
    with translation.override(settings.LANGUAGE_CODE):
        return _build(actor, period, rebuild)


def _build(actor, period: ReportingPeriod, rebuild: bool) -> ConsolidatedReport:
    report, created = ConsolidatedReport.objects.get_or_create(
        period=period,
        defaults={
            # Mid-sentence the label is lower-case: "… đối ngoại năm 2024", "… quý I năm 2025".
            "subject": _("Results of foreign-information work, %(period)s")
            % {"period": period.label[:1].lower() + period.label[1:]},
            "created_by": actor,
            "signer_authority": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            "recipients": "UBND tỉnh (b/c)\nLãnh đạo Sở\nCác sở, ban, ngành, địa phương\nLưu: VT",
        },
    )
    if not created and not rebuild:
        return report
    report.paragraphs.filter(edited=False).delete()
    kept = list(report.paragraphs.all())
    fresh, grouped = _paragraphs(period, report)
    edited = {(p.part, p.source_section_id, p.source_report_id) for p in kept}
    fresh = [p for p in fresh if (p.part, p.source_section_id, p.source_report_id) not in edited]
    ConsolidatedParagraph.objects.bulk_create(fresh)
    through = ConsolidatedParagraph.also_from.through
    through.objects.bulk_create(
        through(consolidatedparagraph_id=paragraph.pk, agencyreport_id=source.pk)
        for paragraph, sources in grouped
        if paragraph.pk
        for source in sources
    )
    for position, paragraph in enumerate(
        sorted(report.paragraphs.all(), key=lambda p: (list(Part.values).index(p.part), p.position))
    ):
        if paragraph.position != position:
            paragraph.position = position
            paragraph.save(update_fields=["position"])
    return report


@transaction.atomic
def consolidated_paragraph_update(*, actor, paragraph: ConsolidatedParagraph, text: str):
    require_coordinator(actor)
    if not text.strip():
        raise ApplicationError(_("A paragraph cannot be empty; delete it instead."))
    paragraph.text, paragraph.edited = text.strip(), True
    paragraph.save(update_fields=["text", "edited"])
    return paragraph


@transaction.atomic
def consolidated_paragraph_delete(*, actor, paragraph: ConsolidatedParagraph) -> None:
    require_coordinator(actor)
    paragraph.delete()


@transaction.atomic
def consolidated_update(*, actor, report: ConsolidatedReport, **fields) -> ConsolidatedReport:
    require_coordinator(actor)
    allowed = {"number", "subject", "signer_name", "signer_authority", "recipients"}
    changed = [name for name in fields if name in allowed]
    for name in changed:
        setattr(report, name, str(fields[name]).strip())
    report.full_clean(exclude=["period"])
    report.save(update_fields=changed)
    return report
