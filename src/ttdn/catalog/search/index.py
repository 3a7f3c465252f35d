"""Keeping the index in step with the items. Services call these; nothing else writes."""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from ttdn.catalog.permissions import is_public
from ttdn.catalog.search.base import IndexDocument, get_backend
from ttdn.catalog.search.text import analyse, fold_token

BATCH = 2000
FIELDS = ("id", "title", "summary", "body_text", "language", "kind", "status", "channel",
          "agency_id", "published_on", "created_at", "published_at")  # fmt: skip
Row = namedtuple("Row", FIELDS)


def _indexed_status(row: Row) -> str:
    """The status the index holds: a scheduled item (published, its publication time still
    to come) as approved, so public readers do not find it before its time while staff who
    read unpublished items do; `catalog.jobs.publish_due_job` reindexes it once due."""
    if row.status == "published" and not is_public(row):
        return "approved"
    return row.status


def _document(row: tuple, topics: Iterable[int]) -> IndexDocument:
    row = Row(*row)
    pk, title, summary, body_text, language, kind, _status, channel, agency, day, created, _at = row
    status = _indexed_status(row)
    body = f"{summary}\n{body_text}" if summary else body_text
    title_tokens, title_runs = analyse(title)
    body_tokens, body_runs = analyse(body)
    return IndexDocument(
        item_id=pk,
        day=day or timezone.localdate(created or timezone.now()),
        language=language,
        kind=kind,
        status=status,
        channel=channel,
        agency_id=agency,
        topics=tuple(sorted(topics)),
        title_exact=" ".join(title_tokens),
        body_exact=" ".join(body_tokens),
        title_folded=" ".join(map(fold_token, title_tokens)),
        body_folded=" ".join(map(fold_token, body_tokens)),
        ngram=" ".join(title_runs + body_runs),
    )


def document_for(item) -> IndexDocument:
    """The index document of one item."""
    row = tuple(getattr(item, "pk" if name == "id" else name) for name in FIELDS)
    return _document(row, [topic.pk for topic in item.topics.all()])


def _documents(rows: list[tuple]) -> list[IndexDocument]:
    from ttdn.catalog.models import Item

    topics: dict[int, list[int]] = defaultdict(list)
    links = Item.topics.through.objects.filter(item_id__in=[row[0] for row in rows])
    for item_id, topic_id in links.values_list("item_id", "topic_id"):
        topics[item_id].append(topic_id)
    return [_document(row, topics[row[0]]) for row in rows]


def search_index_items(item_ids: Iterable[int]) -> None:
    """(Re)index these items; call inside the transaction that changed them."""
    from ttdn.catalog.models import Item

    ids = list(dict.fromkeys(item_ids))
    backend = get_backend()
    for start in range(0, len(ids), BATCH):
        rows = list(Item.objects.filter(pk__in=ids[start : start + BATCH]).values_list(*FIELDS))
        if rows:
            backend.upsert(_documents(rows))


def search_remove_items(item_ids: Iterable[int]) -> None:
    get_backend().delete(list(item_ids))


def chronological_documents() -> Iterator[IndexDocument]:
    """Every item's document, oldest first (plain rows, a few queries per thousand)."""
    from ttdn.catalog.models import Item

    rows = (
        Item.objects.annotate(index_day=Coalesce("published_on", TruncDate("created_at")))
        .order_by("index_day", "pk")
        .values_list(*FIELDS)
        .iterator(chunk_size=BATCH)
    )
    while chunk := list(islice(rows, BATCH)):
        yield from _documents(chunk)


def search_rebuild() -> int:
    return get_backend().rebuild(chronological_documents())
