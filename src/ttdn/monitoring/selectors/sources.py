"""Source health for the sources page: last success, failures in a row, new articles per
day over the last week, stale (no new article for N days)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from ttdn.monitoring.models import FetchRun, Source
from ttdn.monitoring.services.settings import monitoring_settings

WEEK = 7


@dataclass(frozen=True)
class SourceHealth:
    source: Source
    state: str  # ok | failing | down | stale | never | paused
    per_day: float


def _state(source: Source, now: datetime.datetime, stale_after: datetime.timedelta) -> str:
    if not source.active:
        return "paused"
    if source.last_attempt_at is None:
        return "never"
    if source.consecutive_failures >= 3:
        return "down"
    if source.consecutive_failures:
        return "failing"
    last_new = source.last_new_at or source.created_at
    return "stale" if now - last_new > stale_after else "ok"


def sources_health() -> list[SourceHealth]:
    now = timezone.now()
    stale_after = datetime.timedelta(days=monitoring_settings().stale_days)
    since = now - datetime.timedelta(days=WEEK)
    sources = (
        Source.objects.select_related("agency")
        .annotate(week=Count("articles", filter=Q(articles__discovered_at__gte=since)))
        .order_by("kind", "name")
    )
    return [SourceHealth(s, _state(s, now, stale_after), round(s.week / WEEK, 1)) for s in sources]


def runs_recent(limit: int = 50):
    return FetchRun.objects.select_related("created_by").order_by("-started_at", "-pk")[:limit]
