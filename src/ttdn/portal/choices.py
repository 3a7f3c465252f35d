"""Choices of the portal."""

from django.db import models

from ttdn.portal.ui import ui_lazy


class Section(models.TextChoices):
    """Lists a coordinator keeps by hand; every other list follows the catalog's kinds."""

    HIGHLIGHT = "highlight", ui_lazy("model.section.highlight")
    PRESS_RELEASE = "press_release", ui_lazy("model.section.press_release")
    CLARIFICATION = "clarification", ui_lazy("model.section.clarification")
    CONTEST = "contest", ui_lazy("model.section.contest")
