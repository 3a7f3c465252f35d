"""The pages: who sees what, the inbox (filters, search, one-click labels, constant query
count), the case page, sources, runs, digests, saved searches, spokespersons."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ttdn.accounts.choices import Role
from ttdn.agencies.models import Agency
from ttdn.monitoring.models import Article, FetchRun, PressCase, Source, Spokesperson, Story
from ttdn.monitoring.tests.conftest import article_doc

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def story(title="Nghệ An đón khách", *, tone="neutral", kind="national", outlets=1, **extra):
    row = Story.objects.create(
        key=uuid.uuid4().hex,
        title=title,
        day=datetime.date(2026, 4, 15),
        relevant=True,
        relevance=0.8,
        tone=tone,
        topic="economy",
        search_folded=extra.pop("folded", "nghe an don khach"),
        outlet_count=outlets,
        article_count=outlets,
        source_kinds=kind,
        foreign=kind == "foreign",
        **extra,
    )
    for i in range(outlets):
        Article.objects.create(
            url=f"https://o{i}.example/{row.pk}",
            url_normalised=f"o{i}.example/{row.pk}",
            outlet=f"Báo {i}",
            story=row,
            title=title,
            source_kind=kind,
        )
    return row


def test_who_may_open_the_inbox(client, coordinator, leader, officer):
    url = reverse("monitoring:inbox")
    assert client.get(url).status_code == 302
    for user, status in ((coordinator, 200), (leader, 200), (officer, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status
    assert client.get(reverse("monitoring:home")).url == reverse("monitoring:cases")


def test_the_inbox_query_count_does_not_grow_with_its_rows(client, coordinator):
    client.force_login(coordinator)
    story(outlets=2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("monitoring:inbox")).status_code == 200
    for i in range(12):
        story(f"Tin {i}", outlets=3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("monitoring:inbox"))
    assert response.content.count(b'data-testid="story-row"') == 13
    assert len(many) == len(few)


def test_search_is_diacritics_insensitive_and_by_whole_words(client, coordinator):
    client.force_login(coordinator)
    story("Nghệ An đón khách", folded="nghe an don khach")
    story("Nghe nhạc an toàn", folded="nghe nhac an toan")
    story("Đảng bộ xã họp", folded="dang bo xa hop")

    def titles(query):
        response = client.get(
            reverse("monitoring:inbox"), {"q": query}, **HX, HTTP_HX_TARGET="inbox-results"
        )
        return [s.title for s in response.context["page"].object_list]

    assert titles("nghe an") == ["Nghệ An đón khách", "Nghe nhạc an toàn"]  # together first
    assert titles('"Nghệ An"') == ["Nghệ An đón khách"]
    assert sorted(titles("nghe")) == ["Nghe nhạc an toàn", "Nghệ An đón khách"]
    assert titles("Dang") == ["Đảng bộ xã họp"]
    assert titles("an toan") == ["Nghe nhạc an toàn"]
    assert titles("ngh") == []  # whole words only


def test_filters(client, coordinator):
    client.force_login(coordinator)
    story("Tin trong nước", tone="positive")
    story("Tin nước ngoài", tone="negative", kind="foreign")
    response = client.get(
        reverse("monitoring:inbox"), {"tone": "negative", "source_kind": "foreign"}
    )
    assert [s.title for s in response.context["page"].object_list] == ["Tin nước ngoài"]
    assert b'data-testid="foreign-badge"' in response.content


def test_one_click_labels_answer_with_the_row(client, coordinator, leader):
    row = story()
    url = reverse("monitoring:story_label", args=[row.pk])
    client.force_login(coordinator)
    response = client.post(url, {"tone": "negative"}, **HX)
    assert response.status_code == 200 and b'data-testid="story-row"' in response.content
    row.refresh_from_db()
    assert row.tone == "negative" and row.tone_reviewed and row.topic_reviewed is False
    client.post(url, {"confirm": "1"}, **HX)
    row.refresh_from_db()
    assert row.topic_reviewed and row.relevance_reviewed and row.tone == "negative"
    client.post(url, {"needs_answer": "1"}, **HX)
    row.refresh_from_db()
    assert row.needs_answer
    response = client.post(url, {"tone": "furious"}, **HX)
    assert response.status_code == 400 and b"row-error" in response.content
    client.force_login(leader)
    assert client.post(url, {"tone": "positive"}, **HX).status_code == 403


def test_fetched_text_is_escaped(client, coordinator):
    client.force_login(coordinator)
    row = story("<script>alert(1)</script>")
    Article.objects.filter(story=row).update(
        url="javascript:alert(2)", lead="<img src=x onerror=alert(3)>"
    )
    body = client.get(reverse("monitoring:story", args=[row.pk])).content
    assert b"<script>alert(1)" not in body and b"&lt;script&gt;" in body
    assert b"javascript:alert" not in body and b"<img src=x" not in body


def test_a_case_from_the_story_page_to_its_close(
    client, coordinator, officer, negative_foreign_story
):
    client.force_login(coordinator)
    page = client.get(reverse("monitoring:story", args=[negative_foreign_story.pk]))
    assert page.context["case_form"].initial["agency"].code.startswith("xa-")  # Nghi Lộc commune
    agency = Agency.objects.get(code="so-ngoai-vu")
    today = timezone.localdate()
    response = client.post(
        reverse("monitoring:case_open", args=[negative_foreign_story.pk]),
        {
            "agency": agency.pk,
            "kind": "press",
            "title": "Bồi thường đất",
            "published_on": today,
            "discovered_on": today,
        },
    )
    case = PressCase.objects.get()
    assert response.url == reverse("monitoring:case", args=[case.pk])

    client.force_login(officer)
    url = reverse("monitoring:case", args=[case.pk])
    assert client.get(url).status_code == 200
    for data in (
        {"step": "verdict", "verdict": "false", "note": "Không đúng sự thật."},
        {"step": "action", "kind": "reply", "done_on": today, "note": "Đã trả lời báo."},
        {
            "step": "clarification",
            "language": "vi",
            "title": "Làm rõ",
            "body": "Thông tin chính thức.",
        },
        {"step": "publish"},
        {"step": "close", "note": ""},
    ):
        assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on_time
    assert case.clarifications.get().catalog_item_id
    page = client.get(url)
    assert b'data-testid="closed-on-time"' in page.content


def test_a_case_is_private_to_its_agency(client, coordinator, make_user, negative_foreign_story):
    from ttdn.monitoring.services.cases import case_open

    case = case_open(
        actor=coordinator,
        story=negative_foreign_story,
        agency=Agency.objects.get(code="so-ngoai-vu"),
    )
    stranger = make_user(Role.OFFICER, "so-y-te", username="yte")
    client.force_login(stranger)
    assert client.get(reverse("monitoring:case", args=[case.pk])).status_code == 403
    assert client.get(reverse("monitoring:cases")).context["cases"] == []


def test_sources_runs_and_settings(client, coordinator, leader, django_capture_on_commit_callbacks):
    Source.objects.create(
        name="Báo tỉnh",
        kind="provincial",
        url="https://baotinh.example/rss",
        consecutive_failures=3,
        last_error="The server answered HTTP 503.",
        last_attempt_at="2026-04-15T00:00:00Z",
    )
    client.force_login(leader)
    page = client.get(reverse("monitoring:sources"))
    assert b"health-down" in page.content
    assert client.post(reverse("monitoring:runs")).status_code == 403
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:runs"))
    run = FetchRun.objects.get()
    assert response.url == reverse("monitoring:run", args=[run.pk])
    run.refresh_from_db()
    assert run.status in ("done", "partial")  # the job ran (the source failed: no network)
    assert client.get(reverse("monitoring:run", args=[run.pk])).status_code == 200
    response = client.post(
        reverse("monitoring:settings"),
        {
            "day_basis": "working",
            "verify_days": 5,
            "report_days": 20,
            "social_report_days": 5,
            "stale_days": 3,
            "conference_months": 3,
        },
    )
    assert response.status_code == 302


def test_only_an_administrator_allows_a_private_source(client, coordinator, make_user):
    client.force_login(coordinator)
    data = {
        "name": "Cổng nội bộ",
        "kind": "agency_portal",
        "url": "http://10.0.0.5/rss",
        "feed_format": "auto",
        "language": "vi",
        "country": "VN",
        "poll_minutes": 60,
        "active": "on",
        "allow_private": "on",
    }
    assert client.post(reverse("monitoring:source_new"), data).status_code == 302
    assert Source.objects.get().allow_private is False  # the field is disabled for them
    admin = make_user(Role.ADMIN, None, username="root")
    client.force_login(admin)
    source = Source.objects.get()
    client.post(reverse("monitoring:source_edit", args=[source.pk]), data)
    source.refresh_from_db()
    assert source.allow_private is True


def test_saved_searches(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("monitoring:search_save"),
        {"name": "Tiêu cực", "tone": "negative", "q": "Nghệ An", "negative_foreign": "on"},
    )
    assert response.url == reverse("monitoring:searches")
    search = coordinator.press_searches.get()
    assert search.filters == {"tone": "negative"} and search.query == "Nghệ An"
    assert not search.alert_spike
    assert b"Ti\xc3\xaau c\xe1\xbb\xb1c" in client.get(reverse("monitoring:searches")).content
    client.post(reverse("monitoring:search_delete", args=[search.pk]))
    assert not coordinator.press_searches.exists()


def test_digest_pages(client, coordinator):
    from ttdn.monitoring.services.digest import digest_make

    digest, _created = digest_make(
        kind="daily", start=datetime.date(2026, 4, 19), end=datetime.date(2026, 4, 19)
    )
    client.force_login(coordinator)
    assert b'data-testid="digest-row"' in client.get(reverse("monitoring:digests")).content
    assert (
        b'data-testid="digest-figures"'
        in client.get(reverse("monitoring:digest", args=[digest.pk])).content
    )


def test_spokespersons_are_public_and_agencies_keep_their_own(client, officer):
    agency = Agency.objects.get(code="so-ngoai-vu")
    Spokesperson.objects.create(agency=agency, name="Lê Văn Minh", position="Phó Giám đốc")
    Spokesperson.objects.create(agency=agency, name="Ẩn Danh", position="x", public=False)
    page = client.get(reverse("monitoring:spokespersons"))
    assert page.status_code == 200
    assert "Lê Văn Minh" in page.content.decode() and "Ẩn Danh" not in page.content.decode()
    client.force_login(officer)
    response = client.post(
        reverse("monitoring:spokespersons_manage"),
        {
            "release-agency": agency.pk,
            "release-kind": "conference",
            "release-title": "Họp báo quý I",
            "release-held_on": "2026-04-10",
        },
    )
    assert response.status_code == 302
    other = Agency.objects.get(code="so-y-te")
    response = client.post(
        reverse("monitoring:spokespersons_manage"),
        {
            "release-agency": other.pk,
            "release-kind": "release",
            "release-title": "X",
            "release-held_on": "2026-04-10",
        },
        follow=True,
    )
    assert other.press_releases.count() == 0  # not offered to them, refused


def test_pages_answer_for_the_coordinator(client, coordinator, negative_foreign_story):
    client.force_login(coordinator)
    for name in (
        "inbox",
        "cases",
        "sources",
        "runs",
        "digests",
        "searches",
        "spokespersons_manage",
        "settings",
        "source_new",
    ):
        assert client.get(reverse(f"monitoring:{name}")).status_code == 200, name


def test_article_saved_through_the_pipeline_shows_in_the_inbox(client, coordinator, save_docs):
    save_docs(
        [
            article_doc(
                "Khai trương đường bay Vinh - Viêng Chăn",
                "Tỉnh Nghệ An khai trương đường bay thẳng từ sân bay Vinh đến Lào.",
                url="https://a.example/duong-bay",
            )
        ]
    )
    client.force_login(coordinator)
    body = client.get(reverse("monitoring:inbox")).content.decode()
    assert "Khai trương đường bay Vinh - Viêng Chăn" in body and "Báo tỉnh mẫu" in body
