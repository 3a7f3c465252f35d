"""The foreign-information database in a browser: an officer adds an item in Vietnamese and
its English version with an image, the coordinator approves, and a search typed without
diacritics finds it (desktop and phone widths)."""

import re

import pytest
from playwright.sync_api import expect

from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalog_data(default_data, settings, tmp_path):
    from ttdn.catalog.search.index import search_rebuild
    from ttdn.catalog.services.defaults import catalog_load_default

    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_load_default()
    search_rebuild()  # the live server's database was flushed: empty the FTS tables too


@pytest.fixture
def photo(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 500), (20, 50, 92))
    draw = ImageDraw.Draw(image)
    for x in range(0, 800, 40):
        draw.ellipse((x, 300 - x // 4, x + 120, 420 - x // 4), fill=(200, 60 + x // 8, 90))
    path = tmp_path / "le-hoi-den-qua-son.jpg"
    image.save(path, "JPEG", quality=85)
    return path


def log_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill("correct horse battery")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_officer_adds_a_bilingual_item_coordinator_approves_search_finds_it(
    live_server, page, shot, catalog_data, make_user, photo
):
    officer = make_user(Role.OFFICER, "so-ngoai-vu", first_name="Lan", last_name="Trần Thị")
    coordinator = make_user(Role.COORDINATOR, "so-vhttdl", first_name="Minh", last_name="Lê")

    log_in(page, live_server, officer)
    page.get_by_test_id("nav-catalog").click()
    expect(page.get_by_test_id("no-results")).to_be_visible()
    page.get_by_test_id("catalog-add").click()
    page.locator("#id_kind").select_option("event")
    page.locator("#id_title").fill("Lễ hội đền Quả Sơn năm 2025")
    page.locator("#id_summary").fill(
        "Lễ hội truyền thống của vùng Đô Lương, tưởng nhớ Uy Minh Vương Lý Nhật Quang."
    )
    page.locator("#id_body").fill(
        "Lễ hội diễn ra từ ngày 10 đến 13 tháng Giêng.\n\nDu khách Lào và Thái Lan tham dự."
    )
    page.locator("label", has_text=re.compile("Văn hóa và di sản|Culture and heritage")).click()
    page.locator("#id_published_on").fill("2025-02-10")
    page.locator("#id_image").set_input_files(str(photo))
    page.locator("#id_caption").fill("Rước kiệu")
    shot(page, "catalog-01-form")
    page.get_by_test_id("item-save").click()
    expect(page.get_by_test_id("item-title")).to_have_text("Lễ hội đền Quả Sơn năm 2025")
    expect(page.get_by_test_id("gallery").locator("img")).to_have_count(1)
    expect(page.get_by_test_id("item-status")).to_have_attribute(
        "class", re.compile("status-draft")
    )
    shot(page, "catalog-02-item-draft")

    page.get_by_test_id("add-translation-en").click()
    page.locator("#id_title").fill("Qua Son Temple Festival 2025")
    page.locator("#id_summary").fill("A traditional festival of Do Luong, in Nghe An province.")
    shot(page, "catalog-03-translation-form")
    page.get_by_test_id("translation-save").click()
    expect(page.get_by_test_id("item-title")).to_have_text("Qua Son Temple Festival 2025")
    expect(page.get_by_test_id("versions").locator("li")).to_have_count(2)
    expect(page.get_by_test_id("gallery").locator("img")).to_have_count(1)  # shared photo
    page.get_by_test_id("item-submit").click()
    expect(page.get_by_test_id("item-status")).to_have_attribute("class", re.compile("in_review"))
    page.get_by_test_id("versions").get_by_role("link").first.click()
    page.get_by_test_id("item-submit").click()
    expect(page.get_by_test_id("item-status")).to_have_attribute("class", re.compile("in_review"))
    shot(page, "catalog-04-item-in-review")

    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/catalog/review/")
    queue = page.get_by_test_id("queue-in_review")
    expect(queue.locator("tbody tr")).to_have_count(2)
    shot(page, "catalog-05-review-queue")
    for _ in range(2):
        queue.get_by_role("button").first.click()  # approve
    expect(page.get_by_test_id("queue-approved").locator("tbody tr")).to_have_count(2)
    page.get_by_test_id("queue-approved").get_by_role("button").first.click()  # publish one
    expect(page.get_by_test_id("queue-approved").locator("tbody tr")).to_have_count(1)

    page.goto(f"{live_server.url}/catalog/")
    page.get_by_test_id("catalog-q").fill("le hoi den qua son")
    results = page.get_by_test_id("search-result")
    expect(results).to_have_count(1)
    expect(results.first.locator("mark").first).to_have_text("Lễ")
    expect(results.first.locator("img.thumb")).to_have_count(1)
    shot(page, "catalog-06-search-without-diacritics")
    page.get_by_test_id("catalog-q").fill("qua son festival")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Qua Son Temple Festival 2025")

    log_in(page, live_server, officer)  # the officer finds it too, typed without marks
    page.goto(f"{live_server.url}/catalog/?q=den+qua+son")
    expect(page.get_by_test_id("search-result")).to_have_count(1)
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "catalog-07-search-phone")
    page.get_by_test_id("search-result").first.get_by_role("link").first.click()
    expect(page.get_by_test_id("item-title")).to_be_visible()
    shot(page, "catalog-08-item-phone")
