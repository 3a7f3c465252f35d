"""The bulk save: the one place the pipeline writes.

Idempotent by normalised address. Articles are written in batches, each in its own
transaction with its stories and the run's counters, so a worker killed between two batches
leaves whole batches only; the rerun skips what is saved (same address) and saves the rest.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ttdn.core.text import fold
from ttdn.monitoring import conf
from ttdn.monitoring.choices import SourceKind, Tone
from ttdn.monitoring.models import Article, FetchRun, Story
from ttdn.monitoring.pipeline.types import Analysed

SEARCH_CHARS = 6000
TONE_PRIORITY = {Tone.NEGATIVE: 0, Tone.POSITIVE: 1, Tone.NEUTRAL: 2}


@dataclass
class SaveReport:
    new: int = 0
    existing: int = 0
    relevant: int = 0
    stories_new: int = 0
    story_ids: set[int] | None = None

    def add(self, other: SaveReport) -> None:
        self.new += other.new
        self.existing += other.existing
        self.relevant += other.relevant
        self.stories_new += other.stories_new
        self.story_ids = (self.story_ids or set()) | (other.story_ids or set())


def story_key(founder_url: str) -> str:
    return hashlib.sha1(founder_url.encode("utf-8")).hexdigest()


def _local_day(row: Analysed, now):
    moment = row.doc.published or now
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _stories_for(rows: list[Analysed], now) -> tuple[dict[str, int], int]:
    """Story id for each row's story key: saved stories by id, the others by the key of the
    article that founded them (found when an earlier batch or run saved it, else created)."""
    present = set(
        Story.objects.filter(pk__in={row.story_id for row in rows if row.story_id}).values_list(
            "pk", flat=True
        )
    )
    ids: dict[str, int] = {}
    founders: dict[str, tuple[str, Analysed]] = {}
    for row in rows:
        if row.story_id in present:
            ids[row.story_key] = row.story_id
        elif row.story_key not in founders:
            # A story deleted since it was matched is founded again by this article.
            founder = row.doc.url_normalised if row.story_id else row.story_key
            founders[row.story_key] = (story_key(founder), row)
    found = dict(
        Story.objects.filter(key__in={key for key, _row in founders.values()}).values_list(
            "key", "pk"
        )
    )
    new = [
        Story(
            key=key,
            title=row.doc.title,
            language=row.doc.language,
            discovered_at=now,
            day=_local_day(row, now),
        )
        for key, row in founders.values()
        if key not in found
    ]
    for story in Story.objects.bulk_create(new):
        found[story.key] = story.pk
    ids.update({name: found[key] for name, (key, _row) in founders.items()})
    return ids, len(new)


def _article(row: Analysed, story_id: int, run: FetchRun | None, now) -> Article:
    doc = row.doc
    return Article(
        url=doc.url[:1000],
        url_normalised=doc.url_normalised[:1000],
        source_id=doc.source_id,
        source_kind=doc.source_kind,
        outlet=doc.source[:200],
        story_id=story_id,
        run=run,
        title=doc.title,
        lead=doc.lead,
        text=doc.text,
        author=doc.author,
        published_at=doc.published,
        discovered_at=now,
        language=doc.language,
        relevance=row.relevance.score,
        relevant=row.relevance.relevant,
        places=list(row.relevance.places),
        topic=row.topic.label,
        topic_score=row.topic.score,
        tone=row.tone.label,
        tone_score=row.tone.score,
        signature=row.signature,
        shingles=row.shingles,
        search_folded=fold(f"{doc.title} {doc.lead} {' '.join(row.relevance.places)}")[:2000],
    )


def _vote(values: list[tuple[str, float]], priority: dict | None = None) -> tuple[str, float]:
    weights: Counter = Counter()
    for label, score in values:
        if label:
            weights[label] += score
    if not weights:
        return "", 0.0
    best = max(weights.items(), key=lambda item: (item[1], -(priority or {}).get(item[0], 9)))
    return best[0], round(best[1] / sum(weights.values()), 4)


def stories_refresh(
    story_ids: set[int], *, extra_agencies: dict[int, list[str]] | None = None
) -> None:
    """Recompute each story's counts, dates and suggestions from its articles (2 queries)."""
    if not story_ids:
        return
    threshold = conf.get("TTDN_MONITORING_RELEVANCE_THRESHOLD")
    rows: dict[int, list[dict]] = {}
    for values in (
        Article.objects.filter(story_id__in=story_ids)
        .order_by("pk")
        .values(
            "story_id",
            "outlet",
            "source_kind",
            "published_at",
            "discovered_at",
            "relevance",
            "places",
            "topic",
            "topic_score",
            "tone",
            "tone_score",
            "search_folded",
            "title",
            "language",
        )
    ):
        rows.setdefault(values["story_id"], []).append(values)
    stories = list(Story.objects.filter(pk__in=rows))
    for story in stories:
        articles = rows[story.pk]
        best = max(articles, key=lambda a: a["relevance"])
        dates = [a["published_at"] for a in articles if a["published_at"]]
        kinds = sorted({a["source_kind"] for a in articles if a["source_kind"]})
        places = list(
            dict.fromkeys(
                p for a in sorted(articles, key=lambda a: -a["relevance"]) for p in a["places"]
            )
        )
        story.article_count = len(articles)
        story.outlet_count = len({a["outlet"] for a in articles})
        story.first_published_at = min(dates) if dates else None
        story.last_published_at = max(dates) if dates else None
        story.foreign = SourceKind.FOREIGN in kinds
        story.social = SourceKind.SOCIAL in kinds
        story.source_kinds = ",".join(kinds)
        story.relevance = round(best["relevance"], 4)
        story.relevant_suggested = best["relevance"] >= threshold
        story.places = places[:20]
        story.agencies = list(
            dict.fromkeys(story.agencies + (extra_agencies or {}).get(story.pk, []))
        )[:10]
        story.topic_suggested, story.topic_score = _vote(
            [(a["topic"], a["topic_score"]) for a in articles]
        )
        story.tone_suggested, story.tone_score = _vote(
            [(a["tone"], a["tone_score"]) for a in articles], TONE_PRIORITY
        )
        if not story.relevance_reviewed:
            story.relevant = story.relevant_suggested
        if not story.topic_reviewed:
            story.topic = story.topic_suggested
        if not story.tone_reviewed:
            story.tone = story.tone_suggested
        story.search_folded = " ".join(a["search_folded"] for a in articles)[:SEARCH_CHARS]
    Story.objects.bulk_update(
        stories,
        [
            "article_count",
            "outlet_count",
            "first_published_at",
            "last_published_at",
            "foreign",
            "social",
            "source_kinds",
            "relevance",
            "relevant_suggested",
            "places",
            "agencies",
            "topic_suggested",
            "topic_score",
            "tone_suggested",
            "tone_score",
            "relevant",
            "topic",
            "tone",
            "search_folded",
        ],
    )


