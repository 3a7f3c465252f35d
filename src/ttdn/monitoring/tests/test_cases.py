"""Press cases under decision 29/2023: clocks in calendar or working days, the agency's
verdict, actions and clarification (published to the database), closing, reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from ttdn.accounts.choices import Role
from ttdn.agencies.models import Agency
from ttdn.core.calendar import WorkingCalendar
from ttdn.core.errors import ApplicationError
from ttdn.monitoring.choices import CaseKind, CaseStatus, DayBasis
from ttdn.monitoring.models import MonitoringSettings, NoticeLog
from ttdn.monitoring.services import cases, clarifications
from ttdn.monitoring.services.settings import monitoring_settings_update

pytestmark = pytest.mark.django_db
# Hùng Kings' day falls on Sunday 26/4/2026 (Monday 27/4 off instead); 30/4 and 1/5 are
# holidays too.
FRIDAY = datetime.date(2026, 4, 24)


def deadlines(kind, basis, published=FRIDAY, discovered=FRIDAY):
    return cases.case_deadlines(
        kind=kind,
        published_on=published,
        discovered_on=discovered,
        basis=basis,
        rules=MonitoringSettings(),
        calendar=WorkingCalendar(),
    )


def test_the_clocks_of_decision_29_in_calendar_and_working_days():
    assert deadlines(CaseKind.PRESS, DayBasis.CALENDAR) == (
        datetime.date(2026, 4, 29),
        datetime.date(2026, 5, 14),
    )
    # Working days skip the weekend, 27/4, 30/4 and 1/5: 28, 29/4, 4, 5, 6/5.
    assert deadlines(CaseKind.PRESS, DayBasis.WORKING) == (
        datetime.date(2026, 5, 6),
        datetime.date(2026, 5, 27),
    )
    social = deadlines(CaseKind.SOCIAL, DayBasis.CALENDAR, discovered=datetime.date(2026, 5, 4))
    assert social == (datetime.date(2026, 5, 9), datetime.date(2026, 5, 9))


@pytest.fixture
def agency():
    return Agency.objects.get(code="so-ngoai-vu")


@pytest.fixture
def case(negative_foreign_story, coordinator, agency, at):
    at(datetime.date(2026, 4, 25))
    return cases.case_open(
        actor=coordinator,
        story=negative_foreign_story,
        agency=agency,
        published_on=FRIDAY,
        discovered_on=datetime.date(2026, 4, 25),
    )


def test_opening_a_case_from_a_story(officer, case, negative_foreign_story, mailoutbox):
    assert case.title == negative_foreign_story.title and case.outlet == "Đài nước ngoài mẫu"
    assert case.url == "https://foreign.example/nghe-an-1"
    assert (case.verify_due, case.report_due) == (
        datetime.date(2026, 4, 29),
        datetime.date(2026, 5, 14),
    )
    assert case.day_basis == DayBasis.CALENDAR and case.status == CaseStatus.OPEN
    negative_foreign_story.refresh_from_db()
    assert negative_foreign_story.needs_answer
    assert officer.notifications.filter(kind="press_case").exists()


def test_the_setting_changes_new_cases_only(case, coordinator, negative_foreign_story, agency):
    monitoring_settings_update(actor=coordinator, data={"day_basis": DayBasis.WORKING})
    working = cases.case_open(
        actor=coordinator,
        story=negative_foreign_story,
        agency=agency,
        published_on=FRIDAY,
        discovered_on=FRIDAY,
    )
    case.refresh_from_db()
    assert case.verify_due == datetime.date(2026, 4, 29)
    assert working.verify_due == datetime.date(2026, 5, 6)


def test_only_the_coordinator_opens_a_case(negative_foreign_story, officer, leader, agency):
    for user in (officer, leader):
        with pytest.raises(PermissionDenied):
            cases.case_open(actor=user, story=negative_foreign_story, agency=agency)


def test_dates_are_checked(negative_foreign_story, coordinator, agency, english):
    with pytest.raises(ApplicationError, match="cannot be discovered before"):
        cases.case_open(
            actor=coordinator,
            story=negative_foreign_story,
            agency=agency,
            published_on=datetime.date(2026, 4, 20),
            discovered_on=datetime.date(2026, 4, 19),
        )


def test_the_agency_answers_and_closes_on_time(case, officer, coordinator, at, english):
    at(datetime.date(2026, 4, 27))
    with pytest.raises(ApplicationError, match="verdict before closing"):
        cases.case_close(actor=officer, case=case)
    cases.case_verdict(
        actor=officer,
        case=case,
        verdict="false",
        note="Mức bồi thường đúng quy định; không có việc lấy ý kiến sai.",
    )
    with pytest.raises(ApplicationError, match="Record what was done"):
        cases.case_close(actor=officer, case=case)
    cases.case_action_add(actor=officer, case=case, kind="reply", note="Đã gửi văn bản cho báo.")
    closed = cases.case_close(actor=officer, case=case, note="Đã trả lời.")
    assert closed.status == CaseStatus.CLOSED and closed.verified_on_time and closed.closed_on_time
    assert not closed.story.needs_answer
    assert coordinator.notifications.filter(title__contains="closed").exists()


def test_a_late_verification_is_not_on_time(case, officer, at):
    at(datetime.date(2026, 5, 2))
    cases.case_verdict(actor=officer, case=case, verdict="true", note="Đúng một phần.")
    cases.case_action_add(actor=officer, case=case, kind="report")
    closed = cases.case_close(actor=officer, case=case)
    assert closed.verified_on_time is False and closed.closed_on_time is False


def test_another_agency_cannot_answer(case, make_user):
    stranger = make_user(Role.OFFICER, "so-y-te", username="yte")
    with pytest.raises(PermissionDenied):
        cases.case_verdict(actor=stranger, case=case, verdict="true", note="x")


def test_overdue_cases_join_the_reminders_once_a_day(officer, coordinator, case, english):
    assert cases.cases_remind(today=datetime.date(2026, 4, 29)) == 0  # due today, not late
    assert cases.cases_remind(today=datetime.date(2026, 4, 30)) == 1  # first day late
    assert cases.cases_remind(today=datetime.date(2026, 4, 30)) == 0  # idempotent
    assert cases.cases_remind(today=datetime.date(2026, 5, 1)) == 0  # every 3 days
    assert cases.cases_remind(today=datetime.date(2026, 5, 3)) == 1
    assert officer.notifications.filter(title__startswith="Press case overdue").count() == 2
    assert coordinator.notifications.filter(title__startswith="Press case overdue").exists()
    assert NoticeLog.objects.filter(kind="case-verify").count() == 2


def test_a_clarification_in_two_languages_is_published_to_the_database(case, officer, coordinator):
    from ttdn.catalog.models import Item

    clarifications.clarification_save(
        actor=officer,
        case=case,
        language="vi",
        title="Thông tin chính thức về bồi thường",
        body="Mức bồi thường được áp dụng theo quy định của tỉnh.",
    )
    clarifications.clarification_save(
        actor=officer,
        case=case,
        language="en",
        title="Official information on compensation",
        body="Compensation follows the province's regulations.",
    )
    published = clarifications.clarification_publish(actor=coordinator, case=case)
    assert [c.language for c in published] == ["vi", "en"]
    items = Item.objects.filter(pk__in=[c.catalog_item_id for c in published])
    assert {item.language for item in items} == {"vi", "en"}
    assert items.values("translation_key").distinct().count() == 1  # linked translations
    assert {item.status for item in items} == {"published"}
    assert items.first().agency == case.agency
    assert case.actions.filter(kind="clarification").exists()
    assert clarifications.clarification_publish(actor=coordinator, case=case) == []  # once


def test_an_agencys_clarification_goes_to_review(case, officer):
    from ttdn.catalog.models import Item

    clarifications.clarification_save(
        actor=officer,
        case=case,
        language="vi",
        title="Thông tin chính thức",
        body="Nội dung làm rõ.",
    )
    (row,) = clarifications.clarification_publish(actor=officer, case=case)
    assert Item.objects.get(pk=row.catalog_item_id).status == "in_review"


def test_a_clarification_is_checked(case, officer, english):
    with pytest.raises(ApplicationError, match="needs a title and a text"):
        clarifications.clarification_save(
            actor=officer, case=case, language="vi", title="T", body="<script>x</script>"
        )
