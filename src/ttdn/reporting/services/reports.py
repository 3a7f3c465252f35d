"""Agency reports: start, draft (autosave with conflict detection), approve, submit,
return, accept. Every change leaves a ReportEvent saying who changed what, and when."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import nh3
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.choices import Role
from ttdn.accounts.models import User
from ttdn.agencies.models import Agency
from ttdn.catalog.models import Item
from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold
from ttdn.core.uploads import check_upload
from ttdn.notifications.services import notify
from ttdn.reporting.choices import ReportStatus, SectionStatus
from ttdn.reporting.models import (
    AgencyReport,
    Evidence,
    IndicatorType,
    IndicatorValue,
    Obligation,
    ReportEvent,
    ReportingPeriod,
    ReportSection,
)
from ttdn.reporting.selectors.evidence import item_citable_by
from ttdn.reporting.services.permissions import (
    require_coordinator,
    require_head_of,
    require_report_writer,
)

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote"}
SECTION_TEXT = ("results", "difficulties", "proposals")
REPORT_TEXT = ("summary", "difficulties", "proposals")


class ConflictError(ApplicationError):
    """Someone saved the same section since this person loaded it: nothing was written."""

    def __init__(self, message: str, *, theirs: ReportSection, mine: dict) -> None:
        super().__init__(message)
        self.theirs = theirs
        self.mine = mine


@dataclass(frozen=True)
class SectionInput:
    status: str
    progress: int | str
    results: str = ""
    difficulties: str = ""
    proposals: str = ""
    indicators: dict | None = None  # indicator code → value as typed


def sanitize(html: str) -> str:
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes={"a": {"href"}}).strip()


def _event(report, actor, action, *, section=None, comment="", changes=None) -> None:
    ReportEvent.objects.create(
        report=report,
        section=section,
        actor=actor,
        action=action,
        comment=comment,
        changes=changes or {},
    )


def _agency_users(agency: Agency, roles=(Role.OFFICER, Role.HEAD)):
    return User.objects.filter(agency=agency, role__in=roles, is_active=True)


def _coordinators():
    return User.objects.filter(role=Role.COORDINATOR, is_active=True)


@transaction.atomic
def report_start(
    *, actor, period: ReportingPeriod, agency: Agency, from_previous: bool = False
) -> AgencyReport:
    """The agency's report for the period, created with one section per owed task."""
    require_report_writer(actor, agency)
    report = AgencyReport.objects.filter(period=period, agency=agency).first()
    if report is not None:
        return report
    owed = Obligation.objects.filter(period=period, agency=agency, waived=False)
    if not owed.exists():
        raise ApplicationError(
            _("%(agency)s owes no report for %(period)s.")
            % {"agency": agency.name, "period": period.label}
        )
    previous = _previous_report(period, agency) if from_previous else None
    report = AgencyReport.objects.create(period=period, agency=agency, started_from=previous)
    ReportSection.objects.bulk_create(
        ReportSection(report=report, task_id=task_id, updated_by=actor)
        for task_id in owed.order_by("task__position").values_list("task_id", flat=True)
    )
    if previous is not None:
        _copy_from(previous, report)
    _event(
        report, actor, "created", comment=_("Started from the previous report.") if previous else ""
    )
    return report


def _previous_report(period: ReportingPeriod, agency: Agency) -> AgencyReport | None:
    return (
        AgencyReport.objects.filter(agency=agency, period__cutoff_end__lt=period.cutoff_start)
        .order_by("-period__cutoff_end")
        .first()
    )


def _copy_from(previous: AgencyReport, report: AgencyReport) -> None:
    old = {s.task_id: s for s in previous.sections.prefetch_related("indicators")}
    for name in REPORT_TEXT:
        setattr(report, name, getattr(previous, name))
    report.save(update_fields=list(REPORT_TEXT))
    values = []
    for section in report.sections.all():
        source = old.get(section.task_id)
        if source is None:
            continue
        for name in (*SECTION_TEXT, "status", "progress"):
            setattr(section, name, getattr(source, name))
        section.save(update_fields=[*SECTION_TEXT, "status", "progress"])
        values += [
            IndicatorValue(section=section, indicator_id=v.indicator_id, value=v.value)
            for v in source.indicators.all()
        ]
    IndicatorValue.objects.bulk_create(values)


