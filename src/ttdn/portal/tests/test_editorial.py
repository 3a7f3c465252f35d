"""The coordinator's side: scheduled publishing, signed previews, ordered highlights."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ttdn.catalog.choices import ItemStatus
from ttdn.core.errors import ApplicationError
from ttdn.portal import services
from ttdn.portal.links import item_path
from ttdn.portal.models import Placement

pytestmark = pytest.mark.django_db


def _everywhere(client, item) -> list[str]:
    """The public pages that show `item` (its title, or its address in the sitemap)."""
    pages = ["/vi/", "/vi/news/", "/vi/topics/tourism/", "/vi/feed.rss", "/vi/feed.atom"]
    found = [url for url in pages if item.title in client.get(url).content.decode()]
    if item_path(item) in client.get("/vi/sitemap.xml").content.decode():
        found.append("/vi/sitemap.xml")
    return found


# Scheduling ---------------------------------------------------------------------------


def test_a_scheduled_item_is_not_shown_before_its_time(client, make_item, coordinator):
    item = make_item("Khai mạc Tuần văn hóa", status="approved")
    at = timezone.now() + datetime.timedelta(days=2)
    scheduled = services.item_schedule(actor=coordinator, item=item, at=at)
    scheduled.refresh_from_db()
    assert scheduled.status == ItemStatus.PUBLISHED and scheduled.published_at == at
    assert _everywhere(client, item) == []
    assert client.get(item_path(item)).status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=at + datetime.timedelta(seconds=1)):
        assert len(_everywhere(client, item)) == 6
        assert client.get(item_path(item)).status_code == 200


def test_scheduling_rules(make_item, coordinator, officer_user):
    item = make_item("Tin chờ đăng", status="approved")
    future = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        services.item_schedule(actor=officer_user, item=item, at=future)
    with pytest.raises(ApplicationError):
        services.item_schedule(actor=coordinator, item=item, at=timezone.now())
    draft = make_item("Bản nháp", status="draft")
    with pytest.raises(ApplicationError):
        services.item_schedule(actor=coordinator, item=draft, at=future)
    live = make_item("Đã đăng")
    with pytest.raises(ApplicationError):
        services.item_schedule(actor=coordinator, item=live, at=future)
    services.item_schedule(actor=coordinator, item=item, at=future)
    later = future + datetime.timedelta(hours=3)
    assert services.item_schedule(actor=coordinator, item=item, at=later).published_at == later
    assert item.history.filter(via="portal").count() == 2


def test_publish_now_shows_a_scheduled_item(client, make_item, coordinator):
    item = make_item("Tin đăng ngay", status="approved")
    services.item_schedule(
        actor=coordinator, item=item, at=timezone.now() + datetime.timedelta(days=1)
    )
    assert client.get(item_path(item)).status_code == 404
    services.item_publish_now(actor=coordinator, item=item)
    assert client.get(item_path(item)).status_code == 200


# Preview ------------------------------------------------------------------------------


def test_preview_shows_an_unpublished_item_to_whoever_has_the_link(
    client, make_item, coordinator, attach
):
    item = make_item("Bản thảo sắp đăng", status="approved")
    media = attach(item, "Ảnh trong bản xem trước")
    path = services.preview_path(actor=coordinator, item=item)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    html = response.content.decode()
    assert 'data-testid="preview-banner"' in html and "Bản thảo sắp đăng" in html
    token = path.split("/preview/")[1].strip("/")
    assert f"/portal-files/{media.pk}/" in html and f"?preview={token}" in html
    assert client.get(f"/portal-files/{media.pk}/640.webp?preview={token}").status_code == 200
    assert client.get(f"/portal-files/{media.pk}/640.webp").status_code == 404
    assert client.get(item_path(item)).status_code == 404  # the public page does not exist yet


def test_preview_is_never_cached_and_follows_edits(client, make_item, coordinator):
    from ttdn.catalog.services import items

    item = make_item("Tiêu đề đầu tiên", status="draft")
    path = services.preview_path(actor=coordinator, item=item)
    assert "Tiêu đề đầu tiên" in client.get(path).content.decode()
    items.item_update(actor=coordinator, item=item, data={"title": "Tiêu đề đã sửa"})
    assert "Tiêu đề đã sửa" in client.get(path).content.decode()


def test_preview_links_are_signed_expire_and_need_a_coordinator(
    client, make_item, coordinator, officer_user, settings
):
    item = make_item("Tin riêng", status="draft")
    with pytest.raises(PermissionDenied):
        services.preview_path(actor=officer_user, item=item)
    path = services.preview_path(actor=coordinator, item=item)
    assert client.get(path.replace("/preview/", "/preview/x")).status_code == 404
    settings.TTDN_PORTAL_PREVIEW_HOURS = 1
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("time.time", return_value=later.timestamp()):
        assert client.get(path).status_code == 404


# Highlights ---------------------------------------------------------------------------


def test_highlights_follow_the_coordinators_order(client, make_item, coordinator):
    first = make_item("Điểm nhấn A", versions={"en": "Highlight A"})
    second = make_item("Điểm nhấn B", versions={"en": "Highlight B"})
    for work in (first, second):
        services.placement_add(actor=coordinator, section="highlight", item=work["vi"])

    def order(lang, a, b):
        html = client.get(f"/{lang}/").content.decode()
        block = html.split('data-testid="highlights"')[1].split("</ul>")[0]
        return block.index(a) < block.index(b)

    assert order("vi", "Điểm nhấn A", "Điểm nhấn B") and order("en", "Highlight A", "Highlight B")
    placement = Placement.objects.get(translation_key=second["vi"].translation_key)
    services.placement_move(actor=coordinator, placement=placement, offset=-1)
    assert order("vi", "Điểm nhấn B", "Điểm nhấn A") and order("en", "Highlight B", "Highlight A")


def test_editorial_page_and_actions(client, make_item, coordinator, officer_user):
    waiting = make_item("Chờ lên lịch", status="approved")
    live = make_item("Đang hiển thị")
    client.force_login(officer_user)
    assert client.get("/portal/editorial/").status_code == 403
    client.force_login(coordinator)
    page = client.get("/portal/editorial/")
    assert page.status_code == 200
    assert f'data-testid="preview-{waiting.pk}"' in page.content.decode()
    client.post("/portal/editorial/add/", {"section": "press_release", "item": live.pk})
    assert Placement.objects.filter(section="press_release").count() == 1
    assert "Đang hiển thị" in client.get("/vi/press/").content.decode()
    when = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post("/portal/editorial/schedule/", {"item": waiting.pk, "at": when})
    waiting.refresh_from_db()
    assert waiting.status == ItemStatus.PUBLISHED and waiting.published_at > timezone.now()
    response = client.post(
        "/portal/editorial/schedule/", {"item": live.pk, "at": when}, follow=True
    )
    assert "đã hiển thị trên cổng" in response.content.decode()  # the sentence, in Vietnamese


@pytest.mark.parametrize(
    ("role", "agency", "expected"),
    [
        ("officer", "so-ngoai-vu", 403),
        ("head", "so-ngoai-vu", 403),
        ("leader", "ubnd-tinh", 403),
        ("coordinator", "so-vhttdl", 200),
        ("admin", None, 200),
    ],
)
def test_editorial_page_by_role(client, make_user, role, agency, expected):
    assert client.get("/portal/editorial/").status_code == 302  # anonymous: log in first
    client.force_login(make_user(role, agency, username=f"editorial-{role}"))
    assert client.get("/portal/editorial/").status_code == expected
    response = client.post("/portal/editorial/add/", {"section": "highlight", "item": 0})
    assert response.status_code == (404 if expected == 200 else 403)
