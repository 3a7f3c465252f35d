"""Fixtures of the monitoring tests: a test server on loopback, fixture files, and helpers
that build articles and stories through the real pipeline and save service."""

from __future__ import annotations

import contextlib
import datetime
import gzip
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVAL = Path(__file__).resolve().parent / "eval" / "press_eval.jsonl"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        server: LoopbackServer = self.server.owner
        server.requests.append((self.path, dict(self.headers)))
        route = server.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 whose routes each test sets."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable] = {}
        self.requests: list[tuple[str, dict]] = []
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # clients hang up on purpose
        self.httpd.owner = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # Route builders ---------------------------------------------------------------------

    def static(
        self,
        path: str,
        body: bytes | str,
        *,
        content_type: str = "text/html; charset=utf-8",
        etag: str = "",
        last_modified: str = "",
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def handle(request) -> None:
            if etag and request.headers.get("If-None-Match") == etag:
                request.send_response(304)
                request.send_header("ETag", etag)
                request.send_header("Content-Length", "0")
                request.end_headers()
                return
            if last_modified and request.headers.get("If-Modified-Since") == last_modified:
                request.send_response(304)
                request.send_header("Content-Length", "0")
                request.end_headers()
                return
            request.send_response(200)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(data)))
            if etag:
                request.send_header("ETag", etag)
            if last_modified:
                request.send_header("Last-Modified", last_modified)
            request.end_headers()
            request.wfile.write(data)

        self.routes[path] = handle

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        def handle(request) -> None:
            request.send_response(status)
            request.send_header("Location", to)
            request.send_header("Content-Length", "0")
            request.end_headers()

        self.routes[path] = handle

    def status(self, path: str, status: int) -> None:
        def handle(request) -> None:
            request.send_response(status)
            request.send_header("Content-Length", "0")
            request.end_headers()

        self.routes[path] = handle

    def slow(self, path: str, delay: float) -> None:
        def handle(request) -> None:
            time.sleep(delay)
            request.send_response(200)
            request.send_header("Content-Length", "2")
            request.end_headers()
            request.wfile.write(b"ok")

        self.routes[path] = handle

    def drip(self, path: str, interval: float = 0.2) -> None:
        """Headers at once, then a byte every `interval` seconds, forever."""

        def handle(request) -> None:
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Transfer-Encoding", "chunked")
            request.end_headers()
            for _ in range(1000):
                request.wfile.write(b"1\r\n \r\n")
                request.wfile.flush()
                time.sleep(interval)

        self.routes[path] = handle

    def endless(self, path: str) -> None:
        """A chunked body that never ends."""

        def handle(request) -> None:
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Transfer-Encoding", "chunked")
            request.end_headers()
            chunk = b"<item>" + b"x" * 65536 + b"</item>"
            for _ in range(100_000):
                request.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")

        self.routes[path] = handle

    def huge(self, path: str, size: int) -> None:
        """Declares a body of `size` bytes (and starts sending it)."""

        def handle(request) -> None:
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Content-Length", str(size))
            request.end_headers()
            request.wfile.write(b"<" * 65536)

        self.routes[path] = handle

    def gzip_bomb(self, path: str, size: int) -> None:
        data = gzip.compress(b"\0" * size, compresslevel=9)

        def handle(request) -> None:
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Content-Encoding", "gzip")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)

        self.routes[path] = handle


@pytest.fixture
def server():
    instance = LoopbackServer()
    yield instance
    instance.close()


@pytest.fixture
def fixture_text():
    def read(relative: str) -> str:
        return (FIXTURES / relative).read_text(encoding="utf-8")

    return read


@pytest.fixture
def fixture_bytes():
    def read(relative: str) -> bytes:
        return (FIXTURES / relative).read_bytes()

    return read


@pytest.fixture
def at(monkeypatch):
    """Pretend today is another date (timezone.localdate and now) — for deadlines."""
    from django.utils import timezone

    def move(day: datetime.date, hour: int = 9):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: (
                day if value is None else value.astimezone(moment.tzinfo).date()
            ),
        )
        return moment

    return move


def article_doc(
    title: str,
    text: str,
    *,
    url: str,
    source: str = "Báo tỉnh mẫu",
    kind: str = "provincial",
    published: datetime.datetime | None = None,
):
    from ttdn.monitoring.pipeline.types import RawDocument

    return RawDocument(
        url=url, title=title, text=text, source=source, source_kind=kind, published=published
    )


@pytest.fixture
def save_docs(db):
    """Run documents through the pipeline (stories from the database) and save them."""
    from ttdn.monitoring.services.runs import pipeline_for_run
    from ttdn.monitoring.services.save import articles_save

    def save(docs, **kwargs):
        rows, failures = pipeline_for_run().analyse(list(docs))
        assert not failures
        return articles_save(rows=rows, **kwargs)

    return save


NEGATIVE_FOREIGN = (
    "Người dân Nghệ An phản đối thu hồi đất làm khu công nghiệp",
    "Hàng chục hộ dân ở xã Nghi Lộc, tỉnh Nghệ An tập trung trước trụ sở chính quyền để phản "
    "đối mức bồi thường khi thu hồi đất cho dự án khu công nghiệp. Người dân bức xúc cho rằng "
    "giá bồi thường quá thấp và việc lấy ý kiến không minh bạch. Chính quyền cho biết đang rà "
    "soát phương án bồi thường.",
)


@pytest.fixture
def negative_foreign_story(save_docs):
    from ttdn.monitoring.models import Story

    report = save_docs(
        [
            article_doc(
                *NEGATIVE_FOREIGN,
                url="https://foreign.example/nghe-an-1",
                source="Đài nước ngoài mẫu",
                kind="foreign",
            )
        ]
    )
    return Story.objects.get(pk=next(iter(report.story_ids)))
