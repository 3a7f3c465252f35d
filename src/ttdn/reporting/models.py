"""Reporting: periods, what each agency owes, agency reports and their review, reminders,
explanation requests, the consolidated report and public feedback.

History that matters is never overwritten: every change to a report leaves a ReportEvent
(who, when, what changed), and submitted numbers are never reused.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.reporting.choices import (
    ExplanationStatus,
    FeedbackKind,
    FeedbackStatus,
    ObligationSource,
    PeriodKind,
    ReportStatus,
    SectionStatus,
)

USER = settings.AUTH_USER_MODEL


class ReportingPeriod(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number in the year"), default=1, help_text=_("Month or quarter number; 1 otherwise.")
    )
    label = models.CharField(_("name (Vietnamese)"), max_length=120)
    label_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    cutoff_start = models.DateField(_("data from"))
    cutoff_end = models.DateField(_("data until"))
    due_agency = models.DateField(_("agencies report by"))
    due_department = models.DateField(_("coordinating department reports by"))
    due_province = models.DateField(_("province reports by"))
    is_closed = models.BooleanField(_("closed"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "year", "number"],
                condition=~Q(kind__in=["thematic", "ad_hoc"]),
                name="periodic_period_once",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def code(self) -> str:
        """Stable identifier for the command line: 2024-year, 2025-q1, 2025-m03."""
        suffix = {
            PeriodKind.MONTH: f"m{self.number:02d}",
            PeriodKind.QUARTER: f"q{self.number}",
            PeriodKind.HALF_YEAR: "h1",
            PeriodKind.NINE_MONTHS: "9m",
            PeriodKind.YEAR: "year",
        }.get(self.kind, f"{self.kind}-{self.pk}")
        return f"{self.year}-{suffix}"


class IndicatorType(models.Model):
    """A figure agencies report (articles, videos, events …), kept by the coordinator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    unit = models.CharField(_("unit (Vietnamese)"), max_length=40)
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class Obligation(models.Model):
    """Agency X owes a report on task T for period P."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="obligations",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    task = models.ForeignKey(
        "plans.Task", verbose_name=_("task"), on_delete=models.CASCADE, related_name="obligations"
    )
    source = models.CharField(_("because"), max_length=14, choices=ObligationSource.choices)
    via = models.CharField(_("as printed"), max_length=255, blank=True)
    reason = models.TextField(_("reason for adding"), blank=True)
    waived = models.BooleanField(_("waived"), default=False)
    waived_reason = models.TextField(_("reason for waiving"), blank=True)
    changed_by = models.ForeignKey(
        USER,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["period", "agency", "task__position"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agency", "task"], name="obligation_once")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.task.number}"


class AgencyReport(models.Model):
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = models.TextField(_("general assessment"), blank=True)
    difficulties = models.TextField(_("difficulties and obstacles"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    number = models.CharField(_("document number"), max_length=64, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    started_from = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        USER,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    submitted_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("agency report")
        verbose_name_plural = _("agency reports")
        ordering = ["period", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agency"], name="one_report_per_period"),
            models.UniqueConstraint(
                fields=["agency", "number"], condition=~Q(number=""), name="report_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.PENDING)


class ReportSection(models.Model):
    """The part of a report about one owed task."""

    report = models.ForeignKey(
        AgencyReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="sections"
    )
    task = models.ForeignKey(
        "plans.Task", verbose_name=_("task"), on_delete=models.PROTECT, related_name="sections"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SectionStatus.choices,
        default=SectionStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties and obstacles"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        USER,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "task__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="one_section_per_task")
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.task.number}"


class IndicatorValue(models.Model):
    section = models.ForeignKey(
        ReportSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    indicator = models.ForeignKey(
        IndicatorType, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["section", "indicator"], name="indicator_once"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="indicator_not_negative",
                violation_error_message=_("An indicator cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.section.report.period.year}/{uuid.uuid4().hex}/{filename}"


class Evidence(models.Model):
    section = models.ForeignKey(
        ReportSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name=_("database item"),
        null=True,
        blank=True,
        # An item cited by a report cannot be deleted: the report's evidence must stay
        # resolvable (docs/adr/0012-evidence-cites-catalog-items.md).
        on_delete=models.PROTECT,
        related_name="report_evidence",
        help_text=_("An item of the foreign-information database cited as evidence."),
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("checksum"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        USER, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url="") | Q(item__isnull=False),
                name="evidence_file_link_or_item",
                violation_error_message=_(
                    "Evidence needs a file, a link or an item of the foreign-information database."
                ),
            ),
            models.UniqueConstraint(
                fields=["section", "item"],
                condition=Q(item__isnull=False),
                name="evidence_item_once_per_section",
                violation_error_message=_("This item is already cited in this section."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind(self) -> str:
        """'item' (a citation of the database), 'file' or 'link'."""
        if self.item_id:
            return "item"
        return "file" if self.file else "link"


class ReportEvent(models.Model):
    """One change to a report: the audit trail ('who, when, what')."""

    report = models.ForeignKey(
        AgencyReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    section = models.ForeignKey(
        ReportSection,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.ForeignKey(
        USER, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=30)
    comment = models.TextField(_("comment"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%d/%m/%Y %H:%M}"


class ReminderRule(models.Model):
    """When reminders go out, in working days relative to the agency due date."""

    offset = models.SmallIntegerField(
        _("working days after the due date"),
        help_text=_("Negative: before the due date; 0: on the day; positive: while late."),
    )
    repeat_every = models.PositiveSmallIntegerField(
        _("repeat every (working days)"),
        default=0,
        help_text=_("For late reminders: repeat every N working days; 0 sends once."),
    )
    send_email = models.BooleanField(_("also by e-mail"), default=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["offset"]

    def __str__(self) -> str:
        return str(self.offset)


class ReminderLog(models.Model):
    """One reminder sent: makes the daily job idempotent."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["period", "agency", "kind", "on"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.kind} · {self.on:%d/%m/%Y}"


