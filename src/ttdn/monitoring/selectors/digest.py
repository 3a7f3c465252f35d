"""The figures of a digest: counts and change against the previous period, tone split, top
stories and outlets, what still needs an answer. Plain values (JSON) so the digest keeps the
figures it was sent with."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum

from ttdn.monitoring.choices import CaseStatus, Tone, Topic
from ttdn.monitoring.models import Article, PressCase, Story

TOP = 5


def _change(now: int, before: int) -> int | None:
    return None if not before else round((now - before) * 100 / before)


def _period(start: datetime.date, end: datetime.date):
    return Story.objects.filter(relevant=True, day__gte=start, day__lte=end)


def digest_figures(
    start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> dict:
    today = today or end
    length = (end - start).days + 1
    stories = _period(start, end)
    previous = _period(start - datetime.timedelta(days=length), start - datetime.timedelta(days=1))
    totals = stories.aggregate(
        n=Count("pk"),
        articles=Sum("article_count"),
        foreign=Count("pk", filter=Q(foreign=True)),
        negative=Count("pk", filter=Q(tone=Tone.NEGATIVE)),
    )
    before = previous.aggregate(n=Count("pk"), articles=Sum("article_count"))
    tones = dict(stories.order_by().values_list("tone").annotate(n=Count("pk")))
    topics = dict(stories.order_by().values_list("topic").annotate(n=Count("pk")))
    top_stories = list(
        stories.order_by("-outlet_count", "-article_count", "-relevance", "pk").values(
            "pk", "title", "outlet_count", "article_count", "tone", "foreign"
        )[:TOP]
    )
    outlets = list(
        Article.objects.filter(story__in=stories)
        .order_by()
        .values("outlet")
        .annotate(n=Count("pk"))
        .order_by("-n", "outlet")[:TOP]
    )
    waiting = list(
        Story.objects.filter(needs_answer=True)
        .exclude(cases__status__in=[CaseStatus.OPEN, CaseStatus.VERIFIED])
        .order_by("-day", "pk")
        .values("pk", "title", "day")[:10]
    )
    cases = list(
        PressCase.objects.exclude(status=CaseStatus.CLOSED)
        .select_related("agency")
        .order_by("report_due", "pk")[:20]
    )
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "stories": totals["n"],
        "articles": totals["articles"] or 0,
        "foreign": totals["foreign"],
        "negative": totals["negative"],
        "previous_stories": before["n"],
        "previous_articles": before["articles"] or 0,
        "change_stories": _change(totals["n"], before["n"]),
        "change_articles": _change(totals["articles"] or 0, before["articles"] or 0),
        "tones": {tone: tones.get(tone, 0) for tone in Tone.values},
        "topics": {topic: topics.get(topic, 0) for topic in Topic.values if topics.get(topic)},
        "top_stories": top_stories,
        "top_outlets": [{"outlet": row["outlet"], "articles": row["n"]} for row in outlets],
        "needs_answer": [{**row, "day": row["day"].isoformat()} for row in waiting],
        "open_cases": [
            {
                "pk": case.pk,
                "title": case.title,
                "agency": case.agency.name,
                "status": case.status,
                "verify_due": case.verify_due.isoformat(),
                "report_due": case.report_due.isoformat(),
                "overdue": case.overdue(today),
            }
            for case in cases
        ],
    }
