"""Reads about reporting periods and agency reports."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from ttdn.reporting.models import (
    AgencyReport,
    ExplanationRequest,
    Feedback,
    IndicatorType,
    Obligation,
    ReportEvent,
    ReportingPeriod,
    ReportSection,
)
from ttdn.reporting.selectors.evidence import evidence_with_items
from ttdn.reporting.services.permissions import is_coordinator


def period_list(*, user) -> QuerySet:
    """Periods a user works with: all for coordinators and leaders; for agency staff, those
    in which the agency owes something."""
    periods = ReportingPeriod.objects.select_related("plan").annotate(
        owing=Count("obligations__agency", filter=Q(obligations__waived=False), distinct=True),
        sent=Count(
            "reports", filter=Q(reports__status__in=["submitted", "accepted"]), distinct=True
        ),
    )
    if user.role in ("officer", "head") and not user.is_superuser:
        periods = periods.filter(obligations__agency=user.agency_id).distinct()
    return periods.order_by("-cutoff_end", "kind")


def period_get(pk: int) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=pk)


def report_for(period: ReportingPeriod, agency) -> AgencyReport | None:
    return (
        AgencyReport.objects.filter(period=period, agency=agency)
        .select_related("agency", "period", "approved_by", "submitted_by", "reviewed_by")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=ReportSection.objects.select_related("task__group", "updated_by")
                .prefetch_related(
                    "indicators__indicator", Prefetch("evidence", queryset=evidence_with_items())
                )
                .order_by("task__position"),
            )
        )
        .first()
    )


def obligations_for(period: ReportingPeriod, agency) -> QuerySet:
    return (
        Obligation.objects.filter(period=period, agency=agency)
        .select_related("task")
        .order_by("task__position")
    )


def report_events(report: AgencyReport) -> QuerySet:
    return ReportEvent.objects.filter(report=report).select_related("actor", "section__task")


def indicator_types() -> list[IndicatorType]:
    return list(IndicatorType.objects.filter(active=True))


def explanation_list(*, user) -> QuerySet:
    rows = ExplanationRequest.objects.select_related("period", "agency", "task", "requested_by")
    if is_coordinator(user) or user.role == "leader":
        return rows
    return rows.filter(agency=user.agency_id)


def feedback_list(*, user) -> QuerySet:
    rows = Feedback.objects.select_related("routed_to", "plan")
    if is_coordinator(user) or user.role == "leader":
        return rows
    return rows.filter(routed_to=user.agency_id)
