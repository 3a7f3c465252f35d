"""PostgreSQL full-text backend: `tsvector`s of the same exact and folded tokens.

`catalog_searchtext` (migration 0002) holds, per document, `folded_tsv` (title with weight
A, body D) and `exact_tsv`, each with a GIN index, and `ngram` with a `pg_trgm` GIN index
for Lao and other scripts without spaces (matched with LIKE). The tsvectors are written
here from the tokens Python made — PostgreSQL's parser never sees the text, and queries are
cast straight to `tsquery` — so both engines index and look up exactly the same tokens at
the same positions; neither `unaccent` nor a stemmer is involved. Ids are the document ids
of search/base.py: facets and filters read them, as in SQLite.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.db import connection, transaction

from ttdn.catalog.search import aside
from ttdn.catalog.search.base import (
    DAY_SHIFT,
    EPOCH,
    MAX_DAY,
    IndexDocument,
    Scope,
    SearchBackend,
    date_of_id,
    day_start,
    register_backend,
    topics_text,
)
from ttdn.catalog.search.common import DocumentWriter, id_conditions
from ttdn.catalog.search.text import fold_token

RANK_WEIGHTS = "{0.1, 0.1, 0.1, 0.4}"  # D (body) … A (title): a title hit counts four times
MAX_POSITION = 16383  # PostgreSQL's limit; later positions are recorded as 16383
MAX_POSITIONS = 256  # per lexeme
MAX_LEXEME = 2046  # bytes
FIRST_BAND_DAYS = 31  # the newest matches are first looked for in the newest month
BAND_MARGIN = 1.5  # a band is sized for half as many matches again as still wanted
# Counting walks every match of its bands: a tenth more than wanted is enough margin there
# (a band that falls short is followed by a small one, where 50 % more were read for nothing).
COUNT_BAND_MARGIN = 1.1
MIN_BAND_DAYS = 7  # a first band sized from the statistics (a very common word) spans a week
BAND_WORK_MEM = "64MB"  # a band's ids kept and sorted in memory (150,000: about 10 MB)
INDEX_SQL = [
    "CREATE INDEX IF NOT EXISTS catalog_searchtext_folded_gin ON catalog_searchtext "
    "USING gin (folded_tsv)",
    "CREATE INDEX IF NOT EXISTS catalog_searchtext_exact_gin ON catalog_searchtext "
    "USING gin (exact_tsv)",
    "CREATE INDEX IF NOT EXISTS catalog_searchtext_ngram_trgm ON catalog_searchtext "
    "USING gin (ngram gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_searchtitle_gin ON catalog_searchtitle "
    "USING gin (title_tsv)",
]
DROP_INDEX_SQL = [
    "DROP INDEX IF EXISTS catalog_searchtext_folded_gin",
    "DROP INDEX IF EXISTS catalog_searchtext_exact_gin",
    "DROP INDEX IF EXISTS catalog_searchtext_ngram_trgm",
    "DROP INDEX IF EXISTS catalog_searchtitle_gin",
]


# The title vectors of the text rows (computed there from `folded_tsv`: migration 0004),
# copied into the title table, inline in its narrow rows (migration 0008).
TITLES_SQL = (
    "INSERT INTO catalog_searchtitle (id, title_tsv) SELECT id, title_tsv "
    "FROM catalog_searchtext WHERE title_tsv <> ''::tsvector"
)


def tsvector_literal(title: list[str], body: list[str]) -> str:
    """A tsvector written by hand: our tokens, their positions, weight A for the title, and
    each pair of neighbouring tokens as one more lexeme ('nghe an', without position).

    The pairs let GIN find a phrase's documents from the index alone: a phrase query asks
    for its pairs *and* for the positions (`phrase_query`), so the positions — which only
    the row holds — are checked for the few documents holding the pairs, not for every
    document holding the words (migration 0005). The body starts two positions after the
    title, so a phrase cannot run from one into the other (FTS5 keeps them in separate
    columns)."""
    positions: dict[str, list[str]] = {}
    for index, token in enumerate(title, 1):
        positions.setdefault(token, []).append(f"{min(index, MAX_POSITION)}A")
    start = len(title) + 2
    for index, token in enumerate(body, start):
        positions.setdefault(token, []).append(str(min(index, MAX_POSITION)))
    lexemes = [
        f"'{token}':{','.join(places[:MAX_POSITIONS])}"
        for token, places in positions.items()
        if len(token.encode()) <= MAX_LEXEME
    ]
    pairs = {f"{a} {b}" for part in (title, body) for a, b in zip(part, part[1:], strict=False)}
    lexemes += [f"'{pair}'" for pair in sorted(pairs) if len(pair.encode()) <= MAX_LEXEME]
    return " ".join(lexemes)


def tsquery(words: Sequence[str], operator: str = " & ") -> str:
    """A tsquery literal; tokens are letters and digits only, so quoting is safe."""
    return operator.join(f"'{word}'" for word in words)


def phrase_query(words: Sequence[str]) -> str:
    """Its pairs (found in the GIN index) and, for three words or more, its positions
    (checked on the row). Two words are their pair alone: the pair *is* the adjacency, so
    GIN answers without reading any row (and without the 256-position limit a tsvector
    puts on each word)."""
    pairs = [f"'{a} {b}'" for a, b in zip(words, words[1:], strict=False)]
    if len(words) == 2:
        return pairs[0]
    return " & ".join([*pairs, f"({tsquery(words, ' <-> ')})"])


def match_query(
    terms: Sequence[str], phrases: Sequence[Sequence[str]], *, pairs: bool = True
) -> str:
    phrase = phrase_query if pairs else (lambda words: f"({tsquery(words, ' <-> ')})")
    return " & ".join([tsquery([t]) for t in terms] + [phrase(p) for p in phrases])


# ts_rank(RANK_WEIGHTS, v, q) of a query that is one lexeme without positions in `v` (a
# word pair): the same for every document (a test compares it with PostgreSQL's).
PAIR_RANK = 0.06079271

# The table comment says what every row of the index was written with: its word pairs
# (migration 0005) and its topics (migration 0007). A migration sets it on an empty index,
# `rebuild()` after filling one; rows written since always have both.
FEATURES_MARK = "ttdn-search: "
FEATURES = ("pairs", "topics")


def index_features() -> frozenset[str]:
    """What every row of the index holds, from the table's comment ("ttdn-search: pairs,
    topics"), cached for a minute per database."""
    from django.core.cache import cache

    key = features_cache_key()
    known = cache.get(key)
    if known is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT obj_description('catalog_searchtext'::regclass, 'pg_class')")
            comment = cursor.fetchone()[0] or ""
        known = frozenset()
        if comment.startswith(FEATURES_MARK):
            known = frozenset(comment.removeprefix(FEATURES_MARK).split(", "))
        cache.set(key, known, 60)
    return known


