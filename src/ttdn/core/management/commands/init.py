"""`ttdn init`: migrate and load the default data; safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ttdn.core.services import platform_init


class Command(BaseCommand):
    help = "Create or update the database and load the default plan and agencies."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", default=None, help="Add demo users.")
        parser.add_argument("--no-demo", dest="demo", action="store_false")

    def handle(self, *args, demo=None, verbosity=1, **options):
        demo = settings.TTDN_DEMO if demo is None else demo
        report = platform_init(demo=demo, verbosity=max(verbosity - 1, 0))
        self.stdout.write(f"Agencies added: {report.agencies_created}")
        self.stdout.write(f"Plans added: {', '.join(report.plans_created) or '—'}")
        for flag in report.flags:
            self.stdout.write(self.style.WARNING(f"  ! {flag}"))
        for login in report.demo_logins:
            self.stdout.write(f"  {login.username:16} {login.password:14} {login.role}")
