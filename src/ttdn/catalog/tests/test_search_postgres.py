"""PostgreSQL only: the word pairs that let GIN find phrases (search/postgres.py,
migration 0005) are the same whether the writer or the migration computed them."""

import importlib

import pytest
from django.db import connection

from ttdn.catalog.search.postgres import phrase_query, tsvector_literal

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector"),
]


def test_the_writer_adds_each_pair_of_neighbouring_words_once():
    literal = tsvector_literal(["nghe", "an"], ["tinh", "nghe", "an", "dep"])
    assert "'nghe an'" in literal and literal.count("'nghe an'") == 1
    assert "'an tinh'" not in literal  # never from the title into the body
    assert phrase_query(["nghe", "an", "dep"]) == (
        "'nghe an' & 'an dep' & ('nghe' <-> 'an' <-> 'dep')"
    )


def test_the_migration_computes_the_pairs_the_writer_writes():
    migration = importlib.import_module("ttdn.catalog.migrations.0005_search_postgres_pairs")
    title, body = ["dang", "bo", "tinh"], ["nghe", "an", "tong", "ket", "nghe", "an"]
    written = tsvector_literal(title, body)
    without_pairs = " ".join(lexeme for lexeme in written.split() if ":" in lexeme)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE catalog_searchtext_copy (folded_tsv tsvector)")
        cursor.execute("INSERT INTO catalog_searchtext_copy VALUES (%s::tsvector)", [without_pairs])
        sql = migration.PAIRS.format(column="folded_tsv").replace(
            "catalog_searchtext", "catalog_searchtext_copy"
        )
        cursor.execute(sql)
        cursor.execute(
            "SELECT folded_tsv = %s::tsvector FROM catalog_searchtext_copy",
            [written],
        )
        assert cursor.fetchone()[0]
