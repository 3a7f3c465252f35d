"""`ttdn press classify FILE [--save]`, `ttdn press fetch`, `ttdn press retrain`.

classify: JSON lines or a folder of saved HTML pages through every stage after fetching;
one JSON line per input on standard output (see services/batch.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ttdn.monitoring.choices import RunTrigger


class Command(BaseCommand):
    help = "Press monitoring: classify articles from files, fetch the sources, retrain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        classify = sub.add_parser("classify", help="Classify JSON lines or a folder of pages.")
        classify.add_argument("file", help="A JSON-lines file or a folder of .html pages.")
        classify.add_argument("--save", action="store_true", help="Store the articles too.")
        sub.add_parser("fetch", help="Fetch every due source now (one run).")
        sub.add_parser("retrain", help="Train new versions of the topic and tone classifiers.")

    def handle(self, *args, action, **options):
        if action == "classify":
            self._classify(Path(options["file"]), save=options["save"])
        elif action == "fetch":
            from ttdn.monitoring.services.runs import fetch_run_execute, fetch_run_start

            run = fetch_run_start(trigger=RunTrigger.COMMAND)
            run = fetch_run_execute(run_id=run.pk)
            self.stderr.write(
                f"Run {run.pk}: {run.get_status_display()}, {run.articles_new} new "
                f"articles, {run.errors_count} errors."
            )
        else:
            from ttdn.monitoring.services.classifier import classifier_retrain

            versions = classifier_retrain(force=True)
            self.stderr.write(", ".join(f"{kind} v{v}" for kind, v in versions.items()))

    def _classify(self, path: Path, *, save: bool) -> None:
        from ttdn.monitoring.services.batch import classify

        if not path.exists():
            raise CommandError(
                f"{path} does not exist; give a JSON-lines file or a folder of .html pages."
            )
        count = errors = 0
        for result in classify(path, save=save):
            count += 1
            errors += "error" in result
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        self.stderr.write(f"{count} inputs, {errors} errors{', saved' if save else ''}.")
