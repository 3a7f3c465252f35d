"""The reporting pages through HTTP: permissions, autosave and its conflict, exports."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ttdn.accounts.choices import Role
from ttdn.agencies.models import Agency
from ttdn.exports.models import ExportJob, ExportStatus
from ttdn.reporting.models import AgencyReport, ReportSection
from ttdn.reporting.services import reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(year_2024, officer):
    return reports.report_start(
        actor=officer, period=year_2024, agency=Agency.objects.get(code="so-ngoai-vu")
    )


def _post_section(client, section, **overrides):
    data = {
        "version": section.version,
        "status": "in_progress",
        "progress": "40",
        "results": "<p>Đang làm.</p>",
        "difficulties": "",
        "proposals": "",
        "indicator-articles": "5",
    } | overrides
    return client.post(
        reverse("reporting:section_save", args=[section.pk]), data, HTTP_HX_REQUEST="true"
    )


@pytest.mark.parametrize(
    ("role", "agency", "dashboard", "own_report", "other_report"),
    [
        (Role.OFFICER, "so-ngoai-vu", 403, 200, 403),
        (Role.HEAD, "so-ngoai-vu", 403, 200, 403),
        (Role.COORDINATOR, "so-vhttdl", 200, 200, 200),
        (Role.LEADER, "ubnd-tinh", 200, 200, 200),
        (Role.ADMIN, None, 200, 200, 200),
    ],
)
def test_permissions(
    client, make_user, year_2024, role, agency, dashboard, own_report, other_report
):
    client.force_login(make_user(role, agency, username="viewer"))
    assert client.get(reverse("reporting:dashboard", args=[year_2024.pk])).status_code == dashboard
    assert (
        client.get(reverse("reporting:report", args=[year_2024.pk, "so-ngoai-vu"])).status_code
        == own_report
    )
    assert (
        client.get(reverse("reporting:report", args=[year_2024.pk, "so-noi-vu"])).status_code
        == other_report
    )
    assert client.get(reverse("reporting:periods")).status_code == 200


def test_autosave_and_conflict_over_http(client, report, officer, make_user):
    section = report.sections.first()
    client.force_login(officer)
    response = _post_section(client, section)
    assert response.status_code == 200 and 'data-testid="saved"' in response.content.decode()
    assert f'value="{section.version + 1}"' in response.content.decode()  # new version, out of band
    other = make_user(Role.OFFICER, "so-ngoai-vu", username="other")
    client.force_login(other)
    stale = _post_section(client, section, results="<p>Của người khác.</p>")  # still version 1
    body = stale.content.decode()
    assert stale.status_code == 409 and "Của người khác." in body and "Đang làm." in body
    assert ReportSection.objects.get(pk=section.pk).results == "<p>Đang làm.</p>"


def test_autosave_refuses_bad_input_with_a_sentence(client, report, officer):
    client.force_login(officer)
    section = report.sections.first()
    response = _post_section(client, section, **{"indicator-articles": "-2"})
    assert response.status_code == 422 and 'data-testid="save-error"' in response.content.decode()
    assert ReportSection.objects.get(pk=section.pk).version == section.version


def test_flow_over_http(client, report, officer, head, coordinator):
    client.force_login(officer)
    client.post(reverse("reporting:report_action", args=[report.pk, "submit"]))
    client.force_login(head)
    client.post(reverse("reporting:report_action", args=[report.pk, "approve"]))
    client.force_login(coordinator)
    client.post(reverse("reporting:report_action", args=[report.pk, "return"]), {"comment": "Sửa."})
    assert AgencyReport.objects.get(pk=report.pk).status == "returned"
    page = client.get(reverse("reporting:report", args=[report.period_id, "so-ngoai-vu"]))
    assert "Sửa." in page.content.decode()


def test_dashboard_queries_do_not_grow_with_reports(client, year_2024, coordinator, make_user):
    client.force_login(coordinator)
    url = reverse("reporting:dashboard", args=[year_2024.pk])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for code in ("so-ngoai-vu", "so-noi-vu", "cong-an-tinh", "so-tttt"):
        officer = make_user(Role.OFFICER, code, username=f"u-{code}")
        report = reports.report_start(
            actor=officer, period=year_2024, agency=Agency.objects.get(code=code)
        )
        for section in report.sections.all()[:3]:
            reports.section_save(
                actor=officer,
                section=section,
                version=section.version,
                data=reports.SectionInput(
                    status="done", progress=100, indicators={"articles": "3"}
                ),
            )
    assert count() == before


def test_dashboard_tables_export_to_xlsx(client, year_2024, coordinator):
    client.force_login(coordinator)
    for table in ("agencies", "tasks", "missing", "matrix"):
        response = client.get(reverse("reporting:dashboard_export", args=[year_2024.pk, table]))
        assert response.status_code == 200, table
        assert load_workbook(io.BytesIO(response.content)).worksheets[0].max_row > 1
    assert (
        client.get(reverse("reporting:dashboard_export", args=[year_2024.pk, "x"])).status_code
        == 400
    )


def test_consolidated_export_job_leaves_a_row_to_download(
    client, year_2024, coordinator, officer, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(reverse("reporting:consolidated", args=[year_2024.pk]), {"build": "build"})
    client.post(
        reverse("reporting:consolidated", args=[year_2024.pk]),
        {
            "subject": "Báo cáo",
            "signer_name": "Nguyễn Văn Hải",
            "signer_authority": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            "recipients": "Lưu: VT",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:consolidated_export", args=[year_2024.pk, "docx"])
        )
    job = ExportJob.objects.get()
    assert response.url == reverse("exports:detail", args=[job.pk])
    assert job.status == ExportStatus.DONE and job.progress == 100
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200 and job.filename.endswith(".docx")
    client.force_login(officer)
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 403


def test_export_without_signer_fails_with_a_sentence(
    client, year_2024, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:consolidated_export", args=[year_2024.pk, "docx"]))
    job = ExportJob.objects.get()
    assert (
        job.status == ExportStatus.FAILED
        and "signer" in job.error.lower()
        or "người ký" in job.error
    )


def test_dashboard_filters_by_agency_kind_and_task_group(client, year_2024, coordinator):
    client.force_login(coordinator)
    url = reverse("reporting:dashboard", args=[year_2024.pk])
    everyone = client.get(url).content.decode().count('data-testid="agency-status-row"')
    districts = client.get(url, {"kind": "district"}).content.decode()
    assert districts.count('data-testid="agency-status-row"') == 20 < everyone
    tasks = client.get(url, {"tab": "tasks", "group": "1"}).content.decode()
    assert "<strong>1.1</strong>" in tasks and "<strong>2.1</strong>" not in tasks
