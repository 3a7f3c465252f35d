"""The search interface: plain data in and out, the document-id layout, the registry, and
the one algorithm both engines follow (`SearchBackend.search`).

Document ids
------------
A document id is `day << 47 | facet values << 19 | sequence` (search/facets.py):

- `day`: days since 1900-01-01 of the item's publication date (its entry date when it has
  none), so ids follow the calendar whatever the order items arrive in, and "the newest N
  matches" or "published in 2024" are id ranges the engines seek directly;
- the agency, language, kind, status and channel, each a few bits, so filters, the
  reader's visibility and those facet counts are arithmetic on the id — no other table is
  read for each hit;
- `sequence`: a counter within the day and those values.

Ranking
-------
Ranking costs about 2 µs a hit and a term (bm25 in FTS5; more for ts_rank), so a search
works on a bounded set — the newest `TTDN_CATALOG_RANK_RECENT` matches in the default mode,
the newest `TTDN_CATALOG_RANK_ALL` in "whole archive" mode (the whole archive unless a query
matches more than that) — and within it computes relevance only for the groups a page
reaches: phrase matches, then title matches, then body-only matches (search/planner.py,
ADR 0009). Facet counts cover the same set; totals are exact up to
`TTDN_CATALOG_COUNT_CAP` in whole-archive mode.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar, TypeVar

from django.db import connection

from ttdn.catalog import conf
from ttdn.catalog.search.aside import Pending
from ttdn.catalog.search.query import ParsedQuery

EPOCH = datetime.date(1900, 1, 1)
DAY_SHIFT = 47
SEQ_LIMIT = 1 << 19
MAX_DAY = (1 << 16) - 1  # 2079-06-06
T = TypeVar("T")
FACETS = ("language", "kind", "status", "channel", "agency", "year", "topic")


def day_number(day: datetime.date) -> int:
    return min(MAX_DAY, max(0, (day - EPOCH).days))


def day_start(day: datetime.date) -> int:
    return day_number(day) << DAY_SHIFT


def date_of_id(doc_id: int) -> datetime.date:
    return EPOCH + datetime.timedelta(days=doc_id >> DAY_SHIFT)


@dataclass(frozen=True)
class IndexDocument:
    """One item as the index holds it; `day` and the facet values decide its id."""

    item_id: int
    day: datetime.date
    language: str
    kind: str
    status: str
    channel: str
    agency_id: int
    topics: tuple[int, ...]
    title_exact: str
    body_exact: str
    title_folded: str
    body_folded: str
    ngram: str

    @property
    def id_base(self) -> int:
        from ttdn.catalog.search.facets import id_base

        return id_base(self.day, self.language, self.kind, self.status, self.channel,
                       self.agency_id)  # fmt: skip


def topics_text(topics: Iterable[int]) -> str:
    topics = sorted(set(topics))
    return "," + ",".join(str(t) for t in topics) + "," if topics else ""


@dataclass(frozen=True)
class SearchFilters:
    language: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    agency: tuple[int, ...] = ()
    year: tuple[int, ...] = ()
    topic: tuple[int, ...] = ()

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in FACETS)


@dataclass(frozen=True)
class Visibility:
    """Which documents a reader may see: all, or published ones plus one agency's own."""

    everything: bool = False
    agency_id: int | None = None


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filters: SearchFilters = SearchFilters()
    visibility: Visibility = Visibility()
    mode: str = "recent"  # recent | all | newest
    exact_only: bool = False
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass(frozen=True)
class SearchHit:
    doc_id: int
    item_id: int
    tier: int = 0
    score: float = 0.0


@dataclass
class SearchResponse:
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    total_capped: bool = False  # "more than `total`"
    ranked: int = 0  # how many matches were ranked (the newest ones)
    facets: dict[str, Counter] = field(default_factory=dict)
    facets_sampled: bool = False  # counted among the newest matches only
    mode: str = "recent"
    window_from: datetime.date | None = None  # date of the oldest match ranked, when capped
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """What a query selects, engine-neutral: the words (exact or folded), n-gram runs, a
    filter on the id (visibility and facets: a function of the id column giving SQL and
    parameters), topics, id ranges for years, and a lower id bound."""

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    exact: bool
    ngrams: tuple[str, ...] = ()
    id_filter: tuple | None = None  # (Visibility, SearchFilters | None): see facets.id_filter
    topics: tuple[int, ...] = ()
    years: tuple[tuple[int, int], ...] = ()
    low: int = 0
    high: int = 0  # when set, ids below it only
    short_ngram_low: int = 0  # runs under 3 characters are looked up from this id on
    title_only: bool = False  # the words must all be in the title (folded)

    @property
    def has_words(self) -> bool:
        return bool(self.terms or self.phrases)

    def with_low(self, low: int) -> Scope:
        return replace(self, low=low)


