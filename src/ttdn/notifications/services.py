"""Sending notifications: in the app always, by e-mail when asked and the user has one."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone

from ttdn.notifications.models import Notification

logger = logging.getLogger(__name__)


def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notification per recipient and e-mail those with an address.

    A failing mail server is logged and never loses the in-app notification.
    """
    users = [user for user in recipients if user is not None and user.is_active]
    rows = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, title=title, body=body, url=url) for user in users
    )
    if email:
        messages = [
            (title, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [user.email])
            for user in users
            if user.email
        ]
        try:
            send_mass_mail(messages, fail_silently=False)
        except OSError:
            logger.exception("E-mail for %s notifications could not be sent", len(messages))
        else:
            emailed = [row.pk for row, user in zip(rows, users, strict=True) if user.email]
            Notification.objects.filter(pk__in=emailed).update(emailed=True)
    return rows


def notification_mark_read(*, user, pks: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when `pks` is None)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=list(pks))
    return unread.update(read_at=timezone.now())
