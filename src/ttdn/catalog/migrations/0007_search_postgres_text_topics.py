"""PostgreSQL: each text row holds its document's topics, so the date bands return them.

A default-mode search with facets counts the topics of its 5,000 newest matches. They were
read from `catalog_searchdocument`, one primary-key lookup per match (13–23 ms at a million
documents, the largest part of such a search), after the date bands had already visited
each match's text row. With `topics` on that row the band statement returns them at no
extra read, and a topic filter needs no join (search/postgres.py, `newest_topics`).

Adding the column is instant; it is empty (NULL) on existing rows. Filling it would mean
rewriting every row and its four GIN indexes (an UPDATE of a million rows) or copying the
table as migration 0006 does (about 25 minutes at a million documents), so, as with the
word pairs of migration 0005, existing rows get their topics at the next `ttdn catalog
reindex`. Until then search reads topics as before: the table comment says whether every
row has them, and this migration sets it on an empty index only. Nothing changes on SQLite.
"""

from django.db import migrations

MARK = "ttdn-search: "


def _features(cursor) -> list[str]:
    cursor.execute("SELECT obj_description('catalog_searchtext'::regclass, 'pg_class')")
    comment = cursor.fetchone()[0] or ""
    return comment.removeprefix(MARK).split(", ") if comment.startswith(MARK) else []


def _mark(cursor, features: list[str]) -> None:
    comment = MARK + ", ".join(features) if features else None
    cursor.execute("COMMENT ON TABLE catalog_searchtext IS %s", [comment])


def add_topics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ALTER TABLE catalog_searchtext ADD COLUMN IF NOT EXISTS topics text")
        cursor.execute("SELECT EXISTS (SELECT 1 FROM catalog_searchtext)")
        if not cursor.fetchone()[0]:  # empty: every row from now on is written with them
            features = _features(cursor)
            _mark(cursor, [*[f for f in features if f != "topics"], "topics"])


def remove_topics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        _mark(cursor, [f for f in _features(cursor) if f != "topics"])
        cursor.execute("ALTER TABLE catalog_searchtext DROP COLUMN IF EXISTS topics")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_search_postgres_partitions")]
    operations = [migrations.RunPython(add_topics, remove_topics)]
