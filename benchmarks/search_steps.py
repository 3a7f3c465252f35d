"""Where one search spends its time: every SQL statement it runs, with its milliseconds.

    TTDN_DATA_DIR=DIR python benchmarks/search_steps.py "nghệ an" [--mode all] [--no-facets]
    DATABASE_URL=postgres://…/ttdn_catalog_bench python benchmarks/search_steps.py "nghe"

Runs against the database the settings point at (the benchmark's: `--data-dir DIR/sqlite`
or the `ttdn_catalog_bench` PostgreSQL database, see catalog_search.py). The search runs
three times and the last is shown, so caches are warm. On SQLite most of a statement's
time is spent fetching its rows, which is counted with it here.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("query")
    parser.add_argument("--mode", default="recent", choices=["recent", "all", "newest"])
    parser.add_argument("--no-facets", action="store_true")
    parser.add_argument("--settings", default="ttdn.config.settings.base")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", args.settings)
    import django

    django.setup()
    from django.db import connection

    from ttdn.catalog.search.base import SearchRequest, Visibility, get_backend
    from ttdn.catalog.search.query import parse_query

    log: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            result = execute(sql, params, many, context)
            cursor = context["cursor"]
            if connection.vendor == "sqlite" and cursor.description:
                rows = cursor.fetchall()  # SQLite does its work while rows are fetched
                cursor.fetchall = lambda: rows
            return result
        finally:
            log.append(((time.perf_counter() - started) * 1000, " ".join(sql.split())))

    request = SearchRequest(
        query=parse_query(args.query), visibility=Visibility(everything=True),
        mode=args.mode, facets=not args.no_facets,
    )  # fmt: skip
    backend = get_backend()
    for _ in range(3):
        log.clear()
        with connection.execute_wrapper(timed):
            started = time.perf_counter()
            response = backend.search(request)
            total = (time.perf_counter() - started) * 1000
    print(f"{backend.name}: {total:.1f} ms, {response.total:,} matches"
          f"{'+' if response.total_capped else ''}, {len(log)} statements "
          f"({sum(ms for ms, _sql in log):.1f} ms)")  # fmt: skip
    for ms, sql in log:
        if not sql.startswith("SET "):
            print(f"{ms:8.1f}  {sql[:160]}")


if __name__ == "__main__":
    main()
