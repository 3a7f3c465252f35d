"""PostgreSQL: narrow rows and word pairs, so phrase search and counting stay fast.

- `folded_tsv` and `exact_tsv` are stored out of line and uncompressed (`STORAGE
  EXTERNAL`, `toast_tuple_target = 128`): the heap rows GIN bitmaps visit hold ids only,
  about a hundred to a page instead of one, and ranking reads a tsvector without pglz.
- Each document's tsvectors get its pairs of neighbouring words as extra lexemes ('nghe
  an', no position), which phrase queries ask for (search/postgres.py): GIN then finds a
  phrase's documents from the index, and positions are checked on those rows only —
  instead of on every row holding both words (0.2–1 s at a million documents).

Existing rows keep their tsvectors until the next `ttdn catalog reindex`: computing their
pairs in SQL ran for more than 20 minutes at a million documents without finishing, where a
reindex takes about as long as the first build. Until then phrase queries do without the
pairs (correct, slower): the index says whether it has them in its table comment, which
this migration sets on an empty index and `rebuild()` sets after filling one
(search/postgres.py). Nothing changes on SQLite (FTS5 finds phrases from its own position
lists).
"""

from django.db import migrations

PAIRS_COMMENT = "COMMENT ON TABLE catalog_searchtext IS 'ttdn-search: pairs'"
POSTGRES = [
    "ALTER TABLE catalog_searchtext ALTER COLUMN folded_tsv SET STORAGE EXTERNAL, "
    "ALTER COLUMN exact_tsv SET STORAGE EXTERNAL",
    "ALTER TABLE catalog_searchtext SET (toast_tuple_target = 128)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in POSTGRES:
        schema_editor.execute(sql)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM catalog_searchtext)")
        empty = not cursor.fetchone()[0]
    if empty:
        schema_editor.execute(PAIRS_COMMENT)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_search_title_index")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
