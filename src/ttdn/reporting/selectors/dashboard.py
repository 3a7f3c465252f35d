"""Status and progress of a reporting period, computed in a constant number of queries.

The rules (also in docs/apps/reporting.md):

- State of one obligation (an agency owing a report on a task), the four Vietnamese states:
  *done on time* — the section says done and the report was first submitted on or before
  the agency due date; *done late* — done, first submitted after it; *open, within
  deadline* — not done (or not submitted) and today is on or before the due date; *open,
  overdue* — not done and the due date has passed. A section marked 'not applicable' is
  left out of every count.
- Progress of an obligation is the % its agency reported in a submitted or accepted
  report (100 when done); a draft counts 0 — only what was sent counts.
- Progress of a task is the mean over the agencies that owe it; of a group, the mean of
  its tasks; of the plan, the mean of all tasks (each task weighs the same).
"""

from __future__ import annotations

import datetime
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.agencies.models import Agency
from ttdn.catalog.choices import ItemKind
from ttdn.catalog.selectors import EVIDENCE_STATUSES, item_counts
from ttdn.catalog.validators import language_name
from ttdn.plans.models import Task, TaskGroup
from ttdn.reporting.choices import ReportStatus, SectionStatus, TaskState
from ttdn.reporting.models import (
    AgencyReport,
    IndicatorType,
    IndicatorValue,
    Obligation,
    ReportingPeriod,
    ReportSection,
)

SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


@dataclass(slots=True)
class ObligationRef:
    """The parts of an obligation the dashboard needs (no model instance per row)."""

    agency: Agency
    task: Task


@dataclass(slots=True)
class Cell:
    obligation: ObligationRef
    state: str | None  # None: not applicable
    progress: int
    section_status: str


@dataclass
class AgencyRow:
    agency: Agency
    owed: int = 0
    report: AgencyReport | None = None
    states: dict = field(default_factory=lambda: defaultdict(int))
    progress_total: int = 0
    counted: int = 0

    @property
    def progress(self) -> int:
        return round(self.progress_total / self.counted) if self.counted else 0

    @property
    def on_time(self) -> bool | None:
        if self.report is None or self.report.first_submitted_at is None:
            return None
        return timezone.localdate(self.report.first_submitted_at) <= self.report.period.due_agency


@dataclass
class TaskRow:
    task: Task
    agencies: int = 0
    states: dict = field(default_factory=lambda: defaultdict(int))
    progress_total: int = 0

    @property
    def progress(self) -> int:
        return round(self.progress_total / self.agencies) if self.agencies else 0


@dataclass
class PeriodStatus:
    period: ReportingPeriod
    today: datetime.date
    cells: list[Cell]
    agencies: list[AgencyRow]
    tasks: list[TaskRow]
    groups: list[tuple[TaskGroup, int]]
    plan_progress: int
    states: dict
    indicators: list[tuple[IndicatorType, Decimal]]

    @cached_property
    def missing(self) -> list[AgencyRow]:
        return [row for row in self.agencies if row.report is None or row.report.status not in SENT]

    @cached_property
    def reported(self) -> list[AgencyRow]:
        return [
            row for row in self.agencies if row.report is not None and row.report.status in SENT
        ]


def _state(section: tuple | None, first_sent: datetime.date | None, period, today) -> str | None:
    """`section` is (status, progress) or None; `first_sent` the local date the report was
    first submitted, when it is submitted or accepted now."""
    if section is not None and section[0] == SectionStatus.NOT_APPLICABLE:
        return None
    if first_sent is not None and section is not None and section[0] == SectionStatus.DONE:
        return TaskState.DONE_ON_TIME if first_sent <= period.due_agency else TaskState.DONE_LATE
    return TaskState.OPEN if today <= period.due_agency else TaskState.OVERDUE


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 16


def _version(period: ReportingPeriod, today: datetime.date) -> tuple:
    """What changes whenever the dashboard's figures can change (two indexed queries):
    any report saved (autosave bumps `updated_at`), any obligation added or waived, or a
    new day (states turn overdue at midnight)."""
    reports = AgencyReport.objects.filter(period=period).aggregate(
        n=Count("pk"), last=Max("updated_at")
    )
    obligations = Obligation.objects.filter(period=period).aggregate(
        n=Count("pk"), waived=Count("pk", filter=Q(waived=True)), last=Max("changed_at")
    )
    return (period.pk, period.due_agency, today, *reports.values(), *obligations.values())


def period_status_cached(period: ReportingPeriod, *, today: datetime.date | None = None):
    """`period_status`, kept in this process until its figures can have changed.

    The dashboard is read far more often than reports change; the version check costs two
    small queries. The result is shared between requests: callers must not mutate it.
    """
    today = today or timezone.localdate()
    key = _version(period, today)
    status = _CACHE.get(key)
    if status is None:
        status = period_status(period, today=today)
        _CACHE[key] = status
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return status


