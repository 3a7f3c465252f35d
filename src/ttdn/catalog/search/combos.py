"""Facet combinations: their numbers (part of document ids), which numbers a filter or a
reader allows, and facet counts from (day, combination) groups."""

from __future__ import annotations

import datetime
import threading
from collections import Counter

from django.db import connection

from ttdn.catalog.search.base import (
    COMBO_MASK,
    EPOCH,
    FACETS,
    IndexDocument,
    SearchFilters,
    Visibility,
)

_lock = threading.Lock()
_cache: dict[str, dict] = {}  # per database alias: {"by_code": {}, "by_values": {}}


def _state() -> dict:
    return _cache.setdefault(connection.alias, {"by_code": {}, "by_values": {}})


def _load() -> None:
    from ttdn.catalog.models import SearchCombo

    state = _state()
    rows = SearchCombo.objects.values_list(
        "pk", "language", "kind", "status", "channel", "agency_id", "topics"
    )
    by_code = {row[0]: tuple(row[1:]) for row in rows}
    with _lock:
        state["by_code"] = by_code
        state["by_values"] = {values: code for code, values in by_code.items()}


def forget() -> None:
    """Drop the cached combinations (tests roll the table back under our feet)."""
    _cache.pop(connection.alias, None)


def combos() -> dict[int, tuple]:
    state = _state()
    if not state["by_code"]:
        _load()
    return _state()["by_code"]


FIELDS = ("language", "kind", "status", "channel", "agency_id", "topics")


def codes_for(documents: list[IndexDocument]) -> list[int]:
    """The numbers of the documents' facet combinations, creating the new ones (two or three
    queries per batch, whatever its size)."""
    from ttdn.catalog.models import SearchCombo

    wanted = {doc.facet_values for doc in documents}
    agencies = {values[4] for values in wanted}

    def existing() -> dict[tuple, int]:
        rows = SearchCombo.objects.filter(agency_id__in=agencies).values_list("pk", *FIELDS)
        return {tuple(row[1:]): row[0] for row in rows}

    known = existing()
    missing = wanted - set(known)
    if missing:
        SearchCombo.objects.bulk_create(
            [SearchCombo(**dict(zip(FIELDS, values, strict=True))) for values in missing],
            ignore_conflicts=True,
        )
        known = existing()
    if max(known.values(), default=0) > COMBO_MASK:
        raise OverflowError("More than 16 million facet combinations; see search/base.py.")
    return [known[doc.facet_values] for doc in documents]


def _topics(text: str) -> tuple[int, ...]:
    return tuple(int(t) for t in text.strip(",").split(",")) if text else ()


def _accepts(values: tuple, name: str, wanted) -> bool:
    language, kind, status, channel, agency_id, topics = values
    if name == "topic":
        return any(t in wanted for t in _topics(topics))
    return {"language": language, "kind": kind, "status": status, "channel": channel,
            "agency": agency_id}[name] in wanted  # fmt: skip


COLUMNS = {"language": "language", "kind": "kind", "status": "status", "channel": "channel",
           "agency": "agency_id"}  # fmt: skip


def condition(visibility: Visibility, filters: SearchFilters | None = None):
    """SQL over `catalog_searchcombo` selecting the combinations a reader may see that pass
    the filters (years apart), with its parameters; None when everything passes. Written as
    SQL, not as a list of numbers, so combinations created a moment ago by another process
    count too."""
    parts: list[str] = []
    params: list = []
    if not visibility.everything:
        if visibility.agency_id is None:
            parts.append("status = %s")
            params.append("published")
        else:
            parts.append("(status = %s OR agency_id = %s)")
            params += ["published", visibility.agency_id]
    for name, column in COLUMNS.items():
        values = list(getattr(filters, name, ()) or ())
        if values:
            parts.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
            params += values
    topics = list(getattr(filters, "topic", ()) or ())
    if topics:
        parts.append("(" + " OR ".join(["topics LIKE %s"] * len(topics)) + ")")
        params += [f"%,{int(topic)},%" for topic in topics]
    if not parts:
        return None
    return "SELECT id FROM catalog_searchcombo WHERE " + " AND ".join(parts), params


def _year(day: int, cache: dict) -> int:
    year = cache.get(day)
    if year is None:
        year = cache[day] = (EPOCH + datetime.timedelta(days=day)).year
    return year


def facet_counts(groups: list[tuple[int, int]], filters: SearchFilters):
    """(total, facets) from (day << 24 | combination, count) groups; a facet's counts apply
    every filter except its own, so a chosen facet still shows its other values."""
    table = combos()
    if any((key & COMBO_MASK) not in table for key, _n in groups):
        _load()
        table = combos()
    facets = {name: Counter() for name in FACETS}
    active = [(name, getattr(filters, name)) for name in FACETS if getattr(filters, name)]
    years: dict[int, int] = {}
    total = 0
    for key, count in groups:
        values = table[key & COMBO_MASK]
        year = _year(key >> 24, years)
        failing = [
            name for name, wanted in active
            if not (year in wanted if name == "year" else _accepts(values, name, wanted))
        ]  # fmt: skip
        if not failing:
            total += count
        if len(failing) > 1:
            continue
        language, kind, status, channel, agency_id, topics = values
        own = {"language": language, "kind": kind, "status": status, "channel": channel,
               "agency": agency_id, "year": year}  # fmt: skip
        for name in FACETS:
            if failing and failing[0] != name:
                continue
            if name == "topic":
                for topic in _topics(topics):
                    facets["topic"][topic] += count
            else:
                facets[name][own[name]] += count
    return total, facets
