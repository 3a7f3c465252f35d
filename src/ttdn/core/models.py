"""Data every app shares: the coordinator's changes to the working-day calendar."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.core.choices import WorkdayKind


class WorkdayAdjustment(models.Model):
    """One date whose status differs from the public-holiday calendar.

    A day off the Government adds (the bridge days around Tết, a swapped day) or a
    Saturday worked to make up for one. Read by `core.calendar.calendar_from_db`.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=WorkdayKind.choices)
    reason = models.TextField(
        _("reason"), help_text=_("For example the Government announcement that moves the day.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("working-day adjustment")
        verbose_name_plural = _("working-day adjustments")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"


class ScheduledRun(models.Model):
    """One run of a periodic job on one day: the row that stops two schedulers (or a
    restarted one) from enqueueing the same daily job twice."""

    name = models.CharField(_("job"), max_length=80)
    on = models.DateField(_("day"))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["name", "on"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.on:%d/%m/%Y}"
