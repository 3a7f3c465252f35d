"""What the portal reads. Everything public goes through `visible()`: published catalog
items whose publication time has come, whose rights have not expired and whose people
have consented, in a portal language. Nothing else of the catalog (drafts, items in review,
notes, history, tokens) is read for a public page.

The catalog has no selector for this (its own rule is `status == published`, which would
show a scheduled item early), so it lives here and reads the catalog's models.
"""

from __future__ import annotations

import datetime
import math
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from ttdn.catalog.choices import Consent, ItemKind, ItemStatus
from ttdn.catalog.models import Item, MediaFile, Topic
from ttdn.portal import conf
from ttdn.portal.choices import Section
from ttdn.portal.formats import number
from ttdn.portal.images import Picture, picture
from ttdn.portal.languages import portal_languages
from ttdn.portal.links import item_path
from ttdn.portal.models import Fact, Placement
from ttdn.portal.text import Text, in_language, topic_label
from ttdn.portal.ui import ui

# Listing pages built on the catalog's kinds, or on a hand-kept list.
SECTIONS: dict[str, dict] = {
    "news": {"kinds": (ItemKind.ARTICLE, ItemKind.INFOGRAPHIC, ItemKind.FACT)},
    "videos": {"kinds": (ItemKind.VIDEO, ItemKind.AUDIO)},
    "photos": {"kinds": (ItemKind.PHOTO_ALBUM,)},
    "publications": {
        "kinds": (ItemKind.PUBLICATION, ItemKind.DOCUMENT),
        "skip_clarifications": True,
    },
    "events": {"kinds": (ItemKind.EVENT,)},
    "press": {"placement": Section.PRESS_RELEASE},
    "clarifications": {"placement": Section.CLARIFICATION, "monitoring": True},
    "contests": {"placement": Section.CONTEST},
}


# Visibility ---------------------------------------------------------------------------


def visible(now: datetime.datetime | None = None) -> QuerySet:
    """Items the public may see now."""
    now = now or timezone.now()
    return (
        Item.objects.filter(
            status=ItemStatus.PUBLISHED,
            published_at__lte=now,
            language__in=portal_languages(),
        )
        .filter(Q(rights_expire_on__isnull=True) | Q(rights_expire_on__gte=timezone.localdate(now)))
        .exclude(consent__in=(Consent.PENDING, Consent.REFUSED))
    )


def newest_first(items: QuerySet) -> QuerySet:
    return items.order_by(F("published_on").desc(nulls_last=True), "-published_at", "-pk")


def is_visible(item: Item) -> bool:
    return visible().filter(pk=item.pk).exists()


# Cards --------------------------------------------------------------------------------


@dataclass
class Card:
    item: Item
    url: str
    picture: Picture | None = None


def _images_by_key(keys: set, lang: str, *, visible_only=True) -> dict[uuid.UUID, MediaFile]:
    """The first image of each work, among files of its visible versions."""
    if not keys:
        return {}
    owners = visible() if visible_only else Item.objects.all()
    files = (
        MediaFile.objects.filter(
            item__in=owners.filter(translation_key__in=keys),
            content_type__startswith="image/",
        )
        .select_related("item")
        .order_by("pk")
    )
    first: dict[uuid.UUID, MediaFile] = {}
    for media in files:
        first.setdefault(media.item.translation_key, media)
    return first


def alt_text(media: MediaFile, title: str, lang: str, index: int = 0, total: int = 1) -> str:
    """The caption when it was written in the page's language; otherwise the title, and the
    photo's number in an album (a caption in another language is never shown silently)."""
    if media.caption and media.item.language == lang:
        return media.caption
    if total > 1:
        return ui("item.photo_of", lang, title=title, n=index + 1, total=total)
    return title


def cards(items: list[Item], lang: str) -> list[Card]:
    images = _images_by_key({i.translation_key for i in items}, lang)
    result = []
    for item in items:
        media = images.get(item.translation_key)
        pic = picture(media, "", largest=640) if media else None  # decorative beside the title
        result.append(Card(item=item, url=item_path(item), picture=pic))
    return result


# Lists --------------------------------------------------------------------------------


@dataclass
class Listing:
    cards: list[Card]
    page: int
    pages: int
    total: int


