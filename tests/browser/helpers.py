"""What several browser tests do the same way."""

from __future__ import annotations

from playwright.sync_api import expect

PASSWORD = "correct horse battery"  # every test user's (conftest.py, make_user)


def login(browser, live_server, username, *, width=1280, height=900):
    """A new browser context signed in as `username`, in Vietnamese, at this size."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("nav-reports")).to_have_count(1)  # collapsed on a phone
    return page
