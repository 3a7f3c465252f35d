"""Default data: facts once, demo content through the catalog's services, both safe to rerun."""

from __future__ import annotations

import pytest

from ttdn.catalog.choices import ItemStatus
from ttdn.catalog.models import Item
from ttdn.portal.demo import demo_content_load
from ttdn.portal.models import Fact, Placement
from ttdn.portal.selectors import visible
from ttdn.portal.services import facts_load_default, portal_load_default

pytestmark = pytest.mark.django_db


def test_facts_are_loaded_once_and_edits_are_kept():
    assert Fact.objects.count() == 6  # loaded with the test database
    fact = Fact.objects.get(code="border")
    assert str(fact.value) == "468.281" and fact.source_url.startswith("https://baonghean.vn/")
    fact.labels["en"] = "Border with Laos (edited)"
    fact.save()
    assert facts_load_default() == 0
    assert Fact.objects.get(code="border").labels["en"] == "Border with Laos (edited)"


def test_demo_content_is_made_through_the_catalog_once(coordinator, settings, tmp_path):
    made = demo_content_load()
    assert made >= 10
    shown = visible()
    languages = {
        key: set(shown.filter(translation_key=key).values_list("language", flat=True))
        for key in shown.values_list("translation_key", flat=True)
    }
    assert {"vi", "en", "lo"} in languages.values()
    assert (
        {"lo"} in languages.values()
        and {"en"} in languages.values()
        and {"vi"} in languages.values()
    )
    assert all(item.history.filter(action="published").exists() for item in shown)
    assert Item.objects.filter(status=ItemStatus.APPROVED).exists()  # waiting, for the preview
    assert Item.objects.filter(status=ItemStatus.PUBLISHED).count() > shown.count()  # scheduled
    assert set(Placement.objects.values_list("section", flat=True)) == {
        "highlight",
        "contest",
        "press_release",
        "clarification",
    }
    count = Item.objects.count()
    portal_load_default(demo=True)
    assert Item.objects.count() == count


def test_no_demo_content_without_a_coordinator():
    from ttdn.accounts.models import User

    User.objects.all().delete()
    assert demo_content_load() == 0