def placement_keys(section: str) -> list[uuid.UUID]:
    return list(
        Placement.objects.filter(section=section)
        .order_by("position", "pk")
        .values_list("translation_key", flat=True)
    )


def clarification_keys() -> list[uuid.UUID]:
    """Works published from press cases (monitoring's clarifications), newest first."""
    try:
        from ttdn.monitoring.models import Clarification
    except ImportError:  # pragma: no cover — monitoring is part of the platform
        return []
    ids = Clarification.objects.exclude(catalog_item_id=None).values_list("catalog_item_id")
    keys = Item.objects.filter(pk__in=ids).order_by("-pk").values_list("translation_key", flat=True)
    return list(dict.fromkeys(keys))


def section_keys(name: str) -> list[uuid.UUID] | None:
    """The ordered works of a hand-kept section, or None for a kind-based one."""
    spec = SECTIONS[name]
    if "placement" not in spec:
        return None
    keys = placement_keys(spec["placement"])
    if spec.get("monitoring"):
        keys += [k for k in clarification_keys() if k not in set(keys)]
    return keys


def languages_with(*, section: str | None = None, topic: Topic | None = None) -> set[str]:
    """Languages in which a section or topic page has something to show."""
    items = visible()
    if topic is not None:
        items = items.filter(topics=topic)
    if section is not None:
        keys = section_keys(section)
        if keys is not None:
            items = items.filter(translation_key__in=keys)
        else:
            items = items.filter(kind__in=SECTIONS[section]["kinds"])
            if SECTIONS[section].get("skip_clarifications"):
                items = items.exclude(translation_key__in=clarification_keys())
    return set(items.order_by().values_list("language", flat=True).distinct())


def _ordered_by_keys(items: QuerySet, keys: list[uuid.UUID]) -> list[Item]:
    by_key = {item.translation_key: item for item in items.filter(translation_key__in=keys)}
    return [by_key[k] for k in keys if k in by_key]


def listing(
    lang: str,
    *,
    section: str | None = None,
    topic: Topic | None = None,
    page: int = 1,
    size: int | None = None,
) -> Listing | None:
    """One page of a section or topic in `lang`; None when the page number is past the end."""
    size = size or conf.get("TTDN_PORTAL_PAGE_SIZE")
    items = visible().filter(language=lang).select_related("agency")
    if topic is not None:
        items = items.filter(topics=topic)
    keys = section_keys(section) if section else None
    if keys is not None:
        ordered = _ordered_by_keys(items, keys)
        total = len(ordered)
        chosen = ordered[(page - 1) * size : page * size]
    else:
        if section:
            items = items.filter(kind__in=SECTIONS[section]["kinds"])
            if SECTIONS[section].get("skip_clarifications"):
                items = items.exclude(translation_key__in=clarification_keys())
        items = newest_first(items)
        total = items.count()
        chosen = list(items[(page - 1) * size : page * size])
    pages = max(1, math.ceil(total / size))
    if page > pages:
        return None
    return Listing(cards=cards(chosen, lang), page=page, pages=pages, total=total)


# Home ---------------------------------------------------------------------------------


@dataclass
class FactView:
    code: str
    value: str
    unit: str
    label: Text | None
    detail: Text | None
    source_title: Text
    source_url: str


def facts(lang: str) -> list[FactView]:
    return [
        FactView(
            code=fact.code,
            value=number(fact.value, lang, fact.decimals),
            unit=fact.unit,
            label=in_language(fact.labels, lang),
            detail=in_language(fact.details, lang),
            source_title=Text(fact.source_title, fact.source_language),
            source_url=fact.source_url,
        )
        for fact in Fact.objects.filter(active=True)
    ]


@dataclass
class TopicCount:
    topic: Topic
    label: Text
    count: int


def topics_with_counts(lang: str, *, non_empty: bool = False) -> list[TopicCount]:
    counted = Topic.objects.filter(active=True).annotate(
        n=Count("items", filter=Q(items__in=visible().filter(language=lang)), distinct=True)
    )
    rows = [TopicCount(t, topic_label(t, lang), t.n) for t in counted]
    return [r for r in rows if r.count] if non_empty else rows


def topic_get(code: str) -> Topic | None:
    return Topic.objects.filter(code=code, active=True).first()