def _require_editable(report: AgencyReport) -> None:
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ApplicationError(
            _(
                "This report was submitted on %(date)s and can no longer be changed; "
                "ask the coordinator to return it if something must be corrected."
            )
            % {"date": timezone.localtime(report.submitted_at).strftime("%d/%m/%Y %H:%M")}
        )


def _clean_progress(value) -> int:
    try:
        progress = int(str(value).strip())
    except ValueError:
        raise ApplicationError(
            _("Progress must be a whole number from 0 to 100, not “%(value)s”.") % {"value": value}
        ) from None
    if not 0 <= progress <= 100:
        raise ApplicationError(
            _("Progress must be a whole number from 0 to 100, not “%(value)s”.") % {"value": value}
        )
    return progress


def _clean_indicators(raw: dict | None) -> dict[int, Decimal | None]:
    """Indicator code → value; every value is checked before anything is written."""
    if not raw:
        return {}
    types = {t.code: t for t in IndicatorType.objects.filter(code__in=list(raw))}
    cleaned: dict[int, Decimal | None] = {}
    for code, typed in raw.items():
        indicator = types.get(code)
        if indicator is None:
            raise ApplicationError(_("“%(code)s” is not an indicator.") % {"code": code})
        text = str(typed).strip().replace(" ", "")
        if text == "":
            cleaned[indicator.pk] = None
            continue
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ApplicationError(
                _("“%(value)s” is not a number; write the %(indicator)s as digits.")
                % {"value": typed, "indicator": indicator.name}
            ) from None
        if value < 0 or not value.is_finite():
            raise ApplicationError(
                _("%(indicator)s cannot be negative.") % {"indicator": indicator.name}
            )
        if value >= Decimal("1e10"):
            raise ApplicationError(_("%(indicator)s is too large.") % {"indicator": indicator.name})
        cleaned[indicator.pk] = value.quantize(Decimal("0.01"))
    return cleaned


def _section_snapshot(section: ReportSection) -> dict:
    return {
        "status": section.status,
        "progress": section.progress,
        **{name: getattr(section, name) for name in SECTION_TEXT},
    }


@transaction.atomic
def section_save(
    *, actor, section: ReportSection, data: SectionInput, version: int
) -> ReportSection:
    """Save one section of a draft. Raises ConflictError, writing nothing, when someone
    else saved it after `version` was loaded: nobody's text is silently lost."""
    section = (
        ReportSection.objects.select_for_update()
        .select_related("report__agency")
        .get(pk=section.pk)
    )
    report = section.report
    require_report_writer(actor, report.agency)
    _require_editable(report)
    if data.status not in SectionStatus.values:
        raise ApplicationError(_("“%(status)s” is not a status.") % {"status": data.status})
    progress = _clean_progress(data.progress)
    indicators = _clean_indicators(data.indicators)
    mine = {
        "status": data.status,
        "progress": progress,
        "results": sanitize(data.results),
        "difficulties": data.difficulties.strip(),
        "proposals": data.proposals.strip(),
    }
    if section.version != version:
        who = (
            section.updated_by.get_full_name() or section.updated_by.username
            if section.updated_by
            else "?"
        )
        raise ConflictError(
            _(
                "%(who)s saved this section at %(time)s, after you opened it. Nothing of yours "
                "was saved yet: compare the two versions below and choose."
            )
            % {"who": who, "time": timezone.localtime(section.updated_at).strftime("%H:%M:%S")},
            theirs=section,
            mine=mine,
        )
    before = _section_snapshot(section)
    for name, value in mine.items():
        setattr(section, name, value)
    if section.status == SectionStatus.DONE:
        section.progress = 100
    section.version += 1
    section.updated_by = actor
    section.full_clean(exclude=["report", "task"])
    section.save()
    _save_indicators(section, indicators)
    changes = {k: [before[k], v] for k, v in _section_snapshot(section).items() if before[k] != v}
    if indicators:
        changes["indicators"] = [None, ", ".join(f"{k}: {v}" for k, v in indicators.items())]
    _after_edit(report, actor, section=section, changes=changes)
    return section


