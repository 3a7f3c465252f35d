"""Official clarifications: written by the agency in several languages, kept with the case,
and published to the foreign-information database (NĐ 72/2015 Art. 10) through the
catalog's own services — one item per language, linked as translations of each other.

The catalog decides who publishes: the coordinator's clarification is approved and
published at once; an agency's is sent for the coordinator's review there. Should the
catalog refuse (its rules, or the app missing), the clarification stays here and the
message says why; publishing again later picks up what was not published.
"""

from __future__ import annotations

import logging

import nh3
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc
from ttdn.monitoring.choices import ActionKind, CaseStatus
from ttdn.monitoring.models import CaseAction, Clarification, PressCase
from ttdn.monitoring.services.permissions import require_answer_case

logger = logging.getLogger(__name__)
LANGUAGE_ORDER = {"vi": 0, "en": 1, "lo": 2}


def _plain(text: str) -> str:
    return nfc(nh3.clean(text or "", tags=set()).replace("&amp;", "&"))


@transaction.atomic
def clarification_save(
    *, actor, case: PressCase, language: str, title: str, body: str
) -> Clarification:
    case = PressCase.objects.select_for_update().select_related("agency").get(pk=case.pk)
    require_answer_case(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ApplicationError(_("This case is closed; its clarification can no longer change."))
    language = (language or "").strip().lower()
    if not language.isalpha() or not 2 <= len(language) <= 3:
        raise ApplicationError(_("Choose the language of the clarification."))
    title, body = nfc(title or ""), (body or "").strip()
    if not title or not _plain(body):
        raise ApplicationError(_("A clarification needs a title and a text."))
    clarification, _created = Clarification.objects.update_or_create(
        case=case,
        language=language,
        defaults={"title": title[:500], "body": body, "created_by": actor},
    )
    return clarification


def _catalog():
    from ttdn.catalog.choices import Channel, ItemKind, Licence
    from ttdn.catalog.models import Item
    from ttdn.catalog.permissions import can_review
    from ttdn.catalog.services import items

    return (
        items,
        Item,
        can_review,
        {"kind": ItemKind.DOCUMENT, "channel": Channel.PORTALS, "licence": Licence.STATE_DOCUMENT},
    )


def _data(clarification: Clarification, fixed: dict) -> dict:
    return {
        **fixed,
        "title": clarification.title,
        "language": clarification.language,
        "summary": _plain(clarification.body)[:300],
        "body": clarification.body,
        "published_on": timezone.localdate(),
    }


@transaction.atomic
def clarification_publish(*, actor, case: PressCase) -> list[Clarification]:
    """Publish the case's clarifications not yet in the database; return those published."""
    case = PressCase.objects.select_for_update().select_related("agency").get(pk=case.pk)
    require_answer_case(actor, case)
    rows = sorted(
        case.clarifications.all(), key=lambda c: (LANGUAGE_ORDER.get(c.language, 9), c.language)
    )
    if not rows:
        raise ApplicationError(_("Write the clarification before publishing it."))
    try:
        items, Item, can_review, fixed = _catalog()
    except ImportError:  # pragma: no cover — the catalog app is part of the platform
        raise ApplicationError(
            _(
                "The foreign-information database is not installed; the "
                "clarification is kept with the case."
            )
        ) from None
    source = Item.objects.filter(
        pk__in=[r.catalog_item_id for r in rows if r.catalog_item_id]
    ).first()
    published = []
    try:
        for row in rows:
            if row.catalog_item_id:
                continue
            if source is None:
                item = items.item_create(
                    actor=actor, agency=case.agency, data=_data(row, fixed), via="press case"
                )
                source = item
            else:
                item = items.translation_create(
                    actor=actor, source=source, data=_data(row, fixed), via="press case"
                )
            if can_review(actor):
                items.item_approve_and_publish(
                    actor=actor, item=items.item_submit(actor=actor, item=item)
                )
            else:
                items.item_submit(actor=actor, item=item)
            row.catalog_item_id, row.published_at = item.pk, timezone.now()
            row.save(update_fields=["catalog_item_id", "published_at"])
            published.append(row)
    except (ApplicationError, PermissionDenied) as error:
        raise ApplicationError(
            _(
                "The database did not accept the clarification: %(reason)s It is kept with the "
                "case; correct it and publish again."
            )
            % {"reason": str(error)}
        ) from None
    if published:
        CaseAction.objects.create(
            case=case,
            kind=ActionKind.CLARIFICATION,
            done_on=timezone.localdate(),
            by=actor,
            note=_("Published to the foreign-information database: %(languages)s.")
            % {"languages": ", ".join(r.language for r in published)},
        )
    return published
