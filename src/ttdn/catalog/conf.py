"""The catalog's settings, each with its default; `config/settings` may override any of them."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # ISO 639-1 codes an item may be written in; the interface lists them in this order.
    "TTDN_CATALOG_LANGUAGES": ["vi", "en", "lo", "zh", "ko", "ja", "fr", "th", "ru", "de", "es"],
    "TTDN_CATALOG_MEDIA_MAX_BYTES": 20 * 1024 * 1024,
    "TTDN_CATALOG_MEDIA_TYPES": [
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/gif",
        "application/pdf",
        "video/mp4",
        "audio/mpeg",
    ],
    "TTDN_CATALOG_THUMBNAIL_SIZE": 480,
    # Search (search/base.py): the newest N matches are ranked — by default, and when the
    # whole archive is asked for; totals are counted up to a cap.
    "TTDN_CATALOG_RANK_RECENT": 5_000,
    "TTDN_CATALOG_RANK_ALL": 100_000,
    "TTDN_CATALOG_COUNT_CAP": 100_000,
    # Matches holding the words in the body only (not as a phrase, not all in the title)
    # are ranked among the newest N of them; older ones follow by date (search/planner.py).
    "TTDN_CATALOG_RANK_REST": 1_000,
    # PostgreSQL counts a whole-archive search's matches on a second connection while the
    # first ranks them (search/aside.py): up to two more connections a server process.
    "TTDN_CATALOG_COUNT_ASIDE": True,
    "TTDN_CATALOG_SEARCH_BACKEND": "",  # "" = the database's own (sqlite or postgresql)
    "TTDN_CATALOG_EXPORT_LIMIT": 10_000,
    # Import
    "TTDN_CATALOG_IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    "TTDN_CATALOG_IMPORT_MAX_ROWS": 5_000,
    # Harvest: what one fetch may cost; a feed on a private network must be allowed one by one.
    "TTDN_CATALOG_FEED_MAX_BYTES": 5 * 1024 * 1024,
    "TTDN_CATALOG_FEED_TIMEOUT": 20.0,  # seconds for the whole response
    "TTDN_CATALOG_FEED_CONNECT_TIMEOUT": 5.0,
    "TTDN_CATALOG_FEED_MAX_REDIRECTS": 5,
    "TTDN_CATALOG_FEED_MAX_ENTRIES": 200,
    "TTDN_CATALOG_HARVEST_TICK_MINUTES": 5,
    # Near-duplicate titles: Jaccard similarity of folded character trigrams.
    "TTDN_CATALOG_DUPLICATE_THRESHOLD": 0.8,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
