"""Difficulties and proposals from anyone, answered openly (the plan's closing paragraph).

Anyone may write, logged in or not. A hidden field catches robots (honeypot) and a sender
may send at most FEEDBACK_PER_HOUR messages an hour (counted by a keyed hash of the
address, never the address itself). The sender follows the answer through a private link.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role
from ttdn.accounts.models import User
from ttdn.core.errors import ApplicationError
from ttdn.notifications.services import notify
from ttdn.reporting.choices import FeedbackStatus
from ttdn.reporting.models import Feedback
from ttdn.reporting.services.permissions import is_coordinator, require_coordinator

FEEDBACK_PER_HOUR = 5


def sender_key(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def feedback_send(*, data: dict, address: str, user=None, honeypot: str = "") -> Feedback:
    if honeypot:
        raise ApplicationError(_("Your message could not be accepted."))
    key = sender_key(address)
    since = timezone.now() - datetime.timedelta(hours=1)
    if Feedback.objects.filter(sender_key=key, created_at__gte=since).count() >= FEEDBACK_PER_HOUR:
        raise ApplicationError(
            _(
                "You have sent %(count)d messages in the last hour; please wait an hour and "
                "send again. Nothing you wrote was lost: it is still in the form."
            )
            % {"count": FEEDBACK_PER_HOUR}
        )
    feedback = Feedback(
        **data,
        sender_key=key,
        token=secrets.token_urlsafe(24),
        user=user if user is not None and user.is_authenticated else None,
    )
    feedback.full_clean()
    feedback.save()
    notify(
        recipients=User.objects.filter(role=Role.COORDINATOR, is_active=True),
        kind="feedback",
        title=_("New feedback: %(subject)s") % {"subject": feedback.subject},
        url=reverse("reporting:feedback_detail", args=[feedback.pk]),
    )
    return feedback


def _require_handler(actor, feedback: Feedback) -> None:
    if is_coordinator(actor):
        return
    routed = (
        feedback.routed_to_id
        and actor.is_authenticated
        and actor.agency_id == feedback.routed_to_id
    )
    if not routed or actor.role == Role.LEADER:
        require_coordinator(actor)


@transaction.atomic
def feedback_route(*, actor, feedback: Feedback, agency) -> Feedback:
    require_coordinator(actor)
    feedback.routed_to, feedback.status = agency, FeedbackStatus.ROUTED
    feedback.save(update_fields=["routed_to", "status"])
    notify(
        recipients=User.objects.filter(
            agency=agency, is_active=True, role__in=[Role.OFFICER, Role.HEAD]
        ),
        kind="feedback",
        title=_("Feedback routed to your agency: %(subject)s") % {"subject": feedback.subject},
        url=reverse("reporting:feedback_detail", args=[feedback.pk]),
    )
    return feedback


@transaction.atomic
def feedback_answer(*, actor, feedback: Feedback, answer: str, close: bool = True) -> Feedback:
    _require_handler(actor, feedback)
    if not answer.strip():
        raise ApplicationError(_("Write the answer before sending it."))
    feedback.answer, feedback.answered_by, feedback.answered_at = (
        answer.strip(),
        actor,
        timezone.now(),
    )
    feedback.status = FeedbackStatus.CLOSED if close else FeedbackStatus.ANSWERED
    feedback.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    return feedback
