"""The agency report: drafting, conflicts, evidence, approval and review — and bad input."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ttdn.accounts.choices import Role
from ttdn.agencies.models import Agency
from ttdn.core.errors import ApplicationError
from ttdn.reporting.choices import ReportStatus
from ttdn.reporting.models import Evidence, IndicatorValue, ReportEvent, ReportSection
from ttdn.reporting.services import reports
from ttdn.reporting.services.periods import period_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def report(year_2024, officer):
    return reports.report_start(
        actor=officer, period=year_2024, agency=Agency.objects.get(code="so-ngoai-vu")
    )


def _input(**overrides):
    values = {"status": "in_progress", "progress": 50, "results": "<p>Kết quả.</p>"}
    return reports.SectionInput(**(values | overrides))


def _snapshot(report):
    return (
        list(
            ReportSection.objects.filter(report=report)
            .order_by("pk")
            .values_list("status", "progress", "results", "version")
        ),
        IndicatorValue.objects.filter(section__report=report).count(),
        Evidence.objects.filter(section__report=report).count(),
    )


def test_sections_follow_the_obligations(report):
    numbers = list(report.sections.values_list("task__number", flat=True))
    assert "3.3" in numbers and "3.5" in numbers and "5.4" in numbers
    assert "3.1" not in numbers  # press bodies' task


def test_rich_text_is_sanitised_and_every_change_is_kept(report, officer):
    section = report.sections.first()
    saved = reports.section_save(
        actor=officer,
        section=section,
        version=section.version,
        data=_input(
            results='<p onclick="x()">Hay <script>alert(1)</script><strong>đậm</strong></p>'
        ),
    )
    assert saved.results == "<p>Hay <strong>đậm</strong></p>"
    event = ReportEvent.objects.filter(report=report, action="saved").last()
    assert event.actor == officer and event.changes["progress"] == [0, 50]


def test_second_editor_gets_a_conflict_with_both_versions_and_nothing_is_lost(
    report, officer, make_user
):
    colleague = make_user(Role.OFFICER, "so-ngoai-vu", username="colleague")
    section = report.sections.first()
    loaded = section.version
    reports.section_save(
        actor=colleague,
        section=section,
        version=loaded,
        data=_input(results="<p>Văn bản của đồng nghiệp.</p>"),
    )
    with pytest.raises(reports.ConflictError) as conflict:
        reports.section_save(
            actor=officer,
            section=section,
            version=loaded,
            data=_input(results="<p>Văn bản của tôi.</p>"),
        )
    assert "colleague" in conflict.value.message
    assert conflict.value.theirs.results == "<p>Văn bản của đồng nghiệp.</p>"
    assert conflict.value.mine["results"] == "<p>Văn bản của tôi.</p>"
    section.refresh_from_db()
    assert section.results == "<p>Văn bản của đồng nghiệp.</p>"
    # Keeping mine is a deliberate save against the version just seen.
    reports.section_save(
        actor=officer,
        section=section,
        version=section.version,
        data=_input(results="<p>Văn bản của tôi.</p>"),
    )


@pytest.mark.parametrize(
    ("indicators", "message"),
    [
        ({"articles": "-3"}, "cannot be negative"),
        ({"articles": "mười"}, "is not a number"),
        ({"articles": "1e400"}, "too large|not a number"),
        ({"nope": "1"}, "is not an indicator"),
    ],
)
def test_bad_indicator_values_change_nothing(report, officer, indicators, message):
    section = report.sections.first()
    before = _snapshot(report)
    with pytest.raises(ApplicationError, match=message):
        reports.section_save(
            actor=officer,
            section=section,
            version=section.version,
            data=_input(indicators=indicators, progress=70),
        )
    assert _snapshot(report) == before


@pytest.mark.parametrize("progress", ["150", "-1", "abc", "12.5"])
def test_bad_progress_changes_nothing(report, officer, progress):
    section = report.sections.first()
    before = _snapshot(report)
    with pytest.raises(ApplicationError, match="whole number from 0 to 100"):
        reports.section_save(
            actor=officer, section=section, version=section.version, data=_input(progress=progress)
        )
    assert _snapshot(report) == before


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_evidence_checked_by_content(report, officer, settings):
    section = report.sections.first()
    ok = reports.evidence_add(
        actor=officer, section=section, title="Ảnh", upload=SimpleUploadedFile("anh.png", _png())
    )
    assert ok.content_type == "image/png" and len(ok.sha256) == 64
    disguised = SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ApplicationError, match="not an accepted kind of file"):
        reports.evidence_add(actor=officer, section=section, title="x", upload=disguised)
    exe = SimpleUploadedFile("tai-lieu.docx", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ApplicationError, match="not an accepted kind of file"):
        reports.evidence_add(actor=officer, section=section, title="x", upload=exe)
    settings.TTDN_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.7\n" + b"0" * 4096)
    with pytest.raises(ApplicationError, match="at most 1"):
        reports.evidence_add(actor=officer, section=section, title="x", upload=big)
    assert Evidence.objects.filter(section__report=report).count() == 1


def test_approval_flow_and_numbering(report, officer, head, coordinator):
    with pytest.raises(PermissionDenied):
        reports.report_approve(actor=officer, report=report)
    reports.report_submit(actor=officer, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING and not report.number
    with pytest.raises(ApplicationError, match="already waiting"):
        reports.report_submit(actor=officer, report=report)
    report = reports.report_approve(actor=head, report=report)
    assert report.status == ReportStatus.SUBMITTED and report.number == "1/BC-SNV"
    with pytest.raises(ApplicationError, match="already submitted"):
        reports.report_submit(actor=officer, report=report)
    with pytest.raises(ApplicationError, match="already submitted"):
        reports.report_approve(actor=head, report=report)
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        section = report.sections.first()
        reports.section_save(actor=officer, section=section, version=section.version, data=_input())
    with pytest.raises(ApplicationError, match="Say what must be corrected"):
        reports.report_return(actor=coordinator, report=report, comment="  ")
    reports.report_return(actor=coordinator, report=report, comment="Bổ sung số liệu.")
    report.refresh_from_db()
    with pytest.raises(ApplicationError, match="nothing has changed"):
        reports.report_submit(actor=officer, report=report)
    assert report.status == ReportStatus.RETURNED
    section = report.sections.first()
    reports.section_save(
        actor=officer, section=section, version=section.version, data=_input(progress=80)
    )
    reports.report_submit(actor=officer, report=report)
    report = reports.report_approve(actor=head, report=report)
    assert report.number == "1/BC-SNV"  # the number is kept on resubmission
    reports.report_accept(actor=coordinator, report=report)


def test_editing_while_awaiting_approval_withdraws_the_request(report, officer):
    reports.report_submit(actor=officer, report=report)
    section = report.sections.first()
    reports.section_save(actor=officer, section=section, version=section.version, data=_input())
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_other_agencies_cannot_write(report, make_user, leader):
    stranger = make_user(Role.OFFICER, "so-noi-vu", username="stranger")
    section = report.sections.first()
    for actor in (stranger, leader):
        with pytest.raises(PermissionDenied):
            reports.section_save(
                actor=actor, section=section, version=section.version, data=_input()
            )


def test_start_from_previous_report(year_2024, officer, head, coordinator, plan):
    from ttdn.reporting.services.obligations import obligations_generate
    from ttdn.reporting.services.periods import periods_generate

    agency = Agency.objects.get(code="so-ngoai-vu")
    first = reports.report_start(actor=officer, period=year_2024, agency=agency)
    section = first.sections.get(task__number="3.3")
    reports.section_save(
        actor=officer,
        section=section,
        version=section.version,
        data=_input(results="<p>Phim về Nghệ An.</p>", indicators={"videos": "4"}),
    )
    (year_2025,) = periods_generate(actor=coordinator, plan=plan, years=[2025], kinds=["year"])
    obligations_generate(period=year_2025)
    second = reports.report_start(
        actor=officer, period=year_2025, agency=agency, from_previous=True
    )
    copied = second.sections.get(task__number="3.3")
    assert copied.results == "<p>Phim về Nghệ An.</p>" and second.started_from == first
    assert copied.indicators.get().value == 4


def test_period_with_cutoff_after_due_is_refused_and_unchanged(year_2024, coordinator):
    with pytest.raises(ApplicationError, match="must end before the due date"):
        period_update(actor=coordinator, period=year_2024, cutoff_end=datetime.date(2024, 12, 20))
    year_2024.refresh_from_db()
    assert year_2024.cutoff_end == datetime.date(2024, 12, 14)
