"""Daily and weekly digests: made once per period (a `Digest` row keeps the figures), sent as
an HTML e-mail to the coordinators and leaders and announced in the app; the DOCX in the
Decree 30 layout is an export job (`exports.py`)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role
from ttdn.monitoring.choices import DigestKind
from ttdn.monitoring.models import Digest
from ttdn.monitoring.selectors.digest import digest_figures
from ttdn.notifications.services import notify

logger = logging.getLogger(__name__)


def digest_period(kind: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Yesterday, or the last whole week (Monday to Sunday) before `today`."""
    if kind == DigestKind.DAILY:
        day = today - datetime.timedelta(days=1)
        return day, day
    end = today - datetime.timedelta(days=today.weekday() + 1)
    return end - datetime.timedelta(days=6), end


def digest_recipients() -> list:
    return list(
        get_user_model().objects.filter(role__in=[Role.COORDINATOR, Role.LEADER], is_active=True)
    )


def digest_title(digest: Digest) -> str:
    if digest.kind == DigestKind.DAILY:
        return _("Press digest of %(day)s") % {"day": f"{digest.start:%d/%m/%Y}"}
    return _("Weekly press digest, %(start)s – %(end)s") % {
        "start": f"{digest.start:%d/%m/%Y}",
        "end": f"{digest.end:%d/%m/%Y}",
    }


def _email(digest: Digest, users: list) -> int:
    addressed = [user for user in users if user.email]
    if not addressed:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "digest": digest,
            "data": digest.data,
            "title": digest_title(digest),
            "url": reverse("monitoring:digest", args=[digest.pk]),
        }
        html = render_to_string("monitoring/email/digest.html", context)
        text = render_to_string("monitoring/email/digest.txt", context)
        subject = context["title"]
    messages = []
    for user in addressed:
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    try:
        get_connection().send_messages(messages)
    except OSError:
        logger.exception("The digest %s could not be e-mailed", digest.pk)
        return 0
    return len(messages)


def digest_make(*, kind: str, start: datetime.date, end: datetime.date) -> tuple[Digest, bool]:
    """The digest of a period; made once (a second call returns the first)."""
    existing = Digest.objects.filter(kind=kind, start=start).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Digest.objects.create(
                kind=kind, start=start, end=end, data=digest_figures(start, end)
            ), True
    except IntegrityError:
        return Digest.objects.get(kind=kind, start=start), False


def digest_send_for(*, kind: str, today: datetime.date) -> Digest | None:
    start, end = digest_period(kind, today)
    digest, created = digest_make(kind=kind, start=start, end=end)
    if not created:
        return digest
    users = digest_recipients()
    sent = _email(digest, users)
    notify(
        recipients=users,
        kind="press_digest",
        title=digest_title(digest),
        body=_("%(stories)s stories about the province.") % {"stories": digest.data["stories"]},
        url=reverse("monitoring:digest", args=[digest.pk]),
        email=False,
    )
    Digest.objects.filter(pk=digest.pk).update(recipients=sent)
    return digest
