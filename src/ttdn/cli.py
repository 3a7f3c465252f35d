"""The `ttdn` command: every subcommand is a Django management command.

`ttdn serve`, `ttdn init`, `ttdn worker`, `ttdn plan export …`, and Django's own
(`ttdn migrate`, `ttdn createsuperuser` …). `ttdn help` lists them all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.config.settings.base")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["ttdn", *(args or ["help"])])


if __name__ == "__main__":
    main()
