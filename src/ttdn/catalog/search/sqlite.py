"""SQLite FTS5 backend: two word indexes (exact and folded) and a trigram index.

Tables (migration 0002): `catalog_fts_exact(title_exact, body_exact)` and
`catalog_fts_folded(title_folded, body_folded)` with `unicode61 remove_diacritics 0` over
text tokenised and folded in Python; `catalog_fts_ngram(ngram)` with the `trigram`
tokenizer for Lao and other scripts without spaces. All three are external-content tables
over `catalog_searchtext`. Their rowids are the document ids (search/base.py), so a date
range is a rowid range FTS5 seeks, and facets and filters read the rowid alone: no hit is
ever looked up in another table (performance.md, 1.4.5).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.db import connection

from ttdn.catalog.search.base import (
    IndexDocument,
    Scope,
    SearchBackend,
    register_backend,
)
from ttdn.catalog.search.common import TEXT_COLUMNS, DocumentWriter, id_conditions
from ttdn.catalog.search.text import fold_token

FTS_TABLES = {
    "catalog_fts_exact": ("title_exact", "body_exact"),
    "catalog_fts_folded": ("title_folded", "body_folded"),
    "catalog_fts_ngram": ("ngram",),
    "catalog_fts_title": ("title_folded",),
}
TITLE_WEIGHT = 4.0
MEMBER_LOOKUPS = 200  # up to this many ids, membership is looked up id by id
PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536")


def fts_string(words: Sequence[str]) -> str:
    """An FTS5 phrase: tokens are letters and digits only, so quoting cannot be escaped."""
    return '"' + " ".join(words) + '"'


def match_expression(terms: Sequence[str], phrases: Sequence[Sequence[str]]) -> str:
    return " AND ".join([fts_string([t]) for t in terms] + [fts_string(p) for p in phrases])


def _table(scope: Scope) -> str:
    if scope.title_only:
        return "catalog_fts_title"
    return "catalog_fts_exact" if scope.exact else "catalog_fts_folded"


def _words(scope: Scope) -> str:
    """The MATCH expression of a scope's words; the title index holds folded words."""
    if scope.title_only:
        return match_expression(
            [fold_token(t) for t in scope.terms],
            [[fold_token(t) for t in phrase] for phrase in scope.phrases],
        )
    return match_expression(scope.terms, scope.phrases)


class _SqliteWriter(DocumentWriter):
    def _fts(self, cursor, rows: list[tuple], command: str) -> None:
        for table, columns in FTS_TABLES.items():
            places = [TEXT_COLUMNS.index(c) + 1 for c in columns]
            head = f"{table}, rowid" if command else "rowid"
            values = "'delete', %s" if command else "%s"
            cursor.executemany(
                f"INSERT INTO {table}({head}, {', '.join(columns)}) "
                f"VALUES ({values}, {', '.join(['%s'] * len(columns))})",
                [(row[0], *(row[i] for i in places)) for row in rows],
            )

    def _fts_delete(self, cursor, rows):
        self._fts(cursor, rows, "delete")

    def _fts_insert(self, cursor, rows):
        self._fts(cursor, rows, "")


