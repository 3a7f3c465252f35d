from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkdayKind(models.TextChoices):
    """What a coordinator's adjustment does to one date of the working-day calendar."""

    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Working day")
