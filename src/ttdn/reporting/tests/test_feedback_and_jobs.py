"""Public feedback (honeypot, rate limit, private link), the scheduler and the CLI."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from ttdn.core.models import ScheduledRun
from ttdn.core.scheduler import tick
from ttdn.reporting.models import Feedback, Obligation, ReportingPeriod
from ttdn.reporting.services.feedback import FEEDBACK_PER_HOUR

pytestmark = pytest.mark.django_db
FORM = {
    "kind": "proposal",
    "subject": "Đề xuất",
    "message": "Nên có thêm tài liệu tiếng Lào.",
    "name": "Lê Thị Mai",
    "organisation": "",
    "email": "",
    "phone": "",
    "website": "",
}


def test_anyone_sends_and_follows_through_a_private_link(client, coordinator):
    response = client.post(reverse("feedback:form"), FORM)
    item = Feedback.objects.get()
    assert response.url == reverse("feedback:status", args=[item.token])
    assert "Nên có thêm tài liệu tiếng Lào." in client.get(response.url).content.decode()
    client.force_login(coordinator)
    client.post(
        reverse("reporting:feedback_detail", args=[item.pk]), {"answer": "Cảm ơn, sẽ bổ sung."}
    )
    client.logout()
    assert "Cảm ơn, sẽ bổ sung." in client.get(response.url).content.decode()
    assert client.get(reverse("feedback:status", args=["wrong-token"])).status_code == 404


def test_honeypot_and_rate_limit_keep_what_was_typed(client):
    response = client.post(reverse("feedback:form"), FORM | {"website": "http://spam"})
    assert response.status_code == 429 and not Feedback.objects.exists()
    for _ in range(FEEDBACK_PER_HOUR):
        client.post(reverse("feedback:form"), FORM)
    blocked = client.post(reverse("feedback:form"), FORM | {"message": "Tin thứ sáu."})
    body = blocked.content.decode()
    assert blocked.status_code == 429 and "Tin thứ sáu." in body
    assert Feedback.objects.count() == FEEDBACK_PER_HOUR


def test_feedback_list_is_not_public(client, officer):
    assert client.get(reverse("reporting:feedback")).status_code == 302
    client.force_login(officer)
    client.post(reverse("feedback:form"), FORM)
    item = Feedback.objects.get()
    assert client.get(reverse("reporting:feedback_detail", args=[item.pk])).status_code == 404


def test_scheduler_enqueues_the_daily_job_once(year_2024, settings):
    from django.utils import timezone

    morning = datetime.datetime(2025, 1, 6, 6, 0, tzinfo=timezone.get_current_timezone())
    assert tick(morning) == []  # before 07:00
    later = morning + datetime.timedelta(hours=2)
    assert tick(later) == ["reporting-daily"]  # runs (immediately in tests)
    assert tick(later) == []
    assert ScheduledRun.objects.count() == 1


def test_daily_job_generates_obligations_when_a_period_opens(plan, coordinator):
    from ttdn.reporting.services.daily import reporting_daily_run
    from ttdn.reporting.services.periods import periods_generate

    (period,) = periods_generate(actor=coordinator, plan=plan, years=[2026], kinds=["year"])
    assert not period.obligations.exists()
    reporting_daily_run(today=datetime.date(2026, 1, 5))
    owing = set(Obligation.objects.filter(period=period).values_list("agency__code", flat=True))
    assert "so-vhttdl" in owing and "so-tttt" not in owing
    assert sum(code.startswith("xa-") for code in owing) == 130


def test_cli_export(year_2024, coordinator, tmp_path):
    output = tmp_path / "bao-cao.docx"
    call_command("report", "export", "2024-year", "--format", "xlsx", "--output", str(output))
    assert output.read_bytes()[:2] == b"PK"
    from ttdn.reporting.models import ConsolidatedReport
    from ttdn.reporting.services.consolidated import consolidated_build

    consolidated_build(actor=coordinator, period=year_2024)
    ConsolidatedReport.objects.update(signer_name="Nguyễn Văn Hải")
    call_command("report", "export", "2024-year", "--format", "docx", "--output", str(output))
    assert "BÁO CÁO" in "\n".join(
        p.text for p in Document(io.BytesIO(output.read_bytes())).paragraphs
    )
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No period has the code 2019-year"):
        call_command("report", "export", "2019-year", "--format", "docx", "--output", str(output))
    assert ReportingPeriod.objects.count() == 1


def test_coordinator_maintains_indicators_rules_and_calendar(client, coordinator, officer):
    from ttdn.core.models import WorkdayAdjustment
    from ttdn.reporting.models import IndicatorType, ReminderRule

    url = reverse("reporting:settings")
    client.cookies["ttdn_language"] = "en"
    client.force_login(officer)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.post(url, {"action": "indicator", "name": "Bản tin tiếng Lào", "unit": "số"})
    assert IndicatorType.objects.filter(name="Bản tin tiếng Lào").exists()
    client.post(url, {"action": "rule", "offset": "-5", "repeat_every": "0", "send_email": "1"})
    assert ReminderRule.objects.filter(offset=-5).exists()
    before = ReminderRule.objects.count()
    response = client.post(url, {"action": "rule", "offset": "abc"}, follow=True)
    assert "is not a whole number" in response.content.decode()
    assert ReminderRule.objects.count() == before
    client.post(
        url,
        {
            "action": "workday",
            "date": "2026-04-25",
            "kind": "working_day",
            "reason": "Làm bù cho ngày 27/04",
        },
    )
    assert WorkdayAdjustment.objects.get(date=datetime.date(2026, 4, 25)).kind == "working_day"