def _save_indicators(section: ReportSection, values: dict[int, Decimal | None]) -> None:
    for indicator_id, value in values.items():
        if value is None:
            IndicatorValue.objects.filter(section=section, indicator_id=indicator_id).delete()
        else:
            IndicatorValue.objects.update_or_create(
                section=section, indicator_id=indicator_id, defaults={"value": value}
            )


def _after_edit(report: AgencyReport, actor, *, section=None, changes=None) -> None:
    """An edit withdraws the request for approval: the head must see what is sent."""
    if not changes:
        return
    fields = ["version", "updated_at"]
    report.version += 1
    if report.status == ReportStatus.PENDING:
        report.status = ReportStatus.DRAFT
        fields += ["status"]
        _event(report, actor, "approval_withdrawn", comment=_("Edited while awaiting approval."))
    report.save(update_fields=fields)
    _event(report, actor, "saved", section=section, changes=changes)


@transaction.atomic
def report_text_save(
    *, actor, report: AgencyReport, summary: str, difficulties: str, proposals: str
) -> AgencyReport:
    """The report-wide assessment, difficulties and proposals."""
    report = AgencyReport.objects.select_for_update().get(pk=report.pk)
    require_report_writer(actor, report.agency)
    _require_editable(report)
    new = {
        "summary": summary.strip(),
        "difficulties": difficulties.strip(),
        "proposals": proposals.strip(),
    }
    changes = {k: [getattr(report, k), v] for k, v in new.items() if getattr(report, k) != v}
    for name, value in new.items():
        setattr(report, name, value)
    report.save(update_fields=list(new))
    _after_edit(report, actor, changes=changes)
    return report


@transaction.atomic
def evidence_add(
    *, actor, section: ReportSection, title: str, upload=None, url: str = ""
) -> Evidence:
    report = section.report
    require_report_writer(actor, report.agency)
    _require_editable(report)
    if upload is None and not url:
        raise ApplicationError(_("Attach a file or give a link."))
    evidence = Evidence(
        section=section,
        title=title.strip() or (upload.name if upload else url),
        url=url,
        uploaded_by=actor,
    )
    if upload is not None:
        checked = check_upload(upload)
        evidence.content_type, evidence.size, evidence.sha256 = (
            checked.content_type,
            checked.size,
            checked.sha256,
        )
        evidence.file.save(upload.name, upload, save=False)
    evidence.full_clean(exclude=["section", "file"])
    evidence.save()
    _after_edit(report, actor, section=section, changes={"evidence": [None, evidence.title]})
    return evidence


@transaction.atomic
def evidence_cite(*, actor, section: ReportSection, item: Item) -> Evidence:
    """Cite an item of the foreign-information database as evidence of a section.

    The same rules as other evidence (the agency's writers, an editable report), plus: the
    item must be one the report's agency may cite (approved or published, and visible to
    it in the catalog), and an item is cited once per section. The title is kept as it is
    now, so the report still says what was cited if the item's title changes later."""
    section = ReportSection.objects.select_related("report__agency", "task").get(pk=section.pk)
    report = section.report
    require_report_writer(actor, report.agency)
    _require_editable(report)
    item = Item.objects.select_related("agency").get(pk=item.pk)
    if not item_citable_by(item, report.agency_id):
        raise ApplicationError(_not_citable(item, report.agency))
    if Evidence.objects.filter(section=section, item=item).exists():
        raise ApplicationError(
            _("“%(title)s” is already cited as evidence of task %(task)s.")
            % {"title": item.title, "task": section.task.number}
        )
    evidence = Evidence(section=section, item=item, title=item.title[:255], uploaded_by=actor)
    evidence.full_clean(exclude=["section", "item", "file"])
    evidence.save()
    _after_edit(
        report,
        actor,
        section=section,
        changes={"evidence": [None, evidence.title], "item": [None, item.pk]},
    )
    return evidence


