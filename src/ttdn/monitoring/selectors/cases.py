"""Press cases for the lists and the case page; an agency sees its own cases only."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ttdn.monitoring.models import CaseAction, PressCase
from ttdn.monitoring.services.permissions import can_read_monitoring


def cases_for(user, *, status: str = "") -> QuerySet:
    cases = PressCase.objects.select_related("agency", "story")
    if not can_read_monitoring(user):
        cases = cases.filter(agency_id=user.agency_id) if user.agency_id else cases.none()
    if status:
        cases = cases.filter(status=status)
    return cases.order_by("status", "report_due", "-pk")


def case_detail(pk: int) -> PressCase:
    actions = CaseAction.objects.select_related("by").order_by("done_on", "pk")
    return (
        PressCase.objects.select_related(
            "agency", "story", "article", "opened_by", "verified_by", "closed_by"
        )
        .prefetch_related(Prefetch("actions", queryset=actions), "clarifications")
        .get(pk=pk)
    )
