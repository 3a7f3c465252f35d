"""Fetch runs end to end against the loopback test server: every run leaves a row, one
broken source never stops a run, conditional requests, back-off, and a killed worker."""

import datetime
import json

import pytest
from django.utils import timezone

from ttdn.monitoring.choices import RunStatus, SourceKind
from ttdn.monitoring.models import Article, FetchRun, Source
from ttdn.monitoring.pipeline.fetch import Fetcher, FetchLimits
from ttdn.monitoring.services.runs import fetch_run_execute, fetch_run_start
from ttdn.monitoring.tests.conftest import EVAL, FIXTURES

pytestmark = pytest.mark.django_db
LIMITS = FetchLimits(max_bytes=300_000, timeout=1.0, connect_timeout=1.0, max_redirects=3)
PAGE = (FIXTURES / "pages" / "tinh_article.html").read_text(encoding="utf-8")


def article_page(title: str, text: str) -> str:
    """Our provincial look-alike page with another title and text."""
    head, _sep, rest = PAGE.partition("<article>")
    _old, _sep, tail = rest.partition("</article>")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split(". "))
    return f"{head}<article><h1>{title}</h1>{paragraphs}</article>{tail}".replace(
        "Nghệ An khai trương đường bay thẳng Vinh - Viêng Chăn", title
    )


def rss(server, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link>"
        f"<description>{title}.</description><pubDate>Wed, 15 Apr 2026 09:30:00 +0700</pubDate>"
        "</item>"
        for path, title in items
    )
    head = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
    return f"{head}{entries}</channel></rss>"


def serve_feed(server, path: str = "/feed.xml", count: int = 4, etag: str = '"v1"') -> list[str]:
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()[:count]]
    items = []
    for row in rows:
        page = f"/bai/{row['id']}.html"
        server.static(page, article_page(row["title"], row["text"]))
        items.append((page, row["title"]))
    server.static(path, rss(server, items), content_type="application/rss+xml", etag=etag)
    return [server.url(page) for page, _title in items]


def source(server, path: str = "/feed.xml", name: str = "Báo tỉnh", **extra) -> Source:
    return Source.objects.create(
        name=name,
        kind=extra.pop("kind", SourceKind.PROVINCIAL),
        url=server.url(path),
        allow_private=extra.pop("allow_private", True),
        next_fetch_at=timezone.now(),
        **extra,
    )


def run_once(**kwargs) -> FetchRun:
    run = fetch_run_start()
    with Fetcher(LIMITS) as fetcher:
        return fetch_run_execute(run_id=run.pk, fetcher=fetcher, **kwargs)


def make_due(*sources: Source) -> None:
    Source.objects.filter(pk__in=[s.pk for s in sources]).update(next_fetch_at=timezone.now())


def test_a_run_reads_the_feed_and_its_pages_then_the_feed_answers_304(server, english):
    urls = serve_feed(server)
    feed = source(server)
    run = run_once()
    assert run.status == RunStatus.DONE
    assert (run.sources_total, run.sources_ok, run.entries_seen, run.pages_fetched) == (1, 1, 4, 4)
    assert run.articles_new == 4 and run.articles_relevant >= 3
    assert {"fetch", "extract", "relevance", "dedupe", "classify"} <= set(run.timings)
    assert "4 new" in run.log
    article = Article.objects.get(url=urls[0])
    assert article.source == feed and "Nghệ An" in article.text
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.consecutive_failures == 0 and feed.last_new_at
    assert feed.next_fetch_at > timezone.now()

    make_due(feed)
    second = run_once()
    assert (second.sources_not_modified, second.articles_new) == (1, 0)
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_one_broken_source_never_stops_a_run(server, fixture_bytes):
    serve_feed(server, "/good.xml", count=2)
    server.status("/down.xml", 500)
    server.static("/bomb.xml", fixture_bytes("feeds/billion_laughs.xml"))
    server.slow("/slow.xml", delay=2)
    down = source(server, "/down.xml", name="A down")
    bomb = source(server, "/bomb.xml", name="B bomb")
    slow = source(server, "/slow.xml", name="C slow")
    private = source(server, "/good.xml?private", name="D private", allow_private=False)
    good = source(server, "/good.xml", name="E good")
    run = run_once()
    assert run.status == RunStatus.PARTIAL
    assert (run.sources_total, run.sources_ok, run.sources_failed) == (5, 1, 4)
    assert run.articles_new == 2
    codes = {error["name"]: error["code"] for error in run.errors}
    assert codes == {
        "A down": "http_error",
        "B bomb": "hostile_xml",
        "C slow": "too_slow",
        "D private": "private_address",
    }
    for failed in (down, bomb, slow, private):
        failed.refresh_from_db()
        assert failed.consecutive_failures == 1 and failed.last_error
        assert failed.next_fetch_at - timezone.now() > datetime.timedelta(minutes=100)  # 2 × 60
    good.refresh_from_db()
    assert good.consecutive_failures == 0


