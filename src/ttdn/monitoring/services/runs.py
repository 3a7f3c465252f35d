"""Fetch runs: read every due source, run the pipeline over its new articles, save them.

Each run leaves a `FetchRun` row (status, counts, seconds per stage, errors, a log). One
broken source is recorded on its row and on the run, and the run goes on. A source's
conditional-request validators are stored only after its articles are saved, so a worker
killed in the middle of a source reads that source in full again next time (the save skips
what is already there). A run whose worker died is marked interrupted by the next one.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.monitoring import conf
from ttdn.monitoring.choices import RunStatus, RunTrigger
from ttdn.monitoring.models import Article, FetchRun, Source
from ttdn.monitoring.pipeline import ARTICLE_PREFIX, STORY_PREFIX, Pipeline
from ttdn.monitoring.pipeline.dedupe import Deduper
from ttdn.monitoring.pipeline.feeds import FeedError, parse_source
from ttdn.monitoring.pipeline.fetch import ACCEPT_FEED, Fetcher, FetchError
from ttdn.monitoring.pipeline.types import FeedEntry, RawDocument
from ttdn.monitoring.pipeline.urls import normalise_url
from ttdn.monitoring.services.classifier import classifier_current
from ttdn.monitoring.services.save import SaveReport, articles_save
from ttdn.monitoring.services.sources import (
    source_record_failure,
    source_record_success,
    sources_due,
)

logger = logging.getLogger(__name__)
STALE_AFTER = datetime.timedelta(minutes=30)
HTML_TYPES = ("html", "xml", "")


def load_shingles(keys: list[str]) -> dict[str, bytes]:
    ids = [int(key[len(ARTICLE_PREFIX) :]) for key in keys if key.startswith(ARTICLE_PREFIX)]
    return {
        f"{ARTICLE_PREFIX}{pk}": bytes(data)
        for pk, data in Article.objects.filter(pk__in=ids).values_list("pk", "shingles")
    }


def pipeline_for_run(*, now: datetime.datetime | None = None) -> Pipeline:
    """A pipeline whose story index holds the articles of the last 14 days."""
    now = now or timezone.now()
    deduper = Deduper(
        bands=conf.get("TTDN_MONITORING_LSH_BANDS"),
        jaccard_threshold=conf.get("TTDN_MONITORING_JACCARD"),
        loader=load_shingles,
    )
    since = now - datetime.timedelta(days=conf.get("TTDN_MONITORING_STORY_WINDOW_DAYS"))
    for pk, story_id, signature in (
        Article.objects.filter(discovered_at__gte=since)
        .values_list("pk", "story_id", "signature")
        .iterator(chunk_size=2000)
    ):
        deduper.add_known(f"{ARTICLE_PREFIX}{pk}", f"{STORY_PREFIX}{story_id}", bytes(signature))
    return Pipeline(
        topic_model=classifier_current("topic"),
        tone_model=classifier_current("tone"),
        deduper=deduper,
        threshold=conf.get("TTDN_MONITORING_RELEVANCE_THRESHOLD"),
        tz=timezone.get_current_timezone(),
    )


def fetch_run_start(*, trigger: str = RunTrigger.SCHEDULE, actor=None) -> FetchRun:
    """A new run row; `skipped` when another run is alive (its worker wrote recently)."""
    now = timezone.now()
    with transaction.atomic():
        running = FetchRun.objects.select_for_update().filter(status=RunStatus.RUNNING)
        alive = False
        for other in running:
            last = other.heartbeat_at or other.started_at
            if now - last > STALE_AFTER:
                FetchRun.objects.filter(pk=other.pk).update(
                    status=RunStatus.INTERRUPTED, finished_at=now
                )
            else:
                alive = True
        status = RunStatus.SKIPPED if alive else RunStatus.RUNNING
        return FetchRun.objects.create(
            trigger=trigger,
            status=status,
            started_at=now,
            heartbeat_at=now,
            finished_at=now if alive else None,
            created_by=actor,
        )


class _RunLog:
    def __init__(self, run: FetchRun) -> None:
        self.run = run
        self.lines: list[str] = []
        self.errors: list[dict] = []

    def line(self, text: str) -> None:
        self.lines.append(f"{timezone.localtime():%H:%M:%S} {text}")

    def error(self, source: Source | None, url: str, code: str, message: str) -> None:
        self.errors.append(
            {
                "source": source.pk if source else None,
                "name": source.name if source else "",
                "url": url[:300],
                "code": code,
                "message": message[:500],
            }
        )
        self.line(f"! {source.name if source else url}: {message}")

    def flush(self, **counters) -> None:
        FetchRun.objects.filter(pk=self.run.pk).update(
            log="\n".join(self.lines)[-20000:],
            errors=self.errors[-200:],
            errors_count=len(self.errors),
            heartbeat_at=timezone.now(),
            **{name: F(name) + value for name, value in counters.items()},
        )


def _new_entries(entries: list[FeedEntry], limit: int) -> list[FeedEntry]:
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        unique.setdefault(normalise_url(entry.url), entry)
    known = set(
        Article.objects.filter(url_normalised__in=list(unique)).values_list(
            "url_normalised", flat=True
        )
    )
    return [entry for key, entry in unique.items() if key and key not in known][:limit]


def _raw(entry: FeedEntry, source: Source, html: str) -> RawDocument:
    return RawDocument(
        url=entry.url,
        html=html,
        text="" if html else entry.summary,
        title=entry.title,
        summary=entry.summary,
        published=entry.published,
        author=entry.author,
        source=source.name,
        source_id=source.pk,
        source_kind=source.kind,
        language_hint=source.language,
    )


def _pages(
    entries, source: Source, fetcher: Fetcher, log: _RunLog
) -> tuple[list[RawDocument], int]:
    raws, fetched = [], 0
    for entry in entries:
        html = ""
        try:
            page = fetcher.fetch(entry.url, allow_private=source.allow_private)
            fetched += 1
            if any(kind in page.content_type.lower() for kind in HTML_TYPES):
                html = page.text()
        except FetchError as error:
            # The feed's own title and summary are kept, so the article is not lost.
            log.error(source, entry.url, error.code, error.message)
        raws.append(_raw(entry, source, html))
    return raws, fetched


def source_process(
    *,
    source: Source,
    run: FetchRun,
    fetcher: Fetcher,
    pipeline: Pipeline,
    log: _RunLog,
    after_batch: Callable[[int], None] | None = None,
) -> SaveReport:
    now = timezone.now()
    started = time.perf_counter()
    feed = fetcher.fetch(
        source.url,
        etag=source.etag,
        last_modified=source.last_modified,
        allow_private=source.allow_private,
        accept=ACCEPT_FEED,
    )
    pipeline.timings.add("fetch", time.perf_counter() - started)
    if feed.not_modified:
        source_record_success(source=source, now=now, new_articles=0, not_modified=True)
        log.line(_("%(source)s: unchanged since the last run.") % {"source": source.name})
        log.flush(sources_not_modified=1, sources_ok=1)
        return SaveReport()
    entries = parse_source(
        feed.content,
        base_url=feed.final_url,
        fmt=source.feed_format,
        tz=timezone.get_current_timezone(),
    )
    new = _new_entries(entries, conf.get("TTDN_MONITORING_MAX_ENTRIES_PER_SOURCE"))
    started = time.perf_counter()
    raws, fetched = _pages(new, source, fetcher, log)
    pipeline.timings.add("fetch", time.perf_counter() - started)
    rows, failures = pipeline.analyse(raws)
    for failure in failures:
        log.error(source, failure.url, failure.stage, failure.error)
    report = articles_save(rows=rows, run=run, after_batch=after_batch)
    source_record_success(
        source=source,
        now=now,
        new_articles=report.new,
        etag=feed.etag,
        last_modified=feed.last_modified,
    )
    log.line(
        _("%(source)s: %(links)s links, %(new)s new, %(relevant)s relevant.")
        % {
            "source": source.name,
            "links": len(entries),
            "new": report.new,
            "relevant": report.relevant,
        }
    )
    log.flush(sources_ok=1, entries_seen=len(entries), pages_fetched=fetched)
    return report


def fetch_run_execute(
    *, run_id: int, fetcher: Fetcher | None = None, after_batch: Callable[[int], None] | None = None
) -> FetchRun:
    """Run a started run to its end; a run already finished is left alone (idempotent)."""
    run = FetchRun.objects.get(pk=run_id)
    if run.status != RunStatus.RUNNING:
        return run
    log = _RunLog(run)
    deadline = time.monotonic() + conf.get("TTDN_MONITORING_RUN_BUDGET_SECONDS")
    pipeline = pipeline_for_run()
    sources = sources_due(timezone.now())
    FetchRun.objects.filter(pk=run.pk).update(sources_total=len(sources))
    story_ids: set[int] = set()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for source in sources:
            if time.monotonic() > deadline:
                log.line(_("Time budget spent; the remaining sources wait for the next run."))
                break
            try:
                report = source_process(
                    source=source,
                    run=run,
                    fetcher=fetcher,
                    pipeline=pipeline,
                    log=log,
                    after_batch=after_batch,
                )
                story_ids |= report.story_ids or set()
            except (FetchError, FeedError) as error:
                source_record_failure(source=source, now=timezone.now(), error=error.message)
                log.error(source, source.url, error.code, error.message)
                log.flush(sources_failed=1)
            except Exception as error:
                logger.exception("Source %s failed", source.pk)
                source_record_failure(
                    source=source, now=timezone.now(), error=f"{type(error).__name__}: {error}"
                )
                log.error(source, source.url, "internal", f"{type(error).__name__}: {error}")
                log.flush(sources_failed=1)
    finally:
        if own_fetcher:
            fetcher.close()
    return _finish(run, log, pipeline, story_ids)


def _finish(run: FetchRun, log: _RunLog, pipeline: Pipeline, story_ids: set[int]) -> FetchRun:
    from ttdn.monitoring.services.alerts import alerts_check

    run.refresh_from_db()
    status = RunStatus.PARTIAL if log.errors else RunStatus.DONE
    FetchRun.objects.filter(pk=run.pk).update(
        status=status,
        finished_at=timezone.now(),
        timings=pipeline.timings.as_dict(),
        log="\n".join(log.lines)[-20000:],
        errors=log.errors[-200:],
        errors_count=len(log.errors),
    )
    if story_ids:
        try:
            alerts_check(story_ids=story_ids)
        except Exception:
            logger.exception("Alert check after run %s failed", run.pk)
    run.refresh_from_db()
    return run


def fetch_run_request(*, actor) -> FetchRun:
    """The coordinator's 'fetch now': a run row, executed by the worker after the commit."""
    from ttdn.monitoring.jobs import fetch_run_job
    from ttdn.monitoring.services.permissions import require_run_monitoring

    require_run_monitoring(actor)
    run = fetch_run_start(trigger=RunTrigger.MANUAL, actor=actor)
    if run.status == RunStatus.RUNNING:
        transaction.on_commit(lambda: fetch_run_job.enqueue(run.pk))
    return run
