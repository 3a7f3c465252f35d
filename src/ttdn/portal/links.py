"""Addresses of portal pages: slugs, item and topic links, absolute URLs."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.text import slugify

from ttdn.core.text import fold
from ttdn.portal import conf

SLUG_LENGTH = 80
DASHES = re.compile(r"[\u2010-\u2015/\\]")


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF


def slug_for(title: str) -> str:
    """ASCII, Vietnamese marks removed (đ → d), cut at a word; empty for scripts such as Lao
    that have no Latin letters (their pages have an id-only address)."""
    letters = [c for c in title or "" if c.isalpha()]
    if not letters or sum(_is_latin(c) for c in letters) * 2 < len(letters):
        return ""
    slug = slugify(DASHES.sub(" ", fold(title)))
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def item_path(item) -> str:
    slug = slug_for(item.title)
    if slug:
        return reverse("portal:item", kwargs={"lang": item.language, "pk": item.pk, "slug": slug})
    return reverse("portal:item_bare", kwargs={"lang": item.language, "pk": item.pk})


def item_path_in(lang: str, item) -> str:
    """The address of `item` as asked for in another language (the 'not in this language'
    page, or a redirect to that language's version)."""
    return reverse("portal:item_bare", kwargs={"lang": lang, "pk": item.pk})


def page_path(name: str, lang: str, **kwargs) -> str:
    return reverse(f"portal:{name}", kwargs={"lang": lang, **kwargs})


def base_url(request=None) -> str:
    configured = conf.get("TTDN_PORTAL_BASE_URL")
    if configured:
        return configured.rstrip("/")
    if request is None:
        return ""
    return f"{request.scheme}://{request.get_host()}"


def absolute(request, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return base_url(request) + path
