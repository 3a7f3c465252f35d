"""The one network module against a loopback test server: conditional requests, redirects,
and hostile servers (slow, endless, huge, gzip bombs, private addresses)."""

import socket
import time

import pytest

from ttdn.monitoring.pipeline.fetch import Fetcher, FetchError, FetchLimits

LIMITS = FetchLimits(max_bytes=200_000, timeout=1.0, connect_timeout=1.0, max_redirects=3)


@pytest.fixture
def fetcher():
    with Fetcher(LIMITS) as instance:
        yield instance


def test_etag_answers_304_the_second_time(server, fetcher, fixture_bytes):
    server.static(
        "/feed.xml",
        fixture_bytes("feeds/tinh_rss.xml"),
        content_type="application/rss+xml",
        etag='"v1"',
    )
    first = fetcher.fetch(server.url("/feed.xml"), allow_private=True)
    assert first.status == 200 and first.etag == '"v1"' and b"<rss" in first.content
    second = fetcher.fetch(server.url("/feed.xml"), etag=first.etag, allow_private=True)
    assert second.not_modified and second.content == b""
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'


def test_last_modified_answers_304(server, fetcher):
    stamp = "Wed, 15 Apr 2026 02:30:00 GMT"
    server.static("/lm.xml", "<rss/>", last_modified=stamp)
    first = fetcher.fetch(server.url("/lm.xml"), allow_private=True)
    assert first.last_modified == stamp
    assert fetcher.fetch(
        server.url("/lm.xml"), last_modified=stamp, allow_private=True
    ).not_modified


def test_redirects_are_followed_up_to_the_limit(server, fetcher):
    server.static("/final.xml", "<rss/>")
    server.redirect("/moved", "/final.xml", status=301)
    result = fetcher.fetch(server.url("/moved"), allow_private=True)
    assert result.final_url.endswith("/final.xml") and result.content == b"<rss/>"
    for hop in range(1, 6):
        server.redirect(f"/chain/{hop}", f"/chain/{hop + 1}")
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/chain/1"), allow_private=True)
    assert error.value.code == "redirects"


def test_a_redirect_loop_stops_at_once(server, fetcher):
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/a"), allow_private=True)
    assert error.value.code == "redirect_loop"
    assert len(server.requests) == 2


def test_a_redirect_to_another_scheme_is_refused(server, fetcher):
    server.redirect("/evil", "file:///etc/passwd")
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/evil"), allow_private=True)
    assert error.value.code == "scheme"


def test_a_slow_server_times_out(server, fetcher):
    server.slow("/slow", delay=2)
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/slow"), allow_private=True)
    assert error.value.code == "too_slow"
    assert time.monotonic() - started < 2


def test_a_dripping_server_is_cut_at_the_deadline(server, fetcher):
    server.drip("/drip", interval=0.1)
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/drip"), allow_private=True)
    assert error.value.code == "too_slow"
    assert time.monotonic() - started < LIMITS.timeout + 1


def test_an_endless_body_is_cut_at_the_size_cap(server, fetcher):
    server.endless("/endless")
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/endless"), allow_private=True)
    assert error.value.code == "too_large"


def test_a_huge_declared_body_is_refused_before_reading(server, fetcher):
    server.huge("/huge", size=10**9)
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/huge"), allow_private=True)
    assert error.value.code == "too_large"


def test_a_gzip_bomb_is_cut_after_decompression(server, fetcher):
    server.gzip_bomb("/bomb", size=20_000_000)
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/bomb"), allow_private=True)
    assert error.value.code == "too_large"


def test_http_errors_are_reported(server, fetcher):
    server.status("/gone", 410)
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/gone"), allow_private=True)
    assert error.value.code == "http_error" and "410" in error.value.message


def test_loopback_is_refused_unless_the_source_is_allowed(server, fetcher, english):
    server.static("/feed.xml", "<rss/>")
    with pytest.raises(FetchError) as error:
        fetcher.fetch(server.url("/feed.xml"))
    assert error.value.code == "private_address"
    assert "private or local network address (127.0.0.1)" in error.value.message
    assert server.requests == []  # refused before any connection


@pytest.mark.parametrize(
    "address", ["10.1.2.3", "192.168.1.10", "169.254.169.254", "100.64.0.1", "::1", "fe80::1"]
)
def test_private_and_link_local_names_are_refused(monkeypatch, fetcher, address):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET

    def resolve(host, port, *args, **kwargs):
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError) as error:
        fetcher.fetch("http://intranet.example/feed.xml")
    assert error.value.code == "private_address"


def test_a_redirect_from_a_public_name_to_loopback_is_refused(server, monkeypatch, fetcher):
    """The check runs at every connection, so a public page cannot bounce us inside."""
    real = socket.getaddrinfo
    port = server.httpd.server_address[1]
    server.redirect("/bounce", f"http://127.0.0.1:{port}/secret")
    server.static("/secret", "internal")

    def resolve(host, *args, **kwargs):
        if host == "public.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    connected = []
    from ttdn.monitoring.pipeline import fetch as fetch_module

    original = fetch_module.httpcore.SyncBackend.connect_tcp

    def connect(self, host, port, *args, **kwargs):
        connected.append(host)
        return original(self, "127.0.0.1", port, *args, **kwargs)  # the "public" host answers

    monkeypatch.setattr(fetch_module.httpcore.SyncBackend, "connect_tcp", connect)
    with pytest.raises(FetchError) as error:
        fetcher.fetch(f"http://public.example:{port}/bounce")
    assert error.value.code == "private_address"
    assert connected == ["93.184.216.34"]  # connected to the checked address, not a new lookup
    assert "/secret" not in [path for path, _headers in server.requests]


def test_only_web_addresses_are_fetched(fetcher):
    for url in ("file:///etc/passwd", "ftp://example.org/feed", "gopher://x", "javascript:x"):
        with pytest.raises(FetchError) as error:
            fetcher.fetch(url)
        assert error.value.code == "scheme"
