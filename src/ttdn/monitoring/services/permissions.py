"""Who may do what in press monitoring, on top of the roles in ttdn.accounts.permissions.

- the coordinator (and an administrator) runs monitoring: sources, labels, cases, settings;
- a leader reads everything and changes nothing (a saved search with alerts is the
  leader's own, so leaders may keep those);
- an agency officer or head sees the cases of their agency and answers them, and keeps the
  agency's spokespersons, press releases and conferences;
- only an administrator lets a source live on a private network.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role
from ttdn.accounts.permissions import WIDE_READERS, _role, can_edit_agency_work

RUNNERS = {Role.COORDINATOR, Role.ADMIN}
AGENCY_STAFF = {Role.OFFICER, Role.HEAD}


def can_read_monitoring(user) -> bool:
    return _role(user) in WIDE_READERS


def can_run_monitoring(user) -> bool:
    return _role(user) in RUNNERS


def can_read_case(user, case) -> bool:
    role = _role(user)
    return role in WIDE_READERS or (role in AGENCY_STAFF and user.agency_id == case.agency_id)


def can_answer_case(user, case) -> bool:
    return can_edit_agency_work(user, case.agency)


def can_manage_agency_press(user, agency) -> bool:
    return can_edit_agency_work(user, agency)


def _leader_or(user, sentence: str) -> str:
    if _role(user) == Role.LEADER:
        return _("Leaders can read everything in TTĐN but change nothing.")
    return sentence


def require_read_monitoring(user) -> None:
    if not can_read_monitoring(user):
        raise PermissionDenied(
            _(
                "Press monitoring is for the coordinating department and the leadership; your "
                "agency's press cases are under “Press cases”."
            )
        )


def require_run_monitoring(user) -> None:
    if not can_run_monitoring(user):
        raise PermissionDenied(
            _leader_or(user, _("Only the coordinating department runs press monitoring."))
        )


def require_admin(user) -> None:
    if _role(user) != Role.ADMIN:
        raise PermissionDenied(_("Only an administrator can allow a source on a private network."))


def require_read_case(user, case) -> None:
    if not can_read_case(user, case):
        raise PermissionDenied(
            _(
                "This press case belongs to %(agency)s; only that agency and the coordinating "
                "department can open it."
            )
            % {"agency": case.agency.name}
        )


def require_answer_case(user, case) -> None:
    if not can_answer_case(user, case):
        raise PermissionDenied(
            _leader_or(
                user,
                _("Only %(agency)s or the coordinating department can answer this case.")
                % {"agency": case.agency.name},
            )
        )


def require_manage_agency_press(user, agency) -> None:
    if not can_manage_agency_press(user, agency):
        raise PermissionDenied(
            _leader_or(
                user,
                _(
                    "You can only keep the spokespersons and press releases of your "
                    "own agency; %(agency)s is not yours."
                )
                % {"agency": agency.name},
            )
        )
