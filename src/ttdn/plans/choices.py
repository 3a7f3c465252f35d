from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    PLAN = "plan", pgettext_lazy("document kind", "Plan")
    PROGRAMME = "programme", _("Programme")
    SCHEME = "scheme", _("Scheme")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    ACTIVE = "active", pgettext_lazy("plan status", "In force")
    COMPLETED = "completed", pgettext_lazy("plan status", "Completed")
    SUPERSEDED = "superseded", pgettext_lazy("plan status", "Superseded")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once within the timeframe")
    YEARLY = "yearly", _("Every year")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATING = "coordinating", _("Coordinating")
