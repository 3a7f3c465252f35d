from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    OFFICER = "officer", _("Agency officer")
    HEAD = "head", _("Agency head")
    LEADER = "leader", _("Leader")
    ADMIN = "admin", _("Administrator")
