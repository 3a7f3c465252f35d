"""Items: create, change, translate, and move through draft → in review → approved →
published (or archived). Every change writes a history row and updates the search index in
the same transaction; nothing happens in `save()` or in signals."""

from __future__ import annotations

import html
import re

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.catalog.choices import Consent, HistoryAction, ItemSource, ItemStatus
from ttdn.catalog.models import Item, ItemHistory
from ttdn.catalog.permissions import (
    require_archive_item,
    require_create_item,
    require_edit_item,
    require_review,
    require_submit_item,
)
from ttdn.catalog.search.index import search_index_items
from ttdn.catalog.validators import language_name
from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc

FIELDS = (
    "title",
    "summary",
    "body",
    "language",
    "kind",
    "channel",
    "credits",
    "published_on",
    "original_url",
    "licence",
    "consent",
    "rights_expire_on",
    "target_countries",
)
CONTENT_FIELDS = ("title", "summary", "body")
BODY_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "blockquote", "figure", "figcaption",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise_body(value: str) -> str:
    """Rich text with only harmless tags (nh3); plain text becomes paragraphs."""
    value = (value or "").strip()
    if not value:
        return ""
    if not re.search(r"<[a-zA-Z/!]", value):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
        value = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    cleaned = nh3.clean(
        value,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return nfc(cleaned)


def _cleaned(data: dict) -> dict:
    values = {}
    for name in FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ("title", "summary", "credits"):
            value = nfc(value or "")
        elif name == "body":
            value = sanitise_body(value)
        elif name in ("original_url", "language", "kind", "channel", "licence", "consent"):
            value = (value or "").strip()
            value = value.lower() if name == "language" else value
        elif name == "target_countries":
            value = sorted({str(code).strip().upper() for code in value or [] if str(code).strip()})
        values[name] = value
    return values


def validation_error(error: ValidationError, model=Item) -> ApplicationError:
    """One sentence per problem, keyed by field for forms and the API."""
    fields: dict[str, list[str]] = {}
    sentences = []
    for field, messages in error.message_dict.items():
        fields[field] = list(messages)
        if field == "__all__":
            sentences += messages
            continue
        try:
            label = str(model._meta.get_field(field).verbose_name)
        except Exception:
            label = field
        sentences += [f"{label[:1].upper()}{label[1:]}: {message}" for message in messages]
    return ApplicationError(" ".join(sentences), extra={"fields": fields})


def _check_url(item: Item) -> None:
    if not item.url_normalised:
        return
    other = Item.objects.filter(url_normalised=item.url_normalised).exclude(pk=item.pk).first()
    if other is not None:
        message = _(
            "Another item already has this original address: “%(title)s” (no. %(id)s). "
            "Open that item instead of adding it again."
        ) % {"title": other.title, "id": other.pk}
        raise ApplicationError(
            message, extra={"duplicate_of": other.pk, "fields": {"original_url": [message]}}
        )


def _validate(item: Item) -> None:
    _check_url(item)
    try:
        item.full_clean(exclude=["translated_from", "feed", "created_by"])
    except ValidationError as error:
        raise validation_error(error) from None


def _set_relations(item: Item, data: dict) -> None:
    if "topics" in data:
        item.topics.set(list(data["topics"] or []))
    if "tasks" in data:
        item.tasks.set(list(data["tasks"] or []))


def _actor(user):
    """The person behind a request (an API token acts for the person who created it)."""
    return getattr(user, "person", user) if user and user.is_authenticated else None


def history_add(item: Item, action: str, *, actor=None, via="", note="", old_status=""):
    return ItemHistory.objects.create(
        item=item,
        action=action,
        from_status=old_status,
        to_status=item.status,
        actor=_actor(actor),
        via=getattr(actor, "via", "") or via,
        note=note,
    )


def _after_write(item: Item, *, title_changed: bool) -> None:
    from ttdn.catalog.services.duplicates import duplicates_check

    search_index_items([item.pk])
    if title_changed:
        duplicates_check(item)


@transaction.atomic
def item_create(
    *,
    actor,
    agency,
    data: dict,
    source: str = ItemSource.FORM,
    via: str = "",
    feed=None,
    translation_of: Item | None = None,
) -> Item:
    """A new item (a draft) of `agency`; `translation_of` makes it another language of that
    item. `actor` may be None only for a harvest, which runs as the system."""
    if actor is not None or source != ItemSource.HARVEST:
        require_create_item(actor, agency)
    item = Item(agency=agency, source=source, feed=feed, created_by=_actor(actor))
    for name, value in _cleaned(data).items():
        setattr(item, name, value)
    if translation_of is not None:
        item.translation_key = translation_of.translation_key
        item.translated_from = translation_of
        item.source_translation_updated_at = translation_of.content_updated_at
    item.derive()
    item.content_updated_at = timezone.now()
    _validate(item)
    item.save()
    _set_relations(item, data)
    history_add(item, HistoryAction.CREATED, actor=actor, via=via)
    _after_write(item, title_changed=True)
    return item


@transaction.atomic
def translation_create(*, actor, source: Item, data: dict, via: str = "") -> Item:
    """Another language version of `source`, made by (and for) the same agency."""
    language = (data.get("language") or "").strip().lower()
    if Item.objects.filter(translation_key=source.translation_key, language=language).exists():
        raise ApplicationError(
            _("“%(title)s” already has a version in %(language)s; open it to change it.")
            % {"title": source.title, "language": language_name(language)}
        )
    data = {"kind": source.kind, "channel": source.channel, **data}
    data.setdefault("topics", list(source.topics.all()))
    data.setdefault("tasks", list(source.tasks.all()))
    for name in ("published_on", "licence", "consent", "rights_expire_on", "target_countries"):
        data.setdefault(name, getattr(source, name))
    return item_create(actor=actor, agency=source.agency, data=data, via=via, translation_of=source)


@transaction.atomic
def item_update(*, actor, item: Item, data: dict, via: str = "") -> Item:
    require_edit_item(actor, item)
    item = Item.objects.select_for_update().get(pk=item.pk)
    changed = []
    for name, value in _cleaned(data).items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed.append(name)
    if "agency" in data and data["agency"] is not None and data["agency"].pk != item.agency_id:
        require_create_item(actor, data["agency"])
        item.agency = data["agency"]
        changed.append("agency")
    relations = [name for name in ("topics", "tasks") if name in data]
    before = {name: set(getattr(item, name).values_list("pk", flat=True)) for name in relations}
    if not changed and all(
        before[name] == {getattr(v, "pk", v) for v in data[name] or []} for name in relations
    ):
        return item
    item.derive()
    if set(changed) & set(CONTENT_FIELDS):
        item.content_updated_at = timezone.now()
    _validate(item)
    item.save()
    _set_relations(item, data)
    names = [str(Item._meta.get_field(n).verbose_name) for n in changed] + [
        str(Item._meta.get_field(n).verbose_name)
        for n in relations
        if before[n] != {getattr(v, "pk", v) for v in data[n] or []}
    ]
    history_add(item, HistoryAction.UPDATED, actor=actor, via=via, note=", ".join(names))
    _after_write(item, title_changed="title" in changed)
    return item


@transaction.atomic
def translation_mark_current(*, actor, item: Item) -> Item:
    """Record that a translation has been checked against its source as it is now."""
    require_edit_item(actor, item)
    if item.translated_from is None:
        raise ApplicationError(_("This item is not a translation of another one."))
    item.source_translation_updated_at = item.translated_from.content_updated_at
    item.save(update_fields=["source_translation_updated_at", "updated_at"])
    history_add(item, HistoryAction.TRANSLATION_CHECKED, actor=actor)
    return item


# The review workflow --------------------------------------------------------------------


def _move(item: Item, *, actor, to: str, action: str, allowed: set, note="", via="") -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status not in allowed:
        raise ApplicationError(
            _("“%(title)s” is %(status)s, so it cannot be %(action)s now.")
            % {
                "title": item.title,
                "status": item.get_status_display().lower(),
                "action": HistoryAction(action).label.lower(),
            }
        )
    old = item.status
    item.status = to
    fields = ["status", "updated_at"]
    if to == ItemStatus.PUBLISHED:
        item.published_at = timezone.now()
        fields.append("published_at")
    if action == HistoryAction.RETURNED:
        item.review_note = note
        fields.append("review_note")
    item.save(update_fields=fields)
    history_add(item, action, actor=actor, via=via, note=note, old_status=old)
    search_index_items([item.pk])
    return item


@transaction.atomic
def item_submit(*, actor, item: Item, via: str = "") -> Item:
    require_submit_item(actor, item)
    return _move(
        item,
        actor=actor,
        to=ItemStatus.IN_REVIEW,
        action=HistoryAction.SUBMITTED,
        allowed={ItemStatus.DRAFT},
        via=via,
    )


@transaction.atomic
def item_approve(*, actor, item: Item, note: str = "") -> Item:
    require_review(actor)
    return _move(
        item,
        actor=actor,
        to=ItemStatus.APPROVED,
        action=HistoryAction.APPROVED,
        allowed={ItemStatus.IN_REVIEW},
        note=nfc(note),
    )


def _check_rights(item: Item) -> None:
    today = timezone.localdate()
    if item.rights_expire_on and item.rights_expire_on < today:
        raise ApplicationError(
            _(
                "The rights to “%(title)s” expired on %(date)s; renew them (and change the "
                "date) or archive the item."
            )
            % {"title": item.title, "date": f"{item.rights_expire_on:%d/%m/%Y}"}
        )
    if item.consent in (Consent.PENDING, Consent.REFUSED):
        raise ApplicationError(
            _(
                "The people shown in “%(title)s” have not consented (%(consent)s); it cannot "
                "be published until they do."
            )
            % {"title": item.title, "consent": item.get_consent_display().lower()}
        )


@transaction.atomic
def item_publish(*, actor, item: Item) -> Item:
    require_review(actor)
    _check_rights(item)
    return _move(
        item,
        actor=actor,
        to=ItemStatus.PUBLISHED,
        action=HistoryAction.PUBLISHED,
        allowed={ItemStatus.APPROVED},
    )


@transaction.atomic
def item_approve_and_publish(*, actor, item: Item) -> Item:
    require_review(actor)
    _check_rights(item)
    item = item_approve(actor=actor, item=item)
    return item_publish(actor=actor, item=item)


@transaction.atomic
def item_return(*, actor, item: Item, note: str) -> Item:
    require_review(actor)
    note = nfc(note or "")
    if not note:
        raise ApplicationError(
            _("Say what should change, so that the agency knows what to do before sending again.")
        )
    return _move(
        item,
        actor=actor,
        to=ItemStatus.DRAFT,
        action=HistoryAction.RETURNED,
        allowed={ItemStatus.IN_REVIEW, ItemStatus.APPROVED, ItemStatus.PUBLISHED},
        note=note,
    )


@transaction.atomic
def item_archive(*, actor, item: Item, note: str = "") -> Item:
    require_archive_item(actor, item)
    return _move(
        item,
        actor=actor,
        to=ItemStatus.ARCHIVED,
        action=HistoryAction.ARCHIVED,
        allowed=set(ItemStatus.values) - {ItemStatus.ARCHIVED},
        note=nfc(note or ""),
    )


@transaction.atomic
def item_restore(*, actor, item: Item) -> Item:
    require_review(actor)
    return _move(
        item,
        actor=actor,
        to=ItemStatus.DRAFT,
        action=HistoryAction.RESTORED,
        allowed={ItemStatus.ARCHIVED},
    )
