"""Sources: create and change them, load the defaults, and record each fetch's outcome
(conditional-request validators, health, back-off after failures)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc
from ttdn.monitoring import conf
from ttdn.monitoring.models import Source
from ttdn.monitoring.services.permissions import require_admin, require_run_monitoring

DEFAULTS = Path(__file__).resolve().parents[1] / "data" / "sources.json"
FIELDS = (
    "name",
    "kind",
    "url",
    "feed_format",
    "homepage",
    "language",
    "country",
    "poll_minutes",
    "active",
    "agency",
)


def _validate(source: Source) -> None:
    duplicate = Source.objects.filter(url=source.url).exclude(pk=source.pk).first()
    if duplicate is not None:
        raise ApplicationError(
            _("“%(name)s” already reads this address; change that source instead.")
            % {"name": duplicate.name}
        )
    try:
        source.full_clean()
    except ValidationError as error:
        sentences = []
        for field, messages in error.message_dict.items():
            label = str(Source._meta.get_field(field).verbose_name) if field != "__all__" else ""
            sentences += [f"{label.capitalize()}: {m}" if label else m for m in messages]
        raise ApplicationError(" ".join(sentences)) from None


@transaction.atomic
def source_save(*, actor, data: dict, source: Source | None = None) -> Source:
    require_run_monitoring(actor)
    source = source or Source()
    allow_private = bool(data.get("allow_private", source.allow_private))
    if allow_private != source.allow_private:
        require_admin(actor)
        source.allow_private = allow_private
    for name in FIELDS:
        if name in data:
            value = data[name]
            setattr(source, name, nfc(value) if isinstance(value, str) else value)
    source.language = (source.language or "").lower()
    source.country = (source.country or "").upper()
    _validate(source)
    if source.pk is None or not source.next_fetch_at:
        source.next_fetch_at = timezone.now()
    source.save()
    return source


def sources_load_default(path: Path = DEFAULTS) -> int:
    """Create the default sources that are missing (by address); return how many."""
    rows = json.loads(path.read_text(encoding="utf-8"))["sources"]
    known = set(Source.objects.values_list("url", flat=True))
    new = [Source(**row, next_fetch_at=timezone.now()) for row in rows if row["url"] not in known]
    Source.objects.bulk_create(new)
    return len(new)


def sources_due(now: datetime.datetime) -> list[Source]:
    return list(
        Source.objects.filter(active=True)
        .filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
        .order_by("next_fetch_at", "pk")
    )


def backoff(source: Source, failures: int) -> datetime.timedelta:
    minutes = source.poll_minutes * (2 ** min(failures, 10))
    return datetime.timedelta(minutes=min(minutes, conf.get("TTDN_MONITORING_MAX_BACKOFF_MINUTES")))


def source_record_success(
    *,
    source: Source,
    now: datetime.datetime,
    new_articles: int,
    etag: str = "",
    last_modified: str = "",
    not_modified: bool = False,
) -> None:
    """A successful read: the validators are stored only now, after every article of the
    feed was saved — a run killed earlier must not get 304 next time and lose articles."""
    source.last_attempt_at = source.last_success_at = now
    source.consecutive_failures = 0
    source.last_error = ""
    source.next_fetch_at = now + datetime.timedelta(minutes=source.poll_minutes)
    fields = [
        "last_attempt_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "next_fetch_at",
    ]
    if not not_modified:
        source.etag, source.last_modified = etag, last_modified
        fields += ["etag", "last_modified"]
    if new_articles:
        source.last_new_at = now
        fields.append("last_new_at")
    source.save(update_fields=fields)


def source_record_failure(*, source: Source, now: datetime.datetime, error: str) -> None:
    source.last_attempt_at = now
    source.consecutive_failures += 1
    source.last_error = error[:2000]
    source.next_fetch_at = now + backoff(source, source.consecutive_failures)
    source.save(
        update_fields=["last_attempt_at", "consecutive_failures", "last_error", "next_fetch_at"]
    )


def source_fetch_now(*, actor, source: Source) -> Source:
    """Make the source due at once (the next run reads it)."""
    require_run_monitoring(actor)
    source.next_fetch_at = timezone.now()
    source.save(update_fields=["next_fetch_at"])
    return source
