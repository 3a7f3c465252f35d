"""What search engines and social networks read: title, description, canonical address,
hreflang alternates, Open Graph and Twitter cards, schema.org JSON-LD."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from ttdn.catalog.choices import ItemKind
from ttdn.portal.languages import language
from ttdn.portal.links import absolute, page_path
from ttdn.portal.profile import named, profile
from ttdn.portal.ui import ui

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SHARE_IMAGE = "portal/share.png"
LOGO = "portal/emblem-512.png"


@dataclass
class Seo:
    title: str
    description: str
    canonical: str
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, url)
    og_type: str = "website"
    image: str = ""
    image_alt: str = ""
    image_size: tuple[int, int] | None = None
    noindex: bool = False
    jsonld: list[dict] = field(default_factory=list)
    published: str = ""
    modified: str = ""

    def scripts(self) -> list[SafeString]:
        return [json_ld(block) for block in self.jsonld]


def json_ld(data: dict) -> SafeString:
    """JSON safe inside a <script> element (as Django's json_script escapes it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return mark_safe(text.translate(JSON_ESCAPES))


def og_locale(lang: str) -> str:
    return language(lang).og_locale


def share_image(request) -> str:
    return absolute(request, static(SHARE_IMAGE))


def place(request, lang: str) -> dict:
    province, _ = named("province", lang)
    country, _ = named("country", lang)
    geo = profile().get("geo") or {}
    data = {
        "@type": "Place",
        "@id": absolute(request, page_path("home", lang)) + "#place",
        "name": province,
        "address": {
            "@type": "PostalAddress",
            "addressRegion": province,
            "addressCountry": profile().get("country_code", "VN"),
        },
        "containedInPlace": {"@type": "Country", "name": country},
    }
    if geo:
        data["geo"] = {"@type": "GeoCoordinates", **geo}
    return data


def organisation(request, lang: str) -> dict:
    name, _ = named("organisation", lang)
    data = {
        "@type": "GovernmentOrganization",
        "@id": absolute(request, page_path("home", lang)) + "#organisation",
        "name": name,
        "url": absolute(request, page_path("home", lang)),
        "logo": {"@type": "ImageObject", "url": absolute(request, static(LOGO))},
        "areaServed": {"@type": "Place", "name": named("province", lang)[0]},
    }
    if profile().get("official_site"):
        data["sameAs"] = [profile()["official_site"]]
    return data


def _publisher(request, lang: str) -> dict:
    org = organisation(request, lang)
    return {key: org[key] for key in ("@type", "@id", "name", "url", "logo")}


def _author(item, lang: str) -> dict:
    agency = item.agency
    name = agency.name_en if lang != "vi" and agency.name_en else agency.name
    return {"@type": "GovernmentOrganization", "name": name}


def item_ld(request, page, lang: str, *, url: str, images: list[str]) -> list[dict]:
    """The structured data of an item page, by its kind."""
    item = page.item
    published = item.published_at.isoformat() if item.published_at else None
    modified = (item.content_updated_at or item.updated_at or item.published_at).isoformat()
    common = {
        "@context": "https://schema.org",
        "inLanguage": item.language,
        "url": url,
        "mainEntityOfPage": url,
        "description": item.summary[:300] or item.title,
        "publisher": _publisher(request, lang),
    }
    if images:
        common["image"] = images
    if item.kind == ItemKind.VIDEO:
        data = {
            "@type": "VideoObject",
            "name": item.title,
            "thumbnailUrl": images or [share_image(request)],
            "uploadDate": published,
            **{k: v for k, v in common.items() if k != "image"},
        }
        if page.videos:
            from django.urls import reverse

            data["contentUrl"] = absolute(
                request, reverse("portal_files:file", kwargs={"pk": page.videos[0].pk})
            )
        elif item.original_url:
            data["embedUrl"] = item.original_url
    elif item.kind == ItemKind.EVENT:
        start = item.published_on or (item.published_at.date() if item.published_at else None)
        data = {
            "@type": "Event",
            "name": item.title,
            "startDate": start.isoformat() if start else published,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": place(request, lang),
            "organizer": _author(item, lang),
            **{k: v for k, v in common.items() if k != "publisher"},
        }
    elif item.kind == ItemKind.PHOTO_ALBUM:
        data = {"@type": "ImageGallery", "name": item.title, "datePublished": published, **common}
    elif item.kind in (ItemKind.PUBLICATION, ItemKind.DOCUMENT):
        data = {
            "@type": "DigitalDocument",
            "name": item.title,
            "datePublished": published,
            "author": _author(item, lang),
            **common,
        }
    else:
        data = {
            "@type": "NewsArticle",
            "headline": item.title[:110],
            "datePublished": published,
            "dateModified": modified,
            "author": _author(item, lang),
            "isAccessibleForFree": True,
            **common,
        }
    return [data]


def breadcrumbs(request, trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(request, path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def home_ld(request, lang: str) -> list[dict]:
    org = {"@context": "https://schema.org", **organisation(request, lang)}
    site = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": ui("site.name", lang, province=named("province", lang)[0]),
        "url": absolute(request, page_path("home", lang)),
        "inLanguage": lang,
        "publisher": {"@id": org["@id"]},
    }
    return [org, {"@context": "https://schema.org", **place(request, lang)}, site]
