"""Writing documents under their ids (day, facet values, sequence) — shared by both
engines; each says what its text row holds and adds its own index where it keeps one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection

from ttdn.catalog.search.base import SEQ_LIMIT, IndexDocument, clear_window_cache, topics_text
from ttdn.catalog.search.facets import GROUP_SHIFT, id_filter

BATCH = 2000


def id_conditions(scope, rowid: str) -> tuple[list[str], list]:
    """WHERE parts and parameters on the id column alone — the lower and upper bounds,
    years, visibility and facet filters — the same SQL on both engines."""
    where: list[str] = []
    params: list = []
    if scope.low:
        where.append(f"{rowid} >= %s")
        params.append(scope.low)
    if scope.high:
        where.append(f"{rowid} < %s")
        params.append(scope.high)
    if scope.years:
        spans = " OR ".join([f"({rowid} >= %s AND {rowid} < %s)"] * len(scope.years))
        where.append(f"({spans})")
        params += [bound for pair in scope.years for bound in pair]
    if scope.id_filter is not None:
        condition = id_filter(rowid, *scope.id_filter)
        if condition is not None:
            where.append(condition[0])
            params += condition[1]
    return where, params


TEXT_COLUMNS = ("title_exact", "body_exact", "title_folded", "body_folded", "ngram")


class DocumentWriter:
    text_columns: tuple[str, ...] = TEXT_COLUMNS
    text_placeholders: tuple[str, ...] = ("%s",) * len(TEXT_COLUMNS)
    keeps_old_text = True  # FTS5 external content needs the old text to delete it

    def text_row(self, doc_id: int, doc: IndexDocument) -> tuple:
        return (doc_id, doc.title_exact, doc.body_exact, doc.title_folded, doc.body_folded,
                doc.ngram)  # fmt: skip

    def _fts_delete(self, cursor, rows: list[tuple]) -> None:
        """Take rows (id, *text columns) out of the engine's own index."""

    def _fts_insert(self, cursor, rows: list[tuple]) -> None:
        """Put rows (id, *text columns) in the engine's own index."""

    def _before_write(self, cursor, ids: list[int]) -> None:
        """Prepare the text table for rows with these ids (PostgreSQL: their partitions)."""

    def delete(self, item_ids: Iterable[int]) -> dict[int, int]:
        """Remove the items' documents; returns item id → the id its document had."""
        item_ids = list(item_ids)
        if not item_ids:
            return {}
        marks = ", ".join(["%s"] * len(item_ids))
        columns = "".join(f", t.{c}" for c in self.text_columns) if self.keeps_old_text else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id{columns}, d.item_id FROM catalog_searchdocument d "
                f"JOIN catalog_searchtext t ON t.id = d.id WHERE d.item_id IN ({marks})",
                item_ids,
            )
            rows = cursor.fetchall()
            if rows:
                if self.keeps_old_text:
                    self._fts_delete(cursor, [row[:-1] for row in rows])
                ids = [row[0] for row in rows]
                id_marks = ", ".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM catalog_searchtext WHERE id IN ({id_marks})", ids)
                cursor.execute(f"DELETE FROM catalog_searchdocument WHERE id IN ({id_marks})", ids)
        clear_window_cache()
        return {row[-1]: row[0] for row in rows}

    def upsert(self, documents: Sequence[IndexDocument]) -> None:
        old = self.delete([doc.item_id for doc in documents])
        numbered, fresh = [], []
        for doc in documents:
            base = doc.id_base
            old_id = old.get(doc.item_id)
            if old_id is not None and old_id >> GROUP_SHIFT == base >> GROUP_SHIFT:
                numbered.append((old_id, doc))  # same day and facets: keep the id
            else:
                fresh.append((base, doc))
        self._write(numbered + self._allocate(fresh), fts=True)

    def _allocate(self, pairs: list[tuple[int, IndexDocument]]) -> list[tuple[int, IndexDocument]]:
        next_id: dict[int, int] = {}
        result = []
        with connection.cursor() as cursor:
            for base, doc in pairs:
                if base not in next_id:
                    cursor.execute(
                        "SELECT max(id) FROM catalog_searchdocument WHERE id >= %s AND id < %s",
                        [base, base + SEQ_LIMIT],
                    )
                    last = cursor.fetchone()[0]
                    next_id[base] = base if last is None else last + 1
                if next_id[base] >= base + SEQ_LIMIT:
                    raise OverflowError("More than 8 million documents on one day with one set "
                                        "of facets.")  # fmt: skip
                result.append((next_id[base], doc))
                next_id[base] += 1
        return result

    def insert_sorted(self, documents: Iterable[IndexDocument], *, fts: bool) -> int:
        """Fill empty tables from documents given in date order."""
        count = 0
        day, counters = None, {}
        iterator = iter(documents)
        while batch := list(islice(iterator, BATCH)):
            numbered = []
            for doc in batch:
                if doc.day != day:
                    day, counters = doc.day, {}
                base = doc.id_base
                sequence = counters.get(base, 0)
                counters[base] = sequence + 1
                numbered.append((base + sequence, doc))
            self._write(numbered, fts=fts)
            count += len(batch)
        clear_window_cache()
        return count

    def _write(self, numbered: list[tuple[int, IndexDocument]], *, fts: bool) -> None:
        if not numbered:
            return
        text_rows = [self.text_row(doc_id, doc) for doc_id, doc in numbered]
        with connection.cursor() as cursor:
            self._before_write(cursor, [doc_id for doc_id, _doc in numbered])
            cursor.executemany(
                "INSERT INTO catalog_searchdocument (id, item_id, topics) VALUES (%s, %s, %s)",
                [(doc_id, doc.item_id, topics_text(doc.topics)) for doc_id, doc in numbered],
            )
            cursor.executemany(
                f"INSERT INTO catalog_searchtext (id, {', '.join(self.text_columns)}) "
                f"VALUES (%s, {', '.join(self.text_placeholders)})",
                text_rows,
            )
            if fts:
                self._fts_insert(cursor, text_rows)
        clear_window_cache()
