"""Spokespersons (the public list) and agencies' press releases and conferences."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from ttdn.monitoring.models import PressRelease, Spokesperson


def spokespersons_public(today: datetime.date) -> QuerySet:
    return (
        Spokesperson.objects.filter(public=True)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("agency")
        .order_by("agency__name", "name")
    )


def spokespersons_for(agency_ids=None) -> QuerySet:
    rows = Spokesperson.objects.select_related("agency").order_by("agency__name", "name")
    return rows if agency_ids is None else rows.filter(agency_id__in=agency_ids)


def releases_for(agency_ids=None, limit: int = 100) -> QuerySet:
    rows = PressRelease.objects.select_related("agency").order_by("-held_on", "-pk")
    return (rows if agency_ids is None else rows.filter(agency_id__in=agency_ids))[:limit]
