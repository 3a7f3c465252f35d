"""The public pages. Each parses the address, calls a selector, renders; the page cache
(`cache.cached_page`) serves repeats. Templates are rendered without the request, so no
cookie, CSRF token or user detail can end up in a cached page."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string

from ttdn.catalog.choices import ItemKind, ItemStatus
from ttdn.catalog.services.items import sanitise_body
from ttdn.portal import selectors, seo
from ttdn.portal.cache import cached_page
from ttdn.portal.images import picture
from ttdn.portal.languages import language, portal_languages
from ttdn.portal.links import absolute, item_path, item_path_in, page_path
from ttdn.portal.profile import named
from ttdn.portal.services import preview_item_id
from ttdn.portal.text import agency_label, topic_label
from ttdn.portal.ui import ui

CSP = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
    "script-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
NAV = ("home", "topics", "news", "videos", "photos", "publications", "press", "events")


# Rendering ----------------------------------------------------------------------------


def page_number(request) -> int | None:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 10_000 else None


def _switcher(lang: str, paths: dict[str, str], missing: set[str] = frozenset()) -> list[dict]:
    """Links to this page in every portal language; `missing` ones lead to the 'not in this
    language' page and are marked nofollow for crawlers."""
    return [
        {
            "code": code,
            "native": language(code).native,
            "url": paths[code],
            "current": code == lang,
            "missing": code in missing,
        }
        for code in portal_languages()
    ]


def _same_page(name: str, **kwargs) -> dict[str, str]:
    return {code: page_path(name, code, **kwargs) for code in portal_languages()}


def alternates_for(request, paths: dict[str, str]) -> list[tuple[str, str]]:
    """hreflang alternates of a page that exists in several languages (none for a page in
    one language): each version, and x-default = the first in the portal's order. Pages and
    sitemaps both use this, so what they say agrees."""
    pairs = [(code, absolute(request, paths[code])) for code in portal_languages() if code in paths]
    if len(pairs) < 2:
        return []
    return [*pairs, ("x-default", pairs[0][1])]


def _render(
    request,
    lang: str,
    template: str,
    *,
    seo_data,
    switch,
    active="",
    status=200,
    missing=(),
    **extra,
):
    province = named("province", lang)[0]
    context = {
        "lang": lang,
        "province": province,
        "site_name": ui("site.name", lang, province=province),
        "seo": seo_data,
        "switcher": _switcher(lang, switch, set(missing)),
        "nav": [(key, page_path(key, lang), key == active) for key in NAV],
        "feed_rss": page_path("feed", lang, fmt="rss"),
        "feed_atom": page_path("feed", lang, fmt="atom"),
        "og_locale": seo.og_locale(lang),
        "og_alternates": [seo.og_locale(c) for c in switch if c != lang],
        **extra,
    }
    response = HttpResponse(render_to_string(template, context), status=status)
    response["Content-Language"] = lang
    response["Content-Security-Policy"] = CSP
    if seo_data.noindex:
        response["X-Robots-Tag"] = "noindex"
    return response


def _seo(request, lang: str, title: str, description: str, path: str, **extra) -> seo.Seo:
    site = ui("site.name", lang, province=named("province", lang)[0])
    return seo.Seo(
        title=f"{title} — {site}" if title != site else site,
        description=description[:300],
        canonical=absolute(request, path),
        image=extra.pop("image", "") or seo.share_image(request),
        **extra,
    )


def not_found(request, lang: str):
    data = _seo(
        request,
        lang,
        ui("error.not_found", lang),
        ui("error.not_found.text", lang),
        request.path,
        noindex=True,
    )
    return _render(
        request,
        lang,
        "portal/not_found.html",
        seo_data=data,
        switch=_same_page("home"),
        status=404,
    )


@cached_page
def not_found_view(request, lang: str, rest: str = ""):
    return not_found(request, lang)


# Home, topics, sections ---------------------------------------------------------------


@cached_page
def home_view(request, lang: str):
    site = ui("site.name", lang, province=named("province", lang)[0])
    paths = _same_page("home")
    data = _seo(
        request,
        lang,
        site,
        named("description", lang)[0],
        paths[lang],
        alternates=alternates_for(request, paths),
        jsonld=seo.home_ld(request, lang),
    )
    return _render(
        request,
        lang,
        "portal/home.html",
        seo_data=data,
        switch=paths,
        active="home",
        home=selectors.home(lang),
        lead=named("lead", lang),
    )


