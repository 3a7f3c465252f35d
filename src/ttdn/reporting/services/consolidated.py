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
from django.utils.translation import ngettext

from ttdn.catalog.validators import language_name
from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold
from ttdn.reporting.choices import ReportStatus, SectionStatus
from ttdn.reporting.models import (
    AgencyReport,
    ConsolidatedParagraph,
    ConsolidatedReport,
    ReportingPeriod,
)
from ttdn.reporting.selectors.dashboard import database_counts
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
    rows += _database_paragraphs(period, report)
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


def _language(code: str) -> str:
    """'Tiếng Anh' → 'tiếng Anh' mid-sentence in Vietnamese; 'English' stays as it is."""
    name = language_name(code)
    if (translation.get_language() or "vi").startswith("vi"):
        return name[:1].lower() + name[1:]
    return name


def _database_paragraphs(period: ReportingPeriod, report: ConsolidatedReport) -> list:
    """The part on the foreign-information database: one paragraph of figures for the
    period's year (by language and kind), then one per task group (items per task) — the
    same counts as the dashboard's database tab."""
    counts = database_counts(period)
    if counts.total:
        languages = ", ".join(
            _("%(count)s in %(language)s") % {"count": row.count, "language": _language(row.key)}
            for row in counts.languages
        )
        kinds = "; ".join(f"{row.label.lower()}: {row.count}" for row in counts.kinds)
        text = ngettext(
            "In %(year)s, %(total)s approved or published item was added to the "
            "foreign-information database: %(languages)s.",
            "In %(year)s, %(total)s approved or published items were added to the "
            "foreign-information database: %(languages)s.",
            counts.total,
        ) % {"year": counts.year, "total": counts.total, "languages": languages}
        text += " " + _("By kind: %(kinds)s.") % {"kinds": kinds}
    else:
        text = _(
            "In %(year)s, no approved or published item was added to the "
            "foreign-information database."
        ) % {"year": counts.year}
    rows = [ConsolidatedParagraph(report=report, part=Part.DATABASE, text=text)]
    for group, tasks in counts.groups:
        served = [row for row in tasks if row.count]
        if served:
            text = _("Items serving the tasks of this group: %(tasks)s.") % {
                "tasks": "; ".join(
                    ngettext(
                        "task %(number)s: %(count)s item",
                        "task %(number)s: %(count)s items",
                        row.count,
                    )
                    % {"number": row.key.number, "count": row.count}
                    for row in served
                )
            }
        else:
            text = _(
                "No approved or published item of the database serves the tasks of this group."
            )
        rows.append(
            ConsolidatedParagraph(report=report, part=Part.DATABASE, group=group, text=text)
        )
    return rows


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
    edited = {_key(p) for p in kept}
    fresh = [p for p in fresh if _key(p) not in edited]
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


def _key(paragraph: ConsolidatedParagraph) -> tuple:
    """What a generated paragraph is about: an edited paragraph stands in for the fresh one
    with the same key when the draft is refreshed (the group tells apart the database
    part's paragraphs, which have no source report)."""
    return (
        paragraph.part,
        paragraph.group_id,
        paragraph.source_section_id,
        paragraph.source_report_id,
    )


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
