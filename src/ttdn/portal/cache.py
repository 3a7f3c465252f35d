"""The page cache, versioned by values the catalog already changes — no catalog hook needed.

Every request reads, in one query on two primary keys, the highest id of the catalog's
item history (every create, change, publish, return, archive and file upload writes a
history row) and the portal's own counter (`PortalState`, bumped by portal-side changes and
`portal_invalidate`). Scheduled items become visible by time, not by a write: the version
also holds the latest `published_at` that has passed, worked out from a short list of
future publication times kept beside the version (recomputed only when the version moves),
and today's date (rights that expire at midnight). A cached page is served only under the
version it was made with, so publishing, unpublishing or a scheduled time passing changes
what every web process serves at its next request, with nothing to purge.
"""

from __future__ import annotations

import gzip
import hashlib
from bisect import bisect_right
from functools import wraps

from django.core.cache import caches
from django.db import connection
from django.db.models import Max
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from ttdn.catalog.choices import ItemStatus
from ttdn.catalog.models import Item, ItemHistory
from ttdn.portal import conf
from ttdn.portal.models import PortalState

STATE_ID = 1
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Location",
    "X-Robots-Tag",
    "Content-Security-Policy",
    "Link",
)
CACHEABLE = (200, 301, 404)
QUERY = ("page",)


def portal_cache():
    return caches["portal"]


def _counters() -> tuple[int, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {quote(ItemHistory._meta.db_table)}), "
            f"(SELECT version FROM {quote(PortalState._meta.db_table)} WHERE id = %s)",
            [STATE_ID],
        )
        history, state = cursor.fetchone()
    return history or 0, state or 0


def _schedule(base: str, now) -> tuple[float, list[float]]:
    """(latest publication time passed when computed, the next future ones)."""
    key = f"portal:schedule:{base}"
    entry = portal_cache().get(key)
    if entry is None:
        published = Item.objects.filter(status=ItemStatus.PUBLISHED)
        latest = published.filter(published_at__lte=now).aggregate(at=Max("published_at"))["at"]
        future = (
            published.filter(published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)[:200]
        )
        entry = (latest.timestamp() if latest else 0.0, [at.timestamp() for at in future])
        portal_cache().set(key, entry, conf.get("TTDN_PORTAL_CACHE_SECONDS"))
    return entry


def content_version(now=None) -> str:
    """A string that changes whenever what the portal shows may have changed."""
    now = now or timezone.now()
    history, state = _counters()
    base = f"{history}.{state}"
    latest, future = _schedule(base, now)
    passed = bisect_right(future, now.timestamp())
    boundary = max(latest, future[passed - 1]) if passed else latest
    return f"{base}.{int(boundary)}.{timezone.localdate(now):%Y%m%d}"


def bump() -> None:
    """Move the portal's counter (one UPDATE; the row is made on first use)."""
    from django.db.models import F

    if not PortalState.objects.filter(pk=STATE_ID).update(version=F("version") + 1):
        PortalState.objects.get_or_create(pk=STATE_ID, defaults={"version": 1})


def _key(request, version: str) -> str:
    """The page's cache key: the version, the address and only the query parameters pages
    read (`page`), so that made-up parameters cannot fill the cache with copies."""
    kept = "&".join(f"{name}={request.GET[name]}" for name in QUERY if name in request.GET)
    address = f"{version}|{request.scheme}://{request.get_host()}{request.path}?{kept}"
    return hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


def _entry(response: HttpResponse) -> dict:
    body = response.content
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    packed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) > 512 else None
    return {"status": response.status_code, "headers": headers, "body": body, "gzip": packed}


def _response(entry: dict, *, zipped: bool, etag: str, hit: bool) -> HttpResponse:
    if entry["status"] == 301:
        response = HttpResponsePermanentRedirect(entry["headers"]["Location"])
        response["Cache-Control"] = "public, max-age=3600"
        response["X-Portal-Cache"] = "hit" if hit else "miss"
        return response
    use_gzip = zipped and entry["gzip"] is not None
    response = HttpResponse(entry["gzip"] if use_gzip else entry["body"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    if use_gzip:
        response["Content-Encoding"] = "gzip"
    if entry["status"] == 200:
        response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    response["X-Portal-Cache"] = "hit" if hit else "miss"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def cached_page(view):
    """Serve a public page from the cache under the current content version."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        key = _key(request, content_version())
        zipped = "gzip" in request.headers.get("Accept-Encoding", "")
        etag = f'"{key}{"-gz" if zipped else ""}"'
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponse(status=304)
            response["ETag"] = etag
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        entry = portal_cache().get(f"portal:page:{key}")
        if entry is not None:
            return _response(entry, zipped=zipped, etag=etag, hit=True)
        response = view(request, *args, **kwargs)
        if response.status_code not in CACHEABLE or response.streaming:
            return response
        entry = _entry(response)
        portal_cache().set(f"portal:page:{key}", entry, conf.get("TTDN_PORTAL_CACHE_SECONDS"))
        return _response(entry, zipped=zipped, etag=etag, hit=False)

    return wrapper
