"""`ttdn serve`: initialise, then run gunicorn and a background worker until stopped.

Both run as child processes of this one; when either stops, the other is stopped too,
and Ctrl-C or SIGTERM stops both cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ttdn.core.services import platform_init


class Command(BaseCommand):
    help = "Start TTĐN: migrate, load default data, run the web server and a worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="Web server processes.")
        parser.add_argument(
            "--no-worker", action="store_true", help="Start neither the worker nor the scheduler."
        )

    def handle(self, *args, host, port, workers, no_worker, **options):
        report = platform_init(demo=settings.TTDN_DEMO)
        children = [self._gunicorn(host, port, workers)]
        if not no_worker:
            children.append(self._spawn([sys.executable, "-m", "ttdn", "worker"]))
            children.append(self._spawn([sys.executable, "-m", "ttdn", "scheduler"]))
        self._announce(host, port, report)
        self._supervise(children)

    def _spawn(self, command: list[str]) -> subprocess.Popen:
        env = os.environ | {"DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        return subprocess.Popen(command, env=env)

    def _gunicorn(self, host: str, port: int, workers: int) -> subprocess.Popen:
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return self._spawn(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ttdn.config.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--no-control-socket",
                "--access-logfile",
                "-",
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
            ]
        )

    def _announce(self, host: str, port: int, report) -> None:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        self.stdout.write(self.style.SUCCESS(f"TTĐN is starting at http://{shown}:{port}/"))
        self.stdout.write(f"  staff log in at    http://{shown}:{port}/accounts/login/")
        self.stdout.write(f"  public portal at   http://{shown}:{port}/vi/  /en/  /lo/")
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        if report.demo_logins:
            self.stdout.write("Demo log-ins (demo mode; user name, password, role):")
            for login in report.demo_logins:
                agency = f" — {login.agency}" if login.agency else ""
                self.stdout.write(f"  {login.username:16} {login.password:14} {login.role}{agency}")
        self.stdout.write("Press Ctrl-C to stop.")

    def _supervise(self, children: list[subprocess.Popen]) -> None:
        def stop(*_args):
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [child for child in children if child.returncode not in (0, -15, None)]
        if failed:
            raise CommandError("A TTĐN process stopped unexpectedly; see the messages above.")
