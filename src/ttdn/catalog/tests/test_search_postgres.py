"""PostgreSQL only: the structures of search/postgres.py that SQLite has no counterpart
of — the word pairs that let GIN find phrases (migration 0005), the yearly partitions of
the text table (migration 0006), the topics on its rows (migration 0007), the title
table (migration 0008), the date-band walk that counts and finds the nth newest at once,
the constant rank of a word pair, and the planner settings each statement sets and
undoes."""

import pytest
from django.db import connection

from ttdn.catalog.search.postgres import phrase_query, tsvector_literal

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Word pairs, yearly partitions, topics on the text rows, date bands, ts_rank and "
        "planner settings exist in PostgreSQL only: FTS5 finds phrases from its own positions "
        "in one index and has no planner to steer; test_search.py checks the same hits and "
        "counts on both engines.",
    ),
]


def test_the_writer_adds_each_pair_of_neighbouring_words_once():
    literal = tsvector_literal(["nghe", "an"], ["tinh", "nghe", "an", "dep"])
    assert "'nghe an'" in literal and literal.count("'nghe an'") == 1
    assert "'an tinh'" not in literal  # never from the title into the body
    assert phrase_query(["nghe", "an", "dep"]) == (
        "'nghe an' & 'an dep' & ('nghe' <-> 'an' <-> 'dep')"
    )
    assert phrase_query(["nghe", "an"]) == "'nghe an'"  # the pair is the adjacency


def test_phrases_are_found_with_or_without_pairs_in_the_index(make_item):
    """Rows written before migration 0005 have no pairs: until a reindex marks the index,
    phrase queries do without them — the same hits, only slower."""
    from django.core.cache import cache

    from ttdn.catalog.search.index import search_rebuild
    from ttdn.catalog.search.postgres import index_has_pairs
    from ttdn.catalog.tests.helpers import search, titles

    make_item("Đảng bộ tỉnh Nghệ An tổng kết năm", status="published")
    make_item("Nghệ thuật dân gian ở An Giang", status="published")
    assert index_has_pairs()  # the test database's index was empty when migrated
    with_pairs = titles(search('"nghe an"', mode="all"))
    with connection.cursor() as cursor:
        cursor.execute("COMMENT ON TABLE catalog_searchtext IS NULL")
    cache.clear()
    assert not index_has_pairs()
    without_pairs = titles(search('"nghe an"', mode="all"))
    assert without_pairs == with_pairs == ["Đảng bộ tỉnh Nghệ An tổng kết năm"]
    search_rebuild()
    assert index_has_pairs()


def test_the_first_date_band_is_sized_from_the_word_statistics(make_item, settings):
    """Newest matches are looked for in date bands; once ANALYZE has counted the common
    lexemes, the first band of a one-word query is sized to hold them (one GIN read
    instead of several), and the matches are the same as with a month first."""
    import datetime

    from django.core.cache import cache

    from ttdn.catalog.search.base import Scope, get_backend
    from ttdn.catalog.search.postgres import FIRST_BAND_DAYS

    _cooperation_items(make_item, datetime.date(2024, 1, 1), days=400, every=4)
    backend = get_backend()
    scope = Scope(terms=("hop",), phrases=(), exact=False)
    two_words = Scope(terms=("hop", "tac"), phrases=(), exact=False)
    cache.clear()
    assert backend._first_band_days(scope, 60) == FIRST_BAND_DAYS  # no statistics yet
    month_first = backend.newest(scope, limit=60, offset=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_searchtext")
    cache.clear()
    days = backend._first_band_days(scope, 60)
    assert days >= 60 * 4  # every item holds the word: 60 of them span 240 days
    assert backend._first_band_days(two_words, 60) == FIRST_BAND_DAYS  # a month, measured
    assert backend.newest(scope, limit=60, offset=0) == month_first
    assert len(month_first) == 60 and month_first == sorted(month_first, reverse=True)


def _partitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'catalog_searchtext'::regclass"
        )
        return dict(cursor.fetchall())


