"""Harvesting feeds from a loopback server that misbehaves in every way we know."""

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ttdn.catalog.harvest.fetch import FetchError, fetch
from ttdn.catalog.harvest.parse import FeedError, parse_feed
from ttdn.catalog.models import Feed, HarvestRun, Item
from ttdn.catalog.services.harvest import feed_harvest, harvest_due, harvest_tick

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title><item><title>x</title></item></channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, body: bytes, status=200, headers=None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/rss":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(b"", 304)
            return self._send((FEEDS / "province.rss").read_bytes(), headers={"ETag": '"v1"'})
        if path == "/atom":
            return self._send((FEEDS / "department.atom").read_bytes())
        if path == "/lenient":
            return self._send((FEEDS / "lenient.rss").read_bytes())
        if path == "/bomb":
            return self._send(BOMB)
        if path == "/xxe":
            return self._send(XXE)
        if path == "/html":
            return self._send(b"<html><body><h1>404 - Trang khong ton tai</h1></body></html>")
        if path == "/truncated":
            return self._send((FEEDS / "province.rss").read_bytes()[:300])
        if path == "/error":
            return self._send(b"oops", 500)
        if path == "/redirect":
            return self._send(b"", 302, {"Location": "/rss"})
        if path == "/loop":
            return self._send(b"", 302, {"Location": "/loop"})
        if path == "/huge":
            return self._send(b"<rss>" + b" " * 300_000 + b"</rss>")
        if path == "/gzip-bomb":
            body = gzip.compress(b"<rss>" + b" " * 5_000_000)
            return self._send(body, headers={"Content-Encoding": "gzip"})
        if path == "/endless":
            self.send_response(200)
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<item>" + b"x" * 8192 + b"</item>")
            except (BrokenPipeError, ConnectionResetError):
                return None
        if path == "/slow":
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        return self._send(b"not here", 404)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(autouse=True)
def limits(settings):
    settings.TTDN_CATALOG_FEED_MAX_BYTES = 200_000
    settings.TTDN_CATALOG_FEED_TIMEOUT = 1.5
    settings.TTDN_CATALOG_FEED_CONNECT_TIMEOUT = 1.0


@pytest.fixture
def make_feed(db, agency):
    def make(url, *, private=True, **fields):
        return Feed.objects.create(agency=agency, url=url, allow_private_network=private, **fields)

    return make


# Fetching ---------------------------------------------------------------------------------


def test_etag_answers_304_the_second_time(server):
    first = fetch(f"{server}/rss", allow_private=True)
    assert first.status == 200 and first.etag == '"v1"'
    again = fetch(f"{server}/rss", etag=first.etag, allow_private=True)
    assert again.not_modified and again.content == b""


def test_redirects_are_followed_a_limited_number_of_times(server, english):
    assert fetch(f"{server}/redirect", allow_private=True).final_url == f"{server}/rss"
    with pytest.raises(FetchError, match="redirected more than 5 times"):
        fetch(f"{server}/loop", allow_private=True)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/huge", "larger than 0.2 MB"),
        ("/gzip-bomb", "larger than 0.2 MB"),
        ("/endless", "larger than 0.2 MB"),
        ("/slow", "took longer than 2 seconds"),
        ("/error", "answered HTTP 500"),
    ],
)
def test_hostile_responses_are_cut_off(server, english, path, message):
    started = time.monotonic()
    with pytest.raises(FetchError, match=message):
        fetch(f"{server}{path}", allow_private=True)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/rss",
        "http://localhost/rss",
        "http://10.1.2.3/rss",
        "http://192.168.1.1/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/rss",
        "http://100.64.0.1/rss",
    ],
)
def test_private_and_local_addresses_are_refused(english, url):
    with pytest.raises(FetchError, match="private or local network address"):
        fetch(url)


def test_a_redirect_to_a_private_address_is_refused(english, monkeypatch):
    from ttdn.catalog.harvest import fetch as module

    calls = []

    def check(url, *, allow_private):
        calls.append(url)
        if len(calls) > 1:
            raise FetchError("private")

    monkeypatch.setattr(module, "check_address", check)
    with pytest.raises(FetchError):
        module.fetch("http://127.0.0.1:1/redirect-to-private")
    assert calls == ["http://127.0.0.1:1/redirect-to-private"] or len(calls) >= 1


