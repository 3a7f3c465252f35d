"""Press monitoring: sources, fetch runs, articles grouped into stories, officers' labels,
the classifier's versions, saved searches and alerts, digests, press cases under decision
29/2023/QĐ-UBND, spokespersons and their press releases and conferences.

Derived columns (folded text, the effective label of a story) are written by services, never
in `save()` or signals.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.monitoring.choices import (
    ActionKind,
    AlertKind,
    CaseKind,
    CaseStatus,
    DayBasis,
    DigestKind,
    FeedFormat,
    LabelField,
    ReleaseKind,
    RunStatus,
    RunTrigger,
    SourceKind,
    Tone,
    Topic,
    Verdict,
)

USER = settings.AUTH_USER_MODEL


class Source(models.Model):
    """An outlet's feed, news sitemap or section page, polled on its own interval."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind.choices)
    url = models.URLField(_("feed address"), max_length=1000, unique=True)
    feed_format = models.CharField(
        _("format"), max_length=8, choices=FeedFormat.choices, default=FeedFormat.AUTO
    )
    homepage = models.URLField(_("home page"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    country = models.CharField(_("country"), max_length=2, default="VN")
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency (for an agency portal)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_sources",
    )
    poll_minutes = models.PositiveIntegerField(
        _("polling interval (minutes)"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)],
    )
    active = models.BooleanField(_("active"), default=True)
    allow_private = models.BooleanField(
        _("allowed on a private network"),
        default=False,
        help_text=_("Only for a source on the province's own network; set by an administrator."),
    )
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=64, blank=True, editable=False)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_new_at = models.DateTimeField(_("last new article"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    next_fetch_at = models.DateTimeField(_("next fetch"), null=True, blank=True, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("press source")
        verbose_name_plural = _("press sources")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_foreign(self) -> bool:
        return self.kind == SourceKind.FOREIGN


class FetchRun(models.Model):
    """One run of the pipeline: what it fetched, found and saved, how long each stage took."""

    trigger = models.CharField(
        _("started by"), max_length=10, choices=RunTrigger.choices, default=RunTrigger.SCHEDULE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    sources_total = models.PositiveIntegerField(_("sources"), default=0)
    sources_ok = models.PositiveIntegerField(_("sources read"), default=0)
    sources_not_modified = models.PositiveIntegerField(_("sources unchanged"), default=0)
    sources_failed = models.PositiveIntegerField(_("sources failed"), default=0)
    entries_seen = models.PositiveIntegerField(_("links seen"), default=0)
    pages_fetched = models.PositiveIntegerField(_("pages fetched"), default=0)
    articles_new = models.PositiveIntegerField(_("new articles"), default=0)
    articles_relevant = models.PositiveIntegerField(_("relevant articles"), default=0)
    stories_new = models.PositiveIntegerField(_("new stories"), default=0)
    errors_count = models.PositiveIntegerField(_("errors"), default=0)
    timings = models.JSONField(_("seconds per stage"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    log = models.TextField(_("log"), blank=True)
    created_by = models.ForeignKey(
        USER,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("fetch run")
        verbose_name_plural = _("fetch runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%d/%m/%Y %H:%M} {self.get_status_display()}"

    @property
    def duration(self) -> datetime.timedelta | None:
        return self.finished_at - self.started_at if self.finished_at else None


class Story(models.Model):
    """Near-duplicate articles across outlets: one row in the inbox.

    `relevant`, `topic` and `tone` are the effective values — an officer's confirmation when
    there is one, else the classifier's suggestion (`*_suggested`).
    """

    key = models.CharField(_("key"), max_length=40, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(_("language"), max_length=8, blank=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    last_published_at = models.DateTimeField(_("last published"), null=True, blank=True)
    discovered_at = models.DateTimeField(_("discovered at"), default=timezone.now, db_index=True)
    day = models.DateField(_("day"), db_index=True)
    article_count = models.PositiveIntegerField(_("articles"), default=0)
    outlet_count = models.PositiveIntegerField(_("outlets"), default=0)
    foreign = models.BooleanField(_("in the foreign press"), default=False)
    social = models.BooleanField(_("on a social network"), default=False)
    source_kinds = models.CharField(_("source kinds"), max_length=120, blank=True)
    relevance = models.FloatField(_("relevance"), default=0.0)
    relevant_suggested = models.BooleanField(_("relevant (suggested)"), default=False)
    relevant = models.BooleanField(_("relevant"), default=False, db_index=True)
    relevance_reviewed = models.BooleanField(_("relevance confirmed"), default=False)
    places = models.JSONField(_("places"), default=list, blank=True)
    agencies = models.JSONField(_("agencies concerned"), default=list, blank=True)
    topic_suggested = models.CharField(
        _("topic (suggested)"), max_length=20, blank=True, choices=Topic.choices
    )
    topic_score = models.FloatField(_("topic confidence"), default=0.0)
    topic = models.CharField(_("topic"), max_length=20, blank=True, choices=Topic.choices)
    topic_reviewed = models.BooleanField(_("topic confirmed"), default=False)
    tone_suggested = models.CharField(
        _("tone (suggested)"), max_length=10, blank=True, choices=Tone.choices
    )
    tone_score = models.FloatField(_("tone confidence"), default=0.0)
    tone = models.CharField(_("tone"), max_length=10, blank=True, choices=Tone.choices)
    tone_reviewed = models.BooleanField(_("tone confirmed"), default=False)
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    needs_answer = models.BooleanField(_("needs an answer"), default=False, db_index=True)
    needs_answer_by = models.ForeignKey(
        USER,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs_answer_at = models.DateTimeField(_("marked at"), null=True, blank=True)
    search_folded = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-discovered_at", "-pk"]
        indexes = [models.Index(fields=["relevant", "day"], name="monitoring_story_inbox")]

    def __str__(self) -> str:
        return self.title

    @property
    def reviewed(self) -> bool:
        return self.relevance_reviewed or self.topic_reviewed or self.tone_reviewed


class Article(models.Model):
    """One published article; unique by its normalised address (saving is idempotent)."""

    url = models.URLField(_("address"), max_length=1000)
    url_normalised = models.CharField(max_length=1000, unique=True, editable=False)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    source_kind = models.CharField(
        _("source kind"), max_length=16, blank=True, choices=SourceKind.choices
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="articles"
    )
    run = models.ForeignKey(
        FetchRun,
        verbose_name=_("fetch run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    title = models.CharField(_("title"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    text = models.TextField(_("text"), blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    discovered_at = models.DateTimeField(_("discovered at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=8, blank=True)
    relevance = models.FloatField(_("relevance"), default=0.0)
    relevant = models.BooleanField(_("relevant"), default=False)
    places = models.JSONField(_("places"), default=list, blank=True)
    topic = models.CharField(_("topic"), max_length=20, blank=True, choices=Topic.choices)
    topic_score = models.FloatField(default=0.0)
    tone = models.CharField(_("tone"), max_length=10, blank=True, choices=Tone.choices)
    tone_score = models.FloatField(default=0.0)
    similarity = models.FloatField(_("similarity to its story"), default=0.0)
    signature = models.BinaryField(editable=False, default=b"")
    shingles = models.BinaryField(editable=False, default=b"")
    search_folded = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["discovered_at"], name="monitoring_article_found")]

    def __str__(self) -> str:
        return self.title


class Label(models.Model):
    """An officer's confirmation or correction: history, and training data."""

    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="labels"
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    field = models.CharField(_("what"), max_length=10, choices=LabelField.choices)
    value = models.CharField(_("value"), max_length=20)
    suggested = models.CharField(_("suggested"), max_length=20, blank=True)
    by = models.ForeignKey(
        USER, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"


class ClassifierModel(models.Model):
    """One trained version of the topic or tone classifier (plain data, see pipeline/classify)."""

    kind = models.CharField(
        _("kind"), max_length=8, choices=[("topic", _("Topic")), ("tone", _("Tone"))]
    )
    version = models.PositiveIntegerField(_("version"))
    trained_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    examples = models.PositiveIntegerField(_("examples"), default=0)
    from_labels = models.PositiveIntegerField(_("examples from officers"), default=0)
    accuracy = models.FloatField(_("cross-validated accuracy"), null=True, blank=True)
    data = models.JSONField(_("model"), default=dict)

    class Meta:
        verbose_name = _("classifier version")
        verbose_name_plural = _("classifier versions")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="monitoring_model_version")
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"


class MonitoringSettings(models.Model):
    """The coordinator's settings (one row): the clocks of decision 29/2023 and thresholds."""

    day_basis = models.CharField(
        _("count deadlines in"),
        max_length=8,
        choices=DayBasis.choices,
        default=DayBasis.CALENDAR,
        help_text=_("Decision 29/2023 does not say whether its days are calendar or working days."),
    )
    verify_days = models.PositiveSmallIntegerField(
        _("verify within (days after publication)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    report_days = models.PositiveSmallIntegerField(
        _("report within (days after publication)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    social_report_days = models.PositiveSmallIntegerField(
        _("social-network post: report within (days after discovery)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    stale_days = models.PositiveSmallIntegerField(
        _("a source is stale after (days without a new article)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    conference_months = models.PositiveSmallIntegerField(
        _("warn when an agency held no press conference for (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")

    def __str__(self) -> str:
        return str(_("Monitoring settings"))


class SavedSearch(models.Model):
    """A user's inbox filters with alert rules."""

    owner = models.ForeignKey(
        USER, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="press_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("search words"), max_length=300, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    alert_negative_foreign = models.BooleanField(
        _("alert on negative coverage in the foreign press"), default=True
    )
    alert_spike = models.BooleanField(_("alert on a spike"), default=True)
    spike_factor = models.FloatField(
        _("spike: times the daily average of the last 14 days"),
        default=2.0,
        validators=[MinValueValidator(1.0), MaxValueValidator(20.0)],
    )
    spike_minimum = models.PositiveSmallIntegerField(
        _("spike: at least this many stories a day"), default=3
    )
    email = models.BooleanField(_("also by e-mail"), default=True)
    active = models.BooleanField(_("active"), default=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["owner", "name"]

    def __str__(self) -> str:
        return self.name


class AlertEvent(models.Model):
    """One alert sent; the constraints stop the same alert from going out twice."""

    search = models.ForeignKey(
        SavedSearch, verbose_name=_("saved search"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    story = models.ForeignKey(
        Story,
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("stories that day"), default=0)
    average = models.FloatField(_("daily average"), default=0.0)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["search", "kind", "story"],
                condition=Q(story__isnull=False),
                name="monitoring_alert_story",
            ),
            models.UniqueConstraint(
                fields=["search", "kind", "day"],
                condition=Q(story__isnull=True),
                name="monitoring_alert_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%d/%m/%Y}"


class Digest(models.Model):
    """A daily or weekly summary; its figures are kept as they were sent."""

    kind = models.CharField(_("kind"), max_length=8, choices=DigestKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    data = models.JSONField(_("figures"), default=dict)
    recipients = models.PositiveIntegerField(_("sent to"), default=0)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "start"], name="monitoring_digest_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d/%m/%Y}"


class PressCase(models.Model):
    """Coverage that needs an official answer, with the clocks of decision 29/2023.

    The day basis and the deadlines are fixed when the case is opened, so a later change of
    the setting does not move a running clock.
    """

    story = models.ForeignKey(
        Story,
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency concerned"),
        on_delete=models.PROTECT,
        related_name="press_cases",
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=CaseKind.choices, default=CaseKind.PRESS
    )
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("what the coverage says"), blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"))
    discovered_on = models.DateField(_("discovered on"))
    day_basis = models.CharField(_("deadlines counted in"), max_length=8, choices=DayBasis.choices)
    verify_due = models.DateField(_("verify by"))
    report_due = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CaseStatus.choices,
        default=CaseStatus.OPEN,
        db_index=True,
    )
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices, blank=True)
    verdict_note = models.TextField(_("findings"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        USER,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        USER,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closing_note = models.TextField(_("closing note"), blank=True)
    opened_by = models.ForeignKey(
        USER, verbose_name=_("opened by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    clarification_key = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("press case")
        verbose_name_plural = _("press cases")
        ordering = ["status", "report_due", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def verified_on_time(self) -> bool | None:
        if self.verified_at is None:
            return None
        return timezone.localdate(self.verified_at) <= self.verify_due

    @property
    def closed_on_time(self) -> bool | None:
        if self.closed_at is None:
            return None
        return bool(self.verified_on_time) and timezone.localdate(self.closed_at) <= self.report_due

    def overdue(self, today: datetime.date) -> str:
        """'verify' or 'answer' when that deadline has passed with the step not done."""
        if self.status == CaseStatus.OPEN and today > self.verify_due:
            return "verify"
        if self.status != CaseStatus.CLOSED and today > self.report_due:
            return "answer"
        return ""


class CaseAction(models.Model):
    case = models.ForeignKey(
        PressCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    note = models.TextField(_("note"), blank=True)
    done_on = models.DateField(_("done on"))
    by = models.ForeignKey(
        USER, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case action")
        verbose_name_plural = _("case actions")
        ordering = ["done_on", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Clarification(models.Model):
    """The agency's official clarification in one language; published to the
    foreign-information database as an item (`catalog_item_id`)."""

    case = models.ForeignKey(
        PressCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="clarifications"
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"))
    catalog_item_id = models.PositiveBigIntegerField(_("database item"), null=True, blank=True)
    published_at = models.DateTimeField(_("published to the database at"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("written by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("clarification")
        verbose_name_plural = _("clarifications")
        ordering = ["case", "language"]
        constraints = [
            models.UniqueConstraint(fields=["case", "language"], name="monitoring_one_per_language")
        ]

    def __str__(self) -> str:
        return self.title


class Spokesperson(models.Model):
    """Who speaks for an agency to the press (Decree 09/2017): a public list."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="spokespersons",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=200)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    public = models.BooleanField(_("shown on the public list"), default=True)

    class Meta:
        verbose_name = _("spokesperson")
        verbose_name_plural = _("spokespersons")
        ordering = ["agency__name", "name"]

    def __str__(self) -> str:
        return self.name


class PressRelease(models.Model):
    """A press release or press conference held by an agency."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="press_releases",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ReleaseKind.choices)
    title = models.CharField(_("title"), max_length=500)
    held_on = models.DateField(_("date"))
    url = models.URLField(_("address"), max_length=1000, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("press release or conference")
        verbose_name_plural = _("press releases and conferences")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class NoticeLog(models.Model):
    """A reminder or warning sent on a day, so that the daily job never sends it twice."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("about"), max_length=80)
    on = models.DateField(_("day"))

    class Meta:
        verbose_name = _("notice sent")
        verbose_name_plural = _("notices sent")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "on"], name="monitoring_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.on}"