@dataclass
class Home:
    highlights: list[Card]
    latest: list[Card]
    upcoming: list[Card]
    facts: list[FactView]
    topics: list[TopicCount]


def home(lang: str) -> Home:
    mine = visible().filter(language=lang).select_related("agency")
    chosen = _ordered_by_keys(mine, placement_keys(Section.HIGHLIGHT))[:6]
    latest = list(
        newest_first(mine.exclude(pk__in=[i.pk for i in chosen]).exclude(kind=ItemKind.EVENT))[:6]
    )
    upcoming = list(
        mine.filter(kind=ItemKind.EVENT, published_on__gte=timezone.localdate())
        .exclude(pk__in=[i.pk for i in chosen])
        .order_by("published_on", "pk")[:3]
    )
    return Home(
        highlights=cards(chosen, lang),
        latest=cards(latest, lang),
        upcoming=cards(upcoming, lang),
        facts=facts(lang),
        topics=topics_with_counts(lang, non_empty=True),
    )


# Items --------------------------------------------------------------------------------


@dataclass
class ItemPage:
    item: Item
    versions: dict[str, Item]  # visible versions by language, the item's own included
    images: list[MediaFile] = field(default_factory=list)
    videos: list[MediaFile] = field(default_factory=list)
    audio: list[MediaFile] = field(default_factory=list)
    files: list[MediaFile] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    related: list[Card] = field(default_factory=list)
    source: Item | None = None  # the visible version this one was translated from


def item_find(pk: int, *, preview: bool = False) -> Item | None:
    """A visible item by id (any item when previewing)."""
    items = Item.objects.all() if preview else visible()
    return items.select_related("agency", "translated_from").filter(pk=pk).first()


def versions_of(item: Item) -> dict[str, Item]:
    """Visible versions of the item's work in portal languages, in the portal's order."""
    found = {v.language: v for v in visible().filter(translation_key=item.translation_key)}
    return {code: found[code] for code in portal_languages() if code in found}


def item_page(item: Item, *, preview: bool = False) -> ItemPage:
    versions = versions_of(item)
    if preview:
        versions[item.language] = item
    owners = list(versions.values())
    files = list(MediaFile.objects.filter(item__in=owners).select_related("item").order_by("pk"))
    page = ItemPage(item=item, versions=versions)
    for media in files:
        if media.is_image:
            page.images.append(media)
        elif media.content_type.startswith("video/"):
            page.videos.append(media)
        elif media.content_type.startswith("audio/"):
            page.audio.append(media)
        else:
            page.files.append(media)
    page.topics = list(item.topics.filter(active=True))
    if item.translated_from_id:
        source = item.translated_from
        if source is not None and versions.get(source.language) == source:
            page.source = source
    if page.topics:
        related = (
            newest_first(visible().filter(language=item.language, topics__in=page.topics))
            .exclude(translation_key=item.translation_key)
            .distinct()[:3]
        )
        page.related = cards(list(related), item.language)
    return page


# Feeds and sitemaps -------------------------------------------------------------------


def feed_items(lang: str, topic: Topic | None = None) -> list[Item]:
    items = visible().filter(language=lang).select_related("agency")
    if topic is not None:
        items = items.filter(topics=topic)
    return list(items.order_by("-published_at", "-pk")[: conf.get("TTDN_PORTAL_FEED_SIZE")])


def sitemap_items(lang: str, page: int = 1) -> tuple[list[Item], dict, int]:
    """(items in `lang` for one sitemap page, their versions by work, number of pages)."""
    size = conf.get("TTDN_PORTAL_SITEMAP_SIZE")
    mine = visible().filter(language=lang).order_by("pk")
    total = mine.count()
    items = list(
        mine[(page - 1) * size : page * size].only(
            "pk", "title", "language", "translation_key", "updated_at", "published_at"
        )
    )
    keys = {i.translation_key for i in items}
    versions: dict = {}
    for version in (
        visible()
        .filter(translation_key__in=keys)
        .only("pk", "title", "language", "translation_key")
    ):
        versions.setdefault(version.translation_key, {})[version.language] = version
    return items, versions, max(1, math.ceil(total / size))


def last_change(lang: str) -> datetime.datetime | None:
    item = visible().filter(language=lang).order_by("-updated_at").only("updated_at").first()
    return item.updated_at if item else None
