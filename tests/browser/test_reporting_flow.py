"""An officer files and submits; the head approves; the coordinator returns it with a
comment; the officer fixes and resubmits (the head approves again); the coordinator
accepts and exports the consolidated report."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def period_2026(default_data, make_user):
    from ttdn.plans.models import Plan
    from ttdn.reporting.services.defaults import indicators_ensure
    from ttdn.reporting.services.obligations import obligations_generate
    from ttdn.reporting.services.periods import periods_generate

    indicators_ensure()
    plan = Plan.objects.get(number="978/KH-UBND")
    (period,) = periods_generate(actor=None, plan=plan, years=[2026], kinds=["year"])
    obligations_generate(period=period)
    return period


def test_report_review_and_export(browser, live_server, shot, period_2026, make_user):
    make_user(
        Role.OFFICER, "so-ngoai-vu", username="canbo", first_name="Bình", last_name="Trần Văn"
    )
    make_user(Role.HEAD, "so-ngoai-vu", username="truong", first_name="Cường", last_name="Lê Hoàng")
    make_user(
        Role.COORDINATOR, "so-vhttdl", username="dieuphoi", first_name="An", last_name="Nguyễn Thị"
    )
    report_url = f"{live_server.url}/reports/periods/{period_2026.pk}/agency/so-ngoai-vu/"

    officer = login(browser, live_server, "canbo")
    officer.get_by_test_id("nav-reports").click()
    officer.get_by_test_id("my-period").filter(has_text="Năm 2026").click()
    officer.get_by_test_id("start-report").click()
    section = officer.get_by_test_id("section").first
    section.get_by_label("Trạng thái").select_option("done")
    section.locator(".editor").click()
    section.locator(".editor").type("Đón 3 đoàn phóng viên Lào đến tác nghiệp tại tỉnh.")
    section.get_by_label(re.compile("Tin, bài")).fill("14")
    expect(section.get_by_test_id("saved")).to_be_visible()
    shot(officer, "20-report-draft")
    officer.get_by_test_id("submit-report").click()
    expect(officer.get_by_test_id("report-status")).to_have_text("Chờ thủ trưởng phê duyệt")

    head = login(browser, live_server, "truong")
    head.goto(report_url)
    head.get_by_test_id("approve-report").click()
    expect(head.get_by_test_id("report-status")).to_have_text("Đã gửi")
    expect(head.get_by_test_id("report-number")).to_have_text("1/BC-SNV")
    shot(head, "21-report-approved")

    coordinator = login(browser, live_server, "dieuphoi")
    coordinator.goto(f"{live_server.url}/reports/periods/{period_2026.pk}/")
    expect(coordinator.get_by_test_id("kpi-reported")).to_have_text("1")
    shot(coordinator, "22-dashboard")
    coordinator.goto(report_url)
    coordinator.get_by_test_id("return-comment").fill("Đề nghị bổ sung số lượt người tham gia.")
    coordinator.get_by_test_id("return-report").click()
    expect(coordinator.get_by_test_id("report-status")).to_have_text("Bị trả lại")

    officer.goto(report_url)
    expect(officer.get_by_test_id("review-comment")).to_contain_text("bổ sung số lượt người")
    section = officer.get_by_test_id("section").first
    section.get_by_label(re.compile("Lượt người tham gia")).fill("120")
    expect(section.get_by_test_id("saved")).to_be_visible()
    officer.get_by_test_id("submit-report").click()
    head.goto(report_url)
    head.get_by_test_id("approve-report").click()
    expect(head.get_by_test_id("report-status")).to_have_text("Đã gửi")

    coordinator.goto(report_url)
    coordinator.get_by_test_id("accept-report").click()
    expect(coordinator.get_by_test_id("report-status")).to_have_text("Đã tiếp nhận")
    coordinator.goto(f"{live_server.url}/reports/periods/{period_2026.pk}/consolidated/")
    coordinator.get_by_test_id("build-draft").click()
    expect(coordinator.get_by_test_id("paragraph").first).to_be_visible()
    coordinator.get_by_text("Tiêu đề, chữ ký và nơi nhận").click()
    coordinator.get_by_label("Người ký").fill("Nguyễn Văn Hải")
    coordinator.get_by_role("button", name="Lưu").first.click()
    shot(coordinator, "23-consolidated-draft")
    coordinator.get_by_test_id("export-docx").click()
    expect(coordinator.get_by_test_id("export-download")).to_be_visible()
    shot(coordinator, "24-export-ready")
    with coordinator.expect_download() as download:
        coordinator.get_by_test_id("export-download").click()
    assert download.value.suggested_filename.endswith(".docx")
    officer.set_viewport_size({"width": 390, "height": 844})
    officer.goto(report_url)
    shot(officer, "25-report-phone")
