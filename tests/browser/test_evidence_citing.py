"""An officer cites items of the foreign-information database as evidence in a section of
the agency's report: a title search typed without diacritics finds the item, the citation
is listed with a link to the item, removed, cited again from the suggestions; the
coordinator sees the task's count on the dashboard's database tab (desktop and phone)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def period_2026(default_data, settings, tmp_path):
    from ttdn.catalog.search.index import search_rebuild
    from ttdn.catalog.services.defaults import catalog_load_default
    from ttdn.plans.models import Plan
    from ttdn.reporting.services.defaults import indicators_ensure
    from ttdn.reporting.services.obligations import obligations_generate
    from ttdn.reporting.services.periods import periods_generate

    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_load_default()
    search_rebuild()  # the live server's database was flushed: empty the FTS tables too
    indicators_ensure()
    plan = Plan.objects.get(number="978/KH-UBND")
    (period,) = periods_generate(actor=None, plan=plan, years=[2026], kinds=["year"])
    obligations_generate(period=period)
    return period


@pytest.fixture
def make_item(make_user):
    """An item made through the catalog's services, moved along its workflow to `status`."""
    from ttdn.agencies.models import Agency
    from ttdn.catalog.services import items

    reviewer = make_user(Role.COORDINATOR, "so-vhttdl", username="bientap")
    steps = {
        "approved": [items.item_submit, items.item_approve],
        "published": [items.item_submit, items.item_approve, items.item_publish],
    }

    def make(title, *, agency, status, tasks, day, **data):
        data = {"language": "vi", "kind": "article", **data}
        data |= {"title": title, "published_on": day, "tasks": list(tasks)}
        item = items.item_create(actor=reviewer, agency=Agency.objects.get(code=agency), data=data)
        for step in steps[status]:
            item = step(actor=reviewer, item=item)
        return item

    return make


def open_picker(page, section_pk):
    section = page.locator(f"#section-{section_pk}")
    picker = section.get_by_test_id("cite-from-database")
    picker.locator("summary").click()
    return section, picker


def test_officer_cites_database_items_and_coordinator_counts_them(
    browser, live_server, shot, period_2026, make_user, make_item
):
    from ttdn.reporting.models import AgencyReport

    make_user(
        Role.OFFICER, "so-ngoai-vu", username="canbo", first_name="Bình", last_name="Trần Văn"
    )
    make_user(
        Role.COORDINATOR, "so-vhttdl", username="dieuphoi", first_name="An", last_name="Nguyễn Thị"
    )
    report_url = f"{live_server.url}/reports/periods/{period_2026.pk}/agency/so-ngoai-vu/"

    officer = login(browser, live_server, "canbo")
    officer.goto(report_url)
    officer.get_by_test_id("start-report").click()
    expect(officer.get_by_test_id("section").first).to_be_visible()
    report = AgencyReport.objects.get(period=period_2026, agency__code="so-ngoai-vu")
    section = report.sections.select_related("task").first()
    task = section.task

    cited = make_item(
        "Tuyên truyền Nghị quyết của Đảng tới cộng đồng người Nghệ An tại Lào",
        agency="so-ngoai-vu",
        status="published",
        tasks=[task],
        day=datetime.date(2026, 4, 15),
    )
    make_item(
        "Nghệ An – điểm đến của du khách Thái Lan",
        agency="so-du-lich",
        status="published",
        tasks=[task],
        day=datetime.date(2026, 6, 2),
        language="en",
        kind="video",
    )
    # Another agency's approved item: counted on the dashboard, not citable by this agency.
    make_item(
        "Đảng bộ tỉnh Nghệ An đón đoàn đại biểu Lào (chưa công bố)",
        agency="so-du-lich",
        status="approved",
        tasks=[task],
        day=datetime.date(2026, 9, 9),
    )

    officer.reload()
    block, picker = open_picker(officer, section.pk)
    expect(picker.locator("summary .badge")).to_have_text("2")  # citable suggestions
    expect(picker.get_by_test_id("picker-item")).to_have_count(2)
    picker.get_by_test_id("cite-search").fill("dang nghe an")
    expect(picker.get_by_test_id("evidence-picker")).to_contain_text("“dang nghe an”")
    results = picker.get_by_test_id("picker-item")
    expect(results).to_have_count(1)  # the other agency's approved item is not offered
    expect(results.first).to_contain_text("Nghị quyết của Đảng")
    picker.scroll_into_view_if_needed()
    shot(officer, "30-cite-picker-results")

    results.first.get_by_test_id("cite-item").click()
    block = officer.locator(f"#section-{section.pk}")
    link = block.get_by_test_id("evidence").get_by_test_id("cited-item")
    expect(link).to_have_text(cited.title)
    expect(link).to_have_attribute("href", f"/catalog/items/{cited.pk}/")
    expect(block.get_by_test_id("evidence-item")).to_contain_text("Sở Ngoại vụ")
    block.scroll_into_view_if_needed()
    shot(officer, "31-section-cited-item")

    block.get_by_test_id("remove-evidence").click()
    block = officer.locator(f"#section-{section.pk}")
    expect(block.get_by_test_id("cited-item")).to_have_count(0)

    # Cite it again, from the suggestions for the task and year this time.
    block, picker = open_picker(officer, section.pk)
    suggestion = picker.get_by_test_id("picker-item").filter(has_text="Nghị quyết của Đảng")
    suggestion.get_by_test_id("cite-item").click()
    block = officer.locator(f"#section-{section.pk}")
    expect(block.get_by_test_id("cited-item")).to_have_text(cited.title)
    block, picker = open_picker(officer, section.pk)
    expect(
        picker.get_by_test_id("picker-item").filter(has_text="Nghị quyết của Đảng")
    ).to_contain_text("Đã dẫn")

    officer.get_by_test_id("cited-item").click()
    expect(officer.get_by_test_id("item-title")).to_have_text(cited.title)

    # Phone width: the picker with results and the section with its evidence.
    officer.set_viewport_size(PHONE)
    officer.goto(report_url)
    expect(officer.get_by_test_id("cited-item")).to_have_text(cited.title)
    shot(officer, "32-section-cited-item-phone")
    block, picker = open_picker(officer, section.pk)
    picker.get_by_test_id("cite-search").fill("nghe an")
    expect(picker.get_by_test_id("evidence-picker")).to_contain_text("“nghe an”")
    expect(picker.get_by_test_id("picker-item")).to_have_count(2)
    shot(officer, "33-cite-picker-results-phone")
    officer.goto(f"{live_server.url}/reports/sections/{section.pk}/cite/?q=nghe+an")
    expect(officer.get_by_test_id("picker-item")).to_have_count(2)
    shot(officer, "34-cite-picker-page-phone")

    coordinator = login(browser, live_server, "dieuphoi")
    coordinator.goto(f"{live_server.url}/reports/periods/{period_2026.pk}/")
    coordinator.get_by_test_id("tab-database").click()
    counts = coordinator.get_by_test_id("database-counts")
    expect(counts.get_by_test_id(f"database-task-{task.number}")).to_have_text("3")
    expect(counts.get_by_test_id("database-total")).to_have_text("3")
    shot(coordinator, "35-dashboard-database")
    coordinator.set_viewport_size(PHONE)
    coordinator.reload()
    expect(counts.get_by_test_id(f"database-task-{task.number}")).to_have_text("3")
    shot(coordinator, "36-dashboard-database-phone")