def features_cache_key() -> str:
    return f"catalog:search-features:{connection.alias}"


def index_has_pairs() -> bool:
    """Whether every row was written with its word pairs (migration 0005)."""
    return "pairs" in index_features()


def index_has_topics() -> bool:
    """Whether every row holds its document's topics (migration 0007), so that the date
    bands return them and a topic filter reads them without joining the documents."""
    return "topics" in index_features()


def like_pattern(run: str) -> str:
    return "%" + run.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _column(scope: Scope) -> str:
    return "t.exact_tsv" if scope.exact else "t.folded_tsv"


def _words_query(scope: Scope) -> tuple[str, str]:
    """The tsvector column and the tsquery of a scope's words. `title_tsv` (migration 0004;
    in its own table since 0008) is the folded title alone, so a title-only scope looks its
    folded words up there."""
    if scope.title_only:
        terms = [fold_token(t) for t in scope.terms]
        phrases = [[fold_token(t) for t in phrase] for phrase in scope.phrases]
        parts = [tsquery([t]) for t in terms] + [f"({tsquery(p, ' <-> ')})" for p in phrases]
        return "t.title_tsv", " & ".join(parts)  # no pairs in the title's tsvector
    return _column(scope), match_query(scope.terms, scope.phrases, pairs=index_has_pairs())


PARTITION_LOCK = 7_406_311  # pg_advisory_xact_lock key: one session creates partitions


def year_bounds(year: int) -> tuple[str, str]:
    """The id range of a year's partition, as SQL bounds (MINVALUE and MAXVALUE at the ends
    of the ids' calendar, 1900 … 2079)."""
    first, after = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    low = "MINVALUE" if year <= EPOCH.year else str(day_start(first))
    high = "MAXVALUE" if (after - EPOCH).days > MAX_DAY else str(day_start(after))
    return low, high


