"""The page cache: served from memory with one query, changed by publishing, unpublishing,
a scheduled time passing, portal-side edits and `portal_invalidate`."""

from __future__ import annotations

import datetime
import gzip
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ttdn.catalog.services import items
from ttdn.portal.cache import content_version
from ttdn.portal.links import item_path
from ttdn.portal.services import placement_add, portal_invalidate

pytestmark = pytest.mark.django_db


def test_a_repeated_page_comes_from_the_cache_with_one_query(client, make_item):
    make_item("Tin thứ nhất")
    first = client.get("/vi/")
    assert first["X-Portal-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/vi/")
    assert again["X-Portal-Cache"] == "hit"
    assert again.content == first.content
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_gzip_etag_and_not_modified(client, make_item):
    make_item("Tin nén")
    plain = client.get("/vi/")
    zipped = client.get("/vi/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert "Accept-Encoding" in zipped["Vary"]
    again = client.get("/vi/", HTTP_IF_NONE_MATCH=plain["ETag"])
    assert again.status_code == 304


def test_publishing_and_unpublishing_change_the_pages(client, make_item, coordinator):
    make_item("Tin cũ")
    assert "Tin mới đăng" not in client.get("/vi/").content.decode()
    item = make_item("Tin mới đăng", status="approved")
    assert "Tin mới đăng" not in client.get("/vi/").content.decode()  # approved is not public
    assert client.get("/vi/")["X-Portal-Cache"] == "hit"
    items.item_publish(actor=coordinator, item=item)
    page = client.get("/vi/")
    assert page["X-Portal-Cache"] == "miss" and "Tin mới đăng" in page.content.decode()
    assert client.get(item_path(item)).status_code == 200
    items.item_return(actor=coordinator, item=item, note="Sửa lại số liệu")  # unpublish
    assert "Tin mới đăng" not in client.get("/vi/").content.decode()
    assert client.get(item_path(item)).status_code == 404
    assert item_path(item) not in client.get("/vi/sitemap.xml").content.decode()


def test_archiving_removes_an_item_everywhere(client, make_item, coordinator):
    item = make_item("Tin sẽ lưu trữ")
    for url in ("/vi/", "/vi/feed.rss", item_path(item)):
        assert "Tin sẽ lưu trữ" in client.get(url).content.decode(), url
    assert item_path(item) in client.get("/vi/sitemap.xml").content.decode()
    items.item_archive(actor=coordinator, item=item)
    for url in ("/vi/", "/vi/feed.rss"):
        assert "Tin sẽ lưu trữ" not in client.get(url).content.decode(), url
    assert item_path(item) not in client.get("/vi/sitemap.xml").content.decode()
    assert client.get(item_path(item)).status_code == 404


def test_portal_edits_and_invalidate_move_the_version(make_item, coordinator):
    item = make_item("Tin nổi bật")
    before = content_version()
    placement_add(actor=coordinator, section="highlight", item=item)
    after = content_version()
    assert after != before
    portal_invalidate(item)
    assert content_version() != after


def test_version_moves_when_a_scheduled_time_passes(make_item, coordinator):
    from ttdn.portal.services import item_schedule

    item = make_item("Tin hẹn giờ", status="approved")
    at = timezone.now() + datetime.timedelta(hours=2)
    item_schedule(actor=coordinator, item=item, at=at)
    now = timezone.now()
    # (a second later, not minutes: the version also carries the date, and CI may run near midnight)
    assert content_version(now) == content_version(now + datetime.timedelta(seconds=1))
    assert content_version(now) != content_version(at + datetime.timedelta(seconds=1))


def test_cached_page_changes_when_a_scheduled_item_goes_live(client, make_item, coordinator):
    from ttdn.portal.services import item_schedule

    make_item("Tin đã có")
    item = make_item("Tin đăng sau hai giờ", status="approved")
    at = timezone.now() + datetime.timedelta(hours=2)
    item_schedule(actor=coordinator, item=item, at=at)
    assert "Tin đăng sau hai giờ" not in client.get("/vi/").content.decode()
    assert client.get("/vi/")["X-Portal-Cache"] == "hit"
    later = at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = client.get("/vi/")
    assert page["X-Portal-Cache"] == "miss"
    assert "Tin đăng sau hai giờ" in page.content.decode()


def test_made_up_query_parameters_share_the_cached_page(client, make_item):
    make_item("Tin bất kỳ")
    assert client.get("/vi/?utm_source=x")["X-Portal-Cache"] == "miss"
    assert client.get("/vi/?utm_source=y&fbclid=z")["X-Portal-Cache"] == "hit"
    assert client.get("/vi/news/?page=1")["X-Portal-Cache"] == "miss"
