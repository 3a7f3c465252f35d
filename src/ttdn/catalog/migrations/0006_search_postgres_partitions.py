"""PostgreSQL: the text table partitioned by year, so the newest matches are found cheaply.

GIN returns a word's matches in no order, and every search for "the newest matches" decoded
the word's whole posting list — all years of it — once per date band (16–40 ms for common
words at a million documents, several times a search). Partitioned by the year of the
document id (`catalog_searchtext_y2025` …), each year has its own GIN indexes: a search
over the newest years decodes only their posting lists, and the planner skips the other
years' partitions from the id bounds of the statement. The backend creates a year's
partition when the first document of that year is written (search/postgres.py,
`ensure_partitions`).

The rows are copied into the new table (a million documents: several minutes, as long as
the data takes to write) and the GIN indexes built again. Nothing changes on SQLite. The
SQL is written out here (not imported) so that this migration stays what it was.
"""

import datetime

from django.db import migrations

DAY_SHIFT = 47
MAX_DAY = (1 << 16) - 1
EPOCH = datetime.date(1900, 1, 1)
INDEXES = [
    ("catalog_searchtext_folded_gin", "gin (folded_tsv)"),
    ("catalog_searchtext_exact_gin", "gin (exact_tsv)"),
    ("catalog_searchtext_ngram_trgm", "gin (ngram gin_trgm_ops)"),
    ("catalog_searchtext_title_gin", "gin (title_tsv)"),
]
OLD = "catalog_searchtext_before_0006"


def _bounds(year: int) -> tuple[str, str]:
    first, after = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    low = "MINVALUE" if year <= EPOCH.year else str((first - EPOCH).days << DAY_SHIFT)
    days = (after - EPOCH).days
    high = "MAXVALUE" if days > MAX_DAY else str(days << DAY_SHIFT)
    return low, high


def _copy_into_new_table(cursor, *, partitioned: bool) -> None:
    cursor.execute("SELECT obj_description('catalog_searchtext'::regclass, 'pg_class')")
    comment = cursor.fetchone()[0]
    for name, _how in INDEXES:
        cursor.execute(f"DROP INDEX IF EXISTS {name}")
    cursor.execute(f"ALTER TABLE catalog_searchtext RENAME TO {OLD}")
    cursor.execute(f"ALTER TABLE {OLD} RENAME CONSTRAINT catalog_searchtext_pkey TO {OLD}_pkey")
    cursor.execute(
        f"CREATE TABLE catalog_searchtext (LIKE {OLD} INCLUDING DEFAULTS INCLUDING GENERATED "
        "INCLUDING STORAGE)" + (" PARTITION BY RANGE (id)" if partitioned else "")
    )
    if partitioned:
        cursor.execute(
            f"SELECT DISTINCT extract(year FROM date '1900-01-01' + (id >> {DAY_SHIFT})::int)"
            f"::int FROM {OLD}"
        )
        for (year,) in sorted(cursor.fetchall()):
            low, high = _bounds(year)
            cursor.execute(
                f"CREATE TABLE catalog_searchtext_y{year} PARTITION OF catalog_searchtext "
                f"FOR VALUES FROM ({low}) TO ({high})"
            )
            cursor.execute(f"ALTER TABLE catalog_searchtext_y{year} SET (toast_tuple_target = 128)")
    else:
        cursor.execute("ALTER TABLE catalog_searchtext SET (toast_tuple_target = 128)")
    cursor.execute(
        "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute "
        f"WHERE attrelid = '{OLD}'::regclass AND attnum > 0 AND NOT attisdropped "
        "AND attgenerated = ''"
    )
    columns = cursor.fetchone()[0]
    cursor.execute(
        f"INSERT INTO catalog_searchtext ({columns}) SELECT {columns} FROM {OLD} ORDER BY id"
    )
    cursor.execute(f"DROP TABLE {OLD}")
    cursor.execute("ALTER TABLE catalog_searchtext ADD CONSTRAINT catalog_searchtext_pkey "
                   "PRIMARY KEY (id)")  # fmt: skip
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for name, how in INDEXES:
        cursor.execute(f"CREATE INDEX {name} ON catalog_searchtext USING {how}")
    if comment:
        cursor.execute("COMMENT ON TABLE catalog_searchtext IS %s", [comment])
    cursor.execute("ANALYZE catalog_searchtext")


def _is_partitioned(cursor) -> bool:
    cursor.execute("SELECT relkind FROM pg_class WHERE oid = 'catalog_searchtext'::regclass")
    return cursor.fetchone()[0] == "p"


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if not _is_partitioned(cursor):
            _copy_into_new_table(cursor, partitioned=True)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        if _is_partitioned(cursor):
            _copy_into_new_table(cursor, partitioned=False)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_search_postgres_pairs")]
    operations = [migrations.RunPython(partition, unpartition)]
