"""The foreign-information database: items in several languages, their files and history.

An item is one piece of material in one language; its translations are other rows with the
same `translation_key` (Wagtail's TranslatableMixin), so each language is searched on its
own. `translated_from` names the version a translation was made from, and
`source_translation_updated_at` the source's content time it reflects: when the source
changes later, the translation is stale.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.catalog.choices import (
    Channel,
    Consent,
    DuplicateDecision,
    HistoryAction,
    ItemKind,
    ItemSource,
    ItemStatus,
    Licence,
    RunStatus,
)
from ttdn.catalog.validators import validate_countries, validate_language
from ttdn.core.text import fold


class Topic(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def label(self, language: str) -> str:
        return self.name if language == "vi" else (self.name_en or self.name)


def public_condition(now=None) -> Q:
    """The condition behind `Item.objects.public()`, for use inside other conditions."""
    due = Q(published_at__isnull=True) | Q(published_at__lte=now or timezone.now())
    return Q(due, status=ItemStatus.PUBLISHED)


class ItemQuerySet(models.QuerySet):
    def public(self, now=None) -> ItemQuerySet:
        """Items anyone may read (the public, the API without a token, public search): the
        catalog's one definition — published, and the publication time passed or unset. The
        portal may schedule a publication (`published_at` in the future, ADR 0032); until
        then the item is read only by its agency and the wide readers.
        `permissions.is_public(item)` is the same rule for an item in hand."""
        return self.filter(public_condition(now))


class Item(models.Model):
    translation_key = models.UUIDField(_("translation key"), default=uuid.uuid4, db_index=True)
    translated_from = models.ForeignKey(
        "self",
        verbose_name=_("translated from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations_made",
    )
    language = models.CharField(_("language"), max_length=8, validators=[validate_language])
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(pgettext_lazy("item", "summary"), blank=True)
    body = models.TextField(
        pgettext_lazy("item", "body"), blank=True, help_text=_("Sanitised HTML.")
    )
    body_text = models.TextField(_("body as plain text"), editable=False, default="")
    title_folded = models.CharField(_("folded title"), max_length=500, editable=False, default="")
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("producing agency"),
        on_delete=models.PROTECT,
        related_name="catalog_items",
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.IMAGE_DATABASE
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="items"
    )
    target_countries = models.JSONField(
        _("target countries"), default=list, blank=True, validators=[validate_countries]
    )
    tasks = models.ManyToManyField(
        "plans.Task", verbose_name=_("plan tasks served"), blank=True, related_name="catalog_items"
    )
    credits = models.CharField(_("credits"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    original_url = models.URLField(_("original address"), max_length=1000, blank=True)
    url_normalised = models.CharField(
        _("normalised address"), max_length=1000, editable=False, default="", db_index=True
    )
    licence = models.CharField(
        _("licence"), max_length=16, choices=Licence.choices, default=Licence.AGENCY
    )
    consent = models.CharField(
        _("consent of people shown"),
        max_length=12,
        choices=Consent.choices,
        default=Consent.NOT_NEEDED,
    )
    rights_expire_on = models.DateField(_("rights expire on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    source = models.CharField(
        _("entered through"), max_length=8, choices=ItemSource.choices, default=ItemSource.FORM
    )
    feed = models.ForeignKey(
        "Feed",
        verbose_name=_("feed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    review_note = models.TextField(_("note from the reviewer"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    content_updated_at = models.DateTimeField(_("content changed at"), null=True, blank=True)
    source_translation_updated_at = models.DateTimeField(
        _("source version translated"),
        null=True,
        blank=True,
        help_text=_("When the version this translation follows was last changed."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language"],
                name="catalog_one_version_per_language",
                violation_error_message=_("This item already has a version in that language."),
            ),
            models.UniqueConstraint(
                fields=["url_normalised"],
                condition=~Q(url_normalised=""),
                name="catalog_url_once",
                violation_error_message=_("Another item already has this original address."),
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status"], name="catalog_item_agency_status"),
            # Scheduled publications: the portal's next due time, the catalog's catch-up job.
            models.Index(fields=["status", "published_at"], name="catalog_item_status_pub_at"),
        ]

    def __str__(self) -> str:
        return self.title

    def derive(self) -> None:
        """Fill the derived columns (folded title, plain body, normalised URL)."""
        from ttdn.catalog.normalise import normalise_url
        from ttdn.catalog.search.text import html_to_text

        self.title_folded = fold(self.title)
        self.body_text = html_to_text(self.body)
        self.url_normalised = normalise_url(self.original_url) if self.original_url else ""

    @property
    def is_translation(self) -> bool:
        return self.translated_from_id is not None

    @property
    def translation_is_stale(self) -> bool:
        source = self.translated_from
        if source is None or source.content_updated_at is None:
            return False
        if self.source_translation_updated_at is None:
            return True
        return source.content_updated_at > self.source_translation_updated_at

    @property
    def year(self) -> int | None:
        day = self.published_on or (self.created_at.date() if self.created_at else None)
        return day.year if day else None


class ItemHistory(models.Model):
    """One change of an item; never edited, never deleted with the item's content."""

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="history"
    )
    action = models.CharField(_("action"), max_length=24, choices=HistoryAction.choices)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    via = models.CharField(_("through"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("item history")
        verbose_name_plural = _("item history")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.action}"


def media_path(instance: MediaFile, filename: str) -> str:
    return f"catalog/media/{instance.checksum[:2]}/{instance.checksum}{instance.extension}"


def thumbnail_path(instance: MediaFile, filename: str) -> str:
    return f"catalog/thumbs/{instance.checksum[:2]}/{instance.checksum}.webp"


class MediaFile(models.Model):
    """A file of an item; its type is read from its content, never from its name."""

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="media"
    )
    file = models.FileField(_("file"), upload_to=media_path, max_length=255)
    original_name = models.CharField(_("original name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=80)
    extension = models.CharField(_("extension"), max_length=8, editable=False, default="")
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    checksum = models.CharField(_("SHA-256"), max_length=64, unique=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, blank=True)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("media file")
        verbose_name_plural = _("media files")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.original_name or self.checksum[:12]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class AgencyToken(models.Model):
    """A key with which one agency's own system uses the API; only its hash is kept."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="catalog_tokens",
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("Which system uses it."))
    prefix = models.CharField(_("beginning"), max_length=16, db_index=True)
    token_hash = models.CharField(
        _("SHA-256 of the token"), max_length=64, unique=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["agency", "-created_at"]

    def __str__(self) -> str:
        return f"{self.agency} — {self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ImportRun(models.Model):
    """A CSV or XLSX file checked (preview) and, once confirmed, written in one transaction."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="catalog_imports",
    )
    file = models.FileField(_("file"), upload_to="catalog/imports/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8)
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_valid = models.PositiveIntegerField(_("valid rows"), default=0)
    items_created = models.PositiveIntegerField(_("items created"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    log = models.TextField(_("log"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class Feed(models.Model):
    """An agency's RSS or Atom feed, harvested into draft items on a schedule."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="catalog_feeds",
    )
    url = models.URLField(_("address"), max_length=1000)
    title = models.CharField(_("title"), max_length=255, blank=True)
    language = models.CharField(
        _("language of its items"), max_length=8, default="vi", validators=[validate_language]
    )
    kind = models.CharField(
        _("kind of its items"), max_length=16, choices=ItemKind.choices, default=ItemKind.ARTICLE
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.PORTALS
    )
    interval_minutes = models.PositiveIntegerField(_("every (minutes)"), default=60)
    active = models.BooleanField(_("active"), default=True)
    allow_private_network = models.BooleanField(
        _("may be on a private network"),
        default=False,
        help_text=_("Only for a feed inside the province's own network; set by an administrator."),
    )
    etag = models.CharField(_("ETag"), max_length=255, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=64, blank=True, editable=False)
    last_run_at = models.DateTimeField(_("last harvested"), null=True, blank=True)
    next_run_at = models.DateTimeField(_("next harvest"), null=True, blank=True)
    last_status = models.CharField(
        _("last result"), max_length=12, choices=RunStatus.choices, blank=True
    )
    failures = models.PositiveSmallIntegerField(_("failures in a row"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["agency", "url"]
        constraints = [models.UniqueConstraint(fields=["url"], name="catalog_feed_url_once")]

    def __str__(self) -> str:
        return self.title or self.url


class HarvestRun(models.Model):
    feed = models.ForeignKey(
        Feed, verbose_name=_("feed"), on_delete=models.CASCADE, related_name="runs"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    entries_seen = models.PositiveIntegerField(_("entries read"), default=0)
    items_created = models.PositiveIntegerField(_("items created"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicates skipped"), default=0)
    entries_failed = models.PositiveIntegerField(_("entries skipped"), default=0)
    error = models.TextField(_("error"), blank=True)
    log = models.TextField(_("log"), blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("harvest")
        verbose_name_plural = _("harvests")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.feed} {self.started_at:%Y-%m-%d %H:%M}"


class TitleBand(models.Model):
    """MinHash bands of an item's folded title; items sharing a band are compared."""

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="+"
    )
    band = models.PositiveSmallIntegerField(_("band"))
    key = models.BigIntegerField(_("key"))

    class Meta:
        verbose_name = _("title band")
        verbose_name_plural = _("title bands")
        indexes = [models.Index(fields=["band", "key"], name="catalog_titleband_lookup")]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.band}"


class DuplicateCandidate(models.Model):
    """Two items whose titles are nearly the same, for a person to decide."""

    item = models.ForeignKey(
        Item, verbose_name=_("newer item"), on_delete=models.CASCADE, related_name="+"
    )
    other = models.ForeignKey(
        Item, verbose_name=_("existing item"), on_delete=models.CASCADE, related_name="+"
    )
    similarity = models.FloatField(_("similarity"))
    decision = models.CharField(
        _("decision"),
        max_length=12,
        choices=DuplicateDecision.choices,
        default=DuplicateDecision.OPEN,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "other"], name="catalog_duplicate_pair_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ~ {self.other_id}"


class ReindexRun(models.Model):
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    backend = models.CharField(_("backend"), max_length=32, blank=True)
    documents = models.PositiveIntegerField(_("documents"), default=0)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reindexing")
        verbose_name_plural = _("reindexings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.backend} {self.created_at:%Y-%m-%d %H:%M}"


class SearchDocument(models.Model):
    """An item in the search index. Its id holds the day and the facet values
    (search/base.py, "Document ids"); topics, which are many, are kept here."""

    id = models.BigIntegerField(_("document id"), primary_key=True)
    item = models.OneToOneField(
        Item, verbose_name=_("item"), on_delete=models.DO_NOTHING, db_constraint=False
    )
    topics = models.CharField(_("topics"), max_length=255, default="", db_default="")

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return str(self.id)


class SearchTitle(models.Model):
    """PostgreSQL: a document's folded title as a tsvector (`title_tsv`, added by migration
    0008), in a narrow table of its own so that the title group of a search reads it inline
    (search/postgres.py). Empty on SQLite, whose title index is the FTS5 table
    `catalog_fts_title`."""

    id = models.BigIntegerField(_("document id"), primary_key=True)

    class Meta:
        verbose_name = _("search title")
        verbose_name_plural = _("search titles")

    def __str__(self) -> str:
        return str(self.id)


class SearchText(models.Model):
    """The indexed text of a search document (tokens, folded tokens, n-gram runs)."""

    id = models.BigIntegerField(_("document id"), primary_key=True)
    title_exact = models.TextField(_("title tokens"), default="", db_default="")
    body_exact = models.TextField(_("body tokens"), default="", db_default="")
    title_folded = models.TextField(_("folded title tokens"), default="", db_default="")
    body_folded = models.TextField(_("folded body tokens"), default="", db_default="")
    ngram = models.TextField(_("runs of scripts without spaces"), default="", db_default="")

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return str(self.id)
