"""Reporting periods: generated from Decree 09/2019's rules for a plan's years, all editable."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.core.calendar import calendar_from_db
from ttdn.core.errors import ApplicationError
from ttdn.plans.models import Plan
from ttdn.plans.selectors import plan_tasks, plan_years
from ttdn.reporting.choices import PeriodKind
from ttdn.reporting.models import ReportingPeriod
from ttdn.reporting.periods import period_specs, validate_period
from ttdn.reporting.services.permissions import require_coordinator

DATE_FIELDS = ("cutoff_start", "cutoff_end", "due_agency", "due_department", "due_province")


def plan_year_range(plan: Plan) -> list[int]:
    years = plan_years(plan_tasks(plan))
    return list(range(years[0], years[1] + 1)) if years else []


@transaction.atomic
def periods_generate(*, actor, plan: Plan, years: list[int], kinds: list[str]):
    """Create the periods of `kinds` for `years` that do not exist yet; return them all."""
    if actor is not None:
        require_coordinator(actor)
    calendar = calendar_from_db()
    result = []
    for year in years:
        for kind in kinds:
            for spec in period_specs(kind, year, calendar):
                period, _created = ReportingPeriod.objects.get_or_create(
                    plan=plan,
                    kind=kind,
                    year=year,
                    number=spec.number,
                    defaults={
                        "label": spec.label_vi,
                        "label_en": spec.label_en,
                        **{name: getattr(spec, name) for name in DATE_FIELDS},
                    },
                )
                result.append(period)
    return result


def _validate_dates(values: dict) -> None:
    validate_period(*(values[name] for name in DATE_FIELDS), calendar_from_db())


@transaction.atomic
def period_update(*, actor, period: ReportingPeriod, **values) -> ReportingPeriod:
    """Change a period's name or dates; refuses dates that break Decree 09's order."""
    require_coordinator(actor)
    merged = {name: values.get(name, getattr(period, name)) for name in DATE_FIELDS}
    _validate_dates(merged)
    changed = []
    for name, value in values.items():
        if getattr(period, name) != value:
            setattr(period, name, value)
            changed.append(name)
    if changed:
        period.full_clean()
        period.save(update_fields=changed)
    return period


@transaction.atomic
def period_create_special(
    *, actor, plan: Plan, kind: str, label: str, year: int, **dates: datetime.date
) -> ReportingPeriod:
    """A thematic or ad hoc report the province asks for outside the periodic cycle."""
    require_coordinator(actor)
    if kind not in (PeriodKind.THEMATIC, PeriodKind.AD_HOC):
        raise ApplicationError(_("Only thematic and ad hoc periods are created by hand."))
    _validate_dates(dates)
    period = ReportingPeriod(plan=plan, kind=kind, label=label, year=year, **dates)
    period.full_clean(validate_constraints=False)
    period.save()
    return period