def period_status(period: ReportingPeriod, *, today: datetime.date | None = None) -> PeriodStatus:
    """Everything the dashboard shows for one period (six queries, whatever the size).

    Obligations and sections are read as plain tuples: a province has thousands of them a
    year, and a model instance for each would dominate the page's time.
    """
    today = today or timezone.localdate()
    pairs = list(
        Obligation.objects.filter(period=period, waived=False).values_list("agency_id", "task_id")
    )
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={a for a, _t in pairs})}
    tasks = {
        t.pk: t for t in Task.objects.filter(pk__in={t for _a, t in pairs}).select_related("group")
    }
    reports = {
        r.agency_id: r for r in AgencyReport.objects.filter(period=period).select_related("period")
    }
    report_agency = {r.pk: r.agency_id for r in reports.values()}
    first_sent = {
        r.agency_id: timezone.localdate(r.first_submitted_at)
        for r in reports.values()
        if r.status in SENT and r.first_submitted_at
    }
    sections = {
        (report_agency[report_id], task_id): (status, progress)
        for report_id, task_id, status, progress in ReportSection.objects.filter(
            report__period=period
        ).values_list("report_id", "task_id", "status", "progress")
    }
    agency_rows: dict[int, AgencyRow] = {}
    task_rows: dict[int, TaskRow] = {}
    cells, states = [], defaultdict(int)
    for agency_id, task_id in sorted(
        pairs, key=lambda p: (agencies[p[0]].name, tasks[p[1]].position)
    ):
        agency, task, report = agencies[agency_id], tasks[task_id], reports.get(agency_id)
        section = sections.get((agency_id, task_id))
        state = _state(section, first_sent.get(agency_id), period, today)
        sent = agency_id in first_sent and section is not None
        progress = (100 if section[0] == SectionStatus.DONE else section[1]) if sent else 0
        cells.append(
            Cell(ObligationRef(agency, task), state, progress, section[0] if section else "")
        )
        row = agency_rows.setdefault(agency_id, AgencyRow(agency, report=report))
        row.owed += 1
        task_row = task_rows.setdefault(task_id, TaskRow(task))
        if state is None:
            continue
        states[state] += 1
        row.states[state] += 1
        row.progress_total += progress
        row.counted += 1
        task_row.agencies += 1
        task_row.states[state] += 1
        task_row.progress_total += progress
    task_list = sorted(task_rows.values(), key=lambda row: row.task.position)
    return PeriodStatus(
        period=period,
        today=today,
        cells=cells,
        agencies=sorted(agency_rows.values(), key=lambda row: row.agency.name),
        tasks=task_list,
        groups=_groups(task_list),
        plan_progress=_mean([t.progress for t in task_list]),
        states=dict(states),
        indicators=_indicator_totals(period),
    )


def _mean(values: list[int]) -> int:
    return round(sum(values) / len(values)) if values else 0


def _groups(tasks: list[TaskRow]) -> list[tuple[TaskGroup, int]]:
    by_group: dict = defaultdict(list)
    for row in tasks:
        by_group[row.task.group].append(row.progress)
    return [
        (group, _mean(values))
        for group, values in sorted(by_group.items(), key=lambda i: i[0].position)
    ]


def _indicator_totals(period: ReportingPeriod) -> list[tuple[IndicatorType, Decimal]]:
    totals = dict(
        IndicatorValue.objects.filter(
            section__report__period=period, section__report__status__in=SENT
        )
        .values_list("indicator_id")
        .annotate(total=Sum("value"))
    )
    return [(t, totals.get(t.pk, Decimal(0))) for t in IndicatorType.objects.filter(active=True)]


@dataclass
class PeriodSummary:
    period: ReportingPeriod
    owing: int
    reported: int
    on_time: int
    missing: list[Agency]
    indicators: list[tuple[IndicatorType, Decimal]]

    def sentence(self) -> str:
        figures = "; ".join(
            f"{indicator.name}: {value.normalize():f} {indicator.unit}"
            for indicator, value in self.indicators
            if value
        )
        text = _(
            "For %(period)s, %(owing)d agencies owed a report on the plan's tasks; %(reported)d "
            "reported (%(on_time)d on time) and %(missing)d did not."
        ) % {
            "period": self.period.label,
            "owing": self.owing,
            "reported": self.reported,
            "on_time": self.on_time,
            "missing": len(self.missing),
        }
        if not figures:
            return text
        return f"{text} " + _("Main figures: %(figures)s.") % {"figures": figures}


def period_summary(period: ReportingPeriod) -> PeriodSummary:
    status = period_status(period)
    reported = status.reported
    return PeriodSummary(
        period=period,
        owing=len(status.agencies),
        reported=len(reported),
        on_time=sum(1 for row in reported if row.on_time),
        indicators=status.indicators,
        missing=[row.agency for row in status.missing],
    )