@cached_page
def topics_view(request, lang: str):
    paths = _same_page("topics")
    data = _seo(
        request,
        lang,
        ui("nav.topics", lang),
        ui("topics.description", lang),
        paths[lang],
        alternates=alternates_for(request, paths),
    )
    return _render(
        request,
        lang,
        "portal/topics.html",
        seo_data=data,
        switch=paths,
        active="topics",
        topics=selectors.topics_with_counts(lang),
    )


def _listing_page(request, lang, *, name, kwargs, title, description, listing, languages, extra):
    page = listing.page if listing else 1
    paths = {c: page_path(name, c, **kwargs) for c in portal_languages()}
    suffix = f"?page={page}" if page > 1 else ""
    empty = listing is None or not listing.cards
    alternates = {c: paths[c] + suffix for c in portal_languages() if c in languages}
    data = _seo(
        request,
        lang,
        title if page == 1 else f"{title} ({page})",
        description,
        paths[lang] + suffix,
        noindex=empty,
        alternates=[] if empty or page > 1 else alternates_for(request, alternates),
        jsonld=[
            seo.breadcrumbs(
                request, [(ui("nav.home", lang), page_path("home", lang)), (title, paths[lang])]
            )
        ],
    )
    return _render(
        request,
        lang,
        "portal/listing.html",
        seo_data=data,
        switch=paths,
        listing=listing,
        heading=title,
        intro=description,
        base_path=paths[lang],
        **extra,
    )


@cached_page
def topic_view(request, lang: str, code: str):
    topic = selectors.topic_get(code)
    number = page_number(request)
    if topic is None or number is None:
        return not_found(request, lang)
    listing = selectors.listing(lang, topic=topic, page=number)
    if listing is None:
        return not_found(request, lang)
    label = topic_label(topic, lang)
    return _listing_page(
        request,
        lang,
        name="topic",
        kwargs={"code": code},
        title=str(label),
        description=ui("topic.description", lang, topic=str(label)),
        listing=listing,
        languages=selectors.languages_with(topic=topic),
        extra={
            "active": "topics",
            "heading_lang": label.lang,
            "feed_topic_rss": page_path("topic_feed", lang, code=code, fmt="rss"),
            "feed_topic_atom": page_path("topic_feed", lang, code=code, fmt="atom"),
        },
    )


def section_view(name: str):
    @cached_page
    def view(request, lang: str):
        number = page_number(request)
        listing = selectors.listing(lang, section=name, page=number) if number else None
        if listing is None:
            return not_found(request, lang)
        return _listing_page(
            request,
            lang,
            name=name,
            kwargs={},
            title=ui(f"section.{name}", lang),
            description=ui(f"section.{name}.intro", lang),
            listing=listing,
            languages=selectors.languages_with(section=name),
            extra={
                "active": name
                if name in NAV
                else ("press" if name == "clarifications" else "events")
            },
        )

    view.__name__ = f"{name}_view"
    return view


@cached_page
def about_view(request, lang: str):
    return _text_page(request, lang, "about")


@cached_page
def feedback_view(request, lang: str):
    return _text_page(request, lang, "feedback")


def _text_page(request, lang: str, name: str):
    paths = _same_page(name)
    data = _seo(
        request,
        lang,
        ui(f"{name}.title", lang),
        ui(f"{name}.description", lang),
        paths[lang],
        alternates=alternates_for(request, paths),
    )
    return _render(
        request,
        lang,
        f"portal/{name}.html",
        seo_data=data,
        switch=paths,
        topics=selectors.topics_with_counts(lang, non_empty=True) if name == "about" else [],
    )


# Items --------------------------------------------------------------------------------


@cached_page
def item_view(request, lang: str, pk: int, slug: str = ""):
    item = selectors.item_find(pk)
    if item is None:
        return not_found(request, lang)
    if item.language != lang:
        versions = selectors.versions_of(item)
        if lang in versions:
            return HttpResponsePermanentRedirect(item_path(versions[lang]))
        return _missing_language(request, lang, item, versions)
    if request.path != item_path(item):
        return HttpResponsePermanentRedirect(item_path(item))
    return _item_response(request, item)


