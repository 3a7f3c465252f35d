"""Counts for dashboards and reports, evidence per task, language coverage."""

import datetime

import pytest

from ttdn.catalog.selectors import coverage_matrix, item_counts, items_for_task
from ttdn.catalog.services.items import item_update, translation_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks():
    from ttdn.plans.models import Task

    return {t.number: t for t in Task.objects.filter(plan__number="978/KH-UBND")}


@pytest.fixture
def made(make_item, tasks, coordinator):
    from ttdn.agencies.models import Agency

    tourism_dept = Agency.objects.get(code="so-du-lich")
    a = make_item(
        "A", status="published", published_on=datetime.date(2024, 5, 1), tasks=[tasks["3.4"]]
    )
    b = make_item(
        "B",
        status="approved",
        published_on=datetime.date(2025, 2, 1),
        tasks=[tasks["3.4"], tasks["2.4"]],
        kind="video",
    )
    make_item("C", status="draft", published_on=datetime.date(2025, 3, 1), tasks=[tasks["3.4"]])
    d = make_item(
        "D", status="published", published_on=datetime.date(2025, 4, 1), item_agency=tourism_dept
    )
    e = translation_create(actor=coordinator, source=a, data={"language": "en", "title": "A en"})
    return {"a": a, "b": b, "d": d, "e": e}  # fmt: skip


def test_counts_by_each_key(made, tasks, agency):
    assert item_counts(by="task") == {tasks["3.4"].pk: 2, tasks["2.4"].pk: 1}
    assert item_counts(by="agency") == {agency.pk: 2, made["d"].agency_id: 1}
    assert item_counts(by="language") == {"vi": 3}
    assert item_counts(by="kind") == {"article": 2, "video": 1}
    assert item_counts(by="year") == {2024: 1, 2025: 2}
    assert item_counts(by="year", filters={"statuses": ()}) == {2024: 2, 2025: 3}


def test_counts_with_filters(made, tasks, agency):
    assert item_counts(by="task", filters={"year": 2025}) == {
        tasks["3.4"].pk: 1, tasks["2.4"].pk: 1,
    }  # fmt: skip
    assert item_counts(by="kind", filters={"agency": agency, "year": 2024}) == {"article": 1}
    with pytest.raises(ValueError, match="one of task, agency"):
        item_counts(by="colour")


def test_items_for_task(made, tasks):
    assert [i.title for i in items_for_task(tasks["3.4"])] == ["B", "A"]
    assert [i.title for i in items_for_task(tasks["3.4"], 2024)] == ["A"]


def test_coverage_counts_works_missing_languages_and_outdated_translations(made, coordinator):
    from ttdn.catalog.models import Topic

    tourism = Topic.objects.get(code="tourism")
    for key in ("a", "b", "e"):
        item_update(actor=coordinator, item=made[key], data={"topics": [tourism]})
    item_update(actor=coordinator, item=made["a"], data={"summary": "mới"})  # e is now stale
    matrix = coverage_matrix()
    row = next(r for r in matrix["topics"] if r.key == "tourism")
    assert row.groups == 2  # A (with its English version) and B
    assert row.per_language["vi"] == 2 and row.per_language["en"] == 1
    assert row.missing == {"en": 1, "lo": 2} and row.stale == 1
    assert matrix["languages"][:3] == ["vi", "en", "lo"]
    assert {r.key.split()[-1] for r in matrix["tasks"]} == {"3.4", "2.4"}
