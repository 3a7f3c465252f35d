"""The public portal in Vietnamese, English and Lao, at desktop and phone widths: a reader
arrives on the home page, opens a topic and an item, switches language, meets a work that
has no version in their language; the keyboard reaches everything; nothing is loaded from
another site. Screenshots: artifacts/screenshots/portal-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ttdn.accounts.choices import Role

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
HEADINGS = {
    "vi": "Tổng quan về tỉnh Nghệ An",
    "en": "Nghệ An Province at a glance",
    "lo": "ແຂວງເງ້ອານ ໂດຍຫຍໍ້",
}
MISSING = {
    "vi": "Nội dung này chưa có bản tiếng Việt",
    "en": "This is not available in English",
    "lo": "ເນື້ອໃນນີ້ຍັງບໍ່ມີເປັນພາສາລາວ",
}


@pytest.fixture
def portal(default_data, make_user, settings, tmp_path):
    from django.core.cache import caches

    from ttdn.catalog.services.defaults import catalog_load_default
    from ttdn.portal.demo import demo_content_load
    from ttdn.portal.services import facts_load_default

    settings.MEDIA_ROOT = tmp_path / "media"
    caches["portal"].clear()
    catalog_load_default()
    facts_load_default()
    make_user(Role.COORDINATOR, "so-vhttdl", username="dieuphoi")
    assert demo_content_load() >= 10
    yield
    caches["portal"].clear()


def _work(title_start: str):
    from ttdn.catalog.models import Item

    return Item.objects.get(title__startswith=title_start)


def _third_party(page, base: str) -> list[str]:
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(base) and not request.url.startswith("data:")
            else None
        ),
    )
    return outside


def _scroll(page):
    """Bring lazy images in before a full-page screenshot."""
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) "
        "{ window.scrollTo(0, y); await new Promise(r => setTimeout(r, 60)); } "
        "window.scrollTo(0, 0); }"
    )
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["vi", "en", "lo"])
def test_portal_in_each_language(live_server, page, shot, portal, lang):
    from ttdn.portal.links import item_path

    outside = _third_party(page, live_server.url)
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append((page.url, message.text)) if message.type == "error" else None
        ),
    )

    # Home: the province at a glance, highlights, the page's language everywhere
    page.goto(f"{live_server.url}/{lang}/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[lang])
    expect(page.get_by_test_id("facts").locator("li")).to_have_count(6)
    expect(page.get_by_test_id("highlights").locator("li").first).to_be_visible()
    # keyboard: the first Tab reaches the skip link, which moves focus to the content
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    _scroll(page)
    shot(page, f"portal-{lang}-home")

    # A topic page, reached from the home page's topic list
    page.goto(f"{live_server.url}/{lang}/topics/vietnam-laos/")
    expect(page.get_by_test_id("listing").locator("li").first).to_be_visible()
    _scroll(page)
    shot(page, f"portal-{lang}-topic")

    # An item in three languages; the switcher goes to the same work in another language
    partners = {
        "vi": _work("Nghệ An và các tỉnh bạn Lào"),
        "en": _work("Nghệ An and its Lao partner"),
        "lo": _work("ແຂວງເງ້ອານ ແລະ ບັນດາແຂວງ"),
    }
    page.goto(live_server.url + item_path(partners[lang]))
    expect(page.get_by_test_id("item-title")).to_have_text(partners[lang].title)
    other = "en" if lang != "en" else "lo"
    expect(page.get_by_test_id("other-versions").locator(f'a[lang="{other}"]')).to_have_text(
        partners[other].title
    )
    _scroll(page)
    shot(page, f"portal-{lang}-item")
    page.get_by_test_id(f"language-{other}").click()
    expect(page).to_have_url(re.compile(re.escape(item_path(partners[other])) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", other)

    # A work without a version in this language: the notice and the versions that exist
    lone = {"vi": _work("Investor guide"), "en": _work("Cháo lươn"), "lo": _work("Cháo lươn")}
    page.goto(f"{live_server.url}/{lang}/items/{lone[lang].pk}/")
    notice = page.get_by_test_id("missing-language")
    expect(notice.get_by_role("heading", level=1)).to_have_text(MISSING[lang])
    version = notice.locator(f'a[lang="{lone[lang].language}"]')
    expect(version).to_have_text(lone[lang].title)
    shot(page, f"portal-{lang}-missing")
    version.click()
    expect(page.locator("html")).to_have_attribute("lang", lone[lang].language)

    # Phone width: the same pages, nothing wider than the screen
    page.set_viewport_size(PHONE)
    for name, path in (("home", f"/{lang}/"), ("item", item_path(partners[lang]))):
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} is {width}px wide on a phone"
        _scroll(page)
        shot(page, f"portal-{lang}-{name}-phone")

    assert outside == [], outside
    # the only error is the 404 status of the 'not in this language' page, which is meant
    assert [e for e in errors if f"/items/{lone[lang].pk}/" not in e[0]] == [], errors


def test_every_element_in_another_language_says_so(live_server, page, portal):
    """On the Lao home page, text that is not Lao (sources, language names) is marked."""
    page.goto(f"{live_server.url}/lo/")
    unmarked = page.evaluate(
        """() => {
        const latin = /[A-Za-z\u00c0-\u024f\u1e00-\u1eff]{3,}/;
        const bad = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode;
          const text = node.textContent.trim();
          if (!latin.test(text)) continue;
          const lang = node.parentElement.closest('[lang]').getAttribute('lang');
          const words = text.match(/[A-Za-z\u00c0-\u024f\u1e00-\u1eff]{3,}/g) || [];
          const names = ['RSS', 'Atom', 'XML', 'WCAG', 'OCOP'];  // format and standard names
          if (lang === 'lo' && words.some(w => !names.includes(w))) bad.push(text);
        }
        return bad;
      }"""
    )
    assert unmarked == [], unmarked
