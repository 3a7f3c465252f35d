"""The search algorithm both engines follow; they only answer its primitive questions.

1. The newest N + 1 matches (ids only, newest first — a cheap walk of the index): N is
   5,000 in the default mode and 100,000 for the whole archive. If there are no more than
   N, they are all the matches and their number is the total; otherwise the N-th is the
   lower bound of what is ranked, and the total is counted (up to a cap).
2. Facet counts from those ids: agency, language, kind, status, channel and year are bits
   of the id (facets.py); topics are read for those ids only. A facet's counts apply every
   other filter (the ids are fetched once more, without the filters, when filters are on).
3. One page ranked from the lower bound on: tier first (the words as a phrase: 2; the
   exact forms of a query typed with diacritics: 1), then relevance, ties newest first.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import replace

from ttdn.catalog import conf
from ttdn.catalog.search.base import (
    SHORT_NGRAM_WINDOW,
    Scope,
    SearchBackend,
    SearchHit,
    SearchRequest,
    SearchResponse,
    date_of_id,
    day_start,
)
from ttdn.catalog.search.facets import GROUP_SHIFT, facet_counts


def _year_ranges(years) -> tuple[tuple[int, int], ...]:
    return tuple(
        (day_start(datetime.date(year, 1, 1)), day_start(datetime.date(year + 1, 1, 1)))
        for year in sorted(set(years))
    )


def run_search(backend: SearchBackend, request: SearchRequest) -> SearchResponse:
    query = request.query
    mode = request.mode if request.mode in ("recent", "all", "newest") else "recent"
    response = SearchResponse(mode=mode, notices=list(query.notices))
    short_low = backend.window_start(SHORT_NGRAM_WINDOW) if query.short_ngrams else 0
    if query.short_ngrams and short_low:
        response.notices.append("short_ngram")
    terms, phrases, exact = (
        (query.terms, query.phrases, True)
        if request.exact_only
        else (query.folded_terms, query.folded_phrases, False)
    )
    filters = request.filters
    base = Scope(terms, phrases, exact, query.ngrams, short_ngram_low=short_low)
    hits = replace(base, id_filter=(request.visibility, filters if filters.active else None),
                   topics=filters.topic, years=_year_ranges(filters.year))  # fmt: skip
    size = conf.get("TTDN_CATALOG_RANK_ALL" if mode == "all" else "TTDN_CATALOG_RANK_RECENT")

    ids = backend.newest(hits, limit=size + 1, offset=0)
    low = 0
    if len(ids) > size:
        ids = ids[:size]
        cap = conf.get("TTDN_CATALOG_COUNT_CAP")
        total = backend.count(hits, cap)
        response.total, response.total_capped = min(total, cap), total > cap
        if mode != "newest":
            low = ids[-1]
            response.window_from = date_of_id(low)
            response.notices.append("ranked_recent" if mode == "recent" else "ranked_capped")
    else:
        response.total = len(ids)
    response.ranked = len(ids)

    if request.facets:
        _facets(backend, request, response, base, hits, ids, size)
    if response.total:
        response.hits = _page(backend, request, hits.with_low(low), ids, mode)
    return response


def _newest_ids(backend, scope: Scope, size: int) -> tuple[list[int], bool]:
    ids = backend.newest(scope, limit=size + 1, offset=0)
    return ids[:size], len(ids) > size


def _facets(backend, request, response, base, hits, ids, size) -> None:
    """Facet counts over the newest matches the reader may see; a facet's own filter is
    not applied to its counts (id facets are filtered in Python; the topic facet is read
    for the matches that pass every other filter)."""
    filters = request.filters
    sampled = len(ids) >= size and response.total > size
    visible = replace(base, id_filter=(request.visibility, None), topics=filters.topic)
    facet_ids = ids
    if visible != hits:
        facet_ids, sampled = _newest_ids(backend, visible, size)
    topic_ids = ids
    if filters.topic:
        topic_ids, _more = _newest_ids(backend, replace(hits, topics=()), size)
    groups = Counter(doc_id >> GROUP_SHIFT for doc_id in facet_ids)
    _total, response.facets = facet_counts(groups.items(), filters, backend.topic_groups(topic_ids))
    response.facets_sampled = sampled


def _page(backend, request: SearchRequest, hits: Scope, ids: list[int], mode: str):
    query = request.query
    if mode == "newest" or not query.has_words:
        end = request.offset + request.limit
        page = ids[request.offset : end] if end <= len(ids) else None
        if page is None:
            page = backend.newest(hits, limit=request.limit, offset=request.offset)
        rows = [(doc_id, 0, 0.0) for doc_id in page]
    else:
        phrase, exact = _tiers(request, hits)
        rows = backend.ranked(
            hits, phrase=phrase, exact=exact, limit=request.limit, offset=request.offset
        )
    items = backend.item_ids([row[0] for row in rows])
    return [SearchHit(d, items[d], tier, score) for d, tier, score in rows if d in items]


def _tiers(request: SearchRequest, hits: Scope) -> tuple[Scope | None, Scope | None]:
    """The phrase tier (several unquoted words, as one phrase) and the exact tier (a query
    typed with diacritics, in the exact index)."""
    query = request.query
    phrase = exact = None
    if len(query.terms) > 1:
        words = query.terms if request.exact_only else query.folded_terms
        phrase = replace(hits, terms=(), phrases=(words,), exact=request.exact_only)
    if query.diacritics and not request.exact_only:
        exact = replace(hits, terms=query.terms, phrases=query.phrases, exact=True)
    return phrase, exact
