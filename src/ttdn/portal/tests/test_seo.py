"""What search engines read: sitemaps with reciprocal hreflang alternates whose every
address answers 200, the same alternates in each page's head, canonical addresses, JSON-LD,
Open Graph, robots.txt."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from ttdn.portal.links import item_path
from ttdn.portal.services import placement_add
from ttdn.portal.tests.helpers import SITEMAP, alternates, json_ld, path_of, sitemap_entries

pytestmark = pytest.mark.django_db

LANGS = ("vi", "en", "lo")


@pytest.fixture
def site(make_item, coordinator, attach):
    """A small site: works in three, two and one language(s), an event, a video, an album."""
    three = make_item(
        "Hợp tác Việt – Lào",
        versions={"en": "Việt Nam–Laos cooperation", "lo": "ການຮ່ວມມື ຫວຽດນາມ - ລາວ"},
    )
    attach(three["vi"], "Ảnh hợp tác")
    two = make_item(
        "Lễ hội Làng Sen",
        kind="event",
        topics=["culture-heritage"],
        versions={"en": "Sen Village Festival"},
    )
    video = make_item("Phim về Pù Mát", kind="video", versions={"en": "A film on Pù Mát"})
    attach(video["vi"])
    album = make_item("Bộ ảnh Kim Liên", kind="photo_album", topics=["ho-chi-minh"])
    attach(album, "Ảnh một")
    attach(album, "Ảnh hai")
    english = make_item("Investor guide", language="en", topics=["investment"])
    lao = make_item("ແຂວງເງ້ອານ", language="lo", topics=["vietnam-laos"])
    placement_add(actor=coordinator, section="highlight", item=three["vi"])
    return {"three": three, "two": two, "video": video, "album": album, "en": english, "lo": lao}


def _all_entries(client) -> dict[str, dict[str, str]]:
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for loc in index.iter(f"{SITEMAP}loc"):
        response = client.get(path_of(loc.text))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/xml")
        entries.update(sitemap_entries(response.content))
    return entries


def test_sitemaps_list_every_language_and_every_address_answers(client, site):
    entries = _all_entries(client)
    for lang in LANGS:
        assert any(f"/{lang}/" in loc for loc in entries), lang
    addresses = set(entries) | {href for alts in entries.values() for href in alts.values()}
    for address in addresses:
        response = client.get(path_of(address))
        assert response.status_code == 200, address
        html = response.content.decode()
        assert f'<link rel="canonical" href="{address}">' in html, address
    assert f"http://testserver{item_path(site['lo'])}" in entries
    assert f"http://testserver{item_path(site['en'])}" in entries


def test_hreflang_alternates_are_reciprocal_and_match_the_pages(client, site):
    entries = _all_entries(client)
    for loc, alts in entries.items():
        if not alts:
            continue
        codes = {code for code in alts if code != "x-default"}
        assert alts[next(iter(codes & set(LANGS)))] in entries
        assert loc in alts.values(), f"{loc} does not list itself"
        for code, href in alts.items():
            if code == "x-default":
                continue
            assert href in entries, href
            assert entries[href] == alts, f"{href} does not point back to {loc}"
        page = alternates(client.get(path_of(loc)).content.decode())
        assert page == alts, loc


def test_single_language_pages_have_no_alternates(client, site):
    entries = _all_entries(client)
    lone = f"http://testserver{item_path(site['en'])}"
    assert entries[lone] == {}
    assert alternates(client.get(item_path(site["en"])).content.decode()) == {}


def _ld(client, path, kind):
    blocks = [b for b in json_ld(client.get(path).content.decode()) if b["@type"] == kind]
    assert blocks, f"no {kind} on {path}"
    block = blocks[0]
    assert block["@context"] == "https://schema.org"
    return block


def test_json_ld_of_the_home_page(client, site):
    org = _ld(client, "/en/", "GovernmentOrganization")
    assert org["name"] == "Nghệ An Provincial People's Committee"
    assert org["url"] == "http://testserver/en/" and org["logo"]["url"].endswith(".png")
    place = _ld(client, "/lo/", "Place")
    assert place["name"] == "ເງ້ອານ" and place["address"]["addressCountry"] == "VN"
    assert {"latitude", "longitude"} <= set(place["geo"])
    assert _ld(client, "/vi/", "WebSite")["inLanguage"] == "vi"


def test_json_ld_of_items(client, site):
    article = _ld(client, item_path(site["three"]["en"]), "NewsArticle")
    for field in ("headline", "datePublished", "dateModified", "author", "publisher", "image"):
        assert article[field], field
    assert article["inLanguage"] == "en" and article["image"][0].startswith("http://testserver/")
    video = _ld(client, item_path(site["video"]["vi"]), "VideoObject")
    for field in ("name", "description", "thumbnailUrl", "uploadDate"):
        assert video[field], field
    event = _ld(client, item_path(site["two"]["en"]), "Event")
    assert event["name"] == "Sen Village Festival" and re.match(
        r"\d{4}-\d\d-\d\d", event["startDate"]
    )
    assert event["location"]["@type"] == "Place"
    gallery = _ld(client, item_path(site["album"]), "ImageGallery")
    assert len(gallery["image"]) == 2
    crumbs = _ld(client, item_path(site["album"]), "BreadcrumbList")
    assert crumbs["itemListElement"][0]["item"] == "http://testserver/vi/"


def test_json_ld_cannot_break_out_of_its_script(client, make_item):
    item = make_item("Tiêu đề </script><script>alert(1)</script> & <b>")
    html = client.get(item_path(item)).content.decode()
    assert "<script>alert(1)" not in html
    blocks = json_ld(html)
    assert any(b.get("headline", "").startswith("Tiêu đề </script>") for b in blocks)


def test_open_graph_and_twitter(client, site):
    html = client.get(item_path(site["three"]["en"])).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<meta property="og:locale:alternate" content="lo_LA">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/portal-files/\d+/\d+\.webp">', html
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    home = client.get("/vi/").content.decode()
    assert re.search(
        r'<meta property="og:image" content="http://testserver/static/portal/share[^"]*\.png">',
        home,
    )


def test_robots_txt(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for prefix in ("/admin/", "/catalog/", "/api/", "/reports/", "/monitoring/", "/feedback/t/"):
        assert f"Disallow: {prefix}" in text
    assert "Disallow: /vi/preview/" in text


def test_base_url_setting_makes_absolute_addresses(client, site, settings):
    settings.TTDN_PORTAL_BASE_URL = "https://ttdn.nghean.gov.vn"
    html = client.get("/en/").content.decode()
    assert '<link rel="canonical" href="https://ttdn.nghean.gov.vn/en/">' in html
    assert "https://ttdn.nghean.gov.vn/en/" in client.get("/en/sitemap.xml").content.decode()
