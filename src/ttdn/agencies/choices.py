from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", _("Provincial department")
    PROVINCIAL_BODY = "provincial_body", _("Provincial body")
    PRESS = "press", _("Press agency")
    PARTY_MASS = "party_mass", _("Party or mass organisation")
    DISTRICT = "district", _("District-level unit (before 2025)")
    COMMUNE = "commune", _("Commune-level unit")
    CENTRAL = "central", _("Central body")


class SuccessionKind(models.TextChoices):
    MERGE = "merge", pgettext_lazy("succession", "Merge")
    SPLIT = "split", pgettext_lazy("succession", "Split")
    RENAME = "rename", pgettext_lazy("succession", "Rename")
    ABOLITION = "abolition", pgettext_lazy("succession", "Abolition")