def _save_batch(rows: list[Analysed], run: FetchRun | None, now) -> SaveReport:
    urls = [row.doc.url_normalised for row in rows]
    saved = set(
        Article.objects.filter(url_normalised__in=urls).values_list("url_normalised", flat=True)
    )
    fresh = [row for row in rows if row.doc.url_normalised not in saved]
    report = SaveReport(existing=len(rows) - len(fresh), story_ids=set())
    if not fresh:
        return report
    story_ids, report.stories_new = _stories_for(fresh, now)
    Article.objects.bulk_create(
        [_article(row, story_ids[row.story_key], run, now) for row in fresh]
    )
    report.new = len(fresh)
    report.relevant = sum(row.relevance.relevant for row in fresh)
    report.story_ids = set(story_ids.values())
    agencies: dict[int, list[str]] = {}
    for row in fresh:
        agencies.setdefault(story_ids[row.story_key], []).extend(row.relevance.agencies)
    stories_refresh(report.story_ids, extra_agencies=agencies)
    if run is not None:
        FetchRun.objects.filter(pk=run.pk).update(
            articles_new=F("articles_new") + report.new,
            articles_relevant=F("articles_relevant") + report.relevant,
            stories_new=F("stories_new") + report.stories_new,
            heartbeat_at=now,
        )
    return report


def articles_save(
    *,
    rows: Sequence[Analysed],
    run: FetchRun | None = None,
    batch_size: int | None = None,
    after_batch: Callable[[int], None] | None = None,
) -> SaveReport:
    """Save analysed articles in batches; `after_batch(n)` is called after each commit."""
    size = batch_size or conf.get("TTDN_MONITORING_SAVE_BATCH")
    total = SaveReport(story_ids=set())
    for number, start in enumerate(range(0, len(rows), size), start=1):
        now = timezone.now()
        with transaction.atomic():
            total.add(_save_batch(list(rows[start : start + size]), run, now))
        if after_batch is not None:
            after_batch(number)
    return total
