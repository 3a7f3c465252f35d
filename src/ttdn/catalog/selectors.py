"""What the catalog reads: search pages, items, queues, counts for reports, coverage."""

from __future__ import annotations

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.agencies.models import Agency
from ttdn.catalog import conf
from ttdn.catalog.choices import (
    Channel,
    DuplicateDecision,
    ItemKind,
    ItemStatus,
    RunStatus,
    SearchMode,
)
from ttdn.catalog.models import (
    DuplicateCandidate,
    Feed,
    ImportRun,
    Item,
    ItemHistory,
    MediaFile,
    Topic,
)
from ttdn.catalog.permissions import can_read_unpublished, can_view_item, require_view_item
from ttdn.catalog.search.base import SearchFilters, SearchRequest, Visibility, get_backend
from ttdn.catalog.search.query import ParsedQuery, parse_query
from ttdn.catalog.search.snippets import highlight, snippet
from ttdn.catalog.validators import allowed_languages, language_name

PAGE_SIZE = 20
FACET_ORDER = ("language", "kind", "topic", "agency", "year", "channel", "status")


# Search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    """What a search page (or the API, or an export) asks for, as plain values."""

    q: str = ""
    mode: str = SearchMode.RECENT
    exact: bool = False
    language: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()  # codes
    topic: tuple[str, ...] = ()  # codes
    year: tuple[int, ...] = ()
    page: int = 1

    @classmethod
    def from_query(cls, data) -> SearchParams:
        def values(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(v.strip() for v in data.getlist(name) if v.strip()))

        years = tuple(int(v) for v in values("year") if v.isdigit() and 1900 < int(v) < 3000)
        page = data.get("page", "1")
        mode = data.get("mode", SearchMode.RECENT)
        return cls(
            q=(data.get("q") or "")[:300],
            mode=mode if mode in SearchMode.values else SearchMode.RECENT,
            exact=data.get("exact") in ("1", "on", "true"),
            language=values("language"),
            kind=tuple(v for v in values("kind") if v in ItemKind.values),
            status=tuple(v for v in values("status") if v in ItemStatus.values),
            channel=tuple(v for v in values("channel") if v in Channel.values),
            agency=values("agency"),
            topic=values("topic"),
            year=years,
            page=max(1, min(int(page), 500)) if page.isdigit() else 1,
        )

    def query_items(self, **changes) -> list[tuple[str, str]]:
        """The parameters as (name, value) pairs for links, with some changed."""
        values = {
            "q": self.q,
            "mode": self.mode if self.mode != SearchMode.RECENT else "",
            "exact": "1" if self.exact else "",
            "language": self.language,
            "kind": self.kind,
            "status": self.status,
            "channel": self.channel,
            "agency": self.agency,
            "topic": self.topic,
            "year": self.year,
        } | changes
        pairs = []
        for name, value in values.items():
            for single in value if isinstance(value, tuple) else (value,):
                if single not in ("", None):
                    pairs.append((name, str(single)))
        return pairs


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle: list[tuple[str, str]]  # query pairs that add or remove this value


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResult:
    item: Item
    title: str
    snippet: str
    tier: int
    score: float


@dataclass
class SearchPage:
    params: SearchParams
    query: ParsedQuery
    results: list[SearchResult] = field(default_factory=list)
    total: int = 0
    total_capped: bool = False
    ranked: int = 0
    facets: list[Facet] = field(default_factory=list)
    facets_sampled: bool = False
    mode: str = SearchMode.RECENT
    window_from: datetime.date | None = None
    notices: list[str] = field(default_factory=list)
    page: int = 1
    pages: int = 1


def search_visibility(user) -> Visibility:
    if can_read_unpublished(user):
        return Visibility(everything=True)
    if user and user.is_authenticated and getattr(user, "agency_id", None):
        return Visibility(agency_id=user.agency_id)
    return Visibility()


def _filters(params: SearchParams) -> SearchFilters:
    agencies = dict(Agency.objects.filter(code__in=params.agency).values_list("code", "pk"))
    topics = dict(Topic.objects.filter(code__in=params.topic).values_list("code", "pk"))
    return SearchFilters(
        language=tuple(v for v in params.language if v in allowed_languages()),
        kind=params.kind,
        status=params.status,
        channel=params.channel,
        agency=tuple(agencies[c] for c in params.agency if c in agencies) or _none(params.agency),
        year=params.year,
        topic=tuple(topics[c] for c in params.topic if c in topics) or _none(params.topic),
    )


def _none(asked: tuple) -> tuple:
    return (-1,) if asked else ()  # an unknown code filters everything out, not nothing


