"""The search algorithm both engines follow; they only answer its primitive questions.

1. The newest N + 1 matches (ids only, newest first — a cheap walk of the index): N is
   5,000 in the default mode and 100,000 for the whole archive. If there are no more than
   N, they are all the matches and their number is the total; otherwise the N-th is the
   lower bound of what is ranked, and the total is "more than N" in the default mode and
   counted (up to a cap) for the whole archive. Without facets, the whole-archive mode
   reads only the newest `TTDN_CATALOG_RANK_REST` ids and counts the rest. Where the
   engine can count on another connection (PostgreSQL outside a transaction: aside.py),
   the count runs beside everything else, and when the newest ids say the window likely
   holds every match, the page is ranked before the count is back (`_likely_within`).
2. Facet counts from those ids: agency, language, kind, status, channel and year are bits
   of the id (facets.py); topics are read for those ids only. A facet's counts apply every
   other filter (the ids are fetched once more, without the filters, when filters are on).
3. One page ranked from the lower bound on (`_ranked`): tier first (the words as a phrase:
   2; the exact forms of a query typed with diacritics: 1), then the title holding every
   word, then relevance, ties newest first — relevance computed group by group, only as
   far as the page reaches.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from ttdn.catalog import conf
from ttdn.catalog.search.aside import Pending
from ttdn.catalog.search.base import (
    DAY_SHIFT,
    SHORT_NGRAM_WINDOW,
    Scope,
    SearchBackend,
    SearchHit,
    SearchRequest,
    SearchResponse,
    date_of_id,
    day_start,
)
from ttdn.catalog.search.facets import facet_counts


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

    ids: list[int] | None = None
    topic_groups = None
    page = None  # ranked while the matches were counted aside
    counting = None  # the matches of a whole-archive search with facets, counted aside
    cap = conf.get("TTDN_CATALOG_COUNT_CAP")
    if mode == "all" and not request.facets:
        # Counted from the start on another connection where the engine can (search/
        # aside.py; unused when the newest few turn out to be every match — a small count
        # on the other connection); else the newest few first: when they are all the
        # matches, nothing else is walked, otherwise counting is a cheaper walk than
        # reading every id out.
        early = None
        if backend.can_ask_aside():
            early = backend.ask_aside(backend.count_and_nth, hits, cap=cap, nth=size)
        first = conf.get("TTDN_CATALOG_RANK_REST")
        ids = backend.newest(hits, limit=first + 1, offset=0)
        complete = len(ids) <= first
        if early is not None and not complete:
            counted = early
        else:
            counted = _counted(backend, hits, ids, complete, size, cap)
        if not counted.ready() and _likely_within(backend, ids, size):
            # Every match is likely ranked (no window's end is needed): rank them while
            # they are counted, and again from the window's end if there are more after all.
            page = _page(backend, request, hits, ids, mode, complete)
        total, edge = counted.result()
        response.total, response.total_capped = min(total, cap), total > cap
        over = total > size
        low = edge if over else 0
        response.ranked = min(total, size)
        page = None if over else page
    else:
        if request.facets and not filters.topic:  # the topic facet counts these same ids
            ids, topic_groups = backend.newest_topics(hits, limit=size + 1, counted=size)
        else:
            ids = backend.newest(hits, limit=size + 1, offset=0)
        over = len(ids) > size
        ids = ids[:size]
        low = ids[-1] if over else 0
        complete = True
        if not over:
            response.total = len(ids)
        elif mode == "recent":  # "more than 5,000": whole-archive mode counts them
            response.total, response.total_capped = size, True
        else:  # counted aside while the facets and the page are worked out
            counting = backend.ask_aside(backend.count, hits, cap)
            response.total = size + 1  # at least; the count comes at the end
        response.ranked = len(ids)
    if over and mode != "newest":
        response.window_from = date_of_id(low)
        response.notices.append("ranked_recent" if mode == "recent" else "ranked_capped")
    else:
        low = 0

    if request.facets:
        _facets(backend, request, response, base, hits, ids, size, topic_groups)
    if response.total and page is None:
        page = _page(backend, request, hits.with_low(low), ids or [], mode, complete)
    response.hits = page or []
    if counting is not None:
        total = counting.result()
        response.total, response.total_capped = min(total, cap), total > cap
    return response


# Of the matches a whole-archive search expects, at most this share of the window (from
# the newest ones it read) lets it rank them all while they are counted (`_likely_within`).
LIKELY_SHARE = 0.8


def _counted(backend, hits: Scope, ids: list[int], complete: bool, size: int, cap: int):
    """The matches of a whole-archive search counted (up to `cap` + 1), and the id of the
    `size`-th newest when there are more: from the newest ids already read when they are
    all, otherwise counted on below them."""
    if complete:  # every match read (the window may still end among them)
        return Pending.answered((len(ids), ids[size - 1] if len(ids) > size else None))
    if len(ids) < size and len(ids) <= cap:  # counted on below the ids already read
        below, edge = backend.count_and_nth(
            replace(hits, high=ids[-1]), cap=cap - len(ids), nth=size - len(ids)
        )
        return Pending.answered((len(ids) + below, edge))
    return Pending.answered(backend.count_and_nth(hits, cap=cap, nth=size))


def _likely_within(backend, ids: list[int], size: int) -> bool:
    """Whether the newest matches (`ids`, newest first) say there are likely no more than
    `size` in all — as many a day before them, back to the first document, as among them.
    A word commoner in the past than lately can be ranked twice (the second time from the
    window's end); one rarer in the past is counted first, as it was before this guess."""
    days_read = (ids[0] >> DAY_SHIFT) - (ids[-1] >> DAY_SHIFT) + 1
    days = (ids[0] >> DAY_SHIFT) - (backend.first_document() >> DAY_SHIFT) + 1
    return len(ids) * days / days_read <= LIKELY_SHARE * size


def _newest_ids(backend, scope: Scope, size: int) -> tuple[list[int], bool]:
    ids = backend.newest(scope, limit=size + 1, offset=0)
    return ids[:size], len(ids) > size


def _facets(backend, request, response, base, hits, ids, size, topic_groups) -> None:
    """Facet counts over the newest matches the reader may see; a facet's own filter is
    not applied to its counts (id facets are filtered in Python; the topic facet is read
    for the matches that pass every other filter — `topic_groups`, when they came with
    `ids`)."""
    filters = request.filters
    sampled = len(ids) >= size and (response.total_capped or response.total > size)
    visible = replace(base, id_filter=(request.visibility, None), topics=filters.topic)
    facet_ids = ids
    if visible != hits:
        facet_ids, sampled = _newest_ids(backend, visible, size)
    if filters.topic:
        _ids, topic_groups = backend.newest_topics(
            replace(hits, topics=()), limit=size, counted=size
        )
    elif topic_groups is None:
        topic_groups = backend.topic_groups(ids)
    _total, response.facets = facet_counts(facet_ids, filters, topic_groups)
    response.facets_sampled = sampled


def _page(backend, request: SearchRequest, hits: Scope, ids: list[int], mode: str,
          complete: bool):  # fmt: skip
    query = request.query
    if mode == "newest" or not query.has_words:
        end = request.offset + request.limit
        page = ids[request.offset : end] if end <= len(ids) else None
        if page is None:
            page = backend.newest(hits, limit=request.limit, offset=request.offset)
        rows = [(doc_id, 0, 0.0) for doc_id in page]
    else:
        rows = _ranked(backend, request, hits, ids, complete)
    items = backend.item_ids([row[0] for row in rows])
    return [SearchHit(d, items[d], tier, score) for d, tier, score in rows if d in items]


def _ranked(backend, request: SearchRequest, hits: Scope, ids: list[int], complete: bool):
    """One page of the matches of `hits` (from its lower bound on), best first.

    The order: the tier (the words as a phrase 2, plus 1 for the exact forms of a query
    typed with diacritics), then whether the title holds every word, then relevance, then
    newest. Relevance is the costly part (bm25 reads every hit's positions), so it is
    computed for small sets, group by group, only as far as the page reaches:

    1. phrase matches (the whole range), by their phrase relevance;
    2. title matches (the title index, the whole range), by title relevance — with the
       exact forms first for a query typed with diacritics;
    3. the other matches — the words in the body only — by relevance among the newest
       `TTDN_CATALOG_RANK_REST` of them, older ones after, newest first.

    Most pages are filled by 1 and 2 (docs/apps/catalog.md has the figures). `ids` are the
    newest matches when the caller read them (else empty); `complete` when they are every
    match of `hits`."""
    want = request.offset + request.limit
    phrase, exact = _tiers(request, hits)
    title_scores = backend.scored(replace(hits, title_only=True))
    if hits.exact:  # the title index is folded: keep the documents with the exact forms
        exact_title = backend.member(hits, sorted(title_scores))
        title_scores = {d: s for d, s in title_scores.items() if d in exact_title}
    phrase_scores = {}
    if phrase is not None and (not backend.probes_phrases or backend.count(phrase, 0)):
        phrase_scores = backend.scored(phrase)  # most word pairs are no phrase: probed first
    top = title_scores.keys() | phrase_scores.keys()

    def best(ids, scores):
        return sorted(ids, key=lambda doc_id: (scores[doc_id], doc_id), reverse=True)

    # The phrase group: the exact forms first (tier 3, else 2), the title first within a
    # tier, then phrase relevance — exact forms checked only as far as the page reaches.
    in_phrase = best([d for d in phrase_scores if d in title_scores], phrase_scores) + best(
        [d for d in phrase_scores if d not in title_scores], phrase_scores
    )
    exact_ids: set[int] = set()
    if exact is None:
        rows = [(d, 2, phrase_scores[d]) for d in in_phrase]
    else:
        exact_phrase = _exact_among(backend, exact, in_phrase, want)
        exact_ids.update(exact_phrase)
        rows = [(d, 3, phrase_scores[d]) for d in exact_phrase]
        if len(rows) < want:  # every phrase match was checked
            rows += [(d, 2, phrase_scores[d]) for d in in_phrase if d not in exact_ids]
    in_title = [d for d in title_scores if d not in phrase_scores]
    rest = _Rest(backend, hits, exact, top, ids, ranks=request.mode == "all", complete=complete)
    if exact is not None:
        exact_title = _exact_among(backend, exact, best(in_title, title_scores), want - len(rows))
        exact_ids.update(exact_title)
        rows += [(d, 1, title_scores[d]) for d in exact_title]
        if len(rows) < want:
            rows += rest.rows(exact=True)
    if len(rows) < want:
        rows += [(d, 0, title_scores[d]) for d in best(
            [d for d in in_title if d not in exact_ids], title_scores)]  # fmt: skip
    if len(rows) < want:
        rows += rest.rows(exact=False)
    if len(rows) < want:
        rows += rest.older(want - len(rows))
    return rows[request.offset : want]


def _exact_among(backend, exact: Scope, ordered: list[int], needed: int) -> list[int]:
    """The ids of `ordered` (best first) that match the exact forms, in that order, checked
    a batch at a time until `needed` are found: a phrase or title group of thousands needs
    only its best few checked for a page (checking all walked the exact index over the whole
    window: 23 ms for a common phrase at a million items). When fewer are found, every id
    was checked, so the others are known not to match — which the later groups rely on."""
    found: list[int] = []
    start, batch = 0, max(2 * needed, 50)
    while start < len(ordered) and len(found) < needed:
        chunk = ordered[start : start + batch]
        members = backend.member(exact, chunk)
        found += [doc_id for doc_id in chunk if doc_id in members]
        start, batch = start + batch, batch * 4
    return found


ID_CEILING = (1 << 63) - 1  # above every document id


class _Rest:
    """Matches with the words in the body only. In "whole archive" mode they are ranked
    among the newest `TTDN_CATALOG_RANK_REST` of them, older ones following newest first;
    in the default mode ("best matches, recent first") they all follow newest first."""

    def __init__(self, backend, hits: Scope, exact: Scope | None, top, ids: list[int],
                 *, ranks: bool, complete: bool) -> None:  # fmt: skip
        self.backend, self.hits, self.exact, self.top, self.ids = backend, hits, exact, top, ids
        self.ranks, self.complete = ranks, complete
        self._scored: dict[int, float] | None = None
        self.low = hits.low

    def _load(self) -> dict[int, float]:
        if self._scored is None and not self.ranks:  # all of them by date
            self._scored, self._exact, self.low = {}, set(), self.hits.high or ID_CEILING
        if self._scored is None:
            size = conf.get("TTDN_CATALOG_RANK_REST")
            newest = self.ids[: size + 1]  # the newest matches, when already read
            if not newest:
                newest = self.backend.newest(self.hits, limit=size + 1, offset=0)
            window = self.hits
            if len(newest) > size:
                self.low = newest[size - 1]
                window = self.hits.with_low(self.low)
            scores = self.backend.scored(window)
            self._scored = {d: s for d, s in scores.items() if d not in self.top}
            self._exact = (
                self.backend.member(self.exact, sorted(self._scored)) if self.exact else set()
            )
        return self._scored

    def rows(self, *, exact: bool) -> list[tuple[int, int, float]]:
        scores = self._load()
        chosen = [d for d in scores if (d in self._exact) == exact]
        chosen.sort(key=lambda d: (scores[d], d), reverse=True)
        return [(d, 1 if exact else 0, scores[d]) for d in chosen]

    def older(self, count: int) -> list[tuple[int, int, float]]:
        """Matches below the ranked window, newest first: from the newest ids the search
        has already read while they last (in the default mode they are every match of the
        window, and reading them again cost a date band: 12 ms for two common words on
        PostgreSQL at a million documents), then from the index."""
        self._load()
        if self.low <= self.hits.low:
            return []  # every match was in the ranked window
        rows: list[tuple[int, int, float]] = []
        step = count + len(self.top)
        known = [doc_id for doc_id in self.ids if doc_id < self.low]
        for start in range(0, len(known), step):
            if len(rows) >= count:
                break
            self._add(rows, known[start : start + step])
        if len(rows) >= count or self.complete:
            return rows[:count]
        offset, older = 0, replace(self.hits, high=known[-1] if known else self.low)
        while len(rows) < count:
            batch = self.backend.newest(older, limit=step, offset=offset)
            if not batch:
                break
            offset += len(batch)
            self._add(rows, batch)
        return rows[:count]

    def _add(self, rows: list, batch: list[int]) -> None:
        fresh = [doc_id for doc_id in batch if doc_id not in self.top]
        exact = self.backend.member(self.exact, fresh) if self.exact else set()
        rows += [(doc_id, 1 if doc_id in exact else 0, 0.0) for doc_id in fresh]


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
