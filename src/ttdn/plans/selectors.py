"""Reads about plans: the task list with its filters, who is responsible today, exports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from ttdn.agencies.models import Agency, AgencyGroup
from ttdn.agencies.selectors import AmbiguousSuccession, SuccessionGraph
from ttdn.core.errors import ApplicationError
from ttdn.core.queries import today
from ttdn.core.text import fold
from ttdn.plans.choices import AssignmentRole, Recurrence
from ttdn.plans.models import Plan, Task, TaskAssignment


@dataclass(frozen=True)
class Responsible:
    """One printed assignment and who answers for it on a given date."""

    printed: str
    role: str
    agency: Agency | None
    group: AgencyGroup | None
    current: Agency | None  # None for groups and unknown names
    changed_on: datetime.date | None  # when the printed agency's work moved
    problem: str = ""

    @property
    def moved(self) -> bool:
        return self.current is not None and self.agency is not None and self.current != self.agency


@dataclass(frozen=True)
class TaskFilters:
    agency: Agency | None = None
    group_number: str = ""
    year: int | None = None
    timeframe: str = ""  # "once" | "yearly" | "none"
    query: str = ""


def plan_list() -> QuerySet:
    return Plan.objects.select_related("issuer").order_by("-issue_date")


def plan_default() -> Plan | None:
    return plan_list().filter(status="active").first() or plan_list().first()


def plan_get(slug: str) -> Plan:
    return get_object_or_404(Plan.objects.select_related("issuer"), slug=slug)


def _assignments_prefetch() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=TaskAssignment.objects.select_related("agency", "group").order_by(
            "role", "position"
        ),
    )


def plan_tasks(plan: Plan) -> list[Task]:
    """Every task of `plan` with its group and assignments (three queries)."""
    return list(
        Task.objects.filter(plan=plan)
        .select_related("group")
        .prefetch_related(_assignments_prefetch())
        .order_by("position")
    )


def plan_years(tasks: list[Task]) -> tuple[int, int] | None:
    starts = [task.start_year for task in tasks if task.start_year]
    ends = [task.end_year or task.start_year for task in tasks if task.start_year]
    return (min(starts), max(ends)) if starts else None


def _agency_matches(task: Task, agency: Agency, lineage: set[int], on: datetime.date) -> bool:
    for assignment in task.assignments.all():
        if assignment.agency_id in lineage:
            return True
        group = assignment.group
        if group is not None and agency.kind in group.kinds and agency.is_active_on(on):
            return True
    return False


def task_filter(
    tasks: list[Task],
    filters: TaskFilters,
    *,
    graph: SuccessionGraph | None = None,
    on: datetime.date | None = None,
) -> list[Task]:
    """Apply the plan page's filters in memory (a plan has tens of tasks, not thousands)."""
    on = on or today()
    years = plan_years(tasks)
    result = tasks
    if filters.agency is not None:
        graph = graph or SuccessionGraph.load()
        lineage = {filters.agency.pk} | graph.predecessors(filters.agency.pk)
        result = [t for t in result if _agency_matches(t, filters.agency, lineage, on)]
    if filters.group_number:
        result = [t for t in result if t.group.number == filters.group_number]
    if filters.year:
        result = [t for t in result if t.is_active_in(filters.year, years)]
    if filters.timeframe == "none":
        result = [t for t in result if not t.timeframe_printed]
    elif filters.timeframe in Recurrence.values:
        result = [t for t in result if t.recurrence == filters.timeframe]
    if filters.query:
        folded = fold(filters.query)
        result = [t for t in result if folded in t.title_folded or folded == fold(t.number)]
    return result


