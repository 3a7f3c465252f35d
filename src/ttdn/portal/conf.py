"""The portal's settings, each with its default; `config/settings` may override any of them."""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Languages of the public site, in the order the language switcher shows them. Each one
    # needs its column in data/ui.json (a system check says which text is missing).
    "TTDN_PORTAL_LANGUAGES": ["vi", "en", "lo"],
    # The address search engines and feeds see, e.g. https://ttdn.nghean.gov.vn; empty = the
    # address of the request.
    "TTDN_PORTAL_BASE_URL": "",
    "TTDN_PORTAL_PAGE_SIZE": 12,
    "TTDN_PORTAL_FEED_SIZE": 30,
    "TTDN_PORTAL_SITEMAP_SIZE": 10_000,
    # How long a coordinator's preview link works.
    "TTDN_PORTAL_PREVIEW_HOURS": 72,
    # Widths of the WebP copies of an image (srcset); none is wider than the original.
    "TTDN_PORTAL_IMAGE_WIDTHS": [320, 640, 960, 1280],
    # A cached page is dropped after this long even if nothing changed (topic renames in the
    # admin, which leave no trace the version can see, show up within this time).
    "TTDN_PORTAL_CACHE_SECONDS": 600,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