def ensure_partitions(cursor, ids: Iterable[int]) -> None:
    """Create the yearly partitions of `catalog_searchtext` (migration 0006) that these ids
    fall in and that do not exist yet. A year's documents sit in their own partition with
    its own GIN indexes, so a search over the newest years decodes only their posting
    lists. Creating one locks the table briefly; it happens once a year of documents."""
    years = partition_years(ids)
    if not years:
        return
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'catalog_searchtext'::regclass"
    )
    existing = {row[0] for row in cursor.fetchall()}
    missing = sorted(year for year in years if partition_name(year) not in existing)
    if not missing:
        return
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PARTITION_LOCK])
    for year in missing:
        create_partition(cursor, year)


def partition_years(ids: Iterable[int]) -> set[int]:
    """The years (partitions) these document ids fall in: one shift an id, one date a day."""
    return {date_of_id(day << DAY_SHIFT).year for day in {doc_id >> DAY_SHIFT for doc_id in ids}}


def partition_name(year: int) -> str:
    return f"catalog_searchtext_y{year}"


def create_partition(cursor, year: int) -> None:
    """One year's partition: its tsvectors out of line as in migration 0005 (the column
    storage is inherited; the row target is a table setting, so it is set here)."""
    low, high = year_bounds(year)
    name = partition_name(year)
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF catalog_searchtext "
        f"FOR VALUES FROM ({low}) TO ({high})"
    )
    cursor.execute(f"ALTER TABLE {name} SET (toast_tuple_target = 128)")


class _PostgresWriter(DocumentWriter):
    text_columns = ("folded_tsv", "exact_tsv", "ngram", "topics")
    text_placeholders = ("%s::tsvector", "%s::tsvector", "%s", "%s")
    keeps_old_text = False

    def _before_write(self, cursor, ids: list[int]) -> None:
        ensure_partitions(cursor, ids)

    def _fts_insert(self, cursor, rows: list[tuple]) -> None:
        """The title vectors, as the text rows just computed them, into the title table
        (migration 0008)."""
        cursor.execute(TITLES_SQL + " AND id = ANY(%s)", [[row[0] for row in rows]])

    def delete(self, item_ids: Iterable[int]) -> dict[int, int]:
        old = super().delete(item_ids)
        if old:
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM catalog_searchtitle WHERE id = ANY(%s)", [list(old.values())]
                )
        return old

    def text_row(self, doc_id: int, doc: IndexDocument) -> tuple:
        return (
            doc_id,
            tsvector_literal(doc.title_folded.split(), doc.body_folded.split()),
            tsvector_literal(doc.title_exact.split(), doc.body_exact.split()),
            doc.ngram,
            topics_text(doc.topics),
        )


