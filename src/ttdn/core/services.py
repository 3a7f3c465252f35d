"""Bringing an installation up to date: schema, static files, default data, demo data."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command

from ttdn.accounts.services import DemoLogin, demo_users_ensure
from ttdn.agencies.services import agencies_load_default
from ttdn.plans.services import plans_load_default


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
    if demo:
        report.demo_logins = demo_users_ensure(data_dir=settings.DATA_DIR)
    return report
