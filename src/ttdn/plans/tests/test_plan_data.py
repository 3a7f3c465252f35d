"""Plan 978 in the database, compared field by field with the printed appendix."""

import pytest

from ttdn.plans.models import Plan
from ttdn.plans.tests.plan978_expected import HEADER, TASKS

pytestmark = pytest.mark.django_db


def _names(task, role):
    return [a.printed for a in task.assignments.all() if a.role == role]


def test_default_plan_has_28_tasks_in_5_groups():
    plan = Plan.objects.get(number="978/KH-UBND")
    assert plan.issue_date.isoformat() == "2023-12-13"
    assert plan.signer == "Bùi Đình Long"
    assert plan.issuer.code == "ubnd-tinh"
    assert [g.tasks.count() for g in plan.groups.order_by("position")] == [2, 6, 9, 5, 6]
    assert plan.tasks.count() == 28


@pytest.mark.parametrize("expected", TASKS, ids=lambda row: row["number"])
def test_task_matches_the_appendix(expected):
    task = Plan.objects.get(number="978/KH-UBND").tasks.get(number=expected["number"])
    assert task.title == expected["title"]
    assert _names(task, "lead") == expected["lead"]
    assert _names(task, "coordinating") == expected["coordinating"]
    timeframe = expected["timeframe"]
    if timeframe is None:
        assert task.timeframe_printed == "" and task.start_year is None
    else:
        assert task.timeframe_printed == timeframe["printed"]
        assert task.start_year == timeframe["start"]
        assert task.end_year == timeframe["end"]
        assert (task.recurrence or None) == timeframe["recurrence"]
    assert not task.flags


def test_header_matches_the_document():
    plan = Plan.objects.get(number="978/KH-UBND")
    assert plan.title == HEADER["title"]
    assert plan.legal_bases == HEADER["legal_bases"]
    assert plan.signing_authority == HEADER["signing_authority"]
    assert plan.issue_date == HEADER["issue_date"]


def test_default_data_file_is_what_the_parser_produces():
    """plan_978.json is generated, never edited by hand: regenerate it with `ttdn plan parse`."""
    import json

    from ttdn.plans.services import DEFAULT_PLANS, plan_data_from_text
    from ttdn.plans.tests.test_importer_text import SEED

    committed = json.loads(DEFAULT_PLANS[0].read_text(encoding="utf-8"))
    assert committed == plan_data_from_text(SEED.read_text(encoding="utf-8"))
