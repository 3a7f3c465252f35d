"""What the portal keeps of its own: hand-kept lists (highlights, press releases …), the
province's facts and figures, and a counter that portal-side changes bump.

Content itself is the catalog's: a work is a catalog `translation_key`, so one placement
covers every language version of it, and the reader sees the version in their language.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ttdn.portal.choices import Section
from ttdn.portal.ui import ui_lazy


class Placement(models.Model):
    """A work in a hand-kept list, at a position the coordinator chose."""

    section = models.CharField(ui_lazy("model.section"), max_length=16, choices=Section.choices)
    translation_key = models.UUIDField(ui_lazy("model.translation_key"), db_index=True)
    position = models.PositiveIntegerField(ui_lazy("model.position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=ui_lazy("model.created_by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(ui_lazy("model.created_at"), auto_now_add=True)

    class Meta:
        verbose_name = ui_lazy("model.placement")
        verbose_name_plural = ui_lazy("model.placements")
        ordering = ["section", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "translation_key"], name="portal_placement_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} {self.position}: {self.translation_key}"


class Fact(models.Model):
    """A figure of 'the province at a glance', with the source it was taken from."""

    code = models.SlugField(ui_lazy("model.code"), max_length=64, unique=True)
    value = models.DecimalField(ui_lazy("model.value"), max_digits=16, decimal_places=3)
    decimals = models.PositiveSmallIntegerField(ui_lazy("model.decimals"), default=0)
    unit = models.CharField(ui_lazy("model.unit"), max_length=16, blank=True)
    labels = models.JSONField(ui_lazy("model.labels"), default=dict)
    details = models.JSONField(ui_lazy("model.details"), default=dict, blank=True)
    source_title = models.CharField(ui_lazy("model.source_title"), max_length=300)
    source_url = models.URLField(ui_lazy("model.source_url"), max_length=1000)
    source_language = models.CharField(ui_lazy("model.source_language"), max_length=8, default="vi")
    position = models.PositiveSmallIntegerField(ui_lazy("model.position"), default=0)
    active = models.BooleanField(ui_lazy("model.active"), default=True)

    class Meta:
        verbose_name = ui_lazy("model.fact")
        verbose_name_plural = ui_lazy("model.facts")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class PortalState(models.Model):
    """One row: a counter bumped by every portal-side change (and `portal_invalidate`), read
    with the catalog's history counter to version the page cache."""

    version = models.PositiveBigIntegerField(ui_lazy("model.version"), default=0)

    class Meta:
        verbose_name = ui_lazy("model.state")
        verbose_name_plural = ui_lazy("model.state")

    def __str__(self) -> str:
        return str(self.version)
