"""An officer logs in, opens 'my agency', opens a task, switches to English."""

import re

import pytest
from playwright.sync_api import expect

from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_flow(live_server, page, shot, default_data, make_user):
    officer = make_user(Role.OFFICER, "so-vhttdl", first_name="An", last_name="Nguyễn Thị")
    page.goto(f"{live_server.url}/plans/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Mật khẩu").fill("wrong password")
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("login-error")).to_contain_text("không đúng")
    shot(page, "01-login-wrong-password")

    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill("correct horse battery")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("task-row")).to_have_count(28)
    shot(page, "02-plan")

    page.get_by_test_id("nav-my-agency").click()
    expect(page.get_by_test_id("agency-name")).to_have_text("Sở Văn hóa, Thể thao và Du lịch")
    rows = page.get_by_test_id("my-task-row")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 20  # Sở TT&TT's tasks and the 'all departments' ones
    shot(page, "03-my-agency")

    page.get_by_role(
        "link", name=re.compile("Xây dựng cơ sở dữ liệu về thông tin đối ngoại")
    ).click()
    expect(page.get_by_test_id("task-title")).to_contain_text("2.4")
    expect(page.get_by_test_id("responsibility")).to_contain_text("Sở Thông tin và Truyền thông")
    expect(page.get_by_test_id("responsibility")).to_contain_text("Sở Văn hóa, Thể thao và Du lịch")
    shot(page, "04-task")

    page.get_by_test_id("language-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name=re.compile("Who is responsible"))).to_be_visible()
    expect(page.get_by_role("link", name="My agency")).to_be_visible()
    shot(page, "05-task-english")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/plans/my-agency/")
    expect(page.get_by_test_id("agency-name")).to_be_visible()
    shot(page, "06-my-agency-phone")


def test_filter_and_directory(live_server, page, shot, default_data, make_user):
    officer = make_user(Role.OFFICER, "so-ngoai-vu")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill("correct horse battery")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Tìm kiếm nhiệm vụ").fill("bao chi")
    expect(page.get_by_test_id("task-row")).to_have_count(4)
    shot(page, "07-plan-search-without-diacritics")

    page.goto(f"{live_server.url}/agencies/?history=1&q=thong tin")
    expect(page.get_by_test_id("timeline")).to_contain_text("Sở Thông tin và Truyền thông")
    shot(page, "08-agencies-timeline")

    page.goto(f"{live_server.url}/plans/agency/so-vhttdl/")
    expect(page.get_by_test_id("denied-message")).to_contain_text("cơ quan mình")
    shot(page, "09-denied")
