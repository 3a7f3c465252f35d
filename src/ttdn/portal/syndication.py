"""Feeds (RSS and Atom, per language and topic), sitemaps with hreflang alternates,
robots.txt — the addresses machines read, cached like the pages."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from ttdn.portal import selectors
from ttdn.portal.cache import cached_page
from ttdn.portal.languages import portal_languages
from ttdn.portal.links import absolute, item_path, page_path
from ttdn.portal.profile import named
from ttdn.portal.text import agency_label, topic_label
from ttdn.portal.ui import ui
from ttdn.portal.views import alternates_for, not_found, page_number


@cached_page
def feed_view(request, lang: str, fmt: str, code: str = ""):
    topic = selectors.topic_get(code) if code else None
    if code and topic is None:
        return not_found(request, lang)
    province = named("province", lang)[0]
    site = ui("site.name", lang, province=province)
    title = f"{topic_label(topic, lang)} — {site}" if topic else site
    link = page_path("topic", lang, code=code) if topic else page_path("home", lang)
    kind = Atom1Feed if fmt == "atom" else Rss201rev2Feed
    feed = kind(
        title=title,
        link=absolute(request, link),
        description=named("description", lang)[0],
        language=lang,
        feed_url=absolute(request, request.path),
        author_name=named("organisation", lang)[0],
    )
    for item in selectors.feed_items(lang, topic):
        address = absolute(request, item_path(item))
        feed.add_item(
            title=item.title,
            link=address,
            description=item.summary or item.body_text[:400],
            unique_id=address,
            pubdate=item.published_at,
            updateddate=item.content_updated_at or item.updated_at,
            author_name=str(agency_label(item.agency, lang)),
        )
    return HttpResponse(feed.writeString("utf-8"), content_type=feed.content_type)


SITEMAP_NS = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
)


@cached_page
def sitemap_index_view(request):
    entries = []
    for code in portal_languages():
        _items, _versions, pages = selectors.sitemap_items(code, 1)
        for number in range(1, pages + 1):
            suffix = f"?page={number}" if number > 1 else ""
            entries.append(absolute(request, page_path("sitemap", code) + suffix))
    body = render_to_string("portal/sitemap_index.xml", {"entries": entries})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@cached_page
def sitemap_view(request, lang: str):
    number = page_number(request)
    items, versions, pages = selectors.sitemap_items(lang, number or 1)
    if number is None or number > pages:
        return not_found(request, lang)
    urls = []
    if number == 1:
        urls += _fixed_pages(request, lang)
    for item in items:
        group = versions.get(item.translation_key, {})
        urls.append(
            {
                "loc": absolute(request, item_path(item)),
                "lastmod": (item.updated_at or item.published_at).date().isoformat(),
                "alternates": alternates_for(request, {c: item_path(v) for c, v in group.items()}),
            }
        )
    body = render_to_string("portal/sitemap.xml", {"urls": urls, "namespaces": SITEMAP_NS})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _fixed_pages(request, lang: str) -> list[dict]:
    """Home, topic and section pages that have content in `lang`, with the languages in
    which the same page has content (the same set on every side, so alternates agree)."""
    pages = [
        ("home", {}, set(portal_languages())),
        ("topics", {}, set(portal_languages())),
        ("about", {}, set(portal_languages())),
        ("feedback", {}, set(portal_languages())),
    ]
    for name in selectors.SECTIONS:
        pages.append((name, {}, selectors.languages_with(section=name)))
    for row in selectors.topics_with_counts(lang, non_empty=True):
        pages.append(("topic", {"code": row.topic.code}, selectors.languages_with(topic=row.topic)))
    urls = []
    for name, kwargs, languages in pages:
        if lang not in languages:
            continue
        paths = {c: page_path(name, c, **kwargs) for c in languages}
        urls.append(
            {
                "loc": absolute(request, page_path(name, lang, **kwargs)),
                "lastmod": "",
                "alternates": alternates_for(request, paths),
            }
        )
    return urls


INTERNAL_PREFIXES = (
    "/accounts/",
    "/agencies/",
    "/plans/",
    "/reports/",
    "/monitoring/",
    "/notifications/",
    "/exports/",
    "/catalog/",
    "/api/",
    "/admin/",
    "/i18n/",
    "/portal/",
    "/feedback/t/",
)


@cached_page
def robots_view(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}" for prefix in INTERNAL_PREFIXES]
    lines += [f"Disallow: /{code}/preview/" for code in portal_languages()]
    lines += ["Allow: /", "", f"Sitemap: {absolute(request, '/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
