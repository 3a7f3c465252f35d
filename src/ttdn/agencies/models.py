"""The province's agencies and their history.

Agencies are merged, split, renamed and abolished; a `Succession` records old → new with a
date, so that work assigned to an old agency follows its successor while history keeps the
old name. Nothing here is overwritten: an agency that ends gets `active_to`, never deleted.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ttdn.agencies.choices import AgencyKind, SuccessionKind
from ttdn.core.text import fold


class Agency(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_to = models.DateField(_("active to"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    verified = models.BooleanField(
        _("verified"), default=True, help_text=_("False when a date or successor is unsourced.")
    )
    note = models.TextField(_("note"), blank=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="agency_active_range",
                violation_error_message=_("An agency cannot end before it begins."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived column, not a side effect: the folded name is what matching reads.
        self.name_folded = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_folded"}
        super().save(*args, **kwargs)

    def is_active_on(self, on: datetime.date) -> bool:
        starts = self.active_from is None or self.active_from <= on
        ends = self.active_to is None or on <= self.active_to
        return starts and ends

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class AgencyAlias(models.Model):
    """Another way documents write an agency's name ('Sở TT&TT')."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("agency alias")
        verbose_name_plural = _("agency aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name_folded"], name="alias_unique_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class AgencyGroup(models.Model):
    """A set of agencies defined by a rule ('all departments and localities').

    Membership is computed for a date from the agency kinds, plus explicit inclusions and
    exclusions, so that the group follows the reorganisation without being re-typed.
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    kinds = models.JSONField(_("agency kinds"), default=list, blank=True)
    include = models.ManyToManyField(
        Agency, verbose_name=_("always includes"), blank=True, related_name="+"
    )
    exclude = models.ManyToManyField(
        Agency, verbose_name=_("never includes"), blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("agency group")
        verbose_name_plural = _("agency groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        unknown = set(self.kinds) - set(AgencyKind.values)
        if unknown:
            raise ValidationError(
                {"kinds": _("Unknown agency kinds: %(kinds)s.") % {"kinds": ", ".join(unknown)}}
            )


class AgencyGroupAlias(models.Model):
    group = models.ForeignKey(
        AgencyGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("agency group alias")
        verbose_name_plural = _("agency group aliases")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Succession(models.Model):
    """Old agencies → new agencies on a date (merge, split, rename, abolition)."""

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=SuccessionKind.choices)
    predecessors = models.ManyToManyField(
        Agency, verbose_name=_("predecessors"), related_name="successions_out"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    verified = models.BooleanField(_("verified"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class SuccessionTarget(models.Model):
    """One successor of a succession and the functions it took over."""

    succession = models.ForeignKey(
        Succession, verbose_name=_("succession"), on_delete=models.CASCADE, related_name="targets"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("successor"), on_delete=models.PROTECT, related_name="successions_in"
    )
    functions = models.TextField(_("functions taken over"), blank=True)
    foreign_information = models.BooleanField(
        _("takes the foreign-information function"), default=False
    )

    class Meta:
        verbose_name = _("successor")
        verbose_name_plural = _("successors")
        constraints = [
            models.UniqueConstraint(fields=["succession", "agency"], name="successor_once")
        ]

    def __str__(self) -> str:
        return str(self.agency)
