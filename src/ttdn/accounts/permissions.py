"""Who may do what. Views, services and selectors call these; templates only mirror them.

- coordinator: reads everything, edits plans and every agency's work;
- agency officer and agency head: read the plan, read and edit their own agency's work;
- leader: reads everything, edits nothing;
- administrator: everything, and the Django admin.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role

WIDE_READERS = {Role.COORDINATOR, Role.LEADER, Role.ADMIN}
AGENCY_STAFF = {Role.OFFICER, Role.HEAD}


def _role(user) -> str | None:
    if not user or not user.is_authenticated:
        return None
    return Role.ADMIN if user.is_superuser else user.role


def can_view_agency_work(user, agency) -> bool:
    role = _role(user)
    if role in WIDE_READERS:
        return True
    return role in AGENCY_STAFF and user.agency_id == agency.pk


def can_edit_agency_work(user, agency) -> bool:
    role = _role(user)
    if role in {Role.COORDINATOR, Role.ADMIN}:
        return True
    return role in AGENCY_STAFF and user.agency_id == agency.pk


def can_edit_plan(user) -> bool:
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


def require_view_agency_work(user, agency) -> None:
    if not can_view_agency_work(user, agency):
        raise PermissionDenied(
            _("You can only open the work of your own agency; %(agency)s is not yours.")
            % {"agency": agency.name}
        )


def require_edit_agency_work(user, agency) -> None:
    if not can_edit_agency_work(user, agency):
        if _role(user) == Role.LEADER:
            raise PermissionDenied(_("Leaders can read everything in TTĐN but change nothing."))
        raise PermissionDenied(
            _("You can only change the work of your own agency; %(agency)s is not yours.")
            % {"agency": agency.name}
        )


def require_edit_plan(user) -> None:
    if not can_edit_plan(user):
        raise PermissionDenied(
            _("Only the coordinating department can change a plan and its tasks.")
        )
