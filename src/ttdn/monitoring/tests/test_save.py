"""The bulk save is idempotent: a worker killed between batches and restarted leaves no
duplicate and no missing article, and stories stay whole."""

import json

import pytest

from ttdn.monitoring.models import Article, FetchRun, Story
from ttdn.monitoring.services.runs import pipeline_for_run
from ttdn.monitoring.services.save import articles_save
from ttdn.monitoring.tests.conftest import EVAL, article_doc

BASE = (
    "Nghệ An khai trương đường bay thẳng Vinh - Viêng Chăn",
    "Sáng 15/4, tại Cảng hàng không quốc tế Vinh, UBND tỉnh Nghệ An tổ chức lễ khai trương "
    "đường bay thẳng Vinh - Viêng Chăn. Chuyến bay đầu tiên chở 150 hành khách, trong đó có "
    "đoàn công tác của tỉnh và nhiều doanh nghiệp du lịch. Đường bay được khai thác ba chuyến "
    "mỗi tuần, thời gian bay khoảng một giờ, góp phần tăng cường giao lưu kinh tế, văn hóa "
    "giữa Nghệ An và các tỉnh bạn Lào.",
)


class WorkerKilled(BaseException):
    """Like SIGKILL for the code under test: nothing catches it."""


def documents():
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()[2:7]]
    docs = [article_doc(row["title"], row["text"], url=row["url"]) for row in rows]
    copies = [
        article_doc(*BASE, url="https://a.example/duong-bay"),
        article_doc(
            BASE[0], BASE[1] + " (Theo TTXVN)", url="https://b.example/duong-bay", source="Báo khác"
        ),
    ]
    return docs[:2] + copies[:1] + docs[2:] + copies[1:]  # the copy lands in a later batch


def analysed():
    rows, failures = pipeline_for_run().analyse(documents())
    assert not failures
    return rows


def state():
    urls = list(Article.objects.values_list("url_normalised", flat=True))
    return sorted(urls), Story.objects.count()


@pytest.mark.django_db
def test_a_killed_save_resumes_without_duplicates_or_losses():
    def kill_after_first(batch: int) -> None:
        if batch == 1:
            raise WorkerKilled

    with pytest.raises(WorkerKilled):
        articles_save(rows=analysed(), batch_size=3, after_batch=kill_after_first)
    assert Article.objects.count() == 3  # one whole batch, nothing half-written

    report = articles_save(rows=analysed(), batch_size=3)  # the restarted worker, from scratch
    assert (report.new, report.existing) == (4, 3)
    urls, stories = state()
    assert len(urls) == len(set(urls)) == 7
    assert stories == 6  # five articles alone, one story with the two copies
    copies = Article.objects.filter(url__contains="duong-bay")
    assert copies.values("story").distinct().count() == 1
    assert copies.first().story.outlet_count == 2

    again = articles_save(rows=analysed(), batch_size=3)  # a third run changes nothing
    assert (again.new, again.existing) == (0, 7) and state() == (urls, stories)


@pytest.mark.django_db
def test_run_counters_follow_what_was_saved():
    run = FetchRun.objects.create()
    articles_save(rows=analysed(), run=run, batch_size=4)
    run.refresh_from_db()
    assert run.articles_new == 7 and run.stories_new == 6
    assert run.articles_relevant == Article.objects.filter(relevant=True).count() == 7


@pytest.mark.django_db
def test_story_suggestions_follow_its_articles_but_not_over_a_confirmation(coordinator):
    from ttdn.monitoring.services.stories import story_label

    articles_save(rows=analysed())
    story = Story.objects.get(articles__url__contains="a.example")
    assert story.relevant and story.article_count == 2 and story.places
    story_label(actor=coordinator, story=story, labels={"tone": "negative", "relevance": "no"})
    from ttdn.monitoring.services.save import stories_refresh

    stories_refresh({story.pk})
    story.refresh_from_db()
    assert story.tone == "negative" and story.tone_suggested != "" and not story.relevant
