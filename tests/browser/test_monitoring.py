"""Press monitoring: the coordinator sees a negative story in the foreign press and opens a
case for an agency; the agency records its verdict, an action and a clarification in two
languages, publishes it to the foreign-information database and closes the case on time."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Người dân Nghệ An phản đối thu hồi đất làm khu công nghiệp"
TEXT = (
    "Hàng chục hộ dân ở xã Nghi Lộc, tỉnh Nghệ An tập trung trước trụ sở chính quyền để phản "
    "đối mức bồi thường khi thu hồi đất cho dự án khu công nghiệp. Người dân bức xúc cho rằng "
    "giá bồi thường quá thấp và việc lấy ý kiến không minh bạch, một số người bị bắt giữ."
)


@pytest.fixture
def foreign_story(default_data):
    from django.utils import timezone

    from ttdn.monitoring.models import Story
    from ttdn.monitoring.pipeline.types import RawDocument
    from ttdn.monitoring.services.defaults import monitoring_load_default
    from ttdn.monitoring.services.runs import pipeline_for_run
    from ttdn.monitoring.services.save import articles_save

    monitoring_load_default()
    published = timezone.now() - datetime.timedelta(days=1)
    documents = [
        RawDocument(
            url="https://foreign.example/vn/nghe-an-land",
            title=TITLE,
            text=TEXT,
            source="Đài nước ngoài mẫu",
            source_kind="foreign",
            published=published,
        ),
        RawDocument(
            url="https://mirror.example/nghe-an-land",
            title=TITLE,
            text=TEXT + " (Dẫn lại)",
            source="Trang dẫn lại mẫu",
            source_kind="foreign",
            published=published,
        ),
        RawDocument(
            url="https://tinh.example/du-lich",
            title="Cửa Lò đón 200.000 lượt khách",
            text="Biển Cửa Lò, tỉnh Nghệ An đón hơn 200.000 lượt khách dịp nghỉ lễ, "
            "dịch vụ được du khách đánh giá tốt.",
            source="Báo tỉnh mẫu",
            source_kind="provincial",
            published=published,
        ),
    ]
    rows, _failures = pipeline_for_run().analyse(documents)
    articles_save(rows=rows)
    story = Story.objects.get(articles__url="https://foreign.example/vn/nghe-an-land")
    assert story.tone == "negative" and story.foreign and story.outlet_count == 2
    return story


def test_a_negative_foreign_story_becomes_a_case_closed_on_time(
    browser, live_server, shot, foreign_story, make_user
):
    from ttdn.catalog.models import Item
    from ttdn.monitoring.models import PressCase

    make_user(
        Role.COORDINATOR, "so-vhttdl", username="dieuphoi", first_name="An", last_name="Nguyễn Thị"
    )
    make_user(
        Role.OFFICER, "so-ngoai-vu", username="canbo", first_name="Bình", last_name="Trần Văn"
    )

    coordinator = login(browser, live_server, "dieuphoi")
    coordinator.get_by_test_id("nav-press").click()
    row = coordinator.get_by_test_id("story-row").filter(has_text=TITLE)
    expect(row.get_by_test_id("foreign-badge")).to_be_visible()
    expect(row.get_by_test_id("story-tone")).to_have_class("badge tone-negative")
    expect(coordinator.get_by_test_id("story-row")).to_have_count(2)
    shot(coordinator, "40-press-inbox")
    row.get_by_test_id("confirm").click()  # htmx: the row comes back confirmed
    expect(
        coordinator.get_by_test_id("story-row")
        .filter(has_text=TITLE)
        .get_by_test_id("story-tone")
        .locator("i")
    ).to_be_visible()

    coordinator.get_by_test_id("inbox-search").fill("thu hoi dat")
    coordinator.get_by_test_id("inbox-search").press("Enter")
    expect(coordinator.get_by_test_id("story-row")).to_have_count(1)

    coordinator.get_by_test_id("story-row").get_by_test_id("story-title").click()
    expect(coordinator.get_by_test_id("article")).to_have_count(2)
    form = coordinator.get_by_test_id("case-open-form")
    form.locator("#id_agency").select_option(label="Sở Ngoại vụ")
    shot(coordinator, "41-press-story")
    form.get_by_test_id("case-open").click()
    expect(coordinator.get_by_test_id("case-status")).to_be_visible()
    case = PressCase.objects.get()
    assert case.agency.code == "so-ngoai-vu" and case.story_id == foreign_story.pk
    expect(coordinator.get_by_test_id("verify-due")).to_have_text(f"{case.verify_due:%d/%m/%Y}")

    officer = login(browser, live_server, "canbo")
    officer.get_by_test_id("nav-press").click()  # an agency lands on its cases
    officer.get_by_test_id("case-row").get_by_role("link").click()
    verdict = officer.get_by_test_id("verdict-section")
    verdict.get_by_test_id("verdict-false").check()
    verdict.locator("textarea").fill("Mức bồi thường đúng quy định; không có ai bị bắt giữ.")
    officer.get_by_test_id("save-verdict").click()
    expect(officer.get_by_test_id("case-verdict")).to_be_visible()
    officer.locator("#id_kind").select_option("reply")
    officer.get_by_test_id("add-action").click()
    expect(officer.get_by_test_id("actions")).to_contain_text("20")
    for language, title, body in (
        (
            "vi",
            "Thông tin chính thức về bồi thường đất khu công nghiệp",
            "Mức bồi thường được áp dụng đúng quy định của tỉnh. Không ai bị bắt giữ.",
        ),
        (
            "en",
            "Official information on land compensation",
            "Compensation follows the province's regulations. Nobody was arrested.",
        ),
    ):
        section = officer.get_by_test_id("clarification-section")
        section.locator("#id_language").select_option(language)
        section.locator("#id_title").fill(title)
        section.locator("#id_body").fill(body)
        officer.get_by_test_id("save-clarification").click()
    officer.get_by_test_id("publish-clarification").click()
    expect(officer.get_by_test_id("clarification-published")).to_have_count(2)
    officer.get_by_test_id("close-case").click()
    expect(officer.get_by_test_id("case-status")).to_have_class(
        "badge fs-6 align-self-start text-bg-success"
    )
    expect(officer.get_by_test_id("closed-on-time").locator(".text-success")).to_be_visible()
    shot(officer, "42-press-case-closed")

    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on_time and case.verdict == "false"
    items = Item.objects.filter(pk__in=case.clarifications.values("catalog_item_id"))
    assert {item.language for item in items} == {"vi", "en"}
    assert items.get(language="vi").title.startswith("Thông tin chính thức về bồi thường")
    assert items.values("translation_key").distinct().count() == 1

    from django.utils import timezone

    from ttdn.monitoring.services.digest import digest_make

    digest, _created = digest_make(
        kind="daily",
        start=timezone.localdate() - datetime.timedelta(days=1),
        end=timezone.localdate() - datetime.timedelta(days=1),
    )
    coordinator.goto(f"{live_server.url}/monitoring/digests/{digest.pk}/")
    expect(coordinator.get_by_test_id("digest-figures")).to_be_visible()
    shot(coordinator, "46-press-digest")
    coordinator.goto(f"{live_server.url}/monitoring/press/")
    shot(coordinator, "47-press-spokespersons")
    coordinator.goto(f"{live_server.url}/monitoring/sources/")
    shot(coordinator, "48-press-sources")

    phone = login(browser, live_server, "dieuphoi", width=390, height=844)
    phone.goto(f"{live_server.url}/monitoring/inbox/")
    expect(phone.get_by_test_id("story-row").first).to_be_visible()
    shot(phone, "43-press-inbox-phone")
    phone.goto(f"{live_server.url}/monitoring/cases/{case.pk}/")
    shot(phone, "44-press-case-phone")
    phone.goto(f"{live_server.url}/monitoring/sources/")
    shot(phone, "45-press-sources-phone")
