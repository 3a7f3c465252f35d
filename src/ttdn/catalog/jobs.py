"""Background jobs of the catalog (django-tasks). Each takes ids and calls a service."""

import logging

from django.db import transaction
from django_tasks import task

from ttdn.catalog.services.harvest import feed_harvest, harvest_tick
from ttdn.catalog.services.imports import import_execute
from ttdn.catalog.services.reindex import reindex_execute

logger = logging.getLogger(__name__)
CATCH_UP_DAYS = 31


@task()
def feed_harvest_job(feed_id: int) -> None:
    feed_harvest(feed_id=feed_id)


@task()
def harvest_tick_job(slot: str = "") -> None:
    harvest_tick(slot)


@task()
def import_run_job(run_id: int) -> None:
    import_execute(run_id=run_id)


@task()
def reindex_job(run_id: int) -> None:
    reindex_execute(run_id=run_id)


def scheduled_items_reindex() -> list[int]:
    """Reindex the items whose scheduled publication time has passed: public now
    (`Item.objects.public()`) but still indexed as approved (search/index.py), so public
    search finds them. It reads the stored state — the status bits of each item's search
    document id — not a time window, so a missed run is caught up by the next one and a
    second run finds nothing. Only publication times of the last CATCH_UP_DAYS are looked
    at, so the run stays small at a million items (a longer outage: `ttdn catalog reindex`).
    Returns the ids reindexed."""
    import datetime

    from django.db.models import F
    from django.utils import timezone

    from ttdn.catalog.models import Item, SearchDocument
    from ttdn.catalog.search.facets import STATUS_BITS, STATUS_SHIFT, encode
    from ttdn.catalog.search.index import search_index_items

    held = F("id").bitrightshift(STATUS_SHIFT).bitand((1 << STATUS_BITS) - 1)
    behind = (
        SearchDocument.objects.annotate(held=held)
        .filter(held=encode("status", "approved"))
        .values("item_id")
    )
    with transaction.atomic():
        since = timezone.now() - datetime.timedelta(days=CATCH_UP_DAYS)
        items = Item.objects.public().filter(published_at__gt=since, pk__in=behind).order_by()
        due = list(items.values_list("pk", flat=True))
        if due:
            search_index_items(due)
    if due:
        logger.info("Reindexed %d item(s) whose scheduled publication time has passed", len(due))
    return due


@task()
def publish_due_job(slot: str = "") -> list[int]:
    """Every five minutes (core/scheduler.py, `catalog-scheduled`). `slot` is unused."""
    return scheduled_items_reindex()
