"""`ttdn scheduler`: enqueue the daily jobs (reminders …) once a day."""

from django.core.management.base import BaseCommand

from ttdn.core.scheduler import run_forever, tick


class Command(BaseCommand):
    help = "Run the scheduler that enqueues daily jobs (use --once to tick once and exit)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")

    def handle(self, *args, once=False, **options):
        if once:
            self.stdout.write(", ".join(tick()) or "Nothing due.")
            return
        run_forever()