@register_backend
class SqliteBackend(SearchBackend):
    name = "sqlite-fts5"
    vendor = "sqlite"

    def __init__(self) -> None:
        connection.ensure_connection()
        raw = connection.connection
        if getattr(connection, "_ttdn_tuned", None) is not raw:
            with connection.cursor() as cursor:
                for pragma in PRAGMAS:  # read pages through a memory map, and keep more
                    cursor.execute(pragma)
            connection._ttdn_tuned = raw

    # Writing -------------------------------------------------------------------------------

    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        _SqliteWriter().upsert(documents)

    def delete(self, item_ids: Iterable[int]) -> None:
        _SqliteWriter().delete(item_ids)

    def rebuild(self, documents: Iterable[IndexDocument]) -> int:
        with connection.cursor() as cursor:
            for table in FTS_TABLES:
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
            cursor.execute("DELETE FROM catalog_searchtext")
            cursor.execute("DELETE FROM catalog_searchdocument")
        count = _SqliteWriter().insert_sorted(documents, fts=False)
        with connection.cursor() as cursor:
            for table in FTS_TABLES:
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        return count

    def size(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
            rows = dict(cursor.fetchall())
        sizes = {t: sum(v for n, v in rows.items() if n.startswith(t)) for t in FTS_TABLES}
        for table in ("catalog_searchtext", "catalog_searchdocument"):
            sizes[table] = sum(v for n, v in rows.items() if n == table or f"_{table}_" in n)
        return sizes

    # Primitives ----------------------------------------------------------------------------

    def _where(self, scope: Scope) -> tuple[str, str, list[str], list]:
        """FROM, id column, WHERE parts and parameters of a scope."""
        where: list[str] = []
        params: list = []
        runs = [r for r in scope.ngrams if len(r) >= 3]
        if scope.has_words:
            table = _table(scope)
            source, rowid = f"{table} f", "f.rowid"
            where.append(f"{table} MATCH %s")
            params.append(_words(scope))
        elif runs:
            source, rowid = "catalog_fts_ngram f", "f.rowid"
            where.append("catalog_fts_ngram MATCH %s")
            params.append(match_expression([], [[run] for run in runs]))
            runs = []
        else:
            source, rowid = "catalog_searchdocument d", "d.id"
        id_where, id_params = id_conditions(scope, rowid)
        where += id_where
        params += id_params
        if scope.topics:
            source = _with_documents(source, rowid)
            where.append("(" + " OR ".join(["d.topics LIKE %s"] * len(scope.topics)) + ")")
            params += [f"%,{int(topic)},%" for topic in scope.topics]
        for run in runs:
            where.append(
                f"{rowid} IN (SELECT rowid FROM catalog_fts_ngram WHERE catalog_fts_ngram "
                "MATCH %s AND rowid >= %s)"
            )
            params += [fts_string([run]), scope.low]
        for run in (r for r in scope.ngrams if len(r) < 3):
            where.append(
                f"{rowid} IN (SELECT id FROM catalog_searchtext WHERE id >= %s "
                "AND instr(ngram, %s) > 0)"
            )
            params += [max(scope.low, scope.short_ngram_low), run]
        return source, rowid, where, params

    def _run(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self, scope: Scope, cap: int) -> int:
        source, rowid, where, params = self._where(scope)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {_and(where)} LIMIT %s)"
        return self._run(sql, [*params, cap + 1])[0][0]

    def scored(self, scope: Scope) -> dict[int, float]:
        if not scope.has_words:
            return {}
        source, rowid, where, params = self._where(scope)
        weights = "1.0" if scope.title_only else f"{TITLE_WEIGHT}, 1.0"
        rows = self._run(
            f"SELECT {rowid}, bm25({_table(scope)}, {weights}) FROM {source} WHERE {_and(where)}",
            params,
        )
        return {doc_id: -score for doc_id, score in rows}

    def member(self, scope: Scope, ids: Sequence[int]) -> set[int]:
        """A few ids are looked up one by one (FTS5 seeks each rowid); many are intersected
        with one walk of their id range."""
        if not ids:
            return set()
        if len(ids) <= MEMBER_LOOKUPS:
            source, rowid, where, params = self._where(replace(scope, low=0, high=0))
            where.append(f"{rowid} IN (SELECT value FROM json_each(%s))")
            params.append(json.dumps(list(ids)))
        else:
            low, high = max(scope.low, min(ids)), max(ids) + 1
            source, rowid, where, params = self._where(replace(scope, low=low, high=high))
        rows = self._run(f"SELECT {rowid} FROM {source} WHERE {_and(where)}", params)
        return {row[0] for row in rows} & set(ids)

    def topic_groups(self, ids):
        if not ids:
            return []
        return self._run(
            "SELECT topics, count(*) FROM catalog_searchdocument WHERE id IN "
            "(SELECT value FROM json_each(%s)) AND topics <> '' GROUP BY 1",
            [json.dumps(list(ids))],
        )

    def newest(self, scope: Scope, *, limit: int, offset: int) -> list[int]:
        source, rowid, where, params = self._where(scope)
        rows = self._run(
            f"SELECT {rowid} FROM {source} WHERE {_and(where)} ORDER BY {rowid} DESC "
            "LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [row[0] for row in rows]

    def item_ids(self, ids: Sequence[int]) -> dict[int, int]:
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        return dict(
            self._run(f"SELECT id, item_id FROM catalog_searchdocument WHERE id IN ({marks})", ids)
        )


def _and(parts: list[str]) -> str:
    return " AND ".join(parts) or "1 = 1"


def _with_documents(source: str, rowid: str) -> str:
    """The source joined with `catalog_searchdocument d` (for topics), once."""
    if "catalog_searchdocument d" in source:
        return source
    return f"{source} CROSS JOIN catalog_searchdocument d ON d.id = {rowid}"
