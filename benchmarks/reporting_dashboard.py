"""Coordinator dashboard and consolidated export at realistic size.

150 agencies × 28 tasks × 3 years of submitted reports (12,600 sections a year). Prints
the dashboard's server time (median, p95) and query count for a small and the full data
set (the count must not grow), and the consolidated DOCX and XLSX export times.

    python benchmarks/reporting_dashboard.py [--agencies 150] [--years 3] [--requests 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ttdn_bench \
        python benchmarks/reporting_dashboard.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, percentiles


def setup_django() -> None:
    os.environ.setdefault("TTDN_DATA_DIR", tempfile.mkdtemp(prefix="ttdn-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.config.settings.test")
    import django

    django.setup()


def build(agencies: int, years: int, seed: int = 1) -> list:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from ttdn.accounts.models import User
    from ttdn.agencies.models import Agency
    from ttdn.agencies.services import agencies_load_default
    from ttdn.plans.models import Plan
    from ttdn.plans.services import plans_load_default
    from ttdn.reporting.models import (
        AgencyReport,
        IndicatorType,
        IndicatorValue,
        Obligation,
        ReportingPeriod,
        ReportSection,
    )
    from ttdn.reporting.services.defaults import indicators_ensure
    from ttdn.reporting.services.periods import periods_generate

    call_command("migrate", verbosity=0, interactive=False)
    agencies_load_default()
    plans_load_default()
    indicators_ensure()
    User.objects.create(
        username="bench", role="coordinator", agency=Agency.objects.get(code="so-vhttdl")
    )
    plan = Plan.objects.get(number="978/KH-UBND")
    tasks = list(plan.tasks.order_by("position"))
    rng = random.Random(seed)
    bench_agencies = Agency.objects.bulk_create(
        Agency(code=f"bench-{i}", name=f"Cơ quan thử {i:03d}", kind="department")
        for i in range(agencies)
    )
    indicators = list(IndicatorType.objects.all())
    periods = periods_generate(
        actor=None, plan=plan, years=list(range(2024, 2024 + years)), kinds=["year"]
    )
    for period in periods:
        with transaction.atomic():
            Obligation.objects.bulk_create(
                Obligation(period=period, agency=a, task=t, source="lead", via=a.name)
                for a in bench_agencies
                for t in tasks
            )
            submitted = timezone.make_aware(
                datetime.datetime.combine(period.due_agency, datetime.time(9))
            )
            reports = AgencyReport.objects.bulk_create(
                AgencyReport(
                    period=period,
                    agency=a,
                    status="accepted",
                    number=f"{period.year}-1/BC-B{i}",
                    first_submitted_at=submitted,
                    submitted_at=submitted,
                )
                for i, a in enumerate(bench_agencies)
            )
            sections = ReportSection.objects.bulk_create(
                (
                    ReportSection(
                        report=r,
                        task=t,
                        status=rng.choice(["done", "in_progress"]),
                        progress=rng.choice([50, 80, 100]),
                        results=f"<p>Kết quả nhiệm vụ {t.number} của {r.agency.name}.</p>",
                        difficulties=rng.choice(["", "Thiếu kinh phí."]),
                    )
                    for r in reports
                    for t in tasks
                ),
                batch_size=2000,
            )
            IndicatorValue.objects.bulk_create(
                (
                    IndicatorValue(
                        section=s,
                        indicator=rng.choice(indicators),
                        value=Decimal(rng.randint(1, 50)),
                    )
                    for s in sections
                ),
                batch_size=2000,
                ignore_conflicts=True,
            )
    return list(ReportingPeriod.objects.order_by("year"))


def measure_dashboard(period, requests: int, *, cached: bool) -> tuple[float, float, int]:
    """Server time of the dashboard: `cached` as people see it between two changes to the
    period's reports; uncached as the first view after a change (figures recomputed)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ttdn.accounts.models import User
    from ttdn.reporting.selectors import dashboard

    client = Client()
    client.force_login(User.objects.get(username="bench"))
    url = reverse("reporting:dashboard", args=[period.pk])
    client.get(url)
    samples = []
    for _ in range(requests):
        if not cached:
            dashboard._CACHE.clear()
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200
    if not cached:
        dashboard._CACHE.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    median, p95 = percentiles(samples)
    return median, p95, len(captured)


def measure_exports(period) -> tuple[float, float, int]:
    from ttdn.accounts.models import User
    from ttdn.reporting.exports import consolidated_docx, consolidated_xlsx
    from ttdn.reporting.models import ConsolidatedReport
    from ttdn.reporting.services.consolidated import consolidated_build

    start = time.perf_counter()
    consolidated_build(actor=User.objects.get(username="bench"), period=period)
    ConsolidatedReport.objects.filter(period=period).update(signer_name="Nguyễn Văn Hải")
    _name, docx = consolidated_docx({"period": period.pk}, lambda _p: None)
    docx_seconds = time.perf_counter() - start
    start = time.perf_counter()
    consolidated_xlsx({"period": period.pk}, lambda _p: None)
    return docx_seconds, time.perf_counter() - start, len(docx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=150)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if engine == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:  # start from an empty schema
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    print(f"Machine: {machine()}; database: {engine}")
    start = time.perf_counter()
    periods = build(args.agencies, args.years)
    from ttdn.reporting.models import ReportSection

    print(
        f"Built {args.agencies} agencies × 28 tasks × {args.years} years "
        f"({ReportSection.objects.count():,} sections) in {time.perf_counter() - start:.1f} s"
    )
    for cached in (False, True):
        median, p95, queries = measure_dashboard(periods[0], args.requests, cached=cached)
        label = "cached between changes" if cached else "first view after a change"
        print(
            f"Dashboard (year {periods[0].year}, {args.requests} requests, {label}): "
            f"median {median:.0f} ms, p95 {p95:.0f} ms, {queries} queries"
        )
    docx_s, xlsx_s, size = measure_exports(periods[0])
    print(
        f"Consolidated export: DOCX {docx_s:.2f} s ({size / 1024:.0f} KiB, draft built "
        f"from {args.agencies} reports included), XLSX {xlsx_s:.2f} s"
    )


if __name__ == "__main__":
    main()
