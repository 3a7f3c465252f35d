"""Đôn đốc: reminders before, on and after the agency due date, and explanation requests.

`reminders_send(today=…)` is run daily by the scheduler. For every open period and every
active rule it works out, in working days, whether today is a reminder day; each agency
that still owes its report then gets one in-app notification (and e-mail) per rule per
day. A ReminderLog row per (period, agency, rule, day) makes the job safe to run twice.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.agencies.models import Agency
from ttdn.core.calendar import WorkingCalendar, calendar_from_db
from ttdn.core.errors import ApplicationError
from ttdn.notifications.services import notify
from ttdn.reporting.choices import ExplanationStatus, ReportStatus
from ttdn.reporting.models import (
    AgencyReport,
    ExplanationRequest,
    Obligation,
    ReminderLog,
    ReminderRule,
    ReportingPeriod,
)
from ttdn.reporting.services.permissions import require_coordinator, require_report_writer
from ttdn.reporting.services.reports import _agency_users

DEFAULT_RULES = [(-3, 0), (0, 0), (1, 3)]  # 3 working days before, on the day, late every 3


def reminder_rules_ensure() -> None:
    if not ReminderRule.objects.exists():
        ReminderRule.objects.bulk_create(
            ReminderRule(offset=offset, repeat_every=repeat) for offset, repeat in DEFAULT_RULES
        )


def _rule_fires(
    rule: ReminderRule, due: datetime.date, today: datetime.date, calendar: WorkingCalendar
) -> bool:
    if not calendar.is_working_day(today):
        return False
    if rule.offset <= 0:
        return calendar.add_working_days(due, rule.offset) == today
    late_by = calendar.working_days_between(due, today)
    if late_by < rule.offset:
        return False
    if late_by == rule.offset:
        return True
    return bool(rule.repeat_every) and (late_by - rule.offset) % rule.repeat_every == 0


def _late_agencies(period: ReportingPeriod) -> list[Agency]:
    owing = set(
        Obligation.objects.filter(period=period, waived=False).values_list("agency_id", flat=True)
    )
    done = set(
        AgencyReport.objects.filter(
            period=period, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
        ).values_list("agency_id", flat=True)
    )
    return list(Agency.objects.filter(pk__in=owing - done))


def _message(rule: ReminderRule, period: ReportingPeriod) -> str:
    due = period.due_agency.strftime("%d/%m/%Y")
    if rule.offset < 0:
        return _("Reminder: the report for %(period)s is due on %(due)s.") % {
            "period": period.label,
            "due": due,
        }
    if rule.offset == 0:
        return _("The report for %(period)s is due today (%(due)s).") % {
            "period": period.label,
            "due": due,
        }
    return _("The report for %(period)s is overdue: it was due on %(due)s.") % {
        "period": period.label,
        "due": due,
    }


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Send today's reminders; return how many agencies were reminded."""
    today = today or timezone.localdate()
    calendar = calendar_from_db()
    reminder_rules_ensure()
    rules = list(ReminderRule.objects.filter(active=True))
    sent = 0
    periods = ReportingPeriod.objects.filter(is_closed=False, cutoff_start__lte=today)
    for period in periods.select_related("plan"):
        for rule in rules:
            if not _rule_fires(rule, period.due_agency, today, calendar):
                continue
            for agency in _late_agencies(period):
                sent += _remind(period, agency, rule, today)
    return sent


def _remind(period: ReportingPeriod, agency: Agency, rule: ReminderRule, today) -> int:
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                period=period, agency=agency, kind=f"rule:{rule.offset}", on=today
            )
    except IntegrityError:
        return 0  # already sent today: the job ran before
    from ttdn.reporting.services.reports import report_url_for

    users = list(_agency_users(agency))
    notify(
        recipients=users,
        kind="reminder",
        title=_message(rule, period),
        body=agency.name,
        url=report_url_for(period, agency),
        email=rule.send_email,
    )
    log.recipients = len(users)
    log.save(update_fields=["recipients"])
    return 1


@transaction.atomic
def explanation_request(
    *,
    actor,
    period: ReportingPeriod,
    agency: Agency,
    message: str,
    due_date: datetime.date,
    task=None,
) -> ExplanationRequest:
    """Yêu cầu giải trình: ask an agency, in TTĐN, why its report or a task is late."""
    require_coordinator(actor)
    if not message.strip():
        raise ApplicationError(_("Write what the agency must explain."))
    if due_date < timezone.localdate():
        raise ApplicationError(_("The answer date cannot be in the past."))
    request = ExplanationRequest.objects.create(
        period=period,
        agency=agency,
        task=task,
        message=message.strip(),
        due_date=due_date,
        requested_by=actor,
    )
    from django.urls import reverse

    notify(
        recipients=_agency_users(agency),
        kind="explanation",
        title=_("Explanation requested for %(period)s") % {"period": period.label},
        body=message.strip(),
        url=reverse("reporting:explanations"),
    )
    return request


@transaction.atomic
def explanation_answer(*, actor, request: ExplanationRequest, answer: str) -> ExplanationRequest:
    request = ExplanationRequest.objects.select_for_update().get(pk=request.pk)
    require_report_writer(actor, request.agency)
    if request.status != ExplanationStatus.OPEN:
        raise ApplicationError(_("This request has already been answered."))
    if not answer.strip():
        raise ApplicationError(_("Write the explanation before sending it."))
    request.answer, request.answered_by, request.answered_at = answer.strip(), actor, timezone.now()
    request.status = ExplanationStatus.ANSWERED
    request.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    if request.requested_by:
        from django.urls import reverse

        notify(
            recipients=[request.requested_by],
            kind="explanation",
            title=_("%(agency)s answered your explanation request")
            % {"agency": request.agency.name},
            body=request.answer,
            url=reverse("reporting:explanations"),
        )
    return request
