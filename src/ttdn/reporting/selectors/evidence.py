"""Reads for citing the foreign-information database as evidence in an agency report.

Which items an agency may cite: those the catalog calls evidence (`EVIDENCE_STATUSES`:
approved or published) that the agency's staff may open in the catalog
(`catalog.permissions.can_view_item`: public items of any agency — published, and not
scheduled for later —, and every item of their own agency). So a public item of any
agency, or an approved or published one of the agency itself; never a draft, an item in
review or an archived item, and never another agency's unpublished (or not yet public)
item, whose page the agency could not open (ADR 0012).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate

from ttdn.catalog.models import Item, public_condition
from ttdn.catalog.permissions import is_public
from ttdn.catalog.selectors import EVIDENCE_STATUSES, items_for_task
from ttdn.core.text import fold
from ttdn.reporting.models import AgencyReport, Evidence, ReportSection

PICKER_LIMIT = 20
QUERY_MAX_WORDS = 8


def citable_condition(agency_id: int) -> Q:
    """The items the staff of an agency may cite (see the module's docstring)."""
    visible = public_condition() | Q(agency_id=agency_id)
    return Q(status__in=EVIDENCE_STATUSES) & visible


def item_citable_by(item: Item, agency_id: int) -> bool:
    return item.status in EVIDENCE_STATUSES and (is_public(item) or item.agency_id == agency_id)


def _ordered(items: QuerySet, agency_id: int, year: int) -> QuerySet:
    """The agency's own items first, then those dated in the report's year, newest first."""

    def first(condition: Q) -> Case:
        return Case(When(condition, then=Value(0)), default=Value(1), output_field=IntegerField())

    return items.annotate(
        own=first(Q(agency_id=agency_id)), other_year=first(Q(day__year=year))
    ).order_by("own", "other_year", "-day", "-pk")


@dataclass
class Picker:
    """What the "Cite from the database" panel of one section shows."""

    section: ReportSection
    year: int
    query: str = ""
    items: list[Item] = field(default_factory=list)
    total: int = 0
    cited: set[int] = field(default_factory=set)

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.items))


def _searched(agency_id: int, query: str) -> QuerySet:
    """Citable items whose title holds every word of the query, diacritics or not
    ('Dang' finds 'Đảng'): the folded title beside the title is compared with the folded
    words, so the database's own collation never decides."""
    items = Item.objects.filter(citable_condition(agency_id)).annotate(
        day=Coalesce("published_on", TruncDate("created_at"))
    )
    for word in fold(query).split()[:QUERY_MAX_WORDS]:
        items = items.filter(title_folded__contains=word)
    return items.select_related("agency")


def evidence_picker(section: ReportSection, *, query: str = "") -> Picker:
    """Suggestions (items serving the section's task in the report's year) or, with a
    query, every citable item whose title matches; the agency's own items first, then
    those of the report's year."""
    report = section.report
    agency_id, year = report.agency_id, report.period.year
    query = query.strip()[:200]
    if query:
        items = _searched(agency_id, query)
    else:
        items = items_for_task(section.task_id, year).filter(citable_condition(agency_id))
    items = _ordered(items, agency_id, year)
    return Picker(
        section=section,
        year=year,
        query=query,
        items=list(items[:PICKER_LIMIT]),
        total=items.count(),
        cited=set(section.evidence.filter(item__isnull=False).values_list("item_id", flat=True)),
    )


def suggestion_counts(report: AgencyReport) -> dict[int, int]:
    """Task id → how many items the agency may cite for it in the report's year (one
    query): the number beside "Cite from the database" in each section."""
    tasks = [s.task_id for s in report.sections.all()]
    rows = (
        Item.objects.filter(citable_condition(report.agency_id), tasks__in=tasks)
        .annotate(day=Coalesce("published_on", TruncDate("created_at")))
        .filter(day__year=report.period.year)
        .values("tasks")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return {row["tasks"]: row["n"] for row in rows}


def evidence_with_items() -> QuerySet:
    """Evidence with what a cited item's line shows (language, kind, agency, date)."""
    return Evidence.objects.select_related("item__agency").order_by("uploaded_at", "pk")