def responsibility(
    task: Task, *, graph: SuccessionGraph, on: datetime.date | None = None
) -> list[Responsible]:
    """Who answers for each printed assignment of `task` on `on` (default today)."""
    on = on or today()
    rows = []
    assignments = sorted(
        task.assignments.all(), key=lambda a: (a.role != AssignmentRole.LEAD, a.position)
    )
    for assignment in assignments:
        current, changed_on, problem = None, None, ""
        if assignment.agency is not None:
            try:
                current = graph.resolve(assignment.agency, on)
            except AmbiguousSuccession as error:
                problem = error.message
            except ApplicationError as error:
                problem = error.message
            changed_on = graph.change_date(assignment.agency, on)
        rows.append(
            Responsible(
                printed=assignment.printed,
                role=assignment.role,
                agency=assignment.agency,
                group=assignment.group,
                current=current,
                changed_on=changed_on,
                problem=problem,
            )
        )
    return rows


def task_get(plan: Plan, number: str) -> Task:
    return get_object_or_404(
        Task.objects.select_related("plan", "group").prefetch_related(_assignments_prefetch()),
        plan=plan,
        number=number,
    )


def tasks_for_agency(
    agency: Agency, *, on: datetime.date | None = None, graph: SuccessionGraph | None = None
) -> list[tuple[Plan, list[Task]]]:
    """'My agency': tasks of every plan where the agency (or a predecessor) leads or coordinates.

    Tasks due this year come first, then the rest in plan order.
    """
    on = on or today()
    graph = graph or SuccessionGraph.load()
    plans = list(plan_list())
    tasks = list(
        Task.objects.filter(plan__in=plans)
        .select_related("group", "plan")
        .prefetch_related(_assignments_prefetch())
        .order_by("plan", "position")
    )
    result = []
    for plan in plans:
        plan_tasks_ = [task for task in tasks if task.plan_id == plan.pk]
        mine = task_filter(plan_tasks_, TaskFilters(agency=agency), graph=graph, on=on)
        years = plan_years(plan_tasks_)
        for task in mine:
            task.due_this_year = task.is_active_in(on.year, years)  # like an annotation
        mine.sort(key=lambda task: (not task.due_this_year, task.position))
        if mine:
            result.append((plan, mine))
    return result


def task_role_for_agency(task: Task, agency: Agency, lineage: set[int]) -> str:
    """'lead' when the agency or a predecessor leads (directly or by group), else 'coordinating'."""
    for assignment in task.assignments.all():
        if assignment.role != AssignmentRole.LEAD:
            continue
        if assignment.agency_id in lineage:
            return AssignmentRole.LEAD
        if assignment.group is not None and agency.kind in assignment.group.kinds:
            return AssignmentRole.LEAD
    return AssignmentRole.COORDINATING


def plan_export_data(plan: Plan, *, on: datetime.date | None = None) -> dict:
    """The plan as plain data: what `ttdn plan export` writes as JSON and XLSX."""
    on = on or today()
    graph = SuccessionGraph.load()
    tasks = []
    for task in plan_tasks(plan):
        people = responsibility(task, graph=graph, on=on)

        def entries(role: str, people=people) -> list[dict]:
            return [
                {"printed": p.printed, "current": _current_name(p)}
                for p in people
                if p.role == role
            ]

        tasks.append(
            {
                "number": task.number,
                "group": task.group.number,
                "title": task.title,
                "lead": entries(AssignmentRole.LEAD),
                "coordinating": entries(AssignmentRole.COORDINATING),
                "timeframe": {
                    "printed": task.timeframe_printed,
                    "start": task.start_year,
                    "end": task.end_year,
                    "recurrence": task.recurrence or None,
                },
                "expected_outputs": task.expected_outputs,
                "flags": task.flags,
            }
        )
    return {
        "number": plan.number,
        "kind": plan.kind,
        "title": plan.title,
        "issuer": plan.issuer.name,
        "issue_date": plan.issue_date.isoformat(),
        "signer": plan.signer,
        "as_of": on.isoformat(),
        "groups": [{"number": g.number, "title": g.title} for g in plan.groups.all()],
        "tasks": tasks,
    }


def _current_name(person: Responsible) -> str | None:
    if person.current is not None:
        return person.current.name
    if person.group is not None:
        return person.group.name
    return None