def search_request(params: SearchParams, *, user, limit: int = PAGE_SIZE, facets=True):
    return SearchRequest(
        query=parse_query(params.q),
        filters=_filters(params),
        visibility=search_visibility(user),
        mode=params.mode,
        exact_only=params.exact,
        offset=(params.page - 1) * limit,
        limit=limit,
        facets=facets,
    )


def catalog_search(params: SearchParams, *, user, limit: int = PAGE_SIZE) -> SearchPage:
    request = search_request(params, user=user, limit=limit)
    response = get_backend().search(request)
    items = Item.objects.select_related("agency").prefetch_related("topics", "media")
    by_id = items.in_bulk([hit.item_id for hit in response.hits])
    page = SearchPage(
        params=params,
        query=request.query,
        total=response.total,
        total_capped=response.total_capped,
        ranked=response.ranked,
        facets_sampled=response.facets_sampled,
        mode=response.mode,
        window_from=response.window_from,
        notices=response.notices,
        page=params.page,
        pages=max(1, math.ceil(min(response.total, _reachable(response, params)) / limit)),
    )
    for hit in response.hits:
        item = by_id.get(hit.item_id)
        if item is None:
            continue
        body = item.summary or item.body_text
        if request.query.has_words or request.query.ngrams:
            text = f"{item.summary} {item.body_text}" if item.summary else item.body_text
            body = snippet(text, request.query, exact_only=params.exact)
            title = highlight(item.title, request.query, exact_only=params.exact)
        else:
            body, title = snippet(body, request.query), highlight(item.title, request.query)
        page.results.append(SearchResult(item, title, body, hit.tier, hit.score))
    page.facets = _facets(params, response.facets)
    return page


def _reachable(response, params: SearchParams) -> int:
    """Pages go as far as the ranked matches (all of them, newest first)."""
    return response.total if params.mode == SearchMode.NEWEST else response.ranked


def _label_maps(counts: dict[str, Counter]) -> dict[str, dict]:
    agencies = Agency.objects.filter(pk__in=list(counts.get("agency", {}))).values_list(
        "pk", "code", "name"
    )
    topics = Topic.objects.filter(pk__in=list(counts.get("topic", {}))).values_list(
        "pk", "code", "name", "name_en"
    )
    from django.utils.translation import get_language

    english = not (get_language() or "vi").startswith("vi")
    return {
        "agency": {pk: (code, name) for pk, code, name in agencies},
        "topic": {pk: (code, en if english and en else vi) for pk, code, vi, en in topics},
        "language": {c: (c, language_name(c)) for c in counts.get("language", {})},
        "kind": {v: (v, label) for v, label in ItemKind.choices},
        "status": {v: (v, label) for v, label in ItemStatus.choices},
        "channel": {v: (v, label) for v, label in Channel.choices},
        "year": {y: (str(y), str(y)) for y in counts.get("year", {})},
    }


FACET_LABELS = {
    "language": gettext_lazy("Language"),
    "kind": gettext_lazy("Kind"),
    "topic": gettext_lazy("Topic"),
    "agency": gettext_lazy("Agency"),
    "year": gettext_lazy("Year"),
    "channel": gettext_lazy("Channel"),
    "status": gettext_lazy("Status"),
}


def _facets(params: SearchParams, counts: dict[str, Counter]) -> list[Facet]:
    from django.utils.translation import gettext

    if not counts:
        return []
    labels = _label_maps(counts)
    facets = []
    for name in FACET_ORDER:
        chosen = tuple(str(v) for v in getattr(params, name))
        values = []
        for raw, count in counts.get(name, Counter()).most_common():
            code, label = labels[name].get(raw, (str(raw), str(raw)))
            selected = str(code) in chosen
            others = tuple(v for v in chosen if v != str(code))
            toggle = params.query_items(**{name: others if selected else (*chosen, code)})
            values.append(FacetValue(str(code), str(label), count, selected, toggle))
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        if values:
            facets.append(Facet(name, gettext(str(FACET_LABELS[name])), values))
    return facets


def search_export_rows(params: SearchParams, *, user) -> dict:
    """Every hit of a search (up to the export limit) as plain data for the exporters."""
    limit = conf.get("TTDN_CATALOG_EXPORT_LIMIT")
    request = search_request(
        SearchParams(**{**params.__dict__, "page": 1}), user=user, limit=limit, facets=False
    )
    response = get_backend().search(request)
    items = Item.objects.select_related("agency").prefetch_related("topics", "tasks")
    by_id = items.in_bulk([hit.item_id for hit in response.hits])
    rows = []
    for hit in response.hits:
        item = by_id.get(hit.item_id)
        if item is None:
            continue
        rows.append(
            {
                "id": item.pk,
                "title": item.title,
                "language": item.language,
                "kind": item.kind,
                "status": item.status,
                "agency": item.agency.name,
                "channel": item.channel,
                "published_on": item.published_on.isoformat() if item.published_on else "",
                "topics": [t.code for t in item.topics.all()],
                "tasks": [t.number for t in item.tasks.all()],
                "target_countries": item.target_countries,
                "original_url": item.original_url,
                "summary": item.summary,
                "translation_key": str(item.translation_key),
            }
        )
    return {
        "query": params.q,
        "total": response.total,
        "total_capped": response.total_capped,
        "mode": response.mode,
        "items": rows,
    }