def test_back_off_doubles_and_resets(server):
    server.status("/down.xml", 503)
    down = source(server, "/down.xml", poll_minutes=30)
    delays = []
    for _ in range(3):
        make_due(down)
        run_once()
        down.refresh_from_db()
        delays.append(round((down.next_fetch_at - down.last_attempt_at).total_seconds() / 60))
    assert delays == [60, 120, 240]
    serve_feed(server, "/down.xml", count=1)
    make_due(down)
    run_once()
    down.refresh_from_db()
    assert down.consecutive_failures == 0 and down.last_error == ""


def test_a_page_that_fails_keeps_the_feeds_title_and_summary(server):
    server.static(
        "/feed.xml",
        rss(server, [("/missing.html", "Nghệ An đón khách quốc tế")]),
        content_type="application/rss+xml",
    )
    source(server)
    run = run_once()
    article = Article.objects.get()
    assert article.title == "Nghệ An đón khách quốc tế" and article.relevant
    assert run.status == RunStatus.PARTIAL and run.errors[0]["code"] == "http_error"


def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(server, settings):
    class WorkerKilled(BaseException):
        pass

    settings.TTDN_MONITORING_SAVE_BATCH = 1
    urls = serve_feed(server, count=4)
    feed = source(server)

    def kill(batch: int) -> None:
        if batch == 2:
            raise WorkerKilled

    with pytest.raises(WorkerKilled):
        run_once(after_batch=kill)
    dead = FetchRun.objects.get()
    assert dead.status == RunStatus.RUNNING and dead.articles_new == 2
    feed.refresh_from_db()
    assert feed.etag == ""  # not stored: the next run must read the whole feed again

    FetchRun.objects.filter(pk=dead.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    run = run_once()  # the restarted worker
    dead.refresh_from_db()
    assert dead.status == RunStatus.INTERRUPTED
    assert run.status == RunStatus.DONE and run.articles_new == 2
    assert sorted(Article.objects.values_list("url", flat=True)) == sorted(urls)
    feed.refresh_from_db()
    assert feed.etag == '"v1"'


def test_a_second_run_is_skipped_while_one_is_alive():
    alive = fetch_run_start()
    second = fetch_run_start()
    assert alive.status == RunStatus.RUNNING and second.status == RunStatus.SKIPPED
    assert fetch_run_execute(run_id=second.pk).status == RunStatus.SKIPPED  # nothing done


def test_the_fetch_job_runs_a_whole_run(server):
    from ttdn.monitoring.jobs import monitoring_fetch

    serve_feed(server, count=1)
    source(server)
    result = monitoring_fetch.call("2026-04-15T09:15:00+07:00")
    run = FetchRun.objects.get(pk=result)
    assert run.status in (RunStatus.DONE, RunStatus.PARTIAL)
