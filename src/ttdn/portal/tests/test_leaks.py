"""Nothing internal reaches a public page, feed or sitemap: drafts, items in review or
approved and waiting, archived items, reviewers' notes, history notes, reports, press cases,
agency tokens. Every marker below is planted where it must stay, then every public address
the portal can produce is fetched and searched for it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from ttdn.catalog.services import items
from ttdn.catalog.services.tokens import token_create
from ttdn.portal.links import item_path
from ttdn.portal.tests.helpers import path_of, sitemap_entries

pytestmark = pytest.mark.django_db

LANGS = ("vi", "en", "lo")
PAGES = [
    "",
    "topics/",
    "topics/tourism/",
    "news/",
    "videos/",
    "photos/",
    "publications/",
    "events/",
    "press/",
    "clarifications/",
    "contests/",
    "about/",
    "feedback/",
    "feed.rss",
    "feed.atom",
    "topics/tourism/feed.rss",
    "topics/tourism/feed.atom",
    "sitemap.xml",
]


@pytest.fixture
def secrets(make_item, coordinator, agency, attach):
    """Plant the markers; return them with the internal items and files."""
    markers = {}
    hidden = {}
    for status in ("draft", "in_review", "approved", "archived"):
        marker = f"SECRET-{status.upper()}-TITLE"
        hidden[status] = make_item(marker, status=status, summary=f"SECRET-{status}-SUMMARY")
        markers[status] = marker
    returned = make_item("SECRET-RETURNED-TITLE")
    items.item_return(actor=coordinator, item=returned, note="SECRET-REVIEW-NOTE")
    hidden["returned"] = returned
    markers.update(returned="SECRET-RETURNED-TITLE", review="SECRET-REVIEW-NOTE")
    scheduled = make_item("SECRET-SCHEDULED-TITLE", status="approved")
    from ttdn.portal.services import item_schedule

    item_schedule(actor=coordinator, item=scheduled, at=timezone.now() + datetime.timedelta(days=3))
    hidden["scheduled"] = scheduled
    markers["scheduled"] = "SECRET-SCHEDULED-TITLE"
    # a published work whose other versions are not public, with a history note
    public = make_item(
        "Tin công khai",
        versions={"en": ("SECRET-EN-DRAFT", "draft"), "lo": ("SECRET-LO-REVIEW", "in_review")},
    )
    markers.update(en_draft="SECRET-EN-DRAFT", lo_review="SECRET-LO-REVIEW")
    items.history_add(public["vi"], "updated", actor=coordinator, note="SECRET-HISTORY-NOTE")
    markers["history"] = "SECRET-HISTORY-NOTE"
    hidden["draft_file"] = attach(hidden["draft"], "SECRET-DRAFT-CAPTION")
    markers["caption"] = "SECRET-DRAFT-CAPTION"
    _token, raw = token_create(actor=coordinator, agency=agency, name="SECRET-TOKEN-NAME")
    markers.update(token=raw, token_name="SECRET-TOKEN-NAME")
    markers["report"] = _report(agency)
    markers["case"] = _press_case(agency)
    markers["public_item"] = public["vi"]
    return markers, hidden


def _report(agency) -> str:
    from ttdn.plans.selectors import plan_default
    from ttdn.reporting.models import AgencyReport, ReportingPeriod

    day = datetime.date(2026, 1, 14)
    period = ReportingPeriod.objects.create(
        plan=plan_default(),
        kind="year",
        year=2025,
        number=1,
        label="Năm 2025",
        cutoff_start=datetime.date(2024, 12, 15),
        cutoff_end=day,
        due_agency=day,
        due_department=day,
        due_province=day,
        note="SECRET-PERIOD-NOTE",
    )
    AgencyReport.objects.create(
        period=period,
        agency=agency,
        summary="SECRET-REPORT-SUMMARY",
        difficulties="SECRET-REPORT-DIFFICULTY",
    )
    return "SECRET-REPORT"


def _press_case(agency) -> str:
    from ttdn.monitoring.models import PressCase

    today = timezone.localdate()
    PressCase.objects.create(
        agency=agency,
        title="SECRET-PRESS-CASE",
        summary="SECRET-CASE-SUMMARY",
        published_on=today,
        discovered_on=today,
        day_basis="calendar",
        verify_due=today,
        report_due=today,
        verdict_note="SECRET-CASE-FINDINGS",
    )
    return "SECRET-"  # every marker starts with it: the crawl searches for the prefix


def _crawl(client) -> dict[str, str]:
    """Every public address the portal produces, with its text."""
    seen: dict[str, str] = {}
    queue = [f"/{lang}/{page}" for lang in LANGS for page in PAGES]
    queue += ["/robots.txt", "/sitemap.xml"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.content.decode()
        if path.endswith("sitemap.xml") and path != "/sitemap.xml":
            for loc, alts in sitemap_entries(response.content).items():
                queue += [path_of(loc), *(path_of(href) for href in alts.values())]
    return seen


def test_nothing_internal_leaks(client, secrets):
    markers, hidden = secrets
    pages = _crawl(client)
    assert len(pages) > 40
    assert item_path(markers["public_item"]) in pages
    for path, text in pages.items():
        assert "SECRET-" not in text, f"{path} shows {text[text.index('SECRET-') :][:40]}"
        assert markers["token"] not in text, path
        assert markers["token"][:8] not in text, path


def test_internal_items_and_files_answer_like_missing_ones(client, secrets):
    markers, hidden = secrets
    missing = client.get("/vi/items/999999/")
    for name in ("draft", "in_review", "approved", "archived", "returned", "scheduled"):
        item = hidden[name]
        for lang in LANGS:
            response = client.get(f"/{lang}/items/{item.pk}/")
            assert response.status_code == 404, (name, lang)
            assert "SECRET-" not in response.content.decode()
        assert client.get(f"/vi/items/{item.pk}/").content == missing.content.replace(
            b"/vi/items/999999/", f"/vi/items/{item.pk}/".encode()
        )
    media = hidden["draft_file"]
    assert client.get(f"/portal-files/{media.pk}/320.webp").status_code == 404
    assert client.get(f"/portal-files/{media.pk}/file").status_code == 404


def test_preview_tokens_do_not_open_other_works(client, secrets, make_item, coordinator):
    from ttdn.portal.services import preview_path

    markers, hidden = secrets
    other = make_item("Tin khác", status="draft")
    token = preview_path(actor=coordinator, item=other).split("/preview/")[1].strip("/")
    media = hidden["draft_file"]
    assert client.get(f"/portal-files/{media.pk}/320.webp?preview={token}").status_code == 404