# Items ----------------------------------------------------------------------------------


def item_get(pk: int, *, user) -> Item:
    item = get_object_or_404(
        Item.objects.select_related("agency", "translated_from", "created_by").prefetch_related(
            "topics", "tasks__plan"
        ),
        pk=pk,
    )
    require_view_item(user, item)
    return item


def item_versions(item: Item, *, user) -> list[Item]:
    """Every language version of the item the user may see, the item itself included."""
    versions = Item.objects.filter(translation_key=item.translation_key).select_related(
        "translated_from"
    )
    return sorted(
        (v for v in versions if can_view_item(user, v)),
        key=lambda v: (allowed_languages() + [v.language]).index(v.language),
    )


def item_media(item: Item) -> QuerySet:
    """Files of every language version (a photo is shared by its translations)."""
    return MediaFile.objects.filter(item__translation_key=item.translation_key).order_by("pk")


def item_history(item: Item) -> QuerySet:
    return ItemHistory.objects.filter(item=item).select_related("actor")[:50]


def review_queue() -> dict[str, QuerySet]:
    base = Item.objects.select_related("agency", "translated_from").prefetch_related("media")
    return {
        "in_review": base.filter(status=ItemStatus.IN_REVIEW).order_by("updated_at"),
        "approved": base.filter(status=ItemStatus.APPROVED).order_by("updated_at"),
    }


def duplicates_open() -> QuerySet:
    return (
        DuplicateCandidate.objects.filter(decision=DuplicateDecision.OPEN)
        .select_related("item__agency", "other__agency")
        .order_by("-similarity", "-created_at")
    )


def feeds_for(user) -> QuerySet:
    feeds = Feed.objects.select_related("agency").prefetch_related(
        Prefetch("runs", queryset=_latest_runs(), to_attr="recent_runs")
    )
    if can_read_unpublished(user):
        return feeds
    return feeds.filter(agency_id=getattr(user, "agency_id", None))


def _latest_runs():
    from ttdn.catalog.models import HarvestRun

    return HarvestRun.objects.order_by("-started_at", "-pk")


def imports_for(user) -> QuerySet:
    runs = ImportRun.objects.select_related("agency", "created_by")
    if can_read_unpublished(user):
        return runs[:30]
    return runs.filter(agency_id=getattr(user, "agency_id", None))[:30]


# Counts for reports and dashboards ------------------------------------------------------

EVIDENCE_STATUSES = (ItemStatus.APPROVED, ItemStatus.PUBLISHED)


@dataclass(frozen=True)
class ItemCountFilters:
    agency: Agency | int | None = None
    year: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    language: str | None = None
    kind: str | None = None
    task: object | None = None  # plans.Task or its id
    plan: object | None = None  # plans.Plan or its id
    statuses: tuple[str, ...] = EVIDENCE_STATUSES


def _dated(items: QuerySet) -> QuerySet:
    return items.annotate(day=Coalesce("published_on", TruncDate("created_at")))


def _filtered(filters: ItemCountFilters) -> QuerySet:
    items = _dated(Item.objects.all())
    if filters.statuses:
        items = items.filter(status__in=filters.statuses)
    if filters.agency is not None:
        items = items.filter(agency=filters.agency)
    if filters.year is not None:
        items = items.filter(day__year=filters.year)
    if filters.date_from is not None:
        items = items.filter(day__gte=filters.date_from)
    if filters.date_to is not None:
        items = items.filter(day__lte=filters.date_to)
    if filters.language:
        items = items.filter(language=filters.language)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.task is not None:
        items = items.filter(tasks=filters.task)
    if filters.plan is not None:
        items = items.filter(tasks__plan=filters.plan)
    return items


COUNT_KEYS = {
    "task": "tasks",
    "agency": "agency",
    "language": "language",
    "kind": "kind",
    "year": "year",
}


