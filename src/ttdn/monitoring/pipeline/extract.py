"""Extraction: main text (trafilatura), title, date, author (the page's own metadata) and
language (py3langid).

Measured on Vietnamese outlets' pages (docs/apps/monitoring.md): trafilatura's metadata
pass (htmldate) costs a third of the extraction time, while every outlet we checked states
its title, date and author in `<meta>` tags or JSON-LD. So the head is read first with a
regular expression, and trafilatura's metadata extraction runs only for a page that lacks
a title or a date.
"""

from __future__ import annotations

import datetime
import html
import re

import trafilatura

from ttdn.core.text import nfc
from ttdn.monitoring.pipeline.feeds import local_date, strip_tags
from ttdn.monitoring.pipeline.types import Extracted, RawDocument
from ttdn.monitoring.pipeline.urls import domain, normalise_url

MAX_TEXT_CHARS = 100_000
HEAD_BYTES = 300_000
LEAD_CHARS = 400
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))""")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_LD = {
    "date": re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"'),
    "headline": re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){3,500})"'),
    "author": re.compile(
        r'"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){2,120})"'
    ),
}
_META_KEYS = {
    "title": ("og:title", "twitter:title", "headline"),
    "date": (
        "article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date.issued",
        "og:published_time",
    ),
    "author": ("article:author", "author", "dc.creator"),
    "description": ("og:description", "description", "twitter:description"),
}
_DOMAIN_LIKE = re.compile(r"\w\.(vn|com|net|org|gov)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


def _unescape_json(value: str) -> str:
    try:
        import json

        return json.loads(f'"{value}"')
    except ValueError:
        return value


def head_metadata(page: str) -> dict[str, str]:
    """title, date, author, description from `<meta>` tags and JSON-LD (first 300 kB)."""
    head = page[:HEAD_BYTES]
    found: dict[str, str] = {}
    metas: dict[str, str] = {}
    for tag in _META.findall(head):
        attributes = {
            name.lower(): html.unescape(a or b or c) for name, _whole, a, b, c in _ATTR.findall(tag)
        }
        content = attributes.get("content", "").strip()
        if not content:
            continue
        for key in ("property", "name", "itemprop"):
            if attributes.get(key):
                metas.setdefault(attributes[key].lower(), content)
    for field, keys in _META_KEYS.items():
        for key in keys:
            if metas.get(key):
                found[field] = metas[key]
                break
    for field, pattern in _LD.items():
        target = "title" if field == "headline" else field
        if target in found and field != "author":
            continue
        match = pattern.search(head)
        if match:
            found[target] = _unescape_json(match.group(1))
    if "title" not in found:
        match = _TITLE.search(head)
        if match:
            found["title"] = strip_tags(match.group(1))
    return {key: nfc(value) for key, value in found.items() if value}


def _looks_like_site(author: str, url: str) -> bool:
    """An 'author' that is the outlet itself ('VnExpress', 'baochinhphu.vn') is no author."""
    folded = re.sub(r"[^a-z0-9]", "", author.lower())
    site = re.sub(r"[^a-z0-9]", "", domain(url).split(".")[0])
    return bool(_DOMAIN_LIKE.search(author)) or (bool(site) and site in folded)


def _lead(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= LEAD_CHARS:
        return first
    cut = first[:LEAD_CHARS]
    sentences = _SENTENCE_END.split(cut)
    return sentences[0] if len(sentences) > 1 else cut


def detect_language(text: str, hint: str = "") -> str:
    """ISO 639-1 code of `text` (its first 1,000 characters), or `hint` for very short text."""
    sample = text[:1000]
    if len(sample.strip()) < 20:
        return hint or ""
    import py3langid

    return py3langid.classify(sample)[0]


def _main_text(page: str, url: str) -> str:
    result = trafilatura.bare_extraction(
        page,
        url=url or None,
        fast=True,
        with_metadata=False,
        include_comments=False,
        include_images=False,
        include_links=False,
    )
    text = getattr(result, "text", None) if result is not None else None
    return text or ""


def _fallback_metadata(page: str) -> dict[str, str]:
    meta = trafilatura.extract_metadata(page)
    if meta is None:
        return {}
    return {
        key: value
        for key, value in {"title": meta.title, "date": meta.date, "author": meta.author}.items()
        if value
    }


def extract(raw: RawDocument, *, tz: datetime.tzinfo = datetime.UTC) -> Extracted:
    meta: dict[str, str] = {}
    if raw.html:
        meta = head_metadata(raw.html)
        text = _main_text(raw.html, raw.url)
        if not (raw.title or meta.get("title")) or not (raw.published or meta.get("date")):
            meta = {**_fallback_metadata(raw.html), **meta}
    else:
        text = raw.text
    text = "\n".join(nfc(line) for line in (text or "").splitlines() if line.strip())
    text = text[:MAX_TEXT_CHARS]
    title = nfc(raw.title or meta.get("title", "")) or _lead(text)[:200]
    lead = nfc(raw.summary or meta.get("description", "")) or _lead(text)
    published = raw.published or local_date(meta.get("date", ""), tz)
    author = nfc(raw.author or meta.get("author", ""))
    if author and raw.url and _looks_like_site(author, raw.url):
        author = ""
    language = detect_language(f"{title}\n{lead}\n{text}", raw.language_hint)
    return Extracted(
        url=raw.url,
        url_normalised=normalise_url(raw.url),
        title=title[:500],
        lead=lead[:2000],
        text=text,
        author=author[:200],
        published=published,
        language=language,
        source=raw.source or domain(raw.url),
        source_id=raw.source_id,
        source_kind=raw.source_kind,
    )
