"""PostgreSQL: the title index in a narrow table of its own, its vectors inline.

The title group of a search ranks the documents whose title holds every word
(search/planner.py) with `ts_rank` over each one's title vector. Kept in
`catalog_searchtext` (migration 0004), a title vector was stored out of line with the rest
of the row (`toast_tuple_target` 128, migration 0005), so each title match cost a TOAST
lookup: 76 ms for the 14,547 title matches of one common syllable at a million documents.
In `catalog_searchtitle` (id, `title_tsv`), about 160 bytes a row, the vectors stay in
the row: 27 ms for the same matches, 2 ms instead of 14 for a two-word title group.

The rows are copied from `catalog_searchtext.title_tsv` (still computed there from
`folded_tsv`, so the two cannot disagree; 13 s at a million documents) and the GIN index
moves to the new table. The table exists on SQLite too (it is a model, so that a test
database's flush empties it) and stays empty there.
"""

from django.db import migrations, models

FORWARD = [
    "ALTER TABLE catalog_searchtitle ADD COLUMN title_tsv tsvector NOT NULL",
    "INSERT INTO catalog_searchtitle (id, title_tsv) SELECT id, title_tsv "
    "FROM catalog_searchtext WHERE title_tsv <> ''::tsvector",
    "CREATE INDEX catalog_searchtitle_gin ON catalog_searchtitle USING gin (title_tsv)",
    "ANALYZE catalog_searchtitle",
    "DROP INDEX IF EXISTS catalog_searchtext_title_gin",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS catalog_searchtext_title_gin ON catalog_searchtext "
    "USING gin (title_tsv)",
]


def move_titles(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def move_back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_search_postgres_text_topics")]
    operations = [
        migrations.CreateModel(
            name="SearchTitle",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        primary_key=True, serialize=False, verbose_name="document id"
                    ),
                ),
            ],
            options={"verbose_name": "search title", "verbose_name_plural": "search titles"},
        ),
        migrations.RunPython(move_titles, move_back),
    ]