def item_counts(*, by: str, filters: ItemCountFilters | dict | None = None) -> dict:
    """How many items (approved or published by default) per task, agency, language, kind or
    year — what dashboards and the consolidated report show. Keys are task ids, agency ids,
    language codes, kind values or years; one query whatever the number of keys."""
    if by not in COUNT_KEYS:
        raise ValueError(f"item_counts(by=…) takes one of {', '.join(COUNT_KEYS)}, not {by!r}.")
    if isinstance(filters, dict):
        filters = ItemCountFilters(**filters)
    items = _filtered(filters or ItemCountFilters())
    if by == "year":
        rows = items.annotate(year=ExtractYear("day")).values("year")
        key = "year"
    elif by == "task":
        rows = items.filter(tasks__isnull=False).values("tasks")
        if filters and filters.plan is not None:
            rows = rows.filter(tasks__plan=filters.plan)
        key = "tasks"
    else:
        rows = items.values(COUNT_KEYS[by])
        key = COUNT_KEYS[by]
    counted = rows.annotate(n=Count("pk", distinct=True)).order_by()
    return {row[key]: row["n"] for row in counted}


def items_for_task(task, year: int | None = None, *, statuses=EVIDENCE_STATUSES) -> QuerySet:
    """Items that serve a plan task (evidence for its report), newest first."""
    items = _dated(Item.objects.filter(tasks=task, status__in=statuses))
    if year is not None:
        items = items.filter(day__year=year)
    return items.select_related("agency").order_by("-day", "-pk")


# Language coverage ----------------------------------------------------------------------


@dataclass
class CoverageRow:
    key: str
    label: str
    groups: int
    per_language: dict[str, int]
    missing: dict[str, int]
    stale: int
    link: list[tuple[str, str]]


def coverage_matrix(*, languages: list[str] | None = None, statuses=None) -> dict:
    """Topics and tasks × languages, counted in works (translation groups): how many works
    have a version in each language, how many lack English or Lao, how many translations are
    older than the version they follow."""
    languages = languages or allowed_languages()
    statuses = statuses or [s for s in ItemStatus.values if s != ItemStatus.ARCHIVED]
    items = Item.objects.filter(status__in=statuses)
    versions: dict[str, set[str]] = defaultdict(set)
    for key, language in items.values_list("translation_key", "language"):
        versions[str(key)].add(language)
    stale_keys: Counter = Counter()
    for key, source_time, checked in items.filter(translated_from__isnull=False).values_list(
        "translation_key", "translated_from__content_updated_at", "source_translation_updated_at"
    ):
        if source_time and (checked is None or source_time > checked):
            stale_keys[str(key)] += 1
    topic_groups: dict[int, set[str]] = defaultdict(set)
    for topic_id, key in items.filter(topics__isnull=False).values_list(
        "topics", "translation_key"
    ):
        topic_groups[topic_id].add(str(key))
    task_groups: dict[int, set[str]] = defaultdict(set)
    for task_id, key in items.filter(tasks__isnull=False).values_list("tasks", "translation_key"):
        task_groups[task_id].add(str(key))

    def row(key, label, groups: set[str], link) -> CoverageRow:
        per_language = {
            language: sum(1 for g in groups if language in versions[g]) for language in languages
        }
        missing = {
            language: len(groups) - per_language[language]
            for language in ("en", "lo")
            if language in languages
        }
        return CoverageRow(
            key, label, len(groups), per_language, missing, sum(stale_keys[g] for g in groups), link
        )

    from django.utils.translation import get_language

    interface = get_language() or "vi"
    topics = [
        row(t.code, t.label(interface), topic_groups.get(t.pk, set()), [("topic", t.code)])
        for t in Topic.objects.filter(active=True)
    ]
    from ttdn.plans.models import Task

    tasks = [
        row(f"{t.plan.number} {t.number}", f"{t.number}. {t.title}", task_groups[t.pk], [])
        for t in Task.objects.filter(pk__in=list(task_groups)).select_related("plan")
    ]
    total = row("all", _("All items"), set(versions), [])
    shown = [c for c in languages if c in ("vi", "en", "lo") or total.per_language[c]]
    for each in [*topics, *tasks, total]:
        each.per_language = {c: each.per_language[c] for c in shown}
    return {"languages": shown, "topics": topics, "tasks": tasks, "total": total}


def agency_choices_for(user) -> QuerySet:
    """Agencies a user may create items for."""
    from ttdn.catalog.permissions import REVIEWERS, role_of

    agencies = Agency.objects.filter(Q(active_to__isnull=True)).order_by("kind", "name")
    if role_of(user) in REVIEWERS:
        return agencies
    return agencies.filter(pk=getattr(user, "agency_id", None))


def run_is_finished(run) -> bool:
    return run.status not in (RunStatus.QUEUED, RunStatus.RUNNING)
