"""Press cases under Nghệ An's decision 29/2023/QĐ-UBND (../shared/DOMAIN.md):

- press coverage about an agency: its head verifies within 5 days of publication; if true,
  the agency reports within 20 days of publication (the same 20 days are the target for
  answering false or complex coverage — our choice, the decision sets none);
- a social-network post: if true, a written report within 5 days of discovery;
- calendar or working days is a setting (`MonitoringSettings.day_basis`, working days from
  `core.calendar`); the clock is fixed when the case is opened.

Open (coordinator) → verdict (the agency: true, false, complex) → actions (reply to the
outlet, correction request, explanation letter, official clarification, report) → close.
The clarification, in several languages, is published to the foreign-information database.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role
from ttdn.core.calendar import WorkingCalendar, calendar_from_db
from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc
from ttdn.monitoring.choices import ActionKind, CaseKind, CaseStatus, DayBasis, Verdict
from ttdn.monitoring.models import CaseAction, MonitoringSettings, NoticeLog, PressCase, Story
from ttdn.monitoring.services.permissions import require_answer_case, require_run_monitoring
from ttdn.monitoring.services.settings import monitoring_settings
from ttdn.notifications.services import notify

REMIND_EVERY = 3  # days, while a case is overdue


def case_deadlines(
    *,
    kind: str,
    published_on: datetime.date,
    discovered_on: datetime.date,
    basis: str,
    rules: MonitoringSettings,
    calendar: WorkingCalendar | None = None,
) -> tuple[datetime.date, datetime.date]:
    """(verify by, answer by) for a case — pure, given the rules and the calendar."""

    def add(day: datetime.date, days: int) -> datetime.date:
        if basis == DayBasis.WORKING:
            return (calendar or WorkingCalendar()).add_working_days(day, days)
        return day + datetime.timedelta(days=days)

    if kind == CaseKind.SOCIAL:
        due = add(discovered_on, rules.social_report_days)
        return due, due
    return add(published_on, rules.verify_days), add(published_on, rules.report_days)


def agency_users(agency) -> list:
    return list(
        get_user_model().objects.filter(
            agency=agency, role__in=[Role.OFFICER, Role.HEAD], is_active=True
        )
    )


def coordinators() -> list:
    return list(get_user_model().objects.filter(role=Role.COORDINATOR, is_active=True))


def _case_url(case: PressCase) -> str:
    return reverse("monitoring:case", args=[case.pk])


def _defaults_from_story(story: Story | None) -> dict:
    if story is None:
        return {}
    article = story.articles.order_by("published_at", "pk").first()
    published = story.first_published_at or story.discovered_at
    return {
        "title": story.title,
        "url": article.url if article else "",
        "outlet": article.outlet if article else "",
        "article": article,
        "summary": article.lead if article else "",
        "published_on": timezone.localdate(published),
        "kind": CaseKind.SOCIAL if story.social else CaseKind.PRESS,
    }


@transaction.atomic
def case_open(
    *,
    actor,
    agency,
    story: Story | None = None,
    title: str = "",
    summary: str = "",
    url: str = "",
    outlet: str = "",
    kind: str = "",
    published_on: datetime.date | None = None,
    discovered_on: datetime.date | None = None,
) -> PressCase:
    require_run_monitoring(actor)
    today = timezone.localdate()
    defaults = _defaults_from_story(story)
    kind = kind or defaults.get("kind", CaseKind.PRESS)
    published_on = published_on or defaults.get("published_on") or today
    discovered_on = discovered_on or (timezone.localdate(story.discovered_at) if story else today)
    if kind not in CaseKind.values:
        raise ApplicationError(
            _("Choose whether the case is about press coverage or a social-network post.")
        )
    if published_on > today or discovered_on > today:
        raise ApplicationError(_("The publication and discovery dates cannot be in the future."))
    if discovered_on < published_on:
        raise ApplicationError(
            _("Coverage cannot be discovered before it was published; check the two dates.")
        )
    title = nfc(title or defaults.get("title", ""))
    if not title:
        raise ApplicationError(_("Give the case a title: what the coverage is about."))
    rules = monitoring_settings()
    calendar = calendar_from_db() if rules.day_basis == DayBasis.WORKING else None
    verify_due, report_due = case_deadlines(
        kind=kind,
        published_on=published_on,
        discovered_on=discovered_on,
        basis=rules.day_basis,
        rules=rules,
        calendar=calendar,
    )
    case = PressCase(
        story=story,
        article=defaults.get("article"),
        agency=agency,
        kind=kind,
        title=title[:500],
        summary=nfc(summary or defaults.get("summary", "")),
        url=url or defaults.get("url", ""),
        outlet=outlet or defaults.get("outlet", ""),
        published_on=published_on,
        discovered_on=discovered_on,
        day_basis=rules.day_basis,
        verify_due=verify_due,
        report_due=report_due,
        opened_by=actor,
    )
    case.full_clean()
    case.save()
    if story is not None and not story.needs_answer:
        Story.objects.filter(pk=story.pk).update(
            needs_answer=True, needs_answer_by=actor, needs_answer_at=timezone.now()
        )
    notify(
        recipients=agency_users(agency),
        kind="press_case",
        title=_("Press case for %(agency)s: verify by %(due)s")
        % {"agency": agency.name, "due": f"{verify_due:%d/%m/%Y}"},
        body=case.title,
        url=_case_url(case),
    )
    return case


def _locked(case: PressCase) -> PressCase:
    return PressCase.objects.select_for_update().select_related("agency").get(pk=case.pk)


@transaction.atomic
def case_verdict(*, actor, case: PressCase, verdict: str, note: str) -> PressCase:
    case = _locked(case)
    require_answer_case(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ApplicationError(_("This case is closed; its verdict can no longer change."))
    if verdict not in Verdict.values:
        raise ApplicationError(_("Choose a verdict: true, false or complex."))
    note = nfc(note or "")
    if not note:
        raise ApplicationError(
            _("Write what the verification found, so that the coordinating department can see why.")
        )
    case.verdict, case.verdict_note = verdict, note
    case.status = CaseStatus.VERIFIED
    case.verified_at, case.verified_by = timezone.now(), actor
    case.save(update_fields=["verdict", "verdict_note", "status", "verified_at", "verified_by"])
    notify(
        recipients=[u for u in [case.opened_by] if u],
        kind="press_case",
        title=_("%(agency)s verified a press case: %(verdict)s")
        % {"agency": case.agency.name, "verdict": case.get_verdict_display()},
        body=case.title,
        url=_case_url(case),
    )
    return case


@transaction.atomic
def case_action_add(
    *, actor, case: PressCase, kind: str, note: str = "", done_on: datetime.date | None = None
) -> CaseAction:
    case = _locked(case)
    require_answer_case(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ApplicationError(_("This case is closed; reopen it by opening a new case."))
    if kind not in ActionKind.values:
        raise ApplicationError(_("Choose what was done."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ApplicationError(_("An action cannot be dated in the future."))
    return CaseAction.objects.create(
        case=case, kind=kind, note=nfc(note or ""), done_on=done_on, by=actor
    )


@transaction.atomic
def case_close(*, actor, case: PressCase, note: str = "") -> PressCase:
    case = _locked(case)
    require_answer_case(actor, case)
    if case.status == CaseStatus.CLOSED:
        return case
    if not case.verdict:
        raise ApplicationError(_("Record the verdict before closing the case."))
    if not case.actions.exists():
        raise ApplicationError(
            _(
                "Record what was done (a reply, a correction request, a "
                "clarification …) before closing the case."
            )
        )
    case.status, case.closed_at, case.closed_by = CaseStatus.CLOSED, timezone.now(), actor
    case.closing_note = nfc(note or "")
    case.save(update_fields=["status", "closed_at", "closed_by", "closing_note"])
    if case.story_id:
        Story.objects.filter(pk=case.story_id).update(needs_answer=False)
    notify(
        recipients=[u for u in [case.opened_by] if u],
        kind="press_case",
        title=_("%(agency)s closed a press case") % {"agency": case.agency.name},
        body=case.title,
        url=_case_url(case),
    )
    return case


def _remind(case: PressCase, step: str, today: datetime.date) -> int:
    log, created = NoticeLog.objects.get_or_create(kind=f"case-{step}", key=str(case.pk), on=today)
    if not created:
        return 0
    due = case.verify_due if step == "verify" else case.report_due
    title = (
        _("Press case overdue: verify “%(title)s” (due %(due)s)")
        if step == "verify"
        else _("Press case overdue: answer “%(title)s” (due %(due)s)")
    )
    notify(
        recipients=agency_users(case.agency) + coordinators(),
        kind="press_case",
        title=title % {"title": case.title[:120], "due": f"{due:%d/%m/%Y}"},
        body=case.agency.name,
        url=_case_url(case),
    )
    return 1


def cases_remind(*, today: datetime.date) -> int:
    """Remind the agency (and the coordinators) of overdue cases: on the first day late, then
    every 3 days. Idempotent within a day."""
    sent = 0
    open_cases = PressCase.objects.exclude(status=CaseStatus.CLOSED).select_related("agency")
    for case in open_cases:
        step = case.overdue(today)
        if not step:
            continue
        due = case.verify_due if step == "verify" else case.report_due
        if (today - due).days % REMIND_EVERY == 1 % REMIND_EVERY:
            sent += _remind(case, step, today)
    return sent