@dataclass
class RankingRow:
    agency: Agency
    due: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0

    @property
    def rate(self) -> int:
        return round(100 * self.on_time / self.due) if self.due else 0


def on_time_ranking(periods: list[ReportingPeriod], *, today: datetime.date | None = None):
    """Agencies ranked by the share of their reports sent on time, over `periods`."""
    today = today or timezone.localdate()
    due = [p for p in periods if p.due_agency <= today]
    owing = set(
        Obligation.objects.filter(period__in=due, waived=False).values_list(
            "period_id", "agency_id"
        )
    )
    reports = {
        (r.period_id, r.agency_id): r
        for r in AgencyReport.objects.filter(period__in=due).only(
            "period_id", "agency_id", "status", "first_submitted_at"
        )
    }
    by_period = {p.pk: p for p in due}
    rows: dict[int, RankingRow] = {}
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={a for _p, a in owing})}
    for period_id, agency_id in owing:
        row = rows.setdefault(agency_id, RankingRow(agencies[agency_id]))
        row.due += 1
        report = reports.get((period_id, agency_id))
        if report is None or report.first_submitted_at is None:
            row.missing += 1
        elif timezone.localdate(report.first_submitted_at) <= by_period[period_id].due_agency:
            row.on_time += 1
        else:
            row.late += 1
    return sorted(rows.values(), key=lambda r: (-r.rate, r.missing, r.agency.name))


# The foreign-information database: counts for the period's year --------------------------

DATABASE_YEARS = 5  # the period's year and the four before it


@dataclass
class CountRow:
    key: object  # a task, an agency, a language code, a kind value or a year
    label: str
    count: int
    link: str = ""  # the catalog's search, filtered the same way ("" when it has no filter)


@dataclass
class DatabaseCounts:
    """Approved and published items of the database (`catalog.selectors.item_counts`) for
    a period's year: per task of the plan (in plan order, grouped), agency, language and
    kind, and per year over the last few years."""

    year: int
    total: int
    groups: list[tuple[TaskGroup, list[CountRow]]]
    agencies: list[CountRow]
    languages: list[CountRow]
    kinds: list[CountRow]
    years: list[CountRow]

    @property
    def tasks(self) -> list[CountRow]:
        return [row for _group, rows in self.groups for row in rows]


def _search_link(base: str, **params) -> str:
    statuses = [("status", s) for s in EVIDENCE_STATUSES]
    return f"{base}?{urlencode([*params.items(), *statuses])}"


def database_counts(period: ReportingPeriod) -> DatabaseCounts:
    """Seven queries whatever the number of items: five counts, the plan's tasks, the
    agencies counted. Read fresh on each call, never through `_CACHE`: its version looks
    at reports and obligations only, and would not see an item approved since."""
    year, search = period.year, reverse("catalog:search")
    in_year = {"year": year}
    per_task = item_counts(by="task", filters={**in_year, "plan": period.plan_id})
    groups: dict = {}
    tasks = Task.objects.filter(plan=period.plan_id).select_related("group").order_by("position")
    for task in tasks:
        groups.setdefault(task.group, []).append(
            CountRow(task, f"{task.number}. {task.title}", per_task.get(task.pk, 0))
        )
    per_agency = item_counts(by="agency", filters=in_year)
    agencies = [
        CountRow(a, a.name, per_agency[a.pk], _search_link(search, agency=a.code, year=year))
        for a in Agency.objects.filter(pk__in=list(per_agency))
    ]
    per_language = item_counts(by="language", filters=in_year)
    languages = [
        CountRow(code, language_name(code), n, _search_link(search, language=code, year=year))
        for code, n in per_language.items()
    ]
    labels = dict(ItemKind.choices)
    kinds = [
        CountRow(kind, str(labels.get(kind, kind)), n, _search_link(search, kind=kind, year=year))
        for kind, n in item_counts(by="kind", filters=in_year).items()
    ]
    first = year - DATABASE_YEARS + 1
    per_year = item_counts(
        by="year",
        filters={"date_from": datetime.date(first, 1, 1), "date_to": datetime.date(year, 12, 31)},
    )
    years = [
        CountRow(y, str(y), per_year.get(y, 0), _search_link(search, year=y))
        for y in range(year, first - 1, -1)
    ]

    def by_count(rows: list[CountRow]) -> list[CountRow]:
        return sorted(rows, key=lambda row: (-row.count, row.label))

    return DatabaseCounts(
        year=year,
        total=sum(per_language.values()),
        groups=sorted(groups.items(), key=lambda pair: pair[0].position),
        agencies=by_count(agencies),
        languages=by_count(languages),
        kinds=by_count(kinds),
        years=years,
    )
