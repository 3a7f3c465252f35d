"""PostgreSQL: narrow rows and word pairs, so phrase search and counting stay fast.

- `folded_tsv` and `exact_tsv` are stored out of line and uncompressed (`STORAGE
  EXTERNAL`, `toast_tuple_target = 128`): the heap rows GIN bitmaps visit hold ids only,
  about a hundred to a page instead of one, and ranking reads a tsvector without pglz.
- Each document's tsvectors get its pairs of neighbouring words as extra lexemes ('nghe
  an', no position), which phrase queries ask for (search/postgres.py): GIN then finds a
  phrase's documents from the index, and positions are checked on those rows only —
  instead of on every row holding both words (0.2–1 s at a million documents).

The pairs of existing rows are computed here from the positions already stored; the
UPDATE rewrites every row, which also moves the tsvectors out of line. New documents get
their pairs from `tsvector_literal`. Nothing changes on SQLite (FTS5 finds phrases from
its own position lists).
"""

from django.db import migrations

PAIRS = """
UPDATE catalog_searchtext t SET {column} = t.{column} || coalesce((
    SELECT array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme))
    FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(t.{column})) a
    JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(t.{column})) b ON b.p = a.p + 1
), ''::tsvector)
"""
POSTGRES = [
    "ALTER TABLE catalog_searchtext ALTER COLUMN folded_tsv SET STORAGE EXTERNAL, "
    "ALTER COLUMN exact_tsv SET STORAGE EXTERNAL",
    "ALTER TABLE catalog_searchtext SET (toast_tuple_target = 128)",
    PAIRS.format(column="folded_tsv"),
    PAIRS.format(column="exact_tsv"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_search_title_index")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
