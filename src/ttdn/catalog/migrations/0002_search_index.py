"""The full-text index: FTS5 tables on SQLite, generated tsvectors and GIN on PostgreSQL.

The SQL is written out here (not imported) so that this migration stays what it was when
later code changes; `search/sqlite.py` and `search/postgres.py` explain the design.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE catalog_fts_exact USING fts5(title_exact, body_exact, "
    "content='catalog_searchtext', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE catalog_fts_folded USING fts5(title_folded, body_folded, "
    "content='catalog_searchtext', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE catalog_fts_ngram USING fts5(ngram, "
    "content='catalog_searchtext', content_rowid='id', tokenize='trigram')",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS catalog_fts_exact",
    "DROP TABLE IF EXISTS catalog_fts_folded",
    "DROP TABLE IF EXISTS catalog_fts_ngram",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Written by the backend with our own tokens and positions (search/postgres.py).
    "ALTER TABLE catalog_searchtext ADD COLUMN folded_tsv tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE catalog_searchtext ADD COLUMN exact_tsv tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX catalog_searchtext_folded_gin ON catalog_searchtext USING gin (folded_tsv)",
    "CREATE INDEX catalog_searchtext_exact_gin ON catalog_searchtext USING gin (exact_tsv)",
    "CREATE INDEX catalog_searchtext_ngram_trgm ON catalog_searchtext "
    "USING gin (ngram gin_trgm_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS catalog_searchtext_ngram_trgm",
    "ALTER TABLE catalog_searchtext DROP COLUMN IF EXISTS folded_tsv",
    "ALTER TABLE catalog_searchtext DROP COLUMN IF EXISTS exact_tsv",
]


def _run(schema_editor, by_vendor):
    for sql in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def create(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRES})


def drop(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
