"""Facet values packed into document ids, and facet counts read back from them.

A document id is, from the high bits down (63 bits, search/base.py):

    day 16 | agency 12 | language 5 | kind 4 | status 3 | channel 4 | sequence 19

so a filter on language, kind, status, channel, agency or year, the reader's visibility
(published, or their own agency's), and the counts of those facets are arithmetic on the
id — no other table is read for each hit. Topics, several per item, live in
`catalog_searchdocument.topics` and are read only for topic filters and the topic facet.

The numbers below are stable: values are only ever appended (a test checks that every
choice has its number); changing an order would require `ttdn catalog reindex`.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from contextlib import suppress
from functools import cache
from pathlib import Path

from ttdn.catalog.search.base import (
    DAY_SHIFT,
    EPOCH,
    MAX_DAY,
    SearchFilters,
    Visibility,
    day_number,
)

KINDS = ("article", "video", "photo_album", "publication", "audio", "infographic",
         "document", "fact", "event")  # fmt: skip
STATUSES = ("draft", "in_review", "approved", "published", "archived")
CHANNELS = ("foreign_affairs", "portals", "image_database", "publications", "border_gates",
            "domestic_press", "foreign_press", "internet", "press_cooperation",
            "major_events", "other")  # fmt: skip

AGENCY_SHIFT, AGENCY_BITS = 35, 12
LANGUAGE_SHIFT, LANGUAGE_BITS = 30, 5
KIND_SHIFT, KIND_BITS = 26, 4
STATUS_SHIFT, STATUS_BITS = 23, 3
CHANNEL_SHIFT, CHANNEL_BITS = 19, 4
SEQ_BITS = 19
GROUP_SHIFT = SEQ_BITS  # id >> 19: day and every facet but topics


@cache
def languages() -> tuple[str, ...]:
    """ISO 639-1 codes in the (append-only) order of data/languages.json."""
    path = Path(__file__).resolve().parents[1] / "data" / "languages.json"
    return tuple(row["code"] for row in json.loads(path.read_text(encoding="utf-8")))


def _number(values: tuple[str, ...], value: str, what: str) -> int:
    try:
        return values.index(value)
    except ValueError:
        raise ValueError(f"The {what} “{value}” has no number in search/facets.py.") from None


FIELDS = {  # name: (shift, bits, values or None for agency ids)
    "agency": (AGENCY_SHIFT, AGENCY_BITS, None),
    "language": (LANGUAGE_SHIFT, LANGUAGE_BITS, "languages"),
    "kind": (KIND_SHIFT, KIND_BITS, KINDS),
    "status": (STATUS_SHIFT, STATUS_BITS, STATUSES),
    "channel": (CHANNEL_SHIFT, CHANNEL_BITS, CHANNELS),
}


def _values(name: str):
    values = FIELDS[name][2]
    return languages() if values == "languages" else values


def encode(name: str, value) -> int:
    shift, bits, values = FIELDS[name]
    if values is None:
        number = int(value)
        if not 0 <= number < 1 << bits:
            raise ValueError(f"Agency id {number} does not fit the search index (max 4095).")
        return number
    return _number(_values(name), value, name)


def id_base(day: datetime.date, language, kind, status, channel, agency_id) -> int:
    """The id of sequence 0 for a document with these values."""
    base = day_number(day) << DAY_SHIFT
    for name, value in (("agency", agency_id), ("language", language), ("kind", kind),
                        ("status", status), ("channel", channel)):  # fmt: skip
        base |= encode(name, value) << FIELDS[name][0]
    return base


def _part(column: str, name: str) -> str:
    shift, bits, _values = FIELDS[name]
    return f"(({column} >> {shift}) & {(1 << bits) - 1})"


def id_filter(column: str, visibility: Visibility, filters: SearchFilters | None = None):
    """(SQL, params) over an id column for visibility and filters (years and topics
    apart), or None when everything passes."""
    parts: list[str] = []
    params: list = []
    published = encode("status", "published")
    if not visibility.everything:
        if visibility.agency_id is None:
            parts.append(f"{_part(column, 'status')} = {published}")
        else:
            parts.append(
                f"({_part(column, 'status')} = {published} OR {_part(column, 'agency')} = %s)"
            )
            params.append(encode("agency", visibility.agency_id))
    for name in FIELDS:
        wanted = list(getattr(filters, name, ()) or ())
        if not wanted:
            continue
        numbers = []
        for value in wanted:
            try:
                numbers.append(encode(name, value))
            except ValueError:
                numbers.append(-1)  # unknown: matches nothing
        parts.append(f"{_part(column, name)} IN ({', '.join(str(n) for n in numbers)})")
    if not parts:
        return None
    return " AND ".join(parts), params


@cache
def _year_of_day(day: int) -> int:
    return (EPOCH + datetime.timedelta(days=min(day, MAX_DAY))).year


def _label(name: str, number: int):
    if name == "agency":
        return number
    table = _values(name)
    return table[number] if number < len(table) else ""


def _wanted(name: str, values) -> set[int]:
    if name == "year":
        return {int(value) for value in values}
    numbers = set()
    for value in values:
        with suppress(ValueError):  # unknown: matches nothing
            numbers.add(encode(name, value))
    return numbers


def facet_counts(ids, filters: SearchFilters, topic_groups=()) -> tuple[int, dict]:
    """(total, {facet: Counter}) over document ids, and topic counts from (topics text,
    count) groups. A facet's counts apply every filter except its own.

    Each facet is a field of the id, read for all ids at once (a list comprehension per
    facet: about a millisecond for 5,000 ids); values are named once per distinct number."""
    names = ("language", "kind", "status", "channel", "agency", "year")
    ids = list(ids)
    numbers: dict[str, list[int]] = {}
    for name in names[:-1]:
        shift, bits, _v = FIELDS[name]
        mask = (1 << bits) - 1
        numbers[name] = [(doc_id >> shift) & mask for doc_id in ids]
    numbers["year"] = [_year_of_day(doc_id >> DAY_SHIFT) for doc_id in ids]
    active = {
        name: _wanted(name, getattr(filters, name)) for name in names if getattr(filters, name)
    }
    passing = {name: [n in wanted for n in numbers[name]] for name, wanted in active.items()}

    def keep(skip: str | None) -> list[bool] | None:
        rows = [rows for name, rows in passing.items() if name != skip]
        if not rows:
            return None
        return [all(flags) for flags in zip(*rows, strict=True)]

    everywhere = keep(None)
    total = len(ids) if everywhere is None else sum(everywhere)
    facets = {name: Counter() for name in (*names, "topic")}
    for name in names:
        kept = everywhere if name not in active else keep(name)
        column = numbers[name]
        if kept is not None:
            column = [n for n, k in zip(column, kept, strict=True) if k]
        counted = Counter(column)
        facets[name] = Counter(
            {n if name == "year" else _label(name, n): c for n, c in counted.items()}
        )
    for topics, count in topic_groups:
        for topic in topics.strip(",").split(",") if topics else ():
            facets["topic"][int(topic)] += count
    return total, facets