def test_each_year_of_documents_has_a_partition_and_a_recent_band_reads_only_its_own(make_item):
    """Migration 0006: the text table is partitioned by year; a year's partition is made
    with its first document, and a statement bounded to recent ids never reads older years'
    GIN indexes — the point of partitioning (search/postgres.py)."""
    import datetime

    from ttdn.catalog.search.base import day_start
    from ttdn.catalog.tests.helpers import search, titles

    make_item("Hợp tác Việt – Lào năm 2023", status="published",
              published_on=datetime.date(2023, 5, 1))  # fmt: skip
    make_item("Hợp tác Việt – Lào năm 2025", status="published",
              published_on=datetime.date(2025, 5, 1))  # fmt: skip
    partitions = _partitions()
    assert {"catalog_searchtext_y2023", "catalog_searchtext_y2025"} <= partitions.keys()
    assert "catalog_searchtext_y2024" not in partitions  # only years that have documents
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT t.id FROM catalog_searchtext t WHERE t.folded_tsv @@ 'hop'::tsquery "
            "AND t.id >= %s",
            [day_start(datetime.date(2025, 1, 1))],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "catalog_searchtext_y2025" in plan and "catalog_searchtext_y2023" not in plan
    assert sorted(titles(search("hop tac viet lao", mode="all"))) == [
        "Hợp tác Việt – Lào năm 2023", "Hợp tác Việt – Lào năm 2025"]  # fmt: skip


def test_the_first_and_last_years_of_the_id_calendar_are_open_ended():
    """Ids count days from 1900-01-01 up to 2079 (search/base.py): the partitions at both
    ends take everything below and above, so no date can miss a partition."""
    from ttdn.catalog.search.base import MAX_DAY
    from ttdn.catalog.search.postgres import ensure_partitions, year_bounds

    assert year_bounds(1900)[0] == "MINVALUE" and year_bounds(2079)[1] == "MAXVALUE"
    assert year_bounds(2025) == (str(45_656 << 47), str(46_021 << 47))  # 2025-01-01, 2026-01-01
    with connection.cursor() as cursor:
        ensure_partitions(cursor, [0, MAX_DAY << 47])
        ensure_partitions(cursor, [5, (MAX_DAY << 47) + 9])  # both exist: nothing to do
        cursor.execute(
            "INSERT INTO catalog_searchtext (id) VALUES (0), (%s)", [(MAX_DAY << 47) + 1]
        )
    partitions = _partitions()
    assert "MINVALUE" in partitions["catalog_searchtext_y1900"]
    assert "MAXVALUE" in partitions["catalog_searchtext_y2079"]


def test_the_partitioning_migration_keeps_every_row_both_ways(make_item):
    """Migration 0006 copies the rows into the partitioned table (and back when reversed),
    with the GIN indexes and the table comment that says the rows have word pairs."""
    import importlib

    from ttdn.catalog.search.postgres import index_has_pairs
    from ttdn.catalog.tests.helpers import search, titles

    migration = importlib.import_module("ttdn.catalog.migrations.0006_search_postgres_partitions")
    make_item("Đảng bộ tỉnh Nghệ An tổng kết năm", status="published")
    make_item("Du lịch Cửa Lò mùa hè", status="published")

    def found():
        return [titles(search(query, mode="all")) for query in ('"nghe an"', "cua lo")]

    expected = found()

    def state():  # 0006 as written also builds the title index that 0008 moved away
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relkind, count(*) FILTER (WHERE i.indexrelid IS NOT NULL AND "
                "i.indexrelid::regclass::text NOT LIKE '%%title%%') "
                "FROM pg_class c LEFT JOIN pg_index i ON i.indrelid = c.oid "
                "WHERE c.oid = 'catalog_searchtext'::regclass GROUP BY 1"
            )
            return cursor.fetchone()

    assert state() == ("p", 4)  # the primary key and three GIN indexes
    with connection.schema_editor() as editor:
        migration.unpartition(None, editor)
    assert state() == ("r", 4) and index_has_pairs()
    assert found() == expected
    with connection.schema_editor() as editor:
        migration.partition(None, editor)
    assert state() == ("p", 4) and index_has_pairs()
    assert found() == expected
    assert expected == [["Đảng bộ tỉnh Nghệ An tổng kết năm"], ["Du lịch Cửa Lò mùa hè"]]


