"""A publication the portal scheduled (published, `published_at` in the future) is not
public anywhere in the catalog before its time — pages, files, the API, public search — while
its agency and the coordinator still see it; once due, the scheduled job puts it in public
search, and the portal's "publish now" does at once."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ttdn.catalog.models import Item
from ttdn.catalog.permissions import is_public
from ttdn.catalog.tests.helpers import image_bytes, search, titles, upload

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/catalog/items/"
TITLE = "Khai mạc Tuần văn hóa Cửa Lò"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def scheduled(make_item, coordinator):
    """An approved item with an image, scheduled by the portal for tomorrow."""
    from ttdn.catalog.services.media import media_add
    from ttdn.portal.services import item_schedule

    item = make_item(TITLE, status="approved")
    media_add(actor=coordinator, item=item, upload=upload("a.png", image_bytes("PNG")))
    at = timezone.now() + datetime.timedelta(days=1)
    item = item_schedule(actor=coordinator, item=item, at=at)
    item.refresh_from_db()
    assert item.status == "published" and item.published_at == at
    return item


def _found(user) -> list[str]:
    return titles(search("cua lo", user=user))


def _due(item: Item) -> None:
    """Its scheduled time passes: the row changes, the index is left as it was."""
    Item.objects.filter(pk=item.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_one_rule_for_querysets_and_items(make_item):
    now = timezone.now()
    published = make_item("Đã đăng", status="published")
    approved = make_item("Đã duyệt", status="approved")
    cases = {None: True, now - datetime.timedelta(seconds=1): True, now: True}
    cases[now + datetime.timedelta(seconds=1)] = False
    for at, expected in cases.items():
        Item.objects.filter(pk=published.pk).update(published_at=at)
        published.refresh_from_db()
        assert is_public(published, now) is expected
        assert Item.objects.public(now).filter(pk=published.pk).exists() is expected
    assert not is_public(approved, now)
    assert not Item.objects.public(now).filter(pk=approved.pk).exists()


def test_a_scheduled_item_is_not_public_before_its_time(
    client, scheduled, officer, other_officer, coordinator
):
    page = f"/catalog/items/{scheduled.pk}/"
    file = scheduled.media.get()
    assert client.get(page).status_code == 403  # as any unpublished item
    assert client.get(f"/catalog/files/{file.pk}/").status_code == 403
    assert client.get(f"/catalog/files/{file.pk}/thumbnail/").status_code == 403
    assert _found(AnonymousUser()) == []
    public = client.get("/catalog/", {"q": "cua lo"}).content.decode()
    assert "Tuần văn hóa" not in public
    client.force_login(other_officer)
    assert client.get(page).status_code == 403
    assert _found(other_officer) == []
    for reader in (officer, coordinator):
        client.force_login(reader)
        assert client.get(page).status_code == 200
        response = client.get(f"/catalog/files/{file.pk}/")
        assert response.status_code == 200 and response["Cache-Control"].startswith("private")
        assert _found(reader) == [TITLE]


def test_the_api_hides_a_scheduled_item_from_readers_without_a_token(client, scheduled, head):
    from ttdn.catalog.services.tokens import token_create

    listed = client.get(ITEMS).json()
    assert scheduled.pk not in {row["id"] for row in listed["results"]}
    assert client.get(ITEMS, {"status": "published"}).json()["results"] == []
    assert client.get(f"{ITEMS}{scheduled.pk}/").status_code == 404
    secret = token_create(actor=head, agency=scheduled.agency, name="Cổng Sở")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert scheduled.pk in {row["id"] for row in client.get(ITEMS, **auth).json()["results"]}
    assert client.get(f"{ITEMS}{scheduled.pk}/", **auth).json()["id"] == scheduled.pk


def test_once_due_it_is_public_and_the_job_puts_it_in_public_search(client, scheduled):
    from ttdn.catalog.jobs import publish_due_job, scheduled_items_reindex

    _due(scheduled)
    file = scheduled.media.get()
    assert client.get(f"/catalog/items/{scheduled.pk}/").status_code == 200
    assert client.get(f"{ITEMS}{scheduled.pk}/").status_code == 200
    response = client.get(f"/catalog/files/{file.pk}/")
    assert response.status_code == 200 and "Cache-Control" not in response
    assert _found(AnonymousUser()) == []  # the index still holds it as approved
    assert scheduled_items_reindex() == [scheduled.pk]
    assert _found(AnonymousUser()) == [TITLE]
    assert publish_due_job.call("2026-01-01T00:00:00+07:00") == []  # nothing left to do
    assert _found(AnonymousUser()) == [TITLE]


def test_the_job_catches_up_and_leaves_other_items_alone(make_item, coordinator, scheduled):
    from ttdn.catalog.jobs import scheduled_items_reindex
    from ttdn.portal.services import item_schedule

    make_item("Bản duyệt Cửa Lò", status="approved")
    make_item("Bài đăng Cửa Lò", status="published")
    later = make_item("Lễ hội Cửa Lò", status="approved")
    item_schedule(actor=coordinator, item=later, at=timezone.now() + datetime.timedelta(days=30))
    assert scheduled_items_reindex() == []
    _due(scheduled)  # runs were missed: still found by the next one
    assert scheduled_items_reindex() == [scheduled.pk]
    assert sorted(_found(AnonymousUser())) == ["Bài đăng Cửa Lò", TITLE]


def test_rescheduling_and_publish_now_reindex_the_item(coordinator, scheduled):
    from ttdn.portal.services import item_publish_now, item_schedule

    later = timezone.now() + datetime.timedelta(days=3)
    item_schedule(actor=coordinator, item=scheduled, at=later)
    assert _found(AnonymousUser()) == []
    item_publish_now(actor=coordinator, item=scheduled)
    assert _found(AnonymousUser()) == [TITLE]


def test_the_scheduler_runs_the_job_every_five_minutes():
    from django.utils.module_loading import import_string

    from ttdn.catalog.jobs import publish_due_job
    from ttdn.core.scheduler import SCHEDULE, Every

    entry = next(entry for entry in SCHEDULE if entry.name == "catalog-scheduled")
    assert isinstance(entry, Every) and entry.minutes == 5
    assert import_string(entry.job) is publish_due_job


def test_the_scheduler_harvests_feeds_every_five_minutes():
    """Feeds are harvested 'on a schedule' (issue 4): the entry must exist, not only its job."""
    from django.utils.module_loading import import_string

    from ttdn.catalog.jobs import harvest_tick_job
    from ttdn.core.scheduler import SCHEDULE, Every

    entry = next(entry for entry in SCHEDULE if entry.name == "catalog-harvest")
    assert isinstance(entry, Every) and entry.minutes == 5
    assert import_string(entry.job) is harvest_tick_job
