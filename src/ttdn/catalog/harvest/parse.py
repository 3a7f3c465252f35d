"""Feed bytes → plain entries. Pure: no network, no database.

The XML is checked with defusedxml before feedparser sees it: a document that declares
entities (how 'billion laughs' and external-entity attacks are built) is refused outright;
a document that is merely not well-formed (a raw '&' in an attribute, as real feeds have)
goes on to feedparser's lenient parser.
"""

from __future__ import annotations

import calendar
import datetime
import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.catalog.search.text import html_to_text
from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_LOOSE_DATES = (
    "%m/%d/%Y %I:%M:%S %p",  # Báo Chính phủ: 9/14/2026 6:44:00 PM
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)


class FeedError(ApplicationError):
    """The content is not a feed TTĐN will read; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str
    summary: str = ""
    published: datetime.date | None = None
    guid: str = ""


@dataclass
class ParsedFeed:
    title: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def guard_xml(content: bytes) -> None:
    if _ENTITY.search(content[:200_000]):
        raise FeedError(
            _(
                "The feed declares XML entities, which is how 'billion laughs' and "
                "external-entity attacks are built; TTĐN refuses it."
            ),
            extra={"code": "xml_entities"},
        )
    try:
        defusedxml.ElementTree.fromstring(content, forbid_dtd=False)
    except DefusedXmlException:
        raise FeedError(
            _("The feed uses XML features TTĐN refuses (entities or external references)."),
            extra={"code": "xml_entities"},
        ) from None
    except ParseError:
        pass  # not well-formed: feedparser's lenient parser may still read it


def _text(value: str) -> str:
    return nfc(html.unescape(re.sub(r"<[^>]+>", " ", value or "")))


def _date(entry) -> datetime.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = dict.get(entry, key)  # plain dict access: no feedparser fallback mapping
        if parsed:
            moment = datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)
            return timezone.localdate(moment)
    for key in ("published", "updated"):
        raw = nfc(dict.get(entry, key) or "")
        for pattern in _LOOSE_DATES:
            try:
                return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007
            except ValueError:
                continue
    return None


def parse_feed(content: bytes, base_url: str = "", max_entries: int = 200) -> ParsedFeed:
    guard_xml(content)
    parsed = feedparser.parse(
        content, sanitize_html=True, response_headers={"content-location": base_url}
    )
    if not parsed.entries:
        if not parsed.get("version"):
            raise FeedError(
                _("The address returned something that is not an RSS or Atom feed."),
                extra={"code": "not_a_feed"},
            )
        return ParsedFeed(title=_text(parsed.feed.get("title", "")))
    result = ParsedFeed(title=_text(parsed.feed.get("title", "")))
    for raw in parsed.entries[:max_entries]:
        title = _text(raw.get("title", ""))
        link = (raw.get("link") or "").strip()
        if link:
            link = urljoin(base_url, link)
        summary = raw.get("summary") or ""
        if not summary and raw.get("content"):
            summary = raw["content"][0].get("value", "")
        result.entries.append(
            FeedEntry(
                title=title,
                link=link,
                summary=html_to_text(summary)[:4000],
                published=_date(raw),
                guid=(raw.get("id") or "")[:500],
            )
        )
    if len(parsed.entries) > max_entries:
        result.problems.append(
            _("The feed has %(count)s entries; only the first %(max)s were read.")
            % {"count": len(parsed.entries), "max": max_entries}
        )
    return result
