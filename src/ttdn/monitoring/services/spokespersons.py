"""Spokespersons, press releases and press conferences (Decree 09/2017/NĐ-CP): each agency
names its spokesperson (a public list), records its releases and conferences, and is warned
when it has held no press conference for 3 months (a setting)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc
from ttdn.monitoring.choices import ReleaseKind
from ttdn.monitoring.models import NoticeLog, PressRelease, Spokesperson
from ttdn.monitoring.services.cases import agency_users
from ttdn.monitoring.services.permissions import require_manage_agency_press
from ttdn.monitoring.services.settings import monitoring_settings
from ttdn.notifications.services import notify


def _clean(row) -> None:
    try:
        row.full_clean()
    except ValidationError as error:
        raise ApplicationError(
            " ".join(m for ms in error.message_dict.values() for m in ms)
        ) from None


@transaction.atomic
def spokesperson_save(
    *, actor, agency, data: dict, person: Spokesperson | None = None
) -> Spokesperson:
    require_manage_agency_press(actor, agency)
    if person is not None and person.agency_id != agency.pk:
        raise ApplicationError(_("This spokesperson belongs to another agency."))
    person = person or Spokesperson(agency=agency)
    for name in ("name", "position", "phone", "email"):
        if name in data:
            setattr(person, name, nfc(data[name] or ""))
    for name in ("appointed_on", "until", "public"):
        if name in data:
            setattr(person, name, data[name])
    if not person.name or not person.position:
        raise ApplicationError(_("Give the spokesperson's name and position."))
    if person.appointed_on and person.until and person.until < person.appointed_on:
        raise ApplicationError(_("A spokesperson cannot leave before being appointed."))
    _clean(person)
    person.save()
    return person


@transaction.atomic
def press_release_save(
    *,
    actor,
    agency,
    kind: str,
    title: str,
    held_on: datetime.date,
    url: str = "",
    summary: str = "",
) -> PressRelease:
    require_manage_agency_press(actor, agency)
    if kind not in ReleaseKind.values:
        raise ApplicationError(_("Choose a press release or a press conference."))
    release = PressRelease(
        agency=agency,
        kind=kind,
        title=nfc(title or "")[:500],
        held_on=held_on,
        url=url or "",
        summary=nfc(summary or ""),
        created_by=actor,
    )
    if not release.title:
        raise ApplicationError(_("Give the release or conference a title."))
    _clean(release)
    release.save()
    return release


def months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def conference_gaps(*, today: datetime.date) -> list[dict]:
    """Agencies with a current spokesperson and no press conference in the last N months."""
    months = monitoring_settings().conference_months
    since = months_before(today, months)
    current = Spokesperson.objects.filter(Q(until__isnull=True) | Q(until__gte=today))
    agencies = {p.agency_id: p.agency for p in current.select_related("agency")}
    last = dict(
        PressRelease.objects.filter(kind=ReleaseKind.CONFERENCE, agency_id__in=agencies)
        .values_list("agency_id")
        .annotate(last=Max("held_on"))
    )
    return [
        {"agency": agency, "last": last.get(pk), "months": months}
        for pk, agency in sorted(agencies.items(), key=lambda item: item[1].name)
        if last.get(pk) is None or last[pk] < since
    ]


def conference_warnings_send(*, today: datetime.date) -> int:
    """Warn each agency once a month while it has held no press conference."""
    sent = 0
    for gap in conference_gaps(today=today):
        agency = gap["agency"]
        _log, created = NoticeLog.objects.get_or_create(
            kind="conference-gap", key=str(agency.pk), on=today.replace(day=1)
        )
        if not created:
            continue
        notify(
            recipients=agency_users(agency),
            kind="press_conference",
            title=_("%(agency)s has held no press conference for %(months)s months")
            % {"agency": agency.name, "months": gap["months"]},
            body=_("Decree 09/2017 asks for a press conference at least every 3 months."),
            url=reverse("monitoring:spokespersons_manage"),
        )
        sent += 1
    return sent
