"""Who may do what in the foreign-information database.

Built on the project's roles (`accounts.permissions`):
- an agency officer or head creates items for their own agency and edits them while they
  are drafts or in review; the head also manages the agency's API tokens and feeds;
- the coordinator reviews, approves, publishes, returns and archives any item, and edits
  any item that is not archived;
- a leader reads everything and changes nothing;
- everyone else (the public, the API without a token) sees public items only: published,
  and their publication time passed (`is_public`, `Item.objects.public()`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role
from ttdn.accounts.permissions import WIDE_READERS
from ttdn.catalog.choices import ItemStatus

AGENCY_STAFF = {Role.OFFICER, Role.HEAD}
REVIEWERS = {Role.COORDINATOR, Role.ADMIN}
AGENCY_EDITABLE = {ItemStatus.DRAFT, ItemStatus.IN_REVIEW}


def role_of(user) -> str | None:
    if not user or not user.is_authenticated:
        return None
    return Role.ADMIN if getattr(user, "is_superuser", False) else user.role


def _own(user, agency_id) -> bool:
    return role_of(user) in AGENCY_STAFF and getattr(user, "agency_id", None) == agency_id


def can_read_unpublished(user) -> bool:
    return role_of(user) in WIDE_READERS


def is_public(item, now=None) -> bool:
    """Whether anyone may read `item` now: published, and its publication time passed or
    unset (a scheduled item is not public yet). The same rule as `Item.objects.public()`,
    for an item in hand (or any object with `status` and `published_at`)."""
    if item.status != ItemStatus.PUBLISHED:
        return False
    return item.published_at is None or item.published_at <= (now or timezone.now())


def can_view_item(user, item) -> bool:
    if is_public(item):
        return True
    return can_read_unpublished(user) or _own(user, item.agency_id)


def can_create_item(user, agency) -> bool:
    return role_of(user) in REVIEWERS or _own(user, agency.pk)


def can_edit_item(user, item) -> bool:
    if item.status == ItemStatus.ARCHIVED:
        return False
    if role_of(user) in REVIEWERS:
        return True
    return _own(user, item.agency_id) and item.status in AGENCY_EDITABLE


def can_submit_item(user, item) -> bool:
    return item.status == ItemStatus.DRAFT and (
        role_of(user) in REVIEWERS or _own(user, item.agency_id)
    )


def can_review(user) -> bool:
    return role_of(user) in REVIEWERS


def can_archive_item(user, item) -> bool:
    if item.status == ItemStatus.ARCHIVED:
        return False
    if role_of(user) in REVIEWERS:
        return True
    return _own(user, item.agency_id) and item.status == ItemStatus.DRAFT


def can_manage_agency_sources(user, agency) -> bool:
    """Feeds and imports of an agency."""
    return role_of(user) in REVIEWERS or _own(user, agency.pk)


def can_manage_tokens(user, agency) -> bool:
    role = role_of(user)
    if role in REVIEWERS:
        return True
    return role == Role.HEAD and getattr(user, "agency_id", None) == agency.pk


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _leader_sentence(user) -> str | None:
    if role_of(user) == Role.LEADER:
        return _("Leaders can read everything in TTĐN but change nothing.")
    return None


def require_view_item(user, item) -> None:
    require(
        can_view_item(user, item),
        _("This item is not published yet; only its agency and the coordinator can open it."),
    )


def require_create_item(user, agency) -> None:
    require(
        can_create_item(user, agency),
        _leader_sentence(user)
        or _("You can only add items for your own agency; %(agency)s is not yours.")
        % {"agency": agency.name},
    )


def require_edit_item(user, item) -> None:
    if can_edit_item(user, item):
        return
    if item.status == ItemStatus.ARCHIVED:
        message = _("This item is archived; the coordinator can restore it before it is changed.")
    elif _own(user, item.agency_id):
        message = _(
            "This item is %(status)s; ask the coordinator to return it to draft if it "
            "needs changes."
        ) % {"status": item.get_status_display().lower()}
    else:
        message = _leader_sentence(user) or _(
            "You can only change items of your own agency; %(agency)s is not yours."
        ) % {"agency": item.agency.name}
    raise PermissionDenied(message)


def require_submit_item(user, item) -> None:
    if item.status != ItemStatus.DRAFT:
        require(False, _("Only a draft can be sent for review."))
    require(
        can_submit_item(user, item),
        _leader_sentence(user) or _("Only the agency that made this item can send it for review."),
    )


def require_review(user) -> None:
    require(
        can_review(user),
        _("Only the coordinating department reviews, approves and publishes items."),
    )


def require_archive_item(user, item) -> None:
    require(
        can_archive_item(user, item),
        _leader_sentence(user)
        or _("An agency can archive its own drafts; anything else is archived by the coordinator."),
    )


def require_manage_agency_sources(user, agency) -> None:
    require(
        can_manage_agency_sources(user, agency),
        _leader_sentence(user)
        or _("You can only manage the feeds and imports of your own agency."),
    )


def require_manage_tokens(user, agency) -> None:
    require(
        can_manage_tokens(user, agency),
        _("Only the head of %(agency)s or the coordinator can create or revoke its API tokens.")
        % {"agency": agency.name},
    )
