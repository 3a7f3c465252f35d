"""What changes the portal: hand-kept lists, scheduled publishing, preview links, facts.

The coordinator's rights are the catalog's (`require_review`): whoever publishes items in
the database decides what the portal shows and when. Items are published through the
catalog's own service (rights and consent checks, history); scheduling then moves the
publication time into the future, which the portal honours (`selectors.visible`).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core import signing
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ttdn.catalog.choices import HistoryAction, ItemStatus
from ttdn.catalog.models import Item
from ttdn.catalog.permissions import require_review
from ttdn.catalog.search.index import search_index_items
from ttdn.catalog.services.items import history_add, item_publish
from ttdn.core.errors import ApplicationError
from ttdn.portal import cache, conf
from ttdn.portal.choices import Section
from ttdn.portal.formats import datetime_text
from ttdn.portal.models import Fact, Placement
from ttdn.portal.ui import internal_language, ui

FACTS = Path(__file__).resolve().parent / "data" / "facts.json"
PREVIEW_SALT = "ttdn.portal.preview"


def _say(key: str, **params) -> str:
    return ui(key, internal_language(), **params)


def portal_invalidate(item: Item | None = None) -> None:
    """Make every web process rebuild its pages at the next request.

    Not needed after the catalog's services (their history rows move the version); for
    changes made around them — a bulk update, an admin deletion, a topic renamed — and for
    the catalog to call should it ever want to."""
    cache.bump()


# Hand-kept lists ----------------------------------------------------------------------


@transaction.atomic
def placement_add(*, actor, section: str, item: Item) -> Placement:
    require_review(actor)
    if section not in Section.values:
        raise ApplicationError(_say("ed.error.section"))
    if item.status not in (ItemStatus.APPROVED, ItemStatus.PUBLISHED):
        raise ApplicationError(_say("ed.error.not_publishable", title=item.title))
    existing = Placement.objects.filter(section=section, translation_key=item.translation_key)
    if existing.exists():
        raise ApplicationError(_say("ed.error.already_placed", title=item.title))
    last = Placement.objects.filter(section=section).aggregate(m=Max("position"))["m"]
    placement = Placement(
        section=section,
        translation_key=item.translation_key,
        position=0 if last is None else last + 1,
        created_by=actor,
    )
    placement.full_clean()
    placement.save()
    cache.bump()
    return placement


@transaction.atomic
def placement_remove(*, actor, placement: Placement) -> None:
    require_review(actor)
    placement.delete()
    cache.bump()


@transaction.atomic
def placement_move(*, actor, placement: Placement, offset: int) -> None:
    """Move a work up (-1) or down (+1) its list; positions are renumbered 0, 1, 2 …"""
    require_review(actor)
    rows = list(
        Placement.objects.select_for_update()
        .filter(section=placement.section)
        .order_by("position", "pk")
    )
    index = next(i for i, row in enumerate(rows) if row.pk == placement.pk)
    target = max(0, min(len(rows) - 1, index + offset))
    rows.insert(target, rows.pop(index))
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    cache.bump()


# Scheduled publishing -----------------------------------------------------------------


@transaction.atomic
def item_schedule(*, actor, item: Item, at: datetime.datetime) -> Item:
    """Publish `item` so that the portal shows it from `at` (a future time).

    An approved item is published through the catalog (its rights and consent checks, its
    history) and its publication time moved to `at`; a scheduled item gets a new time. An
    item already live cannot be scheduled again: return it in the catalog first."""
    require_review(actor)
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    now = timezone.now()
    if at <= now:
        raise ApplicationError(_say("ed.error.past", when=datetime_text(at, internal_language())))
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status == ItemStatus.APPROVED:
        item = item_publish(actor=actor, item=item)
    elif not (
        item.status == ItemStatus.PUBLISHED and item.published_at and item.published_at > now
    ):
        raise ApplicationError(_say("ed.error.not_schedulable", title=item.title))
    Item.objects.filter(pk=item.pk).update(published_at=at, updated_at=now)
    item.published_at = at
    search_index_items([item.pk])  # indexed as approved until `at` (catalog search/index.py)
    history_add(
        item,
        HistoryAction.UPDATED,
        actor=actor,
        via="portal",
        note=_say("ed.history.scheduled", when=datetime_text(at, internal_language())),
    )
    return item


@transaction.atomic
def item_publish_now(*, actor, item: Item) -> Item:
    """Show a scheduled item at once."""
    require_review(actor)
    item = Item.objects.select_for_update().get(pk=item.pk)
    now = timezone.now()
    if not (item.status == ItemStatus.PUBLISHED and item.published_at and item.published_at > now):
        raise ApplicationError(_say("ed.error.not_scheduled", title=item.title))
    Item.objects.filter(pk=item.pk).update(published_at=now, updated_at=now)
    item.published_at = now
    search_index_items([item.pk])  # public search finds it at once
    history_add(
        item,
        HistoryAction.UPDATED,
        actor=actor,
        via="portal",
        note=_say("ed.history.published_now"),
    )
    return item


# Preview ------------------------------------------------------------------------------


def preview_token(item: Item) -> str:
    return signing.dumps({"i": item.pk}, salt=PREVIEW_SALT, compress=True)


def preview_path(*, actor, item: Item) -> str:
    """A signed address at which anyone holding it sees the item's page as it will look,
    for `TTDN_PORTAL_PREVIEW_HOURS` (so a coordinator can show it to a leader)."""
    require_review(actor)
    return reverse("portal:preview", kwargs={"lang": item.language, "token": preview_token(item)})


def preview_item_id(token: str) -> int | None:
    """The item a preview token opens, or None when it is forged or expired."""
    hours = conf.get("TTDN_PORTAL_PREVIEW_HOURS")
    try:
        data = signing.loads(token, salt=PREVIEW_SALT, max_age=hours * 3600)
    except signing.BadSignature:
        return None
    return data.get("i") if isinstance(data, dict) else None


# Facts --------------------------------------------------------------------------------


def facts_load_default() -> int:
    """Create the default facts that are missing (edited ones are left alone)."""
    created = 0
    with transaction.atomic():
        for position, row in enumerate(json.loads(FACTS.read_text(encoding="utf-8"))):
            _fact, made = Fact.objects.get_or_create(
                code=row["code"],
                defaults={
                    "value": row["value"],
                    "decimals": row.get("decimals", 0),
                    "unit": row.get("unit", ""),
                    "labels": row["labels"],
                    "details": row.get("details", {}),
                    "source_title": row["source_title"],
                    "source_url": row["source_url"],
                    "source_language": row.get("source_language", "vi"),
                    "position": position,
                },
            )
            created += made
    if created:
        cache.bump()
    return created


def portal_load_default(*, demo: bool) -> None:
    """Facts always; in demo mode, demo content when the catalog has nothing published."""
    facts_load_default()
    if demo:
        from ttdn.portal.demo import demo_content_load

        demo_content_load()