def test_a_word_pair_ranks_the_same_in_every_document_so_it_is_not_read(make_item):
    """A two-word phrase is asked as its pair lexeme, which has no positions: PostgreSQL's
    ts_rank is the same for every document holding it, so `scored` returns that number
    without reading the tsvectors — the same scores as before, found from GIN alone."""
    from ttdn.catalog.search.base import Scope, get_backend
    from ttdn.catalog.search.postgres import PAIR_RANK, RANK_WEIGHTS

    documents = [
        tsvector_literal(["nghe", "an"], ["tinh", "nghe", "an", "nghe", "an"]),
        tsvector_literal(["du", "lich"], ["o", "nghe", "an", "dep", "va", "xa"] * 20),
    ]
    with connection.cursor() as cursor:
        for document in documents:
            cursor.execute(
                f"SELECT ts_rank('{RANK_WEIGHTS}', %s::tsvector, %s::tsquery)",
                [document, phrase_query(["nghe", "an"])],
            )
            assert cursor.fetchone()[0] == pytest.approx(PAIR_RANK)
    make_item("Đảng bộ tỉnh Nghệ An tổng kết năm", status="published")
    make_item("Nghệ thuật dân gian ở An Giang", status="published")
    scope = Scope(terms=(), phrases=(("nghe", "an"),), exact=False)
    scores = get_backend().scored(scope)
    assert list(scores.values()) == [pytest.approx(PAIR_RANK)]  # the first item only
    three = get_backend().scored(Scope(terms=(), phrases=(("tinh", "nghe", "an"),), exact=False))
    assert len(three) == 1 and list(three.values()) != [PAIR_RANK]  # ranked by positions


def test_the_newest_matches_bring_their_topics_and_older_rows_are_read_as_before(make_item):
    """Migration 0007: each text row holds its topics, so the date bands return them with
    the ids (no lookup of each match's document) and a topic filter reads them on the row.
    Rows written before it have none until a reindex; meanwhile the table comment leaves
    them out and topics are read from the documents as before — the same counts and hits."""
    import importlib

    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    from ttdn.catalog.models import Topic
    from ttdn.catalog.search.index import search_rebuild
    from ttdn.catalog.search.postgres import index_has_topics
    from ttdn.catalog.tests.helpers import search, titles

    migration = importlib.import_module("ttdn.catalog.migrations.0007_search_postgres_text_topics")
    tourism, culture = Topic.objects.get(code="tourism"), Topic.objects.get(code="culture-heritage")
    make_item("Du lịch Nghệ An mùa hè", status="published", topics=[tourism])
    make_item("Lễ hội văn hoá Nghệ An", status="published", topics=[tourism, culture])
    make_item("Nghệ An đón nhà đầu tư", status="published")

    def topic_counts(**params):
        page = search("nghe an", **params)
        counts = {v.value: v.count for f in page.facets if f.name == "topic" for v in f.values}
        return counts, sorted(titles(page))

    expected = ({"tourism": 2, "culture-heritage": 1}, sorted([
        "Du lịch Nghệ An mùa hè", "Lễ hội văn hoá Nghệ An", "Nghệ An đón nhà đầu tư"]))  # fmt: skip
    filtered = (
        {"tourism": 2, "culture-heritage": 1},
        ["Du lịch Nghệ An mùa hè", "Lễ hội văn hoá Nghệ An"],
    )
    assert index_has_topics()  # the test database's index was empty when migrated
    with CaptureQueriesContext(connection) as queries:
        assert topic_counts() == expected
    read = [q["sql"] for q in queries.captured_queries if "catalog_searchdocument" in q["sql"]]
    assert not [sql for sql in read if "topics" in sql]  # they came with the newest matches
    assert topic_counts(topic="tourism") == filtered

    with connection.schema_editor() as editor:  # as on an index filled before 0007
        migration.remove_topics(None, editor)
        migration.add_topics(None, editor)
    cache.clear()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalog_searchtext WHERE topics IS NULL")
        assert cursor.fetchone()[0] == 3
    assert not index_has_topics()
    assert topic_counts() == expected and topic_counts(topic="tourism") == filtered
    search_rebuild()
    assert index_has_topics()
    assert topic_counts() == expected and topic_counts(topic="tourism") == filtered


def test_the_planner_settings_of_a_search_end_with_its_statement(make_item):
    """Search statements turn plan types off (`_run`); inside a caller's transaction (a
    request, a service, a test) those settings must not outlive the statement and steer
    every later query."""
    from ttdn.catalog.tests.helpers import search, titles

    make_item("Du lịch Cửa Lò mùa hè", status="published")
    make_item("Cửa Lò đón khách", status="published")
    assert len(titles(search("cua lo", mode="all"))) == 2
    with connection.cursor() as cursor:
        for name in ("enable_seqscan", "enable_indexscan", "enable_bitmapscan", "work_mem"):
            cursor.execute("SELECT setting = reset_val FROM pg_settings WHERE name = %s", [name])
            assert cursor.fetchone()[0], name


