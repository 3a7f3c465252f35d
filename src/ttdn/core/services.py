"""Bringing an installation up to date: schema, static files, default data, demo data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import require_edit_plan
from ttdn.accounts.services import DemoLogin, demo_users_ensure
from ttdn.agencies.services import agencies_load_default
from ttdn.catalog.services.defaults import catalog_load_default
from ttdn.core.choices import WorkdayKind
from ttdn.core.errors import ApplicationError
from ttdn.core.models import WorkdayAdjustment
from ttdn.core.text import nfc
from ttdn.monitoring.services.defaults import monitoring_load_default
from ttdn.plans.selectors import plan_default
from ttdn.plans.services import plans_load_default
from ttdn.portal.services import portal_load_default
from ttdn.reporting.demo import demo_reporting_load
from ttdn.reporting.services.defaults import reporting_load_default


@dataclass
class InitReport:
    agencies_created: int = 0
    plans_created: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    demo_logins: list[DemoLogin] = field(default_factory=list)


def platform_init(*, demo: bool, verbosity: int = 0) -> InitReport:
    """Migrate and load the default data; safe to run again (nothing is loaded twice)."""
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=verbosity)
    report = InitReport()
    report.agencies_created = agencies_load_default().created
    for plan_report in plans_load_default():
        if plan_report.created:
            report.plans_created.append(plan_report.plan.number)
            report.flags += plan_report.flags
    plan = plan_default()
    if plan is not None:
        reporting_load_default(plan=plan)
    monitoring_load_default()
    catalog_load_default()
    if demo:
        report.demo_logins = demo_users_ensure(data_dir=settings.DATA_DIR)
        if plan is not None:
            demo_reporting_load(plan=plan)
    portal_load_default(demo=demo)
    return report


# Working-day calendar ---------------------------------------------------------------------

CALENDAR_YEARS = (2000, 2100)


def _adjustment_date_check(date: datetime.date) -> None:
    first, last = CALENDAR_YEARS
    if not first <= date.year <= last:
        raise ApplicationError(
            _(
                "The date %(date)s is outside the calendar TTĐN keeps (%(first)s to %(last)s); "
                "check the year and enter it again."
            )
            % {"date": f"{date:%d/%m/%Y}", "first": first, "last": last}
        )


def workday_adjustment_set(
    *, actor, date: datetime.date, kind: str, reason: str
) -> WorkdayAdjustment:
    """Make `date` a day off or a working day; a date already adjusted is updated, not doubled."""
    require_edit_plan(actor)
    _adjustment_date_check(date)
    if kind not in WorkdayKind.values:
        raise ApplicationError(
            _("Choose whether %(date)s is a day off or a working day.")
            % {"date": f"{date:%d/%m/%Y}"}
        )
    reason = nfc(reason or "")
    if not reason:
        raise ApplicationError(
            _(
                "Say why %(date)s changes, for example the number of the Government "
                "announcement that moves it."
            )
            % {"date": f"{date:%d/%m/%Y}"}
        )
    with transaction.atomic():
        adjustment = WorkdayAdjustment.objects.select_for_update().filter(date=date).first()
        if adjustment is None:
            adjustment = WorkdayAdjustment(date=date, kind=kind, reason=reason, created_by=actor)
            adjustment.full_clean()
            adjustment.save()
        else:
            adjustment.kind, adjustment.reason = kind, reason
            adjustment.full_clean()
            adjustment.save(update_fields=["kind", "reason"])
    return adjustment


def workday_adjustment_delete(*, actor, date: datetime.date) -> None:
    """Remove the adjustment on `date`, so the day follows the public-holiday calendar again."""
    require_edit_plan(actor)
    deleted, _by_model = WorkdayAdjustment.objects.filter(date=date).delete()
    if not deleted:
        raise ApplicationError(
            _("There is no change to the calendar on %(date)s to remove.")
            % {"date": f"{date:%d/%m/%Y}"}
        )
