"""Portal test fixtures: topics and facts once per database, works made through the
catalog's services, an empty page cache and media folder for every test."""

from __future__ import annotations

import pytest

from ttdn.accounts.choices import Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from ttdn.catalog.services.defaults import catalog_load_default
    from ttdn.portal.services import facts_load_default

    with django_db_blocker.unblock():
        catalog_load_default()
        facts_load_default()


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.cache import caches

    caches["portal"].clear()
    caches["default"].clear()
    yield
    caches["portal"].clear()


@pytest.fixture
def agency():
    from ttdn.agencies.models import Agency

    return Agency.objects.get(code="so-ngoai-vu")


STEPS = {
    "draft": [],
    "in_review": ["submit"],
    "approved": ["submit", "approve"],
    "published": ["submit", "approve", "publish"],
    "archived": ["archive"],
}


@pytest.fixture
def make_item(coordinator, agency):
    """An item made and moved along the workflow through the catalog's services.

    `versions` adds translations: {"en": "English title", …}, each moved to the same status
    unless given as (title, status)."""
    from ttdn.catalog.models import Topic
    from ttdn.catalog.services import items

    def move(item, status):
        for step in STEPS[status]:
            item = {
                "submit": items.item_submit,
                "approve": items.item_approve,
                "publish": items.item_publish,
                "archive": items.item_archive,
            }[step](actor=coordinator, item=item)
        return item

    def make(title="Nghệ An đón khách quốc tế", *, status="published", versions=None, **data):
        data.setdefault("language", "vi")
        data.setdefault("kind", "article")
        data.setdefault("summary", f"Tóm tắt: {title}")
        data.setdefault("body", f"<p>Nội dung: {title}</p>")
        topics = data.pop("topics", ["tourism"])
        data["topics"] = list(Topic.objects.filter(code__in=topics))
        item = items.item_create(actor=coordinator, agency=agency, data={"title": title, **data})
        made = {item.language: move(item, status)}
        for language, spec in (versions or {}).items():
            other_title, other_status = spec if isinstance(spec, tuple) else (spec, status)
            other = items.translation_create(
                actor=coordinator,
                source=item,
                data={
                    "title": other_title,
                    "language": language,
                    "summary": f"Summary: {other_title}",
                    "body": f"<p>Body: {other_title}</p>",
                },
            )
            made[language] = move(other, other_status)
        return made if versions else made[item.language]

    return make


@pytest.fixture
def image_bytes():
    from io import BytesIO

    from PIL import Image

    def make(width=1600, height=900, colour=(180, 40, 40)) -> bytes:
        buffer = BytesIO()
        Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=80)
        return buffer.getvalue()

    return make


@pytest.fixture
def attach(coordinator, image_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ttdn.catalog.services.media import media_add

    counter = {"n": 0}

    def add(item, caption="", *, width=1600, height=900):
        counter["n"] += 1
        data = image_bytes(width, height, (counter["n"] * 20 % 255, 90, 120))
        upload = SimpleUploadedFile(f"photo-{counter['n']}.jpg", data, "image/jpeg")
        return media_add(actor=coordinator, item=item, upload=upload, caption=caption)

    return add


@pytest.fixture
def officer_user(make_user):
    return make_user(Role.OFFICER, "so-ngoai-vu", username="portal-officer")
