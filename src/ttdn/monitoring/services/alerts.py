"""Saved searches and their alerts: negative coverage in the foreign press, and a spike of
stories above the daily average of the last 14 days (Meltwater's editorial rule). Alerts go
in-app and by e-mail through `notifications.notify`; an `AlertEvent` row per (search, story)
or (search, day) stops the same alert from going out twice."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc
from ttdn.monitoring.choices import AlertKind, Tone
from ttdn.monitoring.models import AlertEvent, SavedSearch, Story
from ttdn.monitoring.selectors.inbox import InboxFilters, stories_filtered
from ttdn.monitoring.services.permissions import require_read_monitoring
from ttdn.notifications.services import notify

SPIKE_DAYS = 14


@transaction.atomic
def saved_search_save(
    *,
    actor,
    name: str,
    filters: InboxFilters,
    negative_foreign: bool = True,
    spike: bool = True,
    email: bool = True,
    spike_factor: float = 2.0,
    search: SavedSearch | None = None,
) -> SavedSearch:
    require_read_monitoring(actor)
    if search is not None and search.owner_id != actor.pk:
        raise ApplicationError(_("You can only change your own saved searches."))
    name = nfc(name or "")
    if not name:
        raise ApplicationError(_("Give the saved search a name, so that you recognise its alerts."))
    if not 1.0 <= spike_factor <= 20.0:
        raise ApplicationError(_("The spike factor must be between 1 and 20 times the average."))
    search = search or SavedSearch(owner=actor)
    params = filters.as_params()
    search.name, search.query = name[:120], params.pop("q", "")
    search.filters = params
    search.alert_negative_foreign, search.alert_spike, search.email = negative_foreign, spike, email
    search.spike_factor = spike_factor
    search.full_clean()
    search.save()
    return search


def saved_search_delete(*, actor, search: SavedSearch) -> None:
    if search.owner_id != actor.pk:
        raise ApplicationError(_("You can only delete your own saved searches."))
    search.delete()


def search_filters(search: SavedSearch) -> InboxFilters:
    return InboxFilters.from_params({**search.filters, "q": search.query})


def _event(search: SavedSearch, **values) -> AlertEvent | None:
    try:
        with transaction.atomic():
            return AlertEvent.objects.create(search=search, **values)
    except IntegrityError:
        return None  # sent before


def _negative_foreign(search: SavedSearch, stories) -> int:
    sent = 0
    for story in stories.filter(tone=Tone.NEGATIVE, foreign=True):
        if _event(search, kind=AlertKind.NEGATIVE_FOREIGN, story=story, day=story.day):
            notify(
                recipients=[search.owner],
                kind="press_alert",
                title=_("Negative foreign coverage: %(title)s") % {"title": story.title[:180]},
                body=_("Saved search “%(name)s”: %(outlets)s outlet(s).")
                % {"name": search.name, "outlets": story.outlet_count},
                url=reverse("monitoring:story", args=[story.pk]),
                email=search.email,
            )
            sent += 1
    return sent


def daily_counts(stories, today: datetime.date) -> tuple[int, float]:
    """Stories today, and the daily average of the 14 days before."""
    since = today - datetime.timedelta(days=SPIKE_DAYS)
    matching = Story.objects.filter(pk__in=stories.order_by().values("pk"))
    counts = dict(
        matching.filter(day__gte=since, day__lte=today)
        .order_by()
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    before = sum(n for day, n in counts.items() if day < today)
    return counts.get(today, 0), before / SPIKE_DAYS


def _spike(search: SavedSearch, stories, today: datetime.date) -> int:
    count, average = daily_counts(stories, today)
    if count < search.spike_minimum or count <= search.spike_factor * average:
        return 0
    if not _event(search, kind=AlertKind.SPIKE, day=today, count=count, average=average):
        return 0
    notify(
        recipients=[search.owner],
        kind="press_alert",
        title=_("Spike in “%(name)s”: %(count)s stories today")
        % {"name": search.name, "count": count},
        body=_("The daily average of the last 14 days is %(average)s.")
        % {"average": f"{average:.1f}"},
        url=reverse("monitoring:inbox") + "?" + _query(search),
        email=search.email,
    )
    return 1


def _query(search: SavedSearch) -> str:
    from urllib.parse import urlencode

    return urlencode({**search.filters, "q": search.query})


def alerts_check(*, story_ids=None, today: datetime.date | None = None) -> int:
    """Check every active saved search; with `story_ids`, negative-coverage alerts look only
    at those stories (a run's new ones), else at today's and yesterday's."""
    today = today or timezone.localdate()
    sent = 0
    for search in SavedSearch.objects.filter(active=True).select_related("owner"):
        stories = stories_filtered(search_filters(search))
        if search.alert_negative_foreign:
            scope = (
                stories.filter(pk__in=story_ids)
                if story_ids is not None
                else stories.filter(day__gte=today - datetime.timedelta(days=1))
            )
            sent += _negative_foreign(search, scope)
        if search.alert_spike:
            sent += _spike(search, stories, today)
        SavedSearch.objects.filter(pk=search.pk).update(last_checked_at=timezone.now())
    return sent
