"""The inbox: stories filtered and searched, one row per story with all its outlets.

Search is a folded-phrase search of our own over each story's folded titles, leads and
places (`Story.search_folded`, written by the save service with `core.text.fold`): every
word or "quoted phrase" must occur, whole words only. Stories where the words stand together
as typed come first ('nghe an' puts 'Nghệ An' before 'nghe nhạc an toàn'); then, for a
query typed with diacritics, stories whose title has it exactly. The catalog's search
backends index catalog items only, so they do not fit here (ADR 0020).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass, fields

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from ttdn.core.text import fold
from ttdn.monitoring.choices import SourceKind, Tone, Topic
from ttdn.monitoring.models import Article, Story
from ttdn.monitoring.pipeline.text import fold_query

_PHRASE = re.compile(r'"([^"]+)"|(\S+)')
SHOW = ("relevant", "all", "not_relevant")


@dataclass(frozen=True)
class InboxFilters:
    q: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    source_kind: str = ""
    language: str = ""
    topic: str = ""
    tone: str = ""
    min_relevance: float | None = None
    show: str = "relevant"
    needs_answer: bool = False
    unreviewed: bool = False

    @classmethod
    def from_params(cls, params) -> InboxFilters:
        def date(name):
            try:
                return datetime.date.fromisoformat(params.get(name) or "")
            except ValueError:
                return None

        def number(name):
            try:
                return max(0.0, min(1.0, float(params.get(name))))
            except (TypeError, ValueError):
                return None

        def choice(name, allowed):
            value = params.get(name) or ""
            return value if value in allowed else ""

        return cls(
            q=(params.get("q") or "").strip()[:300],
            date_from=date("date_from"),
            date_to=date("date_to"),
            source_kind=choice("source_kind", SourceKind.values),
            language=(params.get("language") or "").strip().lower()[:8],
            topic=choice("topic", Topic.values),
            tone=choice("tone", Tone.values),
            min_relevance=number("min_relevance"),
            show=choice("show", SHOW) or "relevant",
            needs_answer=params.get("needs_answer") in ("1", "on", "true", True),
            unreviewed=params.get("unreviewed") in ("1", "on", "true", True),
        )

    def as_params(self) -> dict:
        """Plain values (JSON, query strings) without the defaults."""
        default = InboxFilters()
        result = {}
        for name, value in asdict(self).items():
            if value != getattr(default, name):
                result[name] = value.isoformat() if isinstance(value, datetime.date) else value
        return result

    @property
    def active(self) -> bool:
        return bool(self.as_params())


FILTER_NAMES = [f.name for f in fields(InboxFilters)]


def phrases(query: str) -> list[tuple[str, ...]]:
    found = []
    for quoted, word in _PHRASE.findall(query):
        tokens = fold_query(quoted or word)
        if tokens:
            found.append(tokens)
    return found


def phrase_pattern(tokens: tuple[str, ...]) -> str:
    return r"(^|[^a-z0-9])" + r"[^a-z0-9]+".join(tokens) + r"([^a-z0-9]|$)"


def _rank(condition) -> Case:
    return Case(When(condition, then=Value(0)), default=Value(1), output_field=IntegerField())


def _search(queryset: QuerySet, query: str) -> QuerySet:
    found = phrases(query)
    if not found:
        return queryset
    for tokens in found:
        queryset = queryset.filter(search_folded__regex=phrase_pattern(tokens))
    together = fold_query(query.replace('"', " "))
    exact = query.replace('"', "").strip()
    queryset = queryset.annotate(
        together=_rank(Q(search_folded__regex=phrase_pattern(together))),
        exact=_rank(Q(title__icontains=exact)) if fold(query) != query.lower() else Value(1),
    )
    return queryset.order_by("together", "exact", "-day", "-pk")


def stories_filtered(filters: InboxFilters) -> QuerySet:
    queryset = Story.objects.all()
    if filters.show == "relevant":
        queryset = queryset.filter(relevant=True)
    elif filters.show == "not_relevant":
        queryset = queryset.filter(relevant=False)
    if filters.date_from:
        queryset = queryset.filter(day__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(day__lte=filters.date_to)
    if filters.source_kind:
        queryset = queryset.filter(source_kinds__contains=filters.source_kind)
    if filters.language:
        queryset = queryset.filter(articles__language=filters.language).distinct()
    if filters.topic:
        queryset = queryset.filter(topic=filters.topic)
    if filters.tone:
        queryset = queryset.filter(tone=filters.tone)
    if filters.min_relevance is not None:
        queryset = queryset.filter(relevance__gte=filters.min_relevance)
    if filters.needs_answer:
        queryset = queryset.filter(needs_answer=True)
    if filters.unreviewed:
        queryset = queryset.filter(
            relevance_reviewed=False, topic_reviewed=False, tone_reviewed=False
        )
    queryset = queryset.order_by("-day", "-pk")
    return _search(queryset, filters.q) if filters.q else queryset


def inbox(filters: InboxFilters) -> QuerySet:
    """Stories with their articles (outlet, title, address) and open cases prefetched."""
    articles = Article.objects.only(
        "pk",
        "story_id",
        "url",
        "outlet",
        "title",
        "source_kind",
        "published_at",
        "language",
        "tone",
    ).order_by("published_at", "pk")
    return stories_filtered(filters).prefetch_related(
        Prefetch("articles", queryset=articles),
        "cases",
    )


def story_detail(pk: int) -> Story:
    articles = Article.objects.select_related("source").order_by("published_at", "pk")
    return Story.objects.prefetch_related(
        Prefetch("articles", queryset=articles),
        "labels__by",
        "cases__agency",
    ).get(pk=pk)
