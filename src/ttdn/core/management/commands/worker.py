"""`ttdn worker`: run background jobs from the configured queue."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker (database queue by default, Redis when configured)."

    def handle(self, *args, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_rq"):
            call_command("rqworker", "default", with_scheduler=True)
        else:
            call_command("db_worker", queue_name="*", interval=1.0)
