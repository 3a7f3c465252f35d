"""Reading what a source sent: an RSS/Atom feed, a news sitemap, or a section page.

Pure: bytes in, `FeedEntry`s out. XML is checked with defusedxml before feedparser sees it
(no DTD entities, no external references); a feed that is merely malformed (a raw '&', a
missing end tag) is still read by feedparser's lenient parser, because outlets publish such
feeds and refusing them would lose news.
"""

from __future__ import annotations

import calendar
import datetime
import html
import re
import warnings
import xml.etree.ElementTree as StdET

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

from ttdn.core.text import nfc
from ttdn.monitoring.pipeline.types import FeedEntry
from ttdn.monitoring.pipeline.urls import absolute, domain

_TAG = re.compile(r"<[^>]+>")
_XML_START = re.compile(rb"^\s*(?:\xef\xbb\xbf)?\s*<(\?xml|rss|feed|rdf:RDF|urlset|sitemapindex)\b")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_LOCAL_DATE_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)
_ARTICLE_PATH = re.compile(r"(\d{5,}|\.html?$|\.vnp$|\.vov$|/\d{4}/\d{2}/)")


class FeedError(Exception):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


def strip_tags(value: str) -> str:
    return nfc(html.unescape(_TAG.sub(" ", value or "")))


def detect(content: bytes) -> str:
    """'feed', 'sitemap' or 'page' from the first bytes."""
    head = content[:2048]
    match = _XML_START.match(head)
    if match:
        if b"<urlset" in content[:4096] or b"<sitemapindex" in content[:4096]:
            return "sitemap"
        return "feed"
    if b"<rss" in head or b"<feed" in head:
        return "feed"
    return "page"


def check_xml(content: bytes) -> None:
    """Refuse XML that declares entities or a DTD (billion laughs, external entities)."""
    if _DOCTYPE.search(content[:65536]):
        raise FeedError(
            _("The feed declares a DTD or entities, which TTĐN refuses for safety."),
            code="hostile_xml",
        )
    try:
        SafeET.fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FeedError(
            _("The feed declares a DTD or entities, which TTĐN refuses for safety."),
            code="hostile_xml",
        ) from None
    except StdET.ParseError:
        return  # malformed but harmless: feedparser's lenient parser will try


def local_date(value: str, tz: datetime.tzinfo) -> datetime.datetime | None:
    """A date written in one of the forms Vietnamese outlets use, in the province's zone."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(re.sub(r"\s+([+-]\d\d:?\d\d)$", r"\1", value))
    except ValueError:
        parsed = None
        for pattern in _LOCAL_DATE_FORMATS:
            try:
                parsed = datetime.datetime.strptime(value, pattern)  # noqa: DTZ007 — zone added below
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def _struct_date(entry, *names) -> datetime.datetime | None:
    for name in names:
        with warnings.catch_warnings():  # feedparser warns about its updated→published mapping
            warnings.simplefilter("ignore", DeprecationWarning)
            value = entry.get(name)
        if value:
            return datetime.datetime.fromtimestamp(calendar.timegm(value), tz=datetime.UTC)
    return None


def parse_feed(content: bytes, *, base_url: str, tz: datetime.tzinfo) -> list[FeedEntry]:
    check_xml(content)
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    entries = []
    for entry in parsed.entries:
        url = absolute(base_url, entry.get("link") or entry.get("id") or "")
        if not url:
            continue
        published = _struct_date(entry, "published_parsed", "updated_parsed") or local_date(
            entry.get("published") or entry.get("updated") or "", tz
        )
        entries.append(
            FeedEntry(
                url=url,
                title=strip_tags(entry.get("title", "")),
                summary=strip_tags(entry.get("summary", ""))[:2000],
                published=published,
                author=strip_tags(entry.get("author", ""))[:200],
            )
        )
    if not entries and parsed.get("bozo"):
        raise FeedError(
            _("The source did not send a readable feed (%(error)s).")
            % {"error": type(parsed.get("bozo_exception")).__name__},
            code="unreadable",
        )
    return entries


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_sitemap(content: bytes, *, base_url: str, tz: datetime.tzinfo) -> list[FeedEntry]:
    check_xml(content)
    try:
        root = SafeET.fromstring(
            content, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except (StdET.ParseError, DefusedXmlException):
        raise FeedError(_("The sitemap is not readable XML."), code="unreadable") from None
    entries = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        values: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag)
            if child.text and name not in values:
                values[name] = child.text.strip()
        url = absolute(base_url, values.get("loc", ""))
        if url:
            entries.append(
                FeedEntry(
                    url=url,
                    title=nfc(values.get("title", "")),
                    published=local_date(
                        values.get("publication_date") or values.get("lastmod", ""), tz
                    ),
                )
            )
    return entries


def parse_page(content: bytes, *, base_url: str) -> list[FeedEntry]:
    """Article links of a section page: same site, article-like path, a real headline."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(content)
    except (ValueError, TypeError, StdET.ParseError):
        return []
    except Exception:
        return []
    site = domain(base_url)
    seen: dict[str, FeedEntry] = {}
    for anchor in tree.iter("a"):
        url = absolute(base_url, anchor.get("href", ""))
        if not url or domain(url) != site or url in seen:
            continue
        title = nfc(anchor.get("title") or anchor.text_content() or "")
        if len(title) < 20 or not _ARTICLE_PATH.search(url.split("?")[0]):
            continue
        seen[url] = FeedEntry(url=url, title=title)
    return list(seen.values())


def parse_source(
    content: bytes, *, base_url: str, fmt: str, tz: datetime.tzinfo
) -> list[FeedEntry]:
    kind = detect(content) if fmt == "auto" else fmt
    if kind == "sitemap":
        return parse_sitemap(content, base_url=base_url, tz=tz)
    if kind == "page":
        return parse_page(content, base_url=base_url)
    return parse_feed(content, base_url=base_url, tz=tz)
