"""Pages in every language: content only in the reader's language, the fallback notice
when a work has no version in it, slugs, feeds."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from ttdn.portal.links import item_path, slug_for

pytestmark = pytest.mark.django_db

PAGES = [
    "",
    "topics/",
    "topics/tourism/",
    "news/",
    "videos/",
    "photos/",
    "publications/",
    "events/",
    "press/",
    "clarifications/",
    "contests/",
    "about/",
    "feedback/",
]


@pytest.mark.parametrize("lang", ["vi", "en", "lo"])
def test_every_page_answers_in_its_language(client, make_item, lang):
    make_item("Du lịch Nghệ An", versions={"en": "Tourism in Nghệ An", "lo": "ການທ່ອງທ່ຽວ"})
    for page in PAGES:
        response = client.get(f"/{lang}/{page}")
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert response["Content-Language"] == lang
        assert "csrfmiddlewaretoken" not in html and "Set-Cookie" not in response


def test_lists_show_only_the_readers_language(client, make_item):
    make_item("Chỉ có tiếng Việt")
    make_item("Only in English", language="en")
    make_item("Bản tiếng Việt", versions={"en": "The English version"})
    english = client.get("/en/").content.decode()
    assert "Only in English" in english and "The English version" in english
    assert "Chỉ có tiếng Việt" not in english and "Bản tiếng Việt" not in english
    vietnamese = client.get("/vi/news/").content.decode()
    assert "Chỉ có tiếng Việt" in vietnamese and "Only in English" not in vietnamese
    lao = client.get("/lo/news/").content.decode()
    assert "Only in English" not in lao and "Chỉ có tiếng Việt" not in lao
    assert 'data-testid="empty"' in lao


def test_missing_version_says_so_and_links_the_versions_that_exist(client, make_item):
    made = make_item("Lễ hội Làng Sen", versions={"en": "Sen Village Festival"})
    response = client.get(f"/lo/items/{made['vi'].pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="missing-language"' in html
    assert "ເນື້ອໃນນີ້ຍັງບໍ່ມີເປັນພາສາລາວ" in html
    assert '<meta name="robots" content="noindex">' in html
    for version in made.values():
        code = version.language
        assert f'<a href="{item_path(version)}" hreflang="{code}" lang="{code}"' in html
    # titles of other versions appear only inside those marked links; no body, no summary
    assert "Nội dung: Lễ hội Làng Sen" not in html and "Body: Sen Village Festival" not in html


def test_a_version_in_the_asked_language_is_a_redirect(client, make_item):
    made = make_item("Hợp tác Việt – Lào", versions={"en": "Việt Nam–Laos cooperation"})
    response = client.get(f"/en/items/{made['vi'].pk}/")
    assert response.status_code == 301
    assert response["Location"] == item_path(made["en"])


def test_unpublished_translation_is_not_offered(client, make_item):
    made = make_item("Tin đã đăng", versions={"en": ("Draft English", "draft")})
    html = client.get(item_path(made["vi"])).content.decode()
    assert "Draft English" not in html
    assert client.get(f"/en/items/{made['vi'].pk}/").status_code == 404


def test_item_page_marks_text_in_other_languages(client, make_item):
    made = make_item("Bản gốc", versions={"en": "The translation", "lo": "ການແປ"})
    html = client.get(item_path(made["en"])).content.decode()
    assert 'data-testid="translation-note"' in html
    assert 'hreflang="vi" lang="vi">Bản gốc</a>' in html
    assert 'hreflang="lo" lang="lo">ການແປ</a>' in html
    # the language switcher names each language in that language
    assert 'lang="lo" hreflang="lo" data-testid="language-lo"' in html


def test_slugs_are_ascii_and_wrong_slugs_redirect(client, make_item):
    assert slug_for("Đường Hồ Chí Minh qua Nghệ An") == "duong-ho-chi-minh-qua-nghe-an"
    assert slug_for("Việt Nam–Laos") == "viet-nam-laos"
    assert slug_for("ແຂວງເງ້ອານ 2026") == ""
    item = make_item("Đặc sản xứ Nghệ")
    assert item_path(item) == f"/vi/items/{item.pk}-dac-san-xu-nghe/"
    assert client.get(item_path(item)).status_code == 200
    wrong = client.get(f"/vi/items/{item.pk}-something-else/")
    assert wrong.status_code == 301 and wrong["Location"] == item_path(item)
    lao = make_item("ແຂວງເງ້ອານ", language="lo")
    assert item_path(lao) == f"/lo/items/{lao.pk}/"
    assert client.get(item_path(lao)).status_code == 200


def test_unknown_pages_are_portal_404s(client):
    for path in [
        "/vi/nothing-here/",
        "/en/topics/no-such-topic/",
        "/lo/items/999999/",
        "/vi/news/?page=99",
        "/vi/news/?page=x",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert b'class="masthead"' in response.content


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_feeds_per_language_and_topic(client, make_item, fmt):
    make_item("Tin du lịch", versions={"en": "Tourism news"})
    make_item("Tin đầu tư", topics=["investment"])
    response = client.get(f"/vi/feed.{fmt}")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    text = ElementTree.tostring(root, encoding="unicode")
    assert "Tin du lịch" in text and "Tin đầu tư" in text and "Tourism news" not in text
    topic = client.get(f"/vi/topics/investment/feed.{fmt}").content.decode()
    assert "Tin đầu tư" in topic and "Tin du lịch" not in topic
    english = client.get(f"/en/feed.{fmt}").content.decode()
    assert "Tourism news" in english and "Tin du lịch" not in english


def test_home_shows_facts_with_sources(client):
    html = client.get("/en/").content.decode()
    assert "468.281" in html and "Land border with Laos" in html
    assert "baonghean.vn" in html
    vietnamese = client.get("/vi/").content.decode()
    assert "468,281" in vietnamese  # decimal comma in Vietnamese
    lao = client.get("/lo/").content.decode()
    assert "ຊາຍແດນຕິດກັບລາວ" in lao
    assert re.search(r'<span lang="vi">Báo Nghệ An</span>', lao)  # a source's name is marked


def test_body_is_cleaned_again_when_shown(client, make_item):
    from ttdn.catalog.models import Item

    item = make_item("Nội dung đã lọc")
    Item.objects.filter(pk=item.pk).update(
        body="<p>ok</p><script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    html = client.get(item_path(item)).content.decode()
    assert "<p>ok</p>" in html and "alert(" not in html