def _not_citable(item: Item, agency: Agency) -> str:
    """Why an item cannot be cited; never the title of an item the agency may not open."""
    if item.agency_id != agency.pk:  # citable items of other agencies are the public ones
        return _(
            "This item of the database is not public and belongs to another agency, so "
            "%(agency)s can neither open nor cite it; it can be cited once it is published."
        ) % {"agency": agency.name}
    return _(
        "“%(title)s” is %(status)s: only approved or published items of the "
        "foreign-information database can be cited as evidence."
    ) % {"title": item.title, "status": item.get_status_display().lower()}


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    """Remove a file, a link or a citation from a section of an editable report. The
    history keeps what was removed; a removed file stays stored (a version that was
    submitted may have included it)."""
    evidence = Evidence.objects.select_related("section__report__agency").get(pk=evidence.pk)
    section = evidence.section
    report = section.report
    require_report_writer(actor, report.agency)
    _require_editable(report)
    changes = {"evidence": [evidence.title, None]}
    if evidence.item_id:
        changes["item"] = [evidence.item_id, None]
    evidence.delete()
    _after_edit(report, actor, section=section, changes=changes)


def _fingerprint(report: AgencyReport) -> str:
    sections = report.sections.order_by("task_id").prefetch_related("indicators", "evidence")
    payload = {
        "report": [getattr(report, name) for name in REPORT_TEXT],
        "sections": [
            [
                _section_snapshot(s),
                sorted((v.indicator_id, str(v.value)) for v in s.indicators.all()),
                sorted(e.pk for e in s.evidence.all()),
            ]
            for s in sections
        ],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def document_code(agency: Agency) -> str:
    """The issuer code in a document number: initials of the name ('Sở Ngoại vụ' → 'SNV')."""
    if agency.name.startswith(("UBND", "Ủy ban nhân dân")):
        return "UBND"
    words = [w for w in fold(agency.name).replace(",", " ").replace("-", " ").split() if w != "va"]
    return "".join(word[0] for word in words).upper()[:12]


def _refuse_resubmission(report: AgencyReport) -> None:
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ApplicationError(
            _("This report was already submitted on %(date)s, as number %(number)s.")
            % {
                "date": timezone.localtime(report.submitted_at).strftime("%d/%m/%Y %H:%M"),
                "number": report.number,
            }
        )
    if (
        report.status == ReportStatus.RETURNED
        and _fingerprint(report) == report.submitted_fingerprint
    ):
        raise ApplicationError(
            _(
                "The report was returned with comments but nothing has changed since; "
                "answer the comments before submitting again."
            )
        )


@transaction.atomic
def report_submit(*, actor, report: AgencyReport) -> AgencyReport:
    """The officer sends the draft to the agency head for approval."""
    report = (
        AgencyReport.objects.select_for_update()
        .select_related("period", "agency")
        .get(pk=report.pk)
    )
    require_report_writer(actor, report.agency)
    if report.status == ReportStatus.PENDING:
        raise ApplicationError(_("This report is already waiting for the head's approval."))
    _refuse_resubmission(report)
    if actor.role == Role.HEAD and actor.agency_id == report.agency_id:
        return _send(report, actor)
    report.status = ReportStatus.PENDING
    report.save(update_fields=["status"])
    _event(report, actor, "sent_for_approval")
    notify(
        recipients=_agency_users(report.agency, roles=(Role.HEAD,)),
        kind="report",
        title=_("The report of %(agency)s for %(period)s awaits your approval")
        % {"agency": report.agency.name, "period": report.period.label},
        url=report_url(report),
    )
    return report


@transaction.atomic
def report_approve(*, actor, report: AgencyReport) -> AgencyReport:
    """The head approves: the report goes to the coordinating department, numbered and
    time-stamped like an official document."""
    report = (
        AgencyReport.objects.select_for_update()
        .select_related("period", "agency")
        .get(pk=report.pk)
    )
    require_head_of(actor, report.agency)
    _refuse_resubmission(report)
    return _send(report, actor)


def _send(report: AgencyReport, head) -> AgencyReport:
    if not report.number:
        _assign_number(report)
    now = timezone.now()
    report.status = ReportStatus.SUBMITTED
    report.approved_at, report.approved_by = now, head
    report.submitted_at, report.submitted_by = now, head
    report.first_submitted_at = report.first_submitted_at or now
    report.submitted_fingerprint = _fingerprint(report)
    report.save()
    _event(report, head, "submitted", comment=report.number)
    notify(
        recipients=_coordinators(),
        kind="report",
        title=_("%(agency)s submitted its report for %(period)s")
        % {"agency": report.agency.name, "period": report.period.label},
        url=report_url(report),
    )
    return report


@transaction.atomic
def report_send_back(*, actor, report: AgencyReport, comment: str) -> AgencyReport:
    """The head sends the draft back to the officer instead of approving it."""
    report = AgencyReport.objects.select_for_update().get(pk=report.pk)
    require_head_of(actor, report.agency)
    if report.status != ReportStatus.PENDING:
        raise ApplicationError(_("Only a report awaiting approval can be sent back."))
    if not comment.strip():
        raise ApplicationError(_("Say what must be changed when sending the report back."))
    report.status = ReportStatus.DRAFT
    report.save(update_fields=["status"])
    _event(report, actor, "sent_back", comment=comment.strip())
    notify(
        recipients=_agency_users(report.agency, roles=(Role.OFFICER,)),
        kind="report",
        title=_("The head sent the report for %(period)s back") % {"period": report.period.label},
        body=comment.strip(),
        url=report_url(report),
    )
    return report


def _assign_number(report: AgencyReport) -> None:
    year = report.period.year
    last = (
        AgencyReport.objects.filter(agency=report.agency, period__year=year).aggregate(
            Max("sequence")
        )["sequence__max"]
        or 0
    )
    report.sequence = last + 1
    report.number = f"{report.sequence}/BC-{document_code(report.agency)}"


@transaction.atomic
def report_return(*, actor, report: AgencyReport, comment: str) -> AgencyReport:
    report = AgencyReport.objects.select_for_update().get(pk=report.pk)
    require_coordinator(actor)
    if report.status != ReportStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise ApplicationError(_("Say what must be corrected when returning a report."))
    report.status, report.reviewed_at, report.reviewed_by = (
        ReportStatus.RETURNED,
        timezone.now(),
        actor,
    )
    report.review_comment = comment.strip()
    report.approved_at, report.approved_by = None, None
    report.save(
        update_fields=[
            "status",
            "reviewed_at",
            "reviewed_by",
            "review_comment",
            "approved_at",
            "approved_by",
        ]
    )
    _event(report, actor, "returned", comment=comment.strip())
    notify(
        recipients=_agency_users(report.agency),
        kind="report",
        title=_("Your report for %(period)s was returned") % {"period": report.period.label},
        body=comment.strip(),
        url=report_url(report),
    )
    return report


@transaction.atomic
def report_accept(*, actor, report: AgencyReport, comment: str = "") -> AgencyReport:
    report = AgencyReport.objects.select_for_update().get(pk=report.pk)
    require_coordinator(actor)
    if report.status != ReportStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted report can be accepted."))
    report.status, report.reviewed_at, report.reviewed_by = (
        ReportStatus.ACCEPTED,
        timezone.now(),
        actor,
    )
    report.review_comment = comment.strip()
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"])
    _event(report, actor, "accepted", comment=comment.strip())
    notify(
        recipients=_agency_users(report.agency),
        kind="report",
        title=_("Your report for %(period)s was accepted") % {"period": report.period.label},
        url=report_url(report),
        email=False,
    )
    return report


def report_url(report: AgencyReport) -> str:
    return report_url_for(report.period, report.agency)


def report_url_for(period: ReportingPeriod, agency: Agency) -> str:
    from django.urls import reverse

    return reverse("reporting:report", args=[period.pk, agency.code])
