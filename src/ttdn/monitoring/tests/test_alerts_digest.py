"""Saved searches with alerts (negative foreign coverage, spikes) and the daily and weekly
digests (figures, HTML e-mail, DOCX in the Decree 30 layout)."""

import datetime
import io
import uuid

import pytest
from django.utils import timezone

from ttdn.monitoring.choices import DigestKind
from ttdn.monitoring.models import AlertEvent, Digest, Story
from ttdn.monitoring.selectors.digest import digest_figures
from ttdn.monitoring.selectors.inbox import InboxFilters
from ttdn.monitoring.services import alerts, digest
from ttdn.monitoring.tests.conftest import article_doc

pytestmark = pytest.mark.django_db


def test_negative_foreign_coverage_alerts_once(
    coordinator, negative_foreign_story, mailoutbox, english
):
    coordinator.email = "dieuphoi@example.vn"
    coordinator.save()
    search = alerts.saved_search_save(
        actor=coordinator, name="Đất đai", filters=InboxFilters(q="bồi thường"), spike=False
    )
    Story.objects.filter(pk=negative_foreign_story.pk).update(tone="negative")
    assert alerts.alerts_check(story_ids={negative_foreign_story.pk}) == 1
    assert alerts.alerts_check(story_ids={negative_foreign_story.pk}) == 0
    assert AlertEvent.objects.get().search == search
    note = coordinator.notifications.get(kind="press_alert")
    assert note.title.startswith("Negative foreign coverage") and note.emailed
    assert mailoutbox[0].to == ["dieuphoi@example.vn"]


def test_a_search_that_does_not_match_sends_nothing(coordinator, negative_foreign_story):
    alerts.saved_search_save(actor=coordinator, name="Du lịch", filters=InboxFilters(q="du lịch"))
    Story.objects.filter(pk=negative_foreign_story.pk).update(tone="negative")
    assert alerts.alerts_check(story_ids={negative_foreign_story.pk}) == 0


def _stories(count: int, day: datetime.date) -> None:
    for _ in range(count):
        Story.objects.create(
            key=uuid.uuid4().hex,
            title="Tin về Nghệ An",
            day=day,
            relevant=True,
            search_folded="tin ve nghe an",
        )


def test_a_spike_above_the_14_day_average(coordinator):
    today = datetime.date(2026, 4, 20)
    for back in range(1, 15):
        _stories(1, today - datetime.timedelta(days=back))
    alerts.saved_search_save(
        actor=coordinator, name="Tất cả", filters=InboxFilters(), negative_foreign=False
    )
    _stories(2, today)
    assert alerts.alerts_check(today=today) == 0  # 2 < minimum of 3
    _stories(2, today)
    assert alerts.alerts_check(today=today) == 1  # 4 > 2 × 1.0
    assert alerts.alerts_check(today=today) == 0  # once a day
    event = AlertEvent.objects.get()
    assert (event.count, event.average) == (4, 1.0)


def test_digest_figures_and_change(save_docs):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Story.objects.create(
        key="old", title="Tin cũ", day=yesterday - datetime.timedelta(days=1), relevant=True
    )
    save_docs(
        [
            article_doc(
                "Nghệ An đón 200.000 lượt khách dịp lễ",
                "Biển Cửa Lò và Khu di tích Kim Liên đón hơn 200.000 lượt khách, "
                "doanh thu du lịch tăng mạnh.",
                url="https://a.example/1",
                published=timezone.now() - datetime.timedelta(days=1),
            ),
            article_doc(
                "Cháy chợ Vinh, hàng trăm ki-ốt bị thiêu rụi",
                "Vụ cháy xảy ra tại chợ Vinh, phường Trường Vinh, tỉnh Nghệ An khiến "
                "hàng trăm ki-ốt bị thiêu rụi.",
                url="https://b.example/2",
                kind="foreign",
                published=timezone.now() - datetime.timedelta(days=1),
            ),
        ]
    )
    data = digest_figures(yesterday, yesterday)
    assert data["stories"] == 2 and data["previous_stories"] == 1 and data["change_stories"] == 100
    assert data["foreign"] == 1 and sum(data["tones"].values()) == 2
    assert {row["outlet"] for row in data["top_outlets"]} == {"Báo tỉnh mẫu"}
    assert len(data["top_stories"]) == 2


def test_daily_and_weekly_digests_are_sent_once(coordinator, leader, mailoutbox):
    coordinator.email, leader.email = "a@example.vn", "b@example.vn"
    coordinator.save()
    leader.save()
    monday = datetime.date(2026, 4, 20)
    daily = digest.digest_send_for(kind=DigestKind.DAILY, today=monday)
    weekly = digest.digest_send_for(kind=DigestKind.WEEKLY, today=monday)
    assert (daily.start, daily.end) == (datetime.date(2026, 4, 19),) * 2
    assert (weekly.start, weekly.end) == (datetime.date(2026, 4, 13), datetime.date(2026, 4, 19))
    assert len(mailoutbox) == 4
    html, mime = mailoutbox[0].alternatives[0]
    assert mime == "text/html" and "<h1" in html
    assert digest.digest_send_for(kind=DigestKind.DAILY, today=monday) == daily
    assert len(mailoutbox) == 4 and Digest.objects.count() == 2
    assert leader.notifications.filter(kind="press_digest").count() == 2


def test_the_digest_docx_uses_the_decree_30_layout(coordinator, django_capture_on_commit_callbacks):
    from docx import Document

    from ttdn.exports.models import ExportStatus
    from ttdn.exports.services import export_job_create

    made, _created = digest.digest_make(
        kind=DigestKind.DAILY, start=datetime.date(2026, 4, 19), end=datetime.date(2026, 4, 19)
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = export_job_create(
            actor=coordinator,
            kind="press-digest-docx",
            title="Digest",
            params={"digest": made.pk, "signer": "Nguyễn Thị An"},
        )
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    document = Document(io.BytesIO(job.file.read()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "BÁO CÁO" in text and "Nguyễn Thị An" in text and "19/04/2026" in text
