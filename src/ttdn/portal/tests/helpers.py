"""Parsing helpers for portal tests: JSON-LD blocks, hreflang links, sitemaps."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ALT_RE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in LD_RE.findall(html)]


def alternates(html: str) -> dict[str, str]:
    return dict(ALT_RE.findall(html))


def sitemap_entries(xml: bytes) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} of a sitemap."""
    root = ElementTree.fromstring(xml)
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        entries[loc] = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
    return entries


def path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