class SearchBackend(ABC):
    """A full-text engine: it owns the index tables and every write to them, and answers the
    few primitive questions `search` asks."""

    name: ClassVar[str]
    vendor: ClassVar[str]
    # Whether a phrase is probed (one match?) before it is scored: worth it where the probe
    # stops at the first match and scoring reads every match's positions (FTS5); not where
    # both read the same index lists first (GIN) and an empty scoring costs no more.
    probes_phrases: ClassVar[bool] = True

    # Writing ---------------------------------------------------------------------------

    @abstractmethod
    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        """Put these items' documents in the index, replacing their old ones."""

    @abstractmethod
    def delete(self, item_ids: Iterable[int]) -> None:
        """Take these items out of the index."""

    @abstractmethod
    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        """Empty the index and fill it again (documents in date order); return the count."""

    @abstractmethod
    def size(self) -> dict[str, int]:
        """Bytes on disk, by part of the index."""

    # Primitives ------------------------------------------------------------------------

    @abstractmethod
    def count(self, scope: Scope, cap: int) -> int:
        """Matches in scope, counting at most cap + 1."""

    @abstractmethod
    def newest(self, scope: Scope, *, limit: int, offset: int) -> list[int]:
        """Ids of matches, newest first."""

    def count_and_nth(self, scope: Scope, *, cap: int, nth: int) -> tuple[int, int | None]:
        """The matches counted up to cap + 1 (as `count`), and the id of the nth newest
        when that count is more than nth (else None) — one question, for an engine that
        can answer both in one walk."""
        total = self.count(scope, cap)
        return total, self.newest(scope, limit=1, offset=nth - 1)[0] if total > nth else None

    @abstractmethod
    def scored(self, scope: Scope) -> dict[int, float]:
        """Every match of `scope` with its relevance (higher is better): bm25 in FTS5,
        ts_rank in PostgreSQL, the title counting four times the body. Called for small
        scopes only: the title index, a phrase, the newest few thousand matches."""

    @abstractmethod
    def member(self, scope: Scope, ids: Sequence[int]) -> set[int]:
        """Which of these ids match `scope`."""

    @abstractmethod
    def topic_groups(self, ids: Sequence[int]) -> list[tuple[str, int]]:
        """(topics text, count) over these documents."""

    def newest_topics(
        self, scope: Scope, *, limit: int, counted: int
    ) -> tuple[list[int], list[tuple[str, int]]]:
        """The ids `newest(scope, limit=limit, offset=0)` gives, and the topic groups
        (`topic_groups`) of the first `counted` of them — one question, for an engine that
        can read both at once."""
        ids = self.newest(scope, limit=limit, offset=0)
        return ids, self.topic_groups(ids[:counted])

    @abstractmethod
    def item_ids(self, ids: Sequence[int]) -> dict[int, int]:
        """Document id → item id."""

    def can_ask_aside(self) -> bool:
        """Whether `ask_aside` would ask on another connection now."""
        return False

    def ask_aside(self, question: Callable[..., T], /, *args, **kwargs) -> Pending[T]:
        """One of this engine's questions (a bound method), asked so that the caller can go
        on while it is answered (search/aside.py). Here it is answered at once; PostgreSQL
        asks it on a second connection."""
        return Pending.answered(question(*args, **kwargs))

    # The algorithm ---------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        from ttdn.catalog.search.planner import run_search

        return run_search(self, request)

    def first_document(self) -> int:
        """The smallest document id, 0 when there is none (cached for five minutes)."""
        return _cached_id(f"catalog:search-first:{connection.alias}",
                          "SELECT min(id) FROM catalog_searchdocument", [])  # fmt: skip

    def window_start(self, size: int) -> int:
        """The smallest id among the newest `size` documents (cached for five minutes)."""
        return _cached_id(
            f"catalog:search-window:{connection.alias}:{size}",
            "SELECT id FROM catalog_searchdocument ORDER BY id DESC LIMIT 1 OFFSET %s",
            [size - 1],
        )


def _cached_id(key: str, sql: str, params: list) -> int:
    """A document id one statement gives (0 when it gives none), cached for five minutes;
    `clear_window_cache` forgets them when documents are written."""
    from django.core.cache import cache

    found = cache.get(key)
    if found is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        found = (row[0] if row else None) or 0
        cache.set(key, found, 300)
    return found


_REGISTRY: dict[str, type[SearchBackend]] = {}


def register_backend(cls: type[SearchBackend]) -> type[SearchBackend]:
    _REGISTRY[cls.name] = cls
    return cls


def get_backend(name: str = "") -> SearchBackend:
    name = name or conf.get("TTDN_CATALOG_SEARCH_BACKEND") or connection.vendor
    for cls in _REGISTRY.values():
        if name in (cls.name, cls.vendor):
            return cls()
    raise LookupError(f"No search backend is registered for “{name}”.")


def clear_window_cache() -> None:
    from django.core.cache import cache

    cache.delete_many(
        [f"catalog:search-window:{connection.alias}:{size}" for size in (SHORT_NGRAM_WINDOW,)]
        + [f"catalog:search-first:{connection.alias}"]
    )


SHORT_NGRAM_WINDOW = 200_000  # documents scanned for a Lao/CJK run under 3 characters
