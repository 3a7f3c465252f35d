"""One whole year of plan 978: periods, obligations, three agencies report (one late, one
returned and resubmitted), reminders on the right working days across Tết, the
consolidated DOCX and XLSX."""

import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from ttdn.accounts.choices import Role
from ttdn.agencies.models import Agency
from ttdn.notifications.models import Notification
from ttdn.reporting.choices import ReportStatus, TaskState
from ttdn.reporting.exports import consolidated_docx, consolidated_xlsx
from ttdn.reporting.models import Obligation, ReminderLog
from ttdn.reporting.selectors.dashboard import period_status
from ttdn.reporting.services import reports
from ttdn.reporting.services.consolidated import consolidated_build
from ttdn.reporting.services.reminders import reminders_send

pytestmark = pytest.mark.django_db
D = datetime.date


def _fill(report, actor, *, done=True):
    for section in report.sections.all():
        reports.section_save(
            actor=actor,
            section=section,
            version=section.version,
            data=reports.SectionInput(
                status="done" if done else "in_progress",
                progress=100 if done else 60,
                results=f"<p>Đã thực hiện nhiệm vụ {section.task.number}.</p>",
                difficulties="Thiếu kinh phí.",
                indicators={"articles": "12"},
            ),
        )


def _file(period, code, make_user, at, day):
    officer = make_user(Role.OFFICER, code, username=f"o-{code}")
    head = make_user(Role.HEAD, code, username=f"h-{code}")
    at(day)
    report = reports.report_start(
        actor=officer, period=period, agency=Agency.objects.get(code=code)
    )
    _fill(report, officer)
    reports.report_submit(actor=officer, report=report)
    return officer, head, reports.report_approve(actor=head, report=report)


def test_obligations_for_every_agency_of_2024(year_2024):
    owing = set(Obligation.objects.filter(period=year_2024).values_list("agency__code", flat=True))
    # Before the reorganisation: Sở TT&TT itself, the 20 districts, both press bodies.
    assert {"so-tttt", "so-ngoai-vu", "bao-nghe-an", "dai-ptth", "cong-an-tinh"} <= owing
    assert sum(code.startswith("huyen-") for code in owing) == 20
    assert not any(code.startswith("xa-") for code in owing)
    assert "so-vhttdl" not in owing  # did not exist in 2024
    tasks = set(
        Obligation.objects.filter(period=year_2024, agency__code="so-tttt").values_list(
            "task__number", flat=True
        )
    )
    assert {"2.4", "4.5", "1.2"} <= tasks


def test_whole_year(year_2024, make_user, coordinator, at):
    due = year_2024.due_agency
    assert due == D(2024, 12, 17)
    _o1, _h1, on_time = _file(year_2024, "so-ngoai-vu", make_user, at, D(2024, 12, 16))
    _o2, _h2, late = _file(year_2024, "cong-an-tinh", make_user, at, D(2024, 12, 20))
    officer, head, returned = _file(year_2024, "so-noi-vu", make_user, at, D(2024, 12, 17))
    assert on_time.number == "1/BC-SNGV" or on_time.number.startswith("1/BC-")

    at(D(2024, 12, 18))
    reports.report_return(actor=coordinator, report=returned, comment="Bổ sung số liệu.")
    with pytest.raises(Exception, match="nothing has changed|chưa có thay đổi nào"):
        reports.report_submit(actor=officer, report=returned)
    section = returned.sections.first()
    reports.section_save(
        actor=officer,
        section=section,
        version=section.version,
        data=reports.SectionInput(
            status="done", progress=100, results="<p>Bổ sung: 15 tin, bài.</p>"
        ),
    )
    reports.report_submit(actor=officer, report=returned)
    returned = reports.report_approve(actor=head, report=returned)
    for report in (on_time, late, returned):
        reports.report_accept(actor=coordinator, report=report)

    status = period_status(year_2024, today=D(2024, 12, 30))
    by_agency = {row.agency.code: row for row in status.agencies}
    assert by_agency["so-ngoai-vu"].on_time is True
    assert by_agency["cong-an-tinh"].on_time is False
    assert by_agency["so-noi-vu"].on_time is True  # first submission counts
    assert by_agency["cong-an-tinh"].states[TaskState.DONE_LATE] == by_agency["cong-an-tinh"].owed
    assert by_agency["so-tttt"].states[TaskState.OVERDUE] == by_agency["so-tttt"].owed
    assert len(status.reported) == 3

    report = consolidated_build(actor=coordinator, period=year_2024)
    report.signer_name = "Nguyễn Văn Hải"
    report.save()
    _name, docx_bytes = consolidated_docx({"period": year_2024.pk}, lambda _p: None)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs)
    assert "Sở Ngoại vụ" in text and "Công an tỉnh" in text and "Bổ sung: 15 tin, bài." in text
    assert "Sở Thông tin và Truyền thông" in text  # among the agencies that did not report
    _name, xlsx_bytes = consolidated_xlsx({"period": year_2024.pk}, lambda _p: None)
    sheet = load_workbook(io.BytesIO(xlsx_bytes)).worksheets[0]
    assert sheet.max_row == len(status.agencies) + 1


# Counted by hand on a paper calendar: 3 working days before the due date 17/12/2024
# (12/12), on the day, one working day late (18/12), then every 3 working days — skipping
# weekends, New Year's Day (01/01/2025) and the Tết break (27/01–31/01/2025).
EXPECTED_REMINDERS = [
    D(2024, 12, 12),
    D(2024, 12, 17),
    D(2024, 12, 18),
    D(2024, 12, 23),
    D(2024, 12, 26),
    D(2024, 12, 31),
    D(2025, 1, 6),
    D(2025, 1, 9),
    D(2025, 1, 14),
    D(2025, 1, 17),
    D(2025, 1, 22),
    D(2025, 2, 3),
    D(2025, 2, 6),
    D(2025, 2, 11),
]


def test_reminders_fire_on_working_days_across_tet(year_2024, make_user):
    officer = make_user(Role.OFFICER, "so-tttt", username="o-tttt", email="tttt@example.org")
    days, day = [], D(2024, 12, 1)
    while day <= D(2025, 2, 12):
        before = ReminderLog.objects.filter(agency__code="so-tttt").count()
        reminders_send(today=day)
        reminders_send(today=day)  # the daily job may run twice: nothing is sent twice
        if ReminderLog.objects.filter(agency__code="so-tttt").count() > before:
            days.append(day)
        day += datetime.timedelta(days=1)
    assert [d.isoformat() for d in days] == [d.isoformat() for d in EXPECTED_REMINDERS]
    assert Notification.objects.filter(recipient=officer, kind="reminder").count() == len(days)


def test_no_reminder_once_the_report_is_sent(year_2024, make_user, at):
    _file(year_2024, "so-ngoai-vu", make_user, at, D(2024, 12, 10))
    reminders_send(today=D(2024, 12, 18))
    assert not ReminderLog.objects.filter(agency__code="so-ngoai-vu").exists()
    assert ReminderLog.objects.filter(agency__code="so-tttt").exists()
    report = year_2024.reports.get(agency__code="so-ngoai-vu")
    assert report.status == ReportStatus.SUBMITTED