def test_one_walk_counts_and_finds_the_nth_newest_as_two_questions_do(make_item):
    """`count_and_nth` walks the date bands once, counting, and picks out the nth newest
    where it falls — in the counting statement when the statistics expect it, else in a
    second statement on that band. Either way it answers as counting and then asking for
    the nth newest do (the generic `SearchBackend.count_and_nth`)."""
    import datetime

    from django.core.cache import cache

    from ttdn.catalog.search.base import Scope, SearchBackend, day_start, get_backend

    _cooperation_items(make_item, datetime.date(2023, 1, 1), days=900, every=9)
    backend = get_backend()
    one = Scope(terms=("hop",), phrases=(), exact=False)
    two = Scope(terms=("hop", "tac"), phrases=(), exact=False)
    rare = Scope(terms=("hop", "99"), phrases=(), exact=False)
    bounded = Scope(terms=("hop",), phrases=(), exact=False,
                    low=day_start(datetime.date(2023, 6, 1)),
                    high=day_start(datetime.date(2025, 1, 1)))  # fmt: skip
    cases = [(100, 100), (99, 50), (10, 60), (60, 10), (200, 1), (0, 1), (99, 100)]
    answers = []
    for analysed in (False, True):
        if analysed:  # the statistics now expect where the nth falls: the one-statement path
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE catalog_searchtext")
            cache.clear()
            assert backend._matches_per_day(one) > 0
        for scope in (one, two, bounded, rare):
            for cap, nth in cases:
                walked = backend.count_and_nth(scope, cap=cap, nth=nth)
                assert walked == SearchBackend.count_and_nth(backend, scope, cap=cap, nth=nth)
                answers.append(walked)
    assert (100, None) in answers and (61, None) not in answers  # 100 items hold the words
    newest = backend.newest(one, limit=100, offset=0)
    assert backend.count_and_nth(one, cap=99, nth=50) == (100, newest[49])
    assert backend.count_and_nth(one, cap=60, nth=10) == (61, newest[9])


def _cooperation_items(make_item, start, *, days: int, every: int) -> None:
    """Published items holding the same words, one every `every` days from `start`."""
    import datetime

    for day in range(0, days, every):
        make_item(f"Hợp tác Việt – Lào số {day}", status="published",
                  published_on=start + datetime.timedelta(days=day))  # fmt: skip


def test_the_title_table_follows_every_write_and_its_migration_fills_it(make_item,
                                                                        coordinator):  # fmt: skip
    """Migration 0008 keeps the title vectors in a narrow table of their own, inline. It
    holds exactly the non-empty title vectors of the text rows after every write — a new
    item, a changed title, a removal, a rebuild — and the migration fills it from them."""
    import importlib

    from ttdn.catalog.search.index import search_rebuild, search_remove_items
    from ttdn.catalog.services.items import item_update
    from ttdn.catalog.tests.helpers import search, titles

    migration = importlib.import_module("ttdn.catalog.migrations.0008_search_postgres_title_table")

    def titled():
        with connection.cursor() as cursor:
            rows = []
            for table in ("catalog_searchtitle", "catalog_searchtext"):
                cursor.execute(f"SELECT id, title_tsv::text FROM {table} "
                               "WHERE title_tsv <> ''::tsvector ORDER BY id")  # fmt: skip
                rows.append(cursor.fetchall())
            assert rows[0] == rows[1]
            return [vector for _id, vector in rows[0]]

    beach = make_item("Du lịch Cửa Lò mùa hè", status="published")
    make_item("Cửa Lò đón khách", status="published")
    assert len(titled()) == 2 and titles(search("cua lo", mode="all")) == [
        "Cửa Lò đón khách", "Du lịch Cửa Lò mùa hè"]  # fmt: skip
    item_update(actor=coordinator, item=beach, data={"title": "Biển Cửa Lò"})
    assert "'bien':1A" in " ".join(titled())
    search_remove_items([beach.pk])
    assert len(titled()) == 1
    search_rebuild()
    assert len(titled()) == 2
    expected = titles(search("cua lo", mode="all"))

    with connection.schema_editor() as editor:  # back to before 0008, then forward again
        migration.move_back(None, editor)
        editor.execute("DROP TABLE catalog_searchtitle")  # as CreateModel's reverse does
        editor.execute("CREATE TABLE catalog_searchtitle (id bigint PRIMARY KEY)")
        migration.move_titles(None, editor)
    assert len(titled()) == 2 and titles(search("cua lo", mode="all")) == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('catalog_searchtext_title_gin'), "
                       "to_regclass('catalog_searchtitle_gin')")  # fmt: skip
        assert cursor.fetchone() == (None, "catalog_searchtitle_gin")
