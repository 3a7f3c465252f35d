"""Changes to plans: loading a plan from data, editing a task."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import require_edit_plan
from ttdn.agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyGroupAlias
from ttdn.agencies.selectors import agency_find
from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold, nfc
from ttdn.plans.choices import AssignmentRole, PlanKind, Recurrence
from ttdn.plans.models import Plan, Task, TaskAssignment, TaskGroup

DEFAULT_PLANS = sorted((Path(__file__).resolve().parent / "data").glob("plan_*.json"))


@dataclass
class PlanLoadReport:
    plan: Plan | None = None
    created: bool = False
    tasks: int = 0
    flags: list[str] = field(default_factory=list)


class NameIndex:
    """Folded agency and group names → the row they mean (four queries, then memory)."""

    def __init__(self) -> None:
        self.agencies: dict[str, Agency] = {}
        self.groups: dict[str, AgencyGroup] = {}
        # Current agencies win over ended ones of the same name, so iterate oldest first.
        for agency in Agency.objects.order_by("-active_to", "pk"):
            self.agencies[agency.name_folded] = agency
        for alias in AgencyAlias.objects.select_related("agency"):
            self.agencies.setdefault(alias.name_folded, alias.agency)
        for group in AgencyGroup.objects.all():
            self.groups[group.name_folded] = group
        for alias in AgencyGroupAlias.objects.select_related("group"):
            self.groups.setdefault(alias.name_folded, alias.group)

    def match(self, printed: str) -> Agency | AgencyGroup | None:
        folded = fold(printed)
        return self.agencies.get(folded) or self.groups.get(folded)


def _check_numbers(data: dict) -> None:
    numbers = [task["number"] for group in data["groups"] for task in group["tasks"]]
    duplicates = sorted({number for number in numbers if numbers.count(number) > 1})
    if duplicates:
        raise ApplicationError(
            _(
                "Task number %(numbers)s appears more than once in plan %(plan)s; "
                "give each task its own number and load the plan again."
            )
            % {"numbers": ", ".join(duplicates), "plan": data["number"]}
        )
    groups = [group["number"] for group in data["groups"]]
    if len(groups) != len(set(groups)):
        raise ApplicationError(
            _("A task group number appears more than once in plan %(plan)s.")
            % {"plan": data["number"]}
        )


def _check_required(data: dict) -> None:
    missing = [key for key in ("number", "title", "issue_date", "groups") if not data.get(key)]
    if missing:
        raise ApplicationError(
            _("The plan data lacks these fields: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    if parse_date(str(data["issue_date"])) is None:
        raise ApplicationError(
            _("The issue date “%(date)s” is not a date; write it as YYYY-MM-DD.")
            % {"date": data["issue_date"]}
        )


def _timeframe_fields(task_row: dict, flags: list[str]) -> dict:
    timeframe = task_row.get("timeframe") or {}
    printed = nfc(timeframe.get("printed") or "")
    fields = {
        "timeframe_printed": printed,
        "start_year": timeframe.get("start"),
        "end_year": timeframe.get("end"),
        "recurrence": timeframe.get("recurrence") or "",
    }
    if fields["recurrence"] not in ("", *Recurrence.values):
        fields["recurrence"] = ""
    if printed and fields["start_year"] is None and not fields["recurrence"]:
        flags.append(
            _("Task %(number)s: the timeframe “%(printed)s” could not be read; it is kept as text.")
            % {"number": task_row["number"], "printed": printed}
        )
    return fields


def _assignments(task: Task, task_row: dict, index: NameIndex, flags: list[str]) -> list:
    rows = []
    for role in (AssignmentRole.LEAD, AssignmentRole.COORDINATING):
        for position, printed in enumerate(task_row.get(role.value, [])):
            printed = nfc(printed)
            target = index.match(printed)
            rows.append(
                TaskAssignment(
                    task=task,
                    role=role,
                    position=position,
                    printed=printed,
                    agency=target if isinstance(target, Agency) else None,
                    group=target if isinstance(target, AgencyGroup) else None,
                )
            )
            if target is None:
                flags.append(
                    _("Task %(number)s: no known agency is called “%(printed)s”; kept as text.")
                    % {"number": task_row["number"], "printed": printed}
                )
    return rows


def _create_tasks(plan: Plan, data: dict, report: PlanLoadReport) -> None:
    index = NameIndex()
    assignments: list[TaskAssignment] = []
    position = 0
    for group_position, group_row in enumerate(data["groups"]):
        group = TaskGroup.objects.create(
            plan=plan,
            number=group_row["number"],
            title=nfc(group_row["title"]),
            position=group_position,
        )
        for task_row in group_row["tasks"]:
            task_flags = list(task_row.get("flags", []))
            position += 1
            task = Task(
                plan=plan,
                group=group,
                number=task_row["number"],
                title=nfc(task_row["title"]),
                position=position,
                lead_printed=nfc(task_row.get("lead_printed", "")),
                coordinating_printed=nfc(task_row.get("coordinating_printed", "")),
                expected_outputs=task_row.get("expected_outputs", ""),
                **_timeframe_fields(task_row, task_flags),
            )
            task.full_clean(exclude=["plan", "group"])
            task.save()
            assignments += _assignments(task, task_row, index, task_flags)
            if task_flags != task.flags:
                task.flags = task_flags
                task.save(update_fields=["flags"])
            report.flags += task_flags[len(task_row.get("flags", [])) :]
            report.tasks += 1
    TaskAssignment.objects.bulk_create(assignments)


@transaction.atomic
def plan_load(*, data: dict) -> PlanLoadReport:
    """Create a plan with its groups, tasks and assignments from `data`.

    Safe to run again: a plan whose number exists is left as it is. Unknown agencies and
    unreadable timeframes are kept as printed and flagged; the load goes on and the report
    lists them. Duplicate task numbers refuse the whole plan, writing nothing.
    """
    _check_required(data)
    _check_numbers(data)
    existing = Plan.objects.filter(number=data["number"]).first()
    if existing:
        return PlanLoadReport(plan=existing, created=False, tasks=existing.tasks.count())
    issuer = agency_find(data.get("issuer", ""))
    if not isinstance(issuer, Agency):
        raise ApplicationError(
            _("The issuer “%(issuer)s” of plan %(plan)s is not a known agency.")
            % {"issuer": data.get("issuer", ""), "plan": data["number"]}
        )
    plan = Plan(
        number=data["number"],
        slug=slugify(data["number"].replace("/", "-")),
        title=nfc(data["title"]),
        kind=data.get("kind") or PlanKind.PLAN,
        issuer=issuer,
        issuer_printed=data.get("issuer", ""),
        place=data.get("place", ""),
        signer=data.get("signer", ""),
        signing_authority=data.get("signing_authority", ""),
        issue_date=parse_date(str(data["issue_date"])),
        legal_bases=data.get("legal_bases", []),
        source_name=data.get("source", ""),
    )
    plan.full_clean()
    plan.save()
    report = PlanLoadReport(plan=plan, created=True, flags=list(data.get("flags", [])))
    _create_tasks(plan, data, report)
    plan.import_flags = report.flags
    plan.save(update_fields=["import_flags"])
    return report


def plans_load_default() -> list[PlanLoadReport]:
    return [plan_load(data=json.loads(path.read_text(encoding="utf-8"))) for path in DEFAULT_PLANS]


def task_update(*, actor, task: Task, expected_outputs: str) -> Task:
    """The coordinator records what a task is expected to produce."""
    require_edit_plan(actor)
    task.expected_outputs = expected_outputs.strip()
    task.full_clean(exclude=["plan", "group"])
    task.save(update_fields=["expected_outputs"])
    return task


def plan_data_from_parsed(parsed) -> dict:
    """A ParsedPlan (from a plan-document parser) as the plain data `plan_load` reads."""

    def timeframe(task) -> dict | None:
        if task.timeframe is None:
            return None
        return {
            "printed": task.timeframe.printed,
            "start": task.timeframe.start,
            "end": task.timeframe.end,
            "recurrence": task.timeframe.recurrence,
        }

    return {
        "number": parsed.number,
        "kind": parsed.kind,
        "title": parsed.title,
        "issuer": parsed.issuer,
        "place": parsed.place,
        "issue_date": parsed.issue_date.isoformat() if parsed.issue_date else None,
        "signer": parsed.signer,
        "signing_authority": parsed.signing_authority,
        "legal_bases": list(parsed.legal_bases),
        "flags": list(parsed.flags),
        "groups": [
            {
                "number": group.number,
                "title": group.title,
                "tasks": [
                    {
                        "number": task.number,
                        "title": task.title,
                        "lead": [ref.printed for ref in task.lead],
                        "coordinating": [ref.printed for ref in task.coordinating],
                        "lead_printed": task.lead_printed,
                        "coordinating_printed": task.coordinating_printed,
                        "timeframe": timeframe(task),
                        "flags": list(task.flags),
                    }
                    for task in group.tasks
                ],
            }
            for group in parsed.groups
        ],
    }


def plan_data_from_text(text: str, *, known_names=()) -> dict:
    """Parse the plain text of a plan document into plan data (flags kept, never raises
    except ApplicationError when no task table is found)."""
    from ttdn.plans.importers import PlanParseError, parse_plan_text

    try:
        return plan_data_from_parsed(parse_plan_text(text, known_names=known_names))
    except PlanParseError as error:
        raise ApplicationError(str(error)) from None


def plan_import_file(*, path: Path) -> PlanLoadReport:
    """Load a plan from plan JSON or from the plain text of the plan document."""
    from ttdn.agencies.selectors import alias_names

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(
            _("%(file)s is not UTF-8 text; save it as UTF-8 and try again.") % {"file": path.name}
        ) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ApplicationError(
                _("%(file)s is not valid JSON (line %(line)d): %(error)s.")
                % {"file": path.name, "line": error.lineno, "error": error.msg}
            ) from None
    else:
        data = plan_data_from_text(text, known_names=alias_names())
    data.setdefault("source", path.name)
    return plan_load(data=data)
