"""Plans, their task groups and tasks, and who is assigned to each task.

The printed text of the plan is kept beside what the system understood of it (agencies
matched, timeframes parsed), so a coordinator can always see and correct the reading.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.text import fold
from ttdn.plans.choices import AssignmentRole, PlanKind, PlanStatus, Recurrence


class Plan(models.Model):
    number = models.CharField(_("document number"), max_length=64, unique=True)
    slug = models.SlugField(_("address"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=PlanKind.choices)
    title = models.TextField(_("title"))
    issuer = models.ForeignKey(
        "agencies.Agency", verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="+"
    )
    issuer_printed = models.CharField(_("issuer as printed"), max_length=255, blank=True)
    place = models.CharField(_("place of issue"), max_length=120, blank=True)
    signer = models.CharField(_("signer"), max_length=120, blank=True)
    signing_authority = models.CharField(_("signing authority"), max_length=255, blank=True)
    issue_date = models.DateField(_("issue date"))
    legal_bases = models.JSONField(_("legal bases"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    source_document = models.FileField(_("source document"), upload_to="plans/sources/", blank=True)
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    import_flags = models.JSONField(_("import notes"), default=list, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-issue_date", "number"]

    def __str__(self) -> str:
        return self.number

    @property
    def years(self) -> tuple[int, int] | None:
        spans = [(t.start_year, t.end_year) for t in self.tasks.all() if t.start_year]
        if not spans:
            return None
        return min(s for s, _e in spans), max(e for _s, e in spans)


class TaskGroup(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="groups"
    )
    number = models.CharField(_("number"), max_length=16)
    title = models.TextField(_("title"))
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="group_number_once_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Task(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks"
    )
    group = models.ForeignKey(
        TaskGroup, verbose_name=_("task group"), on_delete=models.CASCADE, related_name="tasks"
    )
    number = models.CharField(_("number"), max_length=16)
    title = models.TextField(_("title"))
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    lead_printed = models.TextField(_("lead agencies as printed"), blank=True)
    coordinating_printed = models.TextField(_("coordinating agencies as printed"), blank=True)
    timeframe_printed = models.CharField(_("timeframe as printed"), max_length=120, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=8, choices=Recurrence.choices, blank=True
    )
    expected_outputs = models.TextField(_("expected outputs"), blank=True)
    flags = models.JSONField(_("import notes"), default=list, blank=True)
    title_folded = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_number_once_per_plan"),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="task_year_range",
                violation_error_message=_("A task cannot end before the year it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        self.title_folded = fold(self.title)
        super().save(*args, **kwargs)

    def is_active_in(self, year: int, plan_years: tuple[int, int] | None = None) -> bool:
        """Whether the task is due in `year`: inside its span, or every year of the plan."""
        if self.recurrence == Recurrence.YEARLY and self.start_year is None:
            if plan_years is None:
                return True
            return plan_years[0] <= year <= plan_years[1]
        if self.start_year is None:
            return True  # no timeframe printed (task 2.4): open for the plan's whole life
        return self.start_year <= year <= (self.end_year or self.start_year)

    @property
    def timeframe_flagged(self) -> bool:
        return bool(self.timeframe_printed) and self.start_year is None and not self.recurrence


class TaskAssignment(models.Model):
    """One agency or agency group printed as lead or coordinating agency of a task."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=12, choices=AssignmentRole.choices)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    printed = models.CharField(_("as printed"), max_length=255)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    group = models.ForeignKey(
        "agencies.AgencyGroup",
        verbose_name=_("agency group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )

    class Meta:
        verbose_name = _("task assignment")
        verbose_name_plural = _("task assignments")
        ordering = ["task", "role", "position"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(agency__isnull=False) & Q(group__isnull=False)),
                name="assignment_agency_or_group",
                violation_error_message=_("An assignment names an agency or a group, not both."),
            )
        ]

    def __str__(self) -> str:
        return self.printed

    @property
    def is_flagged(self) -> bool:
        """Printed in the plan but matched to no known agency or group."""
        return self.agency_id is None and self.group_id is None
