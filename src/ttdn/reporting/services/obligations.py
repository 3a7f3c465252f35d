"""Who owes a report on which task for a period.

For each task due in the period's year: every lead and coordinating agency printed in the
plan, resolved through successions to the agency in charge at the end of the data
cut-off; every group expanded to the agencies that belonged to it then. An agency that
both leads and coordinates a task owes it once, as lead. Obligations already generated
(and those the coordinator waived) are kept: generating again only adds what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.agencies.models import Agency
from ttdn.agencies.selectors import AmbiguousSuccession, SuccessionGraph, agency_group_members
from ttdn.core.errors import ApplicationError
from ttdn.plans.choices import AssignmentRole
from ttdn.plans.models import Task
from ttdn.plans.selectors import plan_tasks, plan_years
from ttdn.reporting.choices import ObligationSource
from ttdn.reporting.models import Obligation, ReportingPeriod
from ttdn.reporting.services.permissions import require_coordinator


@dataclass
class ObligationReport:
    created: int = 0
    kept: int = 0
    notes: list[str] = field(default_factory=list)


def _owed(period: ReportingPeriod, task: Task, graph: SuccessionGraph, members, notes) -> dict:
    """agency id → (source, printed name) for one task."""
    owed: dict[int, tuple[str, str]] = {}
    on = period.cutoff_end
    for assignment in task.assignments.all():
        source = ObligationSource(assignment.role)
        if assignment.agency is not None:
            try:
                agencies = [graph.resolve(assignment.agency, on)]
            except AmbiguousSuccession as error:
                notes.append(error.message)
                continue
            except ApplicationError as error:
                notes.append(error.message)
                continue
        elif assignment.group is not None:
            agencies = members[assignment.group_id]
        else:
            notes.append(
                _("Task %(number)s: “%(printed)s” is not a known agency; nobody owes it.")
                % {"number": task.number, "printed": assignment.printed}
            )
            continue
        for agency in agencies:
            current = owed.get(agency.pk)
            if current is None or (current[0] != AssignmentRole.LEAD and source == "lead"):
                owed[agency.pk] = (source, assignment.printed)
    return owed


@transaction.atomic
def obligations_generate(*, period: ReportingPeriod, actor=None) -> ObligationReport:
    if actor is not None:
        require_coordinator(actor)
    report = ObligationReport()
    tasks = plan_tasks(period.plan)
    years = plan_years(tasks)
    graph = SuccessionGraph.load()
    groups = {a.group for t in tasks for a in t.assignments.all() if a.group is not None}
    members = {g.pk: list(agency_group_members(g, on=period.cutoff_end)) for g in groups}
    existing = set(Obligation.objects.filter(period=period).values_list("agency_id", "task_id"))
    rows = []
    for task in tasks:
        if not task.is_active_in(period.year, years):
            continue
        for agency_id, (source, via) in _owed(period, task, graph, members, report.notes).items():
            if (agency_id, task.pk) in existing:
                report.kept += 1
                continue
            rows.append(
                Obligation(period=period, agency_id=agency_id, task=task, source=source, via=via)
            )
    Obligation.objects.bulk_create(rows, batch_size=1000)
    report.created = len(rows)
    report.notes = sorted(set(report.notes))
    return report


@transaction.atomic
def obligation_add(
    *, actor, period: ReportingPeriod, agency: Agency, task: Task, reason: str
) -> Obligation:
    """The coordinator asks one more agency to report on a task, saying why."""
    require_coordinator(actor)
    if not reason.strip():
        raise ApplicationError(_("Say why this agency must report on this task."))
    if task.plan_id != period.plan_id:
        raise ApplicationError(_("This task belongs to another plan than the period."))
    obligation, created = Obligation.objects.get_or_create(
        period=period,
        agency=agency,
        task=task,
        defaults={
            "source": ObligationSource.ADDED,
            "reason": reason.strip(),
            "via": agency.name,
            "changed_by": actor,
            "changed_at": timezone.now(),
        },
    )
    if not created:
        if not obligation.waived:
            raise ApplicationError(
                _("%(agency)s already owes a report on task %(task)s.")
                % {"agency": agency.name, "task": task.number}
            )
        obligation.waived, obligation.reason = False, reason.strip()
        obligation.changed_by, obligation.changed_at = actor, timezone.now()
        obligation.save(update_fields=["waived", "reason", "changed_by", "changed_at"])
    return obligation


@transaction.atomic
def obligation_waive(*, actor, obligation: Obligation, reason: str) -> Obligation:
    """Excuse an agency from reporting on a task, keeping the reason."""
    require_coordinator(actor)
    if not reason.strip():
        raise ApplicationError(_("Say why this agency need not report on this task."))
    obligation.waived, obligation.waived_reason = True, reason.strip()
    obligation.changed_by, obligation.changed_at = actor, timezone.now()
    obligation.save(update_fields=["waived", "waived_reason", "changed_by", "changed_at"])
    return obligation