@register_backend
class PostgresBackend(SearchBackend):
    name = "postgresql-fts"
    vendor = "postgresql"
    probes_phrases = False

    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        _PostgresWriter().upsert(documents)

    def delete(self, item_ids: Iterable[int]) -> None:
        _PostgresWriter().delete(item_ids)

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        with connection.cursor() as cursor:
            for sql in DROP_INDEX_SQL:
                cursor.execute(sql)
            cursor.execute(
                "TRUNCATE catalog_searchtext, catalog_searchdocument, catalog_searchtitle"
            )
        count = _PostgresWriter().insert_sorted(documents, fts=False)
        with connection.cursor() as cursor:
            cursor.execute(TITLES_SQL)
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for sql in INDEX_SQL:
                cursor.execute(sql)
            for table in ("catalog_searchtext", "catalog_searchdocument", "catalog_searchtitle"):
                cursor.execute(f"ANALYZE {table}")
            cursor.execute(
                "COMMENT ON TABLE catalog_searchtext IS %s", [FEATURES_MARK + ", ".join(FEATURES)]
            )
        from django.core.cache import cache

        cache.delete(features_cache_key())
        return count

    def size(self) -> dict[str, int]:
        sizes = {}
        with connection.cursor() as cursor:
            for name, function in (
                ("catalog_searchtext", "pg_table_size"),
                ("catalog_searchdocument", "pg_total_relation_size"),
                ("catalog_searchtext_folded_gin", "pg_relation_size"),
                ("catalog_searchtext_exact_gin", "pg_relation_size"),
                ("catalog_searchtext_ngram_trgm", "pg_relation_size"),
                ("catalog_searchtitle", "pg_table_size"),
                ("catalog_searchtitle_gin", "pg_relation_size"),
            ):
                cursor.execute(  # summed over the yearly partitions (migration 0006)
                    f"SELECT coalesce((SELECT sum({function}(relid)) FROM pg_partition_tree("
                    f"to_regclass(%s))), {function}(to_regclass(%s)))",
                    [name, name],
                )
                sizes[name] = int(cursor.fetchone()[0] or 0)
        return sizes

    # Primitives ----------------------------------------------------------------------------

    def _where(self, scope: Scope) -> tuple[str, str, list[str], list]:
        where: list[str] = []
        params: list = []
        if scope.title_only and scope.has_words and not scope.ngrams:
            source, rowid = "catalog_searchtitle t", "t.id"  # its own narrow table (0008)
        elif scope.has_words or scope.ngrams:
            source, rowid = "catalog_searchtext t", "t.id"
        else:
            source, rowid = "catalog_searchdocument d", "d.id"
        if scope.has_words:
            column, query = _words_query(scope)
            where.append(f"{column} @@ %s::tsquery")
            params.append(query)
        id_where, id_params = id_conditions(scope, rowid)
        where += id_where
        params += id_params
        if scope.topics:
            if source.startswith("catalog_searchtext") and index_has_topics():
                topics = "t.topics"  # on the text row: no lookup of each match's document
            else:
                source, topics = _with_documents(source, rowid), "d.topics"
            where.append("(" + " OR ".join([f"{topics} LIKE %s"] * len(scope.topics)) + ")")
            params += [f"%,{int(topic)},%" for topic in scope.topics]
        for run in scope.ngrams:
            if len(run) < 3:
                where.append(f"{rowid} >= %s")
                params.append(scope.short_ngram_low)
            where.append("t.ngram LIKE %s")
            params.append(like_pattern(run))
        return source, rowid, where, params

    def _run(self, sql: str, params: list, *, bitmaps_only: bool = False, by_key: bool = False,
             work_mem: str = "") -> list[tuple]:  # fmt: skip
        """Search reads `catalog_searchtext` through its indexes only: a sequential scan
        reads (and decompresses) every document's tsvector, which the planner does not
        price — with `LIMIT 1` or a common word it would choose one and take seconds.
        `by_key`: rows by their primary key, the words checked on each (`member`)."""
        settings = {"enable_seqscan": "off"}
        if bitmaps_only:  # an id range is a bitmap ANDed with GIN's, not a filtered walk
            settings["enable_indexscan"] = "off"
        if by_key:
            settings["enable_bitmapscan"] = "off"
        if work_mem:
            settings["work_mem"] = work_mem
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(  # one round trip for the settings, local to this transaction
                "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)),
                [value for pair in settings.items() for value in pair],
            )
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            # Rolled back, so the settings end here even inside a caller's transaction (a
            # savepoint's SET LOCAL would otherwise last until the outer commit and steer
            # every later query of a request or test). Nothing here writes.
            transaction.set_rollback(True)
            return rows

    def count(self, scope: Scope, cap: int) -> int:
        source, rowid, where, params = self._where(scope)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {_and(where)} LIMIT %s) s"
        return self._run(sql, [*params, cap + 1], bitmaps_only=_indexed(scope))[0][0]

    def scored(self, scope: Scope) -> dict[int, float]:
        if not scope.has_words:
            return {}
        source, rowid, where, params = self._where(scope)
        column, query = _words_query(scope)
        if _pairs_only(scope):
            # A two-word phrase is asked as its pair lexeme alone, which has no positions:
            # ts_rank gives every document holding it the same score, so the ids are found
            # from GIN without reading each one's tsvector (2–3 KB out of line), 30 ms for
            # a common pair at a million documents.
            rows = self._run(f"SELECT {rowid} FROM {source} WHERE {_and(where)}", params,
                             bitmaps_only=True)  # fmt: skip
            return {row[0]: PAIR_RANK for row in rows}
        rows = self._run(
            f"SELECT {rowid}, ts_rank('{RANK_WEIGHTS}', {column}, %s::tsquery) FROM {source} "
            f"WHERE {_and(where)}",
            [query, *params],
            bitmaps_only=True,
        )
        return {doc_id: float(score) for doc_id, score in rows}

    def member(self, scope: Scope, ids: Sequence[int]) -> set[int]:
        """Which of these ids match: the words' GIN bitmap ANDed with the ids' (each year's
        posting lists decoded once), or, for a few ids spread over years, each id's row
        looked up by its key and its tsvector checked (`_checks_rows`)."""
        if not ids:
            return set()
        source, rowid, where, params = self._where(replace(scope, low=0, high=0))
        where.append(f"{rowid} = ANY(%s)")
        params.append(list(ids))
        by_key = _checks_rows(scope, ids)
        rows = self._run(
            f"SELECT {rowid} FROM {source} WHERE {_and(where)}", params,
            bitmaps_only=_indexed(scope) and not by_key, by_key=by_key,
        )  # fmt: skip
        return {row[0] for row in rows}

    def topic_groups(self, ids):
        if not ids:
            return []
        return self._run(
            "SELECT topics, count(*) FROM catalog_searchdocument WHERE id = ANY(%s) "
            "AND topics <> '' GROUP BY 1",
            [list(ids)],
        )

    def newest(self, scope: Scope, *, limit: int, offset: int) -> list[int]:
        return [row[0] for row in self._newest_rows(scope, limit, offset, topics=False)]

    def newest_topics(self, scope: Scope, *, limit: int, counted: int):
        """With topics on the text rows (migration 0007), the statements that find the
        newest matches return each one's topics too, from the row they visit anyway:
        reading them afterwards was a primary-key lookup per match (13–23 ms for 5,000 at a
        million documents), the largest part of a default-mode search with facets."""
        if not (index_has_topics() and (scope.has_words or scope.ngrams)):
            return super().newest_topics(scope, limit=limit, counted=counted)
        rows = self._newest_rows(scope, limit, 0, topics=True)
        groups = Counter(topics for _doc_id, topics in rows[:counted] if topics)
        return [row[0] for row in rows], list(groups.items())

    def _newest_rows(self, scope: Scope, limit: int, offset: int, *, topics: bool):
        """Newest matches first: (id,) or (id, topics) rows. Without words, the primary key
        gives them in order. With words, GIN returns matches in no order and a top-N sort of
        all of them visits every matching row, so they are looked for in date bands from the
        newest document back: each band is the words' bitmap ANDed with an id range, so only
        rows in the band are visited, and only the partitions of the years it spans (ADR
        0014). The first band is a month; the next is sized from the matches found so far, so
        two or three bands usually do. `ORDER BY id + 0` and `enable_indexscan = off` keep
        the planner from walking the primary key (backwards, or over the band) and
        decompressing each row's tsvector instead: 0.6–1.1 s for 5,000 matches of two words
        at a million documents."""
        source, rowid, where, params = self._where(scope)
        if not (scope.has_words or scope.ngrams):
            rows = self._run(
                f"SELECT {rowid} FROM {source} WHERE {_and(where)} ORDER BY {rowid} DESC "
                "LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            return rows
        columns = f"{rowid}, t.topics" if topics else rowid
        wanted = limit + offset
        found: list[tuple] = []
        bands = self._bands(scope, wanted, lambda: len(found))
        for source, rowid, where, params, _days in bands:
            rows = self._run(
                f"SELECT {columns} FROM {source} WHERE {_and(where)} ORDER BY {rowid} + 0 DESC "
                "LIMIT %s",
                [*params, wanted - len(found)],
                bitmaps_only=True,
            )
            found.extend(rows)
        return found[offset:wanted]

    def count_and_nth(self, scope: Scope, *, cap: int, nth: int) -> tuple[int, int | None]:
        """One walk of the date bands, newest first, counting each band's matches, instead
        of counting and then reading the nth newest in a second walk over the same rows
        (which also sent 100,000 ids to Python: 46 + 100 ms for a common word at a million
        documents). The band that holds the nth newest picks it out: where the statistics
        expect it there, in the statement that counts (the band's ids kept once, counted and
        sorted); otherwise, once a plain count shows it is there, by a second statement on
        that band — a plain count is 10–15 % cheaper, and most words never reach the nth."""
        if not (scope.has_words or scope.ngrams):
            return super().count_and_nth(scope, cap=cap, nth=nth)
        wanted = max(cap, nth) + 1
        per_day = self._matches_per_day(scope)
        seen, edge = 0, None
        bands = self._bands(scope, wanted, lambda: seen, COUNT_BAND_MARGIN)
        for source, rowid, where, params, days in bands:
            skip = nth - 1 - seen  # the nth newest's place in this band, if it is there
            band = f"FROM {source} WHERE {_and(where)}"
            if edge is None and skip >= 0 and seen + per_day * days >= nth:
                ((count, found),) = self._run(
                    f"WITH band AS MATERIALIZED (SELECT {rowid} AS id {band}) "
                    "SELECT n, CASE WHEN n > %s THEN (SELECT id FROM band ORDER BY id DESC "
                    "OFFSET %s LIMIT 1) END FROM (SELECT count(*) AS n FROM band) c",
                    [*params, skip, skip], bitmaps_only=True, work_mem=BAND_WORK_MEM,
                )  # fmt: skip
            else:
                ((count,),) = self._run(f"SELECT count(*) {band}", params, bitmaps_only=True)
                found = None
                if edge is None and 0 <= skip < count:
                    ((found,),) = self._run(
                        f"SELECT {rowid} {band} ORDER BY {rowid} + 0 DESC OFFSET %s LIMIT 1",
                        [*params, skip], bitmaps_only=True,
                    )  # fmt: skip
            seen += count
            edge = found if found is not None else edge
        total = min(seen, cap + 1)
        return total, edge if total > nth else None

    def _matches_per_day(self, scope: Scope) -> float:
        """Matches a day a one-word scope is expected to have, from the statistics (0 when
        unknown: several words, a rare word, no ANALYZE yet)."""
        statistics = _lexeme_statistics(_column(scope).removeprefix("t."))
        lexemes = _lexemes(scope)
        if statistics is None or len(lexemes) != 1:
            return 0.0
        frequencies, per_day = statistics
        return frequencies.get(lexemes[0], 0) * per_day

    def _bands(self, scope: Scope, wanted: int, found, margin: float = BAND_MARGIN):
        """The date bands that hold the `wanted` newest matches, newest first, as the
        (source, rowid, where, params, days) of each: the caller runs its statement on one, and
        `found()` then tells how many matches the bands so far held. The first band is
        sized from the statistics (`_first_band_days`), each next one from the matches per
        day found so far; they stop at the scope's lower bound."""
        newest_id = scope.high - 1 if scope.high else self._newest_document()
        if newest_id is None:
            return
        newest_day, low_day = newest_id >> DAY_SHIFT, scope.low >> DAY_SHIFT
        upper, lower_day = None, newest_day + 1
        span = self._first_band_days(scope, wanted, margin)
        while True:
            upper_day, lower_day = lower_day, max(low_day, lower_day - span)
            lower = max(scope.low, lower_day << DAY_SHIFT)
            source, rowid, where, params = self._where(replace(scope, low=lower))
            if upper is not None:
                where.append(f"{rowid} < %s")
                params.append(upper)
            yield source, rowid, where, params, upper_day - lower_day
            count = found()
            if count >= wanted or lower <= scope.low or lower_day <= 0:
                return
            per_day = max(count, 1) / (newest_day + 1 - lower_day)
            span = max(span * 2, int((wanted - count) / per_day * margin) + 1)
            upper = lower

    def _first_band_days(self, scope: Scope, wanted: int, margin: float = BAND_MARGIN) -> int:
        """Days in the first band, sized to hold the matches wanted: every band reads the words'
        posting lists of each year it spans from GIN again (16 ms for a word in a fifth of a
        million documents, before the yearly partitions), so one band that is large enough beats
        a month and then a second. For one word the share of documents holding it comes from
        PostgreSQL's statistics of the column (its most common lexemes and their frequencies,
        kept by ANALYZE). Several words get a month, as do rarer words (outside the common ones,
        such as most word pairs) and a column without statistics: measured at a million
        documents, neither the rarest word's share (three unrelated syllables: a band ten times
        too large, still followed by a second) nor their product ("phát triển", whose syllables
        come together: a band of years) did better than a month first. A band sized from the
        statistics spans at least a week, not a month: for a very common word a month holds
        thousands of rows more than wanted, which the planner filters one by one (27 ms for
        "có", 8 ms for a week). When the band falls short, the next is sized from what it
        found."""
        per_day = self._matches_per_day(scope) if scope.has_words else 0
        if per_day <= 0:
            return FIRST_BAND_DAYS
        return max(MIN_BAND_DAYS, int(wanted / per_day * margin) + 1)

    def _newest_document(self) -> int | None:
        return self._run("SELECT max(id) FROM catalog_searchdocument", [])[0][0]

    def can_ask_aside(self) -> bool:
        return aside.possible()

    def ask_aside(self, question, /, *args, **kwargs):
        """On a second connection while this one goes on (search/aside.py, ADR 0016),
        outside a transaction."""
        if not aside.possible():
            return super().ask_aside(question, *args, **kwargs)
        return aside.ask(question, *args, **kwargs)

    def item_ids(self, ids: Sequence[int]) -> dict[int, int]:
        if not ids:
            return {}
        return dict(
            self._run(
                "SELECT id, item_id FROM catalog_searchdocument WHERE id = ANY(%s)", [list(ids)]
            )
        )


def _pairs_only(scope: Scope) -> bool:
    """Whether a scope's tsquery is a word pair alone (a two-word phrase and no other
    word, in an index with pairs): its documents all rank the same."""
    return (
        not scope.title_only
        and not scope.terms
        and len(scope.phrases) == 1
        and len(scope.phrases[0]) == 2
        and index_has_pairs()
    )


def _lexemes(scope: Scope) -> list[str]:
    """The lexemes a scope's tsquery asks GIN for: its terms, and each phrase's pairs (or
    its words, in an index without pairs)."""
    lexemes = list(scope.terms)
    for words in scope.phrases:
        if index_has_pairs() and len(words) > 1:
            lexemes += [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        else:
            lexemes += list(words)
    return lexemes


def _lexeme_statistics(column: str) -> tuple[dict[str, float], float] | None:
    """(frequency of each common lexeme, documents a day) from `pg_stats` and `pg_class`,
    cached for ten minutes; None before ANALYZE."""
    from django.core.cache import cache

    key = f"catalog:search-lexemes:{connection.alias}:{column}"
    known = cache.get(key)
    if known is not None:
        return known or None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples, "
            "(SELECT min(id) FROM catalog_searchdocument), "
            "(SELECT max(id) FROM catalog_searchdocument) "
            "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
            "AND s.tablename = 'catalog_searchtext' AND s.attname = %s "
            "WHERE c.oid = 'catalog_searchtext'::regclass",
            [column],
        )
        lexemes, frequencies, rows, oldest, newest = cursor.fetchone()
    statistics = ()
    if lexemes and frequencies and rows and rows > 0 and oldest is not None:
        days = (newest >> DAY_SHIFT) - (oldest >> DAY_SHIFT) + 1
        # `zip` leaves out what ends the frequencies: their lowest, highest and NULL share.
        statistics = (dict(zip(lexemes, frequencies, strict=False)), rows / days)
    cache.set(key, statistics, 600)
    return statistics or None


# Measured at a million documents (two words, warm): checking a row's tsvector after a
# primary-key lookup costs about 20 µs an id (its 2–3 KB read out of line); decoding one
# year's posting list of a word from GIN about 0.5 ms, whatever the ids.
ROW_CHECK_MS = 0.02
GIN_YEAR_MS = 0.5


def _checks_rows(scope: Scope, ids: Sequence[int]) -> bool:
    """Whether `member` is cheaper checking each id's row than ANDing the words' GIN
    bitmaps with the ids: true for a few ids spread over years — 50 title matches from
    ten years were 12 ms through GIN (every year's lists decoded for them) and 3 ms row
    by row — and false for the newest thousand, which share a year or two. Trigram runs
    (`LIKE` on `ngram`) always go through their index."""
    if not scope.has_words or scope.ngrams:
        return False
    years = len(partition_years(ids))
    return len(ids) * ROW_CHECK_MS < years * len(_lexemes(scope)) * GIN_YEAR_MS


def _indexed(scope: Scope) -> bool:
    """Whether a scope is looked up in the text indexes (GIN): its statements then use
    bitmaps only — with `LIMIT 1` or an id range the planner would otherwise walk the
    primary key and decompress each row's tsvector (seconds at a million documents)."""
    return scope.has_words or bool(scope.ngrams)


def _and(parts: list[str]) -> str:
    return " AND ".join(parts) or "TRUE"


def _with_documents(source: str, rowid: str) -> str:
    """The source joined with `catalog_searchdocument d` (for topics), once."""
    if "catalog_searchdocument d" in source:
        return source
    return f"{source} JOIN catalog_searchdocument d ON d.id = {rowid}"
