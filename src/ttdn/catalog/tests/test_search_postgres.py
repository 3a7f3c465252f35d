"""PostgreSQL only: the word pairs that let GIN find phrases (search/postgres.py,
migration 0005) are the same whether the writer or the migration computed them."""

import pytest
from django.db import connection

from ttdn.catalog.search.postgres import phrase_query, tsvector_literal

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Word pairs exist in PostgreSQL's tsvectors only: FTS5 finds phrases from its "
        "own positions, and test_search.py checks the same phrase hits on both engines.",
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

    start = datetime.date(2024, 1, 1)
    for day in range(0, 400, 4):
        make_item(f"Hợp tác Việt – Lào số {day}", status="published",
                  published_on=start + datetime.timedelta(days=day))  # fmt: skip
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
