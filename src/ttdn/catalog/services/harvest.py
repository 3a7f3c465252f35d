"""Harvesting feeds into draft items: one run row per fetch, one bad entry or one broken feed
never stops the others, and a chain of deferred jobs keeps the schedule."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.catalog import conf
from ttdn.catalog.choices import ItemSource, RunStatus
from ttdn.catalog.harvest.fetch import FetchError, fetch
from ttdn.catalog.harvest.parse import FeedEntry, FeedError, parse_feed
from ttdn.catalog.models import Feed, HarvestRun, Item
from ttdn.catalog.normalise import normalise_url
from ttdn.catalog.permissions import require_manage_agency_sources
from ttdn.catalog.validators import validate_language
from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc

logger = logging.getLogger(__name__)
MAX_BACKOFF = 24


@transaction.atomic
def feed_create(*, actor, agency, url: str, **fields) -> Feed:
    require_manage_agency_sources(actor, agency)
    url = (url or "").strip()
    if Feed.objects.filter(url=url).exists():
        raise ApplicationError(_("This feed is already harvested; it is in the list below."))
    feed = Feed(agency=agency, url=url, created_by=actor, **fields)
    feed.title = nfc(feed.title or "")
    feed.allow_private_network = False  # only an administrator sets this, in the admin
    try:
        feed.full_clean()
    except Exception as error:
        from ttdn.catalog.services.items import validation_error

        raise validation_error(error, Feed) from None
    feed.save()
    return feed


@transaction.atomic
def feed_set_active(*, actor, feed: Feed, active: bool) -> Feed:
    require_manage_agency_sources(actor, feed.agency)
    feed.active = active
    feed.next_run_at = timezone.now() if active else None
    feed.save(update_fields=["active", "next_run_at"])
    return feed


def feed_harvest_request(*, actor, feed: Feed) -> None:
    """Harvest a feed now (in the background), whatever its schedule."""
    from ttdn.catalog.jobs import feed_harvest_job

    require_manage_agency_sources(actor, feed.agency)
    transaction.on_commit(lambda: feed_harvest_job.enqueue(feed.pk))


def _harvest_entry(feed: Feed, entry: FeedEntry, run: HarvestRun) -> str:
    """'created', 'duplicate' or raises ApplicationError; runs in its own savepoint."""
    from ttdn.catalog.services.items import item_create

    if not entry.title:
        raise ApplicationError(_("An entry without a title was skipped."))
    if entry.link and Item.objects.filter(url_normalised=normalise_url(entry.link)).exists():
        return "duplicate"
    item_create(
        actor=None,
        agency=feed.agency,
        source=ItemSource.HARVEST,
        feed=feed,
        via=_("feed %(url)s") % {"url": feed.url},
        data={
            "title": entry.title[:500],
            "summary": entry.summary,
            "language": feed.language,
            "kind": feed.kind,
            "channel": feed.channel,
            "published_on": entry.published,
            "original_url": entry.link[:1000],
        },
    )
    return "created"


def _entries(feed: Feed, entries: list[FeedEntry], run: HarvestRun, log: list[str]) -> None:
    for entry in entries:
        try:
            with transaction.atomic():
                outcome = _harvest_entry(feed, entry, run)
        except ApplicationError as error:
            run.entries_failed += 1
            log.append(f"{entry.link or entry.title}: {error.message}")
            continue
        except Exception:  # one bad entry never stops the run
            logger.exception("Harvest of %s: entry %s failed", feed.url, entry.link)
            run.entries_failed += 1
            log.append(f"{entry.link or entry.title}: " + _("unexpected error, see server log."))
            continue
        if outcome == "created":
            run.items_created += 1
        else:
            run.duplicates += 1


def feed_harvest(*, feed_id: int) -> HarvestRun:
    """Fetch one feed and turn its new entries into drafts. Never raises for the feed's
    own problems: they end in the run row (status, error, log) and in the feed's back-off."""
    feed = Feed.objects.select_related("agency").get(pk=feed_id)
    run = HarvestRun.objects.create(feed=feed)
    log: list[str] = []
    try:
        validate_language(feed.language)
        result = fetch(
            feed.url,
            etag=feed.etag,
            last_modified=feed.last_modified,
            allow_private=feed.allow_private_network,
        )
        run.http_status = result.status
        if result.not_modified:
            run.status = RunStatus.NOT_MODIFIED
        else:
            parsed = parse_feed(
                result.content, result.final_url, conf.get("TTDN_CATALOG_FEED_MAX_ENTRIES")
            )
            log += parsed.problems
            run.entries_seen = len(parsed.entries)
            _entries(feed, parsed.entries, run, log)
            run.status = RunStatus.DONE
            feed.etag, feed.last_modified = result.etag, result.last_modified
            if parsed.title and not feed.title:
                feed.title = parsed.title[:255]
    except (FetchError, FeedError, ApplicationError) as error:
        run.status, run.error = RunStatus.FAILED, error.message
    except Exception as error:
        logger.exception("Harvest of %s failed", feed.url)
        run.status = RunStatus.FAILED
        run.error = _("Unexpected error (%(kind)s); see the server log.") % {
            "kind": type(error).__name__
        }
    _finish(feed, run, log)
    return run


def _finish(feed: Feed, run: HarvestRun, log: list[str]) -> None:
    now = timezone.now()
    run.finished_at = now
    run.log = "\n".join(log)
    run.save()
    feed.failures = feed.failures + 1 if run.status == RunStatus.FAILED else 0
    backoff = min(2**feed.failures, MAX_BACKOFF) if feed.failures else 1
    feed.last_run_at = now
    feed.next_run_at = now + timedelta(minutes=feed.interval_minutes * backoff)
    feed.last_status = run.status
    feed.save(
        update_fields=[
            "etag",
            "last_modified",
            "title",
            "failures",
            "last_run_at",
            "next_run_at",
            "last_status",
        ]
    )


def feeds_due(now=None):
    now = now or timezone.now()
    return Feed.objects.filter(active=True).filter(
        Q(next_run_at__isnull=True) | Q(next_run_at__lte=now)
    )


def harvest_due() -> list[int]:
    """Enqueue one job per feed that is due (after this transaction commits)."""
    from ttdn.catalog.jobs import feed_harvest_job

    ids = list(feeds_due().values_list("pk", flat=True))
    for feed_id in ids:
        transaction.on_commit(lambda feed_id=feed_id: feed_harvest_job.enqueue(feed_id))
    return ids


def harvest_tick(slot: str = "") -> list[int]:
    """One round, enqueued every few minutes by the project's scheduler (core/scheduler.py,
    `Every("catalog-harvest", "ttdn.catalog.jobs.harvest_tick_job", minutes=5)`): one job
    per feed that is due. `slot` is the scheduler's slot start, unused."""
    return harvest_due()
