"""Choices of press monitoring."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SourceKind(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial press")
    NATIONAL = "national", _("National press")
    FOREIGN = "foreign", _("Foreign press")
    AGENCY_PORTAL = "agency_portal", _("Agency portal")
    SOCIAL = "social", _("Social network (public page)")


class FeedFormat(models.TextChoices):
    AUTO = "auto", _("Detect (feed, sitemap or page)")
    FEED = "feed", _("RSS or Atom feed")
    SITEMAP = "sitemap", _("News sitemap")
    PAGE = "page", _("Section page (links)")


class RunStatus(models.TextChoices):
    RUNNING = "running", pgettext_lazy("run", "Running")
    DONE = "done", pgettext_lazy("run", "Done")
    PARTIAL = "partial", pgettext_lazy("run", "Done with errors")
    FAILED = "failed", pgettext_lazy("run", "Failed")
    INTERRUPTED = "interrupted", pgettext_lazy("run", "Interrupted")
    SKIPPED = "skipped", pgettext_lazy("run", "Skipped: another run was in progress")


class RunTrigger(models.TextChoices):
    SCHEDULE = "schedule", _("Schedule")
    MANUAL = "manual", _("By hand")
    COMMAND = "command", _("Command line")


class Topic(models.TextChoices):
    ECONOMY = "economy", _("Economy and investment")
    TOURISM_CULTURE = "tourism_culture", _("Tourism and culture")
    FOREIGN_AFFAIRS = "foreign_affairs", _("Foreign affairs and cooperation")
    BORDER_SECURITY = "border_security", _("Border, security and order")
    SOCIETY = "society", _("Society, health and education")
    ENVIRONMENT = "environment", _("Environment and natural disasters")
    GOVERNANCE = "governance", _("Government and policy")


class Tone(models.TextChoices):
    POSITIVE = "positive", pgettext_lazy("tone", "Positive")
    NEUTRAL = "neutral", pgettext_lazy("tone", "Neutral")
    NEGATIVE = "negative", pgettext_lazy("tone", "Negative")


class LabelField(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    TOPIC = "topic", _("Topic")
    TONE = "tone", _("Tone")


class DayBasis(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days")


class CaseKind(models.TextChoices):
    PRESS = "press", _("Press coverage")
    SOCIAL = "social", _("Social-network post")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Being verified")
    VERIFIED = "verified", pgettext_lazy("case", "Verified, answering")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class Verdict(models.TextChoices):
    TRUE = "true", pgettext_lazy("verdict", "True")
    FALSE = "false", pgettext_lazy("verdict", "False")
    COMPLEX = "complex", pgettext_lazy("verdict", "Complex")


class ActionKind(models.TextChoices):
    REPLY = "reply", _("Reply to the outlet")
    CORRECTION_REQUEST = "correction_request", _("Correction request")
    EXPLANATION_LETTER = "explanation_letter", _("Explanation letter")
    CLARIFICATION = "clarification", _("Official clarification")
    REPORT = "report", _("Report to the People's Committee and the coordinating department")


class AlertKind(models.TextChoices):
    NEGATIVE_FOREIGN = "negative_foreign", _("Negative coverage in the foreign press")
    SPIKE = "spike", _("Spike above the daily average")


class DigestKind(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class ReleaseKind(models.TextChoices):
    RELEASE = "release", _("Press release")
    CONFERENCE = "conference", _("Press conference")
