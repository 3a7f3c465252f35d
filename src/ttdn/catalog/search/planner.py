"""The search algorithm both engines follow; they only answer its primitive questions.

1. Which facet combinations the reader may see and the filters allow (from the id).
2. The total, counted up to a cap.
3. The set to rank: the newest N matches (N = 5,000 by default, 100,000 for the whole
   archive) — cost stays bounded whatever the query.
4. Facet counts over the newest N matches the reader may see (filters apart, so a chosen
   value keeps its siblings visible).
5. One page, tier by tier: the exact phrase, the folded phrase, the exact words, the folded
   words — each tier ranked by relevance, later tiers only when earlier ones do not fill the
   page (so the tiers that are read are small, and the cost is the ranking of one set).
"""

from __future__ import annotations

import datetime

from ttdn.catalog import conf
from ttdn.catalog.search import combos
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


def _year_ranges(years) -> tuple[tuple[int, int], ...]:
    return tuple(
        (day_start(datetime.date(year, 1, 1)), day_start(datetime.date(year + 1, 1, 1)))
        for year in sorted(set(years))
    )


def _tiers(request: SearchRequest) -> list[tuple]:
    """(terms, phrases, exact) of each tier, best first."""
    query = request.query
    exact_words = (query.terms, query.phrases, True)
    folded_words = (query.folded_terms, query.folded_phrases, False)
    typed_exactly = query.diacritics and not request.exact_only
    tiers = []
    if len(query.terms) > 1:
        exact_phrase = ((), (*query.phrases, query.terms), True)
        folded_phrase = ((), (*query.folded_phrases, query.folded_terms), False)
        if request.exact_only:
            tiers.append(exact_phrase)
        elif typed_exactly:
            tiers += [exact_phrase, folded_phrase]
        else:
            tiers.append(folded_phrase)
    if typed_exactly or request.exact_only:
        tiers.append(exact_words)
    if not request.exact_only:
        tiers.append(folded_words)
    return tiers


def run_search(backend: SearchBackend, request: SearchRequest) -> SearchResponse:
    query = request.query
    mode = request.mode if request.mode in ("recent", "all", "newest") else "recent"
    response = SearchResponse(mode=mode, notices=list(query.notices))
    visible = combos.condition(request.visibility)
    allowed = combos.condition(request.visibility, request.filters)
    short_low = backend.window_start(SHORT_NGRAM_WINDOW) if query.short_ngrams else 0
    if query.short_ngrams and short_low:
        response.notices.append("short_ngram")
    terms, phrases, exact = (
        (query.terms, query.phrases, True)
        if request.exact_only
        else (query.folded_terms, query.folded_phrases, False)
    )
    words = Scope(terms, phrases, exact, query.ngrams, visible, (), 0, short_low)
    hits = Scope(terms, phrases, exact, query.ngrams, allowed,
                 _year_ranges(request.filters.year), 0, short_low)  # fmt: skip
    cap = conf.get("TTDN_CATALOG_COUNT_CAP")
    ranked = conf.get("TTDN_CATALOG_RANK_ALL" if mode == "all" else "TTDN_CATALOG_RANK_RECENT")
    total = backend.count(hits, cap)
    response.total, response.total_capped = min(total, cap), total > cap
    low = 0
    if mode != "newest" and total > ranked:
        low = backend.boundary(hits, ranked)
        response.window_from = date_of_id(low)
        response.notices.append("ranked_recent" if mode == "recent" else "ranked_capped")
    response.ranked = min(total, ranked)

    if request.facets:
        facet_low = low if words == hits else 0
        if words != hits or mode == "newest":
            facet_low = backend.boundary(words, ranked)
        _total, response.facets = combos.facet_counts(
            backend.groups(words.with_low(facet_low)), request.filters
        )
        response.facets_sampled = facet_low > 0
    if total:
        response.hits = _page(backend, request, hits.with_low(low), mode)
    return response


def _page(backend: SearchBackend, request: SearchRequest, hits: Scope, mode: str):
    query = request.query
    if mode == "newest" or not query.has_words:
        ids = backend.newest(hits, limit=request.limit, offset=request.offset)
        rows = [(doc_id, 0, 0.0) for doc_id in ids]
    else:
        rows = _tiered(backend, request, hits)
    items = backend.item_ids([row[0] for row in rows])
    return [SearchHit(d, items[d], tier, score) for d, tier, score in rows if d in items]


def _tiered(backend: SearchBackend, request: SearchRequest, hits: Scope):
    tiers = _tiers(request)
    skip, wanted = request.offset, request.limit
    rows, done = [], []
    for position, (terms, phrases, exact) in enumerate(tiers):
        scope = Scope(terms, phrases, exact, hits.ngrams, hits.combos, hits.years, hits.low,
                      hits.short_ngram_low)  # fmt: skip
        found = backend.ranked(scope, exclude=done, limit=skip + wanted, offset=0)
        tier = len(tiers) - 1 - position
        taken = found[skip:]
        rows += [(doc_id, tier, score) for doc_id, score in taken[:wanted]]
        wanted -= len(taken[:wanted])
        skip = max(0, skip - len(found))
        if wanted <= 0:
            break
        done.append(scope)
    return rows
