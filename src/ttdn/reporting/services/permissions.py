"""Reporting rules on top of the roles in ttdn.accounts.permissions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role
from ttdn.accounts.permissions import _role, require_edit_agency_work, require_view_agency_work


def is_coordinator(user) -> bool:
    return _role(user) in {Role.COORDINATOR, Role.ADMIN}


def require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied(
            _("Only the coordinating department can do this in the reporting cycle.")
        )


def require_head_of(user, agency) -> None:
    """Approval is the agency head's act (or an administrator's)."""
    role = _role(user)
    if role == Role.ADMIN:
        return
    if role != Role.HEAD or user.agency_id != agency.pk:
        raise PermissionDenied(
            _("Only the head of %(agency)s can approve its report.") % {"agency": agency.name}
        )


def require_report_reader(user, agency) -> None:
    require_view_agency_work(user, agency)


def require_report_writer(user, agency) -> None:
    require_edit_agency_work(user, agency)