class ExplanationRequest(models.Model):
    """'Yêu cầu giải trình': the coordinator asks an agency why an item is late."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="explanations",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="explanations",
    )
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("request"))
    due_date = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExplanationStatus.choices,
        default=ExplanationStatus.OPEN,
    )
    requested_by = models.ForeignKey(
        USER,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        USER,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("explanation request")
        verbose_name_plural = _("explanation requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.agency} · {self.period}"


class ConsolidatedReport(models.Model):
    """The coordinator's draft of the report to the provincial People's Committee."""

    period = models.OneToOneField(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="consolidated",
    )
    number = models.CharField(_("document number"), max_length=64, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_authority = models.CharField(
        _("signing authority"),
        max_length=200,
        blank=True,
        help_text=_("One line each, e.g. KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC."),
    )
    recipients = models.TextField(_("recipients"), blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")

    def __str__(self) -> str:
        return self.subject


class ConsolidatedParagraph(models.Model):
    """One paragraph of the draft, linked back to the agency report it came from."""

    class Part(models.TextChoices):
        SUMMARY = "summary", _("Summary")
        RESULTS = "results", _("Results")
        DATABASE = "database", _("Foreign-information database")
        DIFFICULTIES = "difficulties", _("Difficulties")
        PROPOSALS = "proposals", _("Proposals")
        MISSING = "missing", _("Agencies that did not report")

    report = models.ForeignKey(
        ConsolidatedReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="paragraphs",
    )
    part = models.CharField(_("part"), max_length=14, choices=Part.choices)
    group = models.ForeignKey(
        "plans.TaskGroup",
        verbose_name=_("task group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    text = models.TextField(_("text"))
    source_section = models.ForeignKey(
        ReportSection,
        verbose_name=_("from section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_report = models.ForeignKey(
        AgencyReport,
        verbose_name=_("from report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    also_from = models.ManyToManyField(
        AgencyReport,
        verbose_name=_("also from"),
        blank=True,
        related_name="+",
        help_text=_("Other reports that said the same (difficulties and proposals are grouped)."),
    )
    edited = models.BooleanField(_("edited by the coordinator"), default=False)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["report", "position"]

    def __str__(self) -> str:
        return self.text[:60]


class Feedback(models.Model):
    """A difficulty or proposal about the plan from anyone (the plan's closing paragraph)."""

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FeedbackKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    name = models.CharField(_("your name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    routed_to = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("routed to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        USER,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    sender_key = models.CharField(max_length=64, editable=False, db_index=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    user = models.ForeignKey(
        USER,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
