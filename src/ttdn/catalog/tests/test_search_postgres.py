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
