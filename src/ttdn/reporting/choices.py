from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("6 months")
    NINE_MONTHS = "nine_months", _("9 months")
    YEAR = "year", _("Year")
    THEMATIC = "thematic", _("Thematic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class ObligationSource(models.TextChoices):
    LEAD = "lead", _("Lead agency")
    COORDINATING = "coordinating", _("Coordinating agency")
    ADDED = "added", _("Added by the coordinator")


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("task status", "Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    PENDING = "pending", pgettext_lazy("report status", "Awaiting the head's approval")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")


class TaskState(models.TextChoices):
    """The four states Vietnamese task tracking uses, per task and agency."""

    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    OPEN = "open", _("Open, within deadline")
    OVERDUE = "overdue", _("Open, overdue")


class ExplanationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("explanation", "Awaiting answer")
    ANSWERED = "answered", pgettext_lazy("explanation", "Answered")
    CLOSED = "closed", pgettext_lazy("explanation", "Closed")


class FeedbackStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("feedback", "New")
    ROUTED = "routed", pgettext_lazy("feedback", "Routed to an agency")
    ANSWERED = "answered", pgettext_lazy("feedback", "Answered")
    CLOSED = "closed", pgettext_lazy("feedback", "Closed")


class FeedbackKind(models.TextChoices):
    DIFFICULTY = "difficulty", _("Difficulty or obstacle")
    PROPOSAL = "proposal", _("Proposal")
    QUESTION = "question", _("Question")
