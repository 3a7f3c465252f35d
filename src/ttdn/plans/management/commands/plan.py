"""`ttdn plan export NUMBER --format json|xlsx [--output FILE]`, `ttdn plan import FILE`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ttdn.core.errors import ApplicationError
from ttdn.exports.base import get_exporter
from ttdn.plans.models import Plan
from ttdn.plans.selectors import plan_export_data
from ttdn.plans.services import plan_data_from_text, plan_import_file


class Command(BaseCommand):
    help = "Export or import a plan."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write a plan with who is in charge today.")
        export.add_argument("number", help="The plan's number, e.g. 978/KH-UBND.")
        export.add_argument("--format", default="json", choices=["json", "xlsx"])
        export.add_argument("--output", help="File to write (default: standard output).")
        load = sub.add_parser("import", help="Load a plan from its text or from plan JSON.")
        load.add_argument("file")
        parse = sub.add_parser("parse", help="Read a plan's text and write plan JSON.")
        parse.add_argument("file")
        parse.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, action, **options):
        try:
            if action == "export":
                self._export(options["number"], options["format"], options.get("output"))
            elif action == "parse":
                self._parse(Path(options["file"]), options.get("output"))
            else:
                self._import(Path(options["file"]))
        except ApplicationError as error:
            raise CommandError(error.message) from None

    def _export(self, number: str, fmt: str, output: str | None) -> None:
        plan = Plan.objects.filter(number=number).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("number", flat=True)) or "—"
            raise CommandError(f"No plan has the number {number}. Known plans: {known}.")
        content = get_exporter("plan", fmt).render(plan_export_data(plan))
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Wrote {output} ({len(content)} bytes).")
        elif fmt == "xlsx":
            raise CommandError("An XLSX file cannot go to the terminal; add --output FILE.")
        else:
            sys.stdout.buffer.write(content)

    def _parse(self, path: Path, output: str | None) -> None:
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        data = plan_data_from_text(path.read_text(encoding="utf-8"))
        content = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if output:
            Path(output).write_text(content, encoding="utf-8")
        else:
            self.stdout.write(content, ending="")
        for flag in data["flags"] + [
            f for g in data["groups"] for t in g["tasks"] for f in t["flags"]
        ]:
            self.stderr.write(f"  ! {flag}")

    def _import(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        report = plan_import_file(path=path)
        state = "loaded" if report.created else "already present, left unchanged"
        self.stdout.write(f"Plan {report.plan.number}: {state}; {report.tasks} tasks.")
        for flag in report.flags:
            self.stdout.write(self.style.WARNING(f"  ! {flag}"))