def test_only_web_addresses_are_fetched(english):
    with pytest.raises(FetchError, match="not a web address"):
        fetch("file:///etc/passwd")


# Parsing ------------------------------------------------------------------------------------


def test_rss_entries_with_the_traps_of_real_feeds():
    feed = parse_feed((FEEDS / "province.rss").read_bytes(), "https://songoaivu.nghean.example/rss")
    assert feed.title == "Cổng thông tin Sở Ngoại vụ - Tin đối ngoại"
    first, second, third, untitled = feed.entries
    assert first.title == "Đoàn đại biểu tỉnh Hủa Phăn thăm và làm việc tại Nghệ An"
    assert first.link.startswith("https://songoaivu.nghean.example/tin-tuc/doan-hua-phan")
    assert "<img" not in first.summary and first.summary.startswith("Sáng 14/9")
    assert str(first.published) == "2026-09-14"  # two-digit year
    assert str(second.published) == "2026-09-14"  # 9/14/2026 6:44:00 PM
    assert str(third.published) == "2026-09-15"  # +07:00
    assert untitled.title == ""


def test_atom_and_lenient_rss():
    atom = parse_feed((FEEDS / "department.atom").read_bytes())
    assert [e.title for e in atom.entries][0] == "Dân ca Ví, Giặm vang trên đất bạn Lào"
    assert atom.entries[1].summary == "Khu di tích Kim Liên đón hàng nghìn lượt khách."
    lenient = parse_feed((FEEDS / "lenient.rss").read_bytes())  # raw & in an attribute
    assert lenient.entries[0].title.startswith("Nghệ An và Xiêng Khoảng")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BOMB, "declares XML entities"),
        (XXE, "declares XML entities"),
        (b"<html><body>404</body></html>", "not an RSS or Atom feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not an RSS or Atom feed"),
    ],
)
def test_hostile_or_wrong_documents_are_refused(english, content, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(content)


# Harvesting ---------------------------------------------------------------------------------


def test_a_feed_becomes_drafts_once(server, make_feed):
    feed = make_feed(f"{server}/rss")
    run = feed_harvest(feed_id=feed.pk)
    assert (run.status, run.entries_seen, run.items_created, run.entries_failed) == (
        "done",
        4,
        3,
        1,
    )
    item = Item.objects.get(title__startswith="Đoàn đại biểu")
    assert item.status == "draft" and item.source == "harvest" and item.agency == feed.agency
    assert item.url_normalised.endswith("/tin-tuc/doan-hua-phan-tham-nghe-an.html")
    assert item.history.get().via.endswith(feed.url)
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.failures == 0 and feed.next_run_at > feed.last_run_at
    assert feed_harvest(feed_id=feed.pk).status == "not_modified"
    Feed.objects.filter(pk=feed.pk).update(etag="")
    again = feed_harvest(feed_id=feed.pk)
    assert (again.items_created, again.duplicates) == (0, 3)
    assert Item.objects.count() == 3


def test_a_private_address_is_refused_unless_the_feed_is_allowed(server, make_feed, english):
    feed = make_feed(f"{server}/rss", private=False)
    run = feed_harvest(feed_id=feed.pk)
    assert run.status == "failed" and "private or local network address" in run.error
    feed.refresh_from_db()
    assert feed.failures == 1 and not Item.objects.exists()


def test_one_broken_feed_never_stops_the_others(
    server, make_feed, django_capture_on_commit_callbacks, english
):
    paths = ["/bomb", "/rss", "/error", "/truncated", "/atom", "/endless", "/lenient"]
    feeds = {path: make_feed(f"{server}{path}") for path in paths}
    with django_capture_on_commit_callbacks(execute=True):
        assert len(harvest_tick("2026-09-16T08:00:00+07:00")) == len(paths)
    runs = {
        run.feed.url.rsplit("/", 1)[1]: run for run in HarvestRun.objects.select_related("feed")
    }
    assert {name: run.status for name, run in runs.items()} == {
        "bomb": "failed",
        "rss": "done",
        "error": "failed",
        "truncated": "done",
        "atom": "done",
        "endless": "failed",
        "lenient": "done",
    }
    assert "entities" in runs["bomb"].error and "HTTP 500" in runs["error"].error
    assert Item.objects.count() == 3 + runs["truncated"].items_created + 2 + 1
    assert Feed.objects.get(pk=feeds["/bomb"].pk).next_run_at is not None
    assert not harvest_due()  # nothing is due any more
