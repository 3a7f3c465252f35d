"""Spokespersons' press-conference warnings (Decree 09/2017), the daily job, and the
scheduler's interval entry that enqueues fetch runs."""

import datetime

import pytest

from ttdn.agencies.models import Agency
from ttdn.core.errors import ApplicationError
from ttdn.monitoring.services import spokespersons as press

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return Agency.objects.get(code="so-ngoai-vu")


def test_no_press_conference_for_three_months_warns_the_agency(agency, officer, coordinator):
    press.spokesperson_save(
        actor=officer, agency=agency, data={"name": "Lê Văn Minh", "position": "Phó Giám đốc"}
    )
    today = datetime.date(2026, 5, 15)
    assert [gap["agency"] for gap in press.conference_gaps(today=today)] == [agency]
    press.press_release_save(
        actor=officer,
        agency=agency,
        kind="conference",
        title="Họp báo quý I",
        held_on=datetime.date(2026, 2, 16),
    )
    assert press.conference_gaps(today=today) == []
    assert press.conference_gaps(today=datetime.date(2026, 5, 17))  # 3 months and a day
    assert press.conference_warnings_send(today=datetime.date(2026, 5, 17)) == 1
    assert press.conference_warnings_send(today=datetime.date(2026, 5, 18)) == 0  # monthly
    assert officer.notifications.filter(kind="press_conference").count() == 1


def test_an_agency_keeps_only_its_own_spokespersons(agency, make_user):
    from django.core.exceptions import PermissionDenied

    stranger = make_user("officer", "so-y-te", username="yte")
    with pytest.raises(PermissionDenied):
        press.spokesperson_save(actor=stranger, agency=agency, data={"name": "X", "position": "Y"})
    with pytest.raises(ApplicationError):
        press.spokesperson_save(
            actor=stranger,
            agency=stranger.agency,
            data={
                "name": "X",
                "position": "Y",
                "appointed_on": datetime.date(2026, 5, 1),
                "until": datetime.date(2026, 4, 1),
            },
        )


def test_the_daily_job_is_idempotent(coordinator, officer):
    from ttdn.monitoring.jobs import monitoring_daily
    from ttdn.monitoring.models import ClassifierModel, Digest

    first = monitoring_daily.call("2026-04-20")  # a Monday: daily and weekly digests
    second = monitoring_daily.call("2026-04-20")
    assert first["digest_daily"] == second["digest_daily"] and first["digest_weekly"]
    assert Digest.objects.count() == 2
    assert first["retrained"] == {"topic": 1, "tone": 1} and second["retrained"] == {}
    assert ClassifierModel.objects.count() == 2


def test_the_scheduler_enqueues_a_fetch_once_per_quarter_hour(monkeypatch):
    from django.utils import timezone

    from ttdn.core import scheduler
    from ttdn.core.models import ScheduledRun

    enqueued = []
    monkeypatch.setattr(
        scheduler,
        "import_string",
        lambda path: type("Job", (), {"enqueue": lambda slot: enqueued.append((path, slot))}),
    )
    moment = datetime.datetime(2026, 4, 20, 9, 7, tzinfo=timezone.get_current_timezone())

    def fetches(now):  # other interval jobs (the catalog's) tick too
        return [name for name in scheduler.tick_intervals(now) if name == "monitoring-fetch"]

    assert fetches(moment) == ["monitoring-fetch"]
    assert fetches(moment + datetime.timedelta(minutes=5)) == []  # same slot
    assert fetches(moment + datetime.timedelta(minutes=8)) == ["monitoring-fetch"]
    monitoring = [slot for path, slot in enqueued if path.startswith("ttdn.monitoring.")]
    assert [slot[11:16] for slot in monitoring] == ["09:00", "09:15"]
    assert ScheduledRun.objects.filter(name__startswith="monitoring-fetch@").count() == 2
    assert "monitoring-daily" in [entry.name for entry in scheduler.SCHEDULE]
