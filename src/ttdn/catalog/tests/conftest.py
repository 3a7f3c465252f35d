"""Catalog test fixtures: default topics once per database, users by role, items made
through the services (so the search index is always in step), media in a temporary folder."""

from __future__ import annotations

import pytest

from ttdn.accounts.choices import Role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from ttdn.catalog.services.defaults import catalog_load_default

    with django_db_blocker.unblock():
        catalog_load_default()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.cache import cache

    cache.clear()  # the search window is cached per process


@pytest.fixture
def head(make_user):
    return make_user(Role.HEAD, "so-ngoai-vu")


@pytest.fixture
def other_officer(make_user):
    return make_user(Role.OFFICER, "so-du-lich", username="officer-other")


@pytest.fixture
def agency():
    from ttdn.agencies.models import Agency

    return Agency.objects.get(code="so-ngoai-vu")


@pytest.fixture
def make_item(coordinator, agency):
    """Create an item through the service; `status` moves it along the workflow."""
    from ttdn.catalog.services import items

    def make(title="Tin bài", *, status="draft", actor=None, item_agency=None, **data):
        data.setdefault("language", "vi")
        data.setdefault("kind", "article")
        item = items.item_create(
            actor=actor or coordinator, agency=item_agency or agency, data={"title": title, **data}
        )
        steps = {
            "in_review": ["submit"],
            "approved": ["submit", "approve"],
            "published": ["submit", "approve", "publish"],
            "archived": ["archive"],
        }.get(status, [])
        for step in steps:
            item = {
                "submit": items.item_submit,
                "approve": items.item_approve,
                "publish": items.item_publish,
                "archive": items.item_archive,
            }[step](actor=coordinator, item=item)
        return item

    return make