def _missing_language(request, lang, item, versions):
    """The work exists, not in this language: say so, and link the versions that exist."""
    paths = {c: item_path_in(c, item) for c in portal_languages()}
    paths.update({c: item_path(v) for c, v in versions.items()})
    data = _seo(
        request,
        lang,
        ui("missing.title", lang),
        ui("missing.text", lang),
        request.path,
        noindex=True,
    )
    return _render(
        request,
        lang,
        "portal/missing_language.html",
        seo_data=data,
        switch=paths,
        status=404,
        missing=set(portal_languages()) - set(versions),
        versions=[(language(c).native, v, item_path(v)) for c, v in versions.items()],
    )


def _pictures(page, lang: str, preview: str) -> list:
    images = page.images
    total = len(images)
    result = []
    for index, media in enumerate(images):
        alt = selectors.alt_text(media, page.item.title, lang, index, total)
        result.append(
            {
                "picture": picture(media, alt, preview=preview),
                "caption": media.caption if media.caption and media.item.language == lang else "",
            }
        )
    return result


def _item_response(request, item, *, preview: str = ""):
    lang = item.language
    page = selectors.item_page(item, preview=bool(preview))
    paths = {c: item_path_in(c, item) for c in portal_languages()}
    paths.update({c: item_path(v) for c, v in page.versions.items()})
    url = absolute(request, item_path(item))
    pictures = _pictures(page, lang, preview)
    image_urls = [
        absolute(request, p["picture"].srcset.split(", ")[-1].rsplit(" ", 1)[0]) for p in pictures
    ]
    trail = [(ui("nav.home", lang), page_path("home", lang))]
    if page.topics:
        trail.append(
            (
                str(topic_label(page.topics[0], lang)),
                page_path("topic", lang, code=page.topics[0].code),
            )
        )
    trail.append((item.title, item_path(item)))
    data = _seo(
        request,
        lang,
        item.title,
        item.summary or item.body_text[:300] or item.title,
        item_path(item),
        alternates=alternates_for(request, {c: item_path(v) for c, v in page.versions.items()}),
        og_type={ItemKind.VIDEO: "video.other"}.get(item.kind, "article"),
        image=image_urls[0] if image_urls else "",
        image_alt=pictures[0]["picture"].alt if pictures else "",
        jsonld=seo.item_ld(request, page, lang, url=url, images=image_urls[:3])
        + [seo.breadcrumbs(request, trail)],
        published=item.published_at.isoformat() if item.published_at else "",
        modified=(item.content_updated_at or item.updated_at).isoformat(),
        noindex=bool(preview),
    )
    others = [(language(c).native, v, item_path(v)) for c, v in page.versions.items() if c != lang]
    return _render(
        request,
        lang,
        "portal/item.html",
        seo_data=data,
        switch=paths,
        missing=set(portal_languages()) - set(page.versions),
        active=_nav_for(item.kind),
        page=page,
        item=item,
        body=sanitise_body(item.body),
        pictures=pictures,
        others=others,
        preview=preview,
        agency=agency_label(item.agency, lang),
        topic_labels=[(t, topic_label(t, lang)) for t in page.topics],
        trail=trail[:-1],
        source_language=language(page.source.language).native if page.source else "",
        source_url=item_path(page.source) if page.source else "",
        is_live=selectors.is_visible(item) if preview else True,
        status_label=_status_label(item, lang) if preview else "",
    )


def _nav_for(kind: str) -> str:
    for name, spec in selectors.SECTIONS.items():
        if kind in spec.get("kinds", ()):
            return name
    return ""


def _status_label(item, lang: str) -> str:
    from django.utils import timezone

    from ttdn.portal.formats import datetime_text

    if (
        item.status == ItemStatus.PUBLISHED
        and item.published_at
        and item.published_at > timezone.now()
    ):
        return ui("preview.scheduled", lang, when=datetime_text(item.published_at, lang))
    if selectors.is_visible(item):
        return ui("preview.live", lang)
    return ui("preview.not_live", lang)


def preview_view(request, lang: str, token: str):
    """A coordinator's signed link: the item's page as it will look, never cached."""
    pk = preview_item_id(token)
    item = selectors.item_find(pk, preview=True) if pk else None
    if item is None or item.status == ItemStatus.ARCHIVED:
        response = not_found(request, lang)
    elif item.language != lang:
        return HttpResponsePermanentRedirect(page_path("preview", item.language, token=token))
    else:
        response = _item_response(request, item, preview=token)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
