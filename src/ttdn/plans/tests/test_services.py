"""Loading plans: bad input gets one sentence and changes nothing (or flags and goes on)."""

import copy
import json

import pytest

from ttdn.core.errors import ApplicationError
from ttdn.plans.models import Plan, Task, TaskAssignment
from ttdn.plans.services import DEFAULT_PLANS, plan_import_file, plan_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_data():
    data = json.loads(DEFAULT_PLANS[0].read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["number"] = "1/KH-TEST"
    return data


def _counts():
    return Plan.objects.count(), Task.objects.count(), TaskAssignment.objects.count()


def test_loading_again_changes_nothing():
    before = _counts()
    report = plan_load(data=json.loads(DEFAULT_PLANS[0].read_text(encoding="utf-8")))
    assert report.created is False and report.tasks == 28
    assert _counts() == before


def test_unknown_agency_is_kept_as_text_flagged_and_the_rest_loads(plan_data, english):
    plan_data["groups"][0]["tasks"][0]["lead"] = ["Sở Không Có Thật"]
    report = plan_load(data=plan_data)
    assert report.created and report.tasks == 28
    assert any("Sở Không Có Thật" in flag for flag in report.flags)
    task = report.plan.tasks.get(number="1.1")
    assignment = task.assignments.get(role="lead")
    assert assignment.is_flagged and assignment.printed == "Sở Không Có Thật"
    assert task.flags and report.plan.import_flags


def test_unreadable_timeframe_is_kept_as_text_and_flagged(plan_data, english):
    plan_data["groups"][1]["tasks"][0]["timeframe"] = {
        "printed": "Quý III",
        "start": None,
        "end": None,
        "recurrence": None,
    }
    report = plan_load(data=plan_data)
    task = report.plan.tasks.get(number="2.1")
    assert task.timeframe_printed == "Quý III" and task.timeframe_flagged
    assert any("Quý III" in flag for flag in report.flags)
    assert report.tasks == 28


def test_duplicate_task_number_refuses_the_plan_and_writes_nothing(plan_data, english):
    plan_data["groups"][1]["tasks"][1]["number"] = "2.1"
    before = _counts()
    with pytest.raises(ApplicationError, match=r"Task number 2\.1 appears more than once"):
        plan_load(data=plan_data)
    assert _counts() == before


def test_missing_fields_and_bad_dates_are_refused(plan_data, english):
    with pytest.raises(ApplicationError, match="lacks these fields: title"):
        plan_load(data={**plan_data, "title": ""})
    with pytest.raises(ApplicationError, match="is not a date"):
        plan_load(data={**plan_data, "issue_date": "13/12/2023"})
    assert not Plan.objects.filter(number="1/KH-TEST").exists()


def test_import_from_the_printed_text(tmp_path, settings):
    from ttdn.plans.tests.test_importer_text import SEED

    text = SEED.read_text(encoding="utf-8").replace("978/KH-UBND", "979/KH-UBND")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    report = plan_import_file(path=path)
    assert report.created and report.tasks == 28 and not report.flags
    assert report.plan.slug == "979-kh-ubnd"


def test_import_refuses_non_utf8_and_broken_json(tmp_path, english):
    latin = tmp_path / "plan.txt"
    latin.write_bytes("Kế hoạch".encode("utf-16"))
    with pytest.raises(ApplicationError, match="not UTF-8"):
        plan_import_file(path=latin)
    broken = tmp_path / "plan.json"
    broken.write_text('{"number": ', encoding="utf-8")
    with pytest.raises(ApplicationError, match="not valid JSON"):
        plan_import_file(path=broken)
    assert Plan.objects.count() == 1
