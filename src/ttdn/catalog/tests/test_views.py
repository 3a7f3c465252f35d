"""The pages: search (page and htmx fragment), item, form, translation, review, coverage,
duplicates, feeds, tokens, exports — and a query count that does not grow with results."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ttdn.catalog.models import AgencyToken, Feed, Item, MediaFile
from ttdn.catalog.tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_search_page_and_fragment(client, officer, make_item):
    make_item("Du lịch biển Cửa Lò", status="published", summary="Biển <b>đẹp</b> & sạch")
    client.force_login(officer)
    page = client.get("/catalog/", {"q": "cua lo"}).content.decode()
    assert 'data-testid="catalog-q"' in page and page.count('data-testid="search-result"') == 1
    assert (
        "<mark>Cửa</mark> <mark>Lò</mark>" in page and "Biển &lt;b&gt;đẹp&lt;/b&gt; &amp;" in page
    )
    fragment = client.get("/catalog/", {"q": "cua lo"}, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="search-region"') and "<html" not in fragment


def test_the_public_search_shows_published_items_only(client, make_item):
    make_item("Bản nháp Cửa Lò")
    make_item("Bài đăng Cửa Lò", status="published")
    page = client.get("/catalog/", {"q": "cua lo"}).content.decode()
    assert "Bài đăng" in page and "Bản nháp" not in page


def test_search_page_query_count_does_not_grow_with_results(client, officer, make_item):
    client.force_login(officer)
    make_item("Ảnh Cửa Lò 0", status="published")
    client.get("/catalog/", {"q": "cua lo"})  # warms the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get("/catalog/", {"q": "cua lo"})
    few_queries = _page_queries(few)  # now: the next request empties the connection's log
    for number in range(1, 15):
        make_item(f"Ảnh Cửa Lò {number}", status="published", kind=("video", "fact")[number % 2])
    client.get("/catalog/", {"q": "cua lo"})
    with CaptureQueriesContext(connection) as many:
        response = client.get("/catalog/", {"q": "cua lo"})
    assert response.content.decode().count('data-testid="search-result"') == 15
    assert len(_page_queries(many)) == len(few_queries)


def _page_queries(captured) -> list[str]:
    """The page's own queries. The search engine's statements are left out: on PostgreSQL
    their number follows where the matches fall in time (date bands, search/postgres.py),
    not how many results the page shows."""
    engine = ("catalog_search", "set_config(", "SAVEPOINT")
    return [q["sql"] for q in captured if not any(part in q["sql"] for part in engine)]


def test_exports_follow_the_search(client, coordinator, make_item):
    make_item("Ẩm thực Nghệ An", status="published", target_countries=["LA"])
    make_item("Du lịch Cửa Lò", status="published")
    client.force_login(coordinator)
    data = json.loads(client.get("/catalog/export.json", {"q": "am thuc"}).content)
    assert [row["title"] for row in data["items"]] == ["Ẩm thực Nghệ An"]
    csv_text = client.get("/catalog/export.csv", {"q": "am thuc"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].split(",")[1] == "Ẩm thực Nghệ An"
    response = client.get("/catalog/export.xlsx", {"q": ""})
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    assert sheet.max_row == 3 and sheet["B1"].value == "Title"
    assert client.get("/catalog/export.pdf").status_code == 400


def test_officer_creates_an_item_with_an_image_and_its_english_version(client, officer):
    client.force_login(officer)
    from ttdn.catalog.models import Topic

    response = client.post(
        "/catalog/items/new/",
        {
            "language": "vi", "kind": "photo_album", "title": "Hoa sen Làng Sen",
            "summary": "Mùa sen nở", "agency": officer.agency_id, "channel": "image_database",
            "topics": [Topic.objects.get(code="tourism").code], "licence": "agency",
            "consent": "not_needed", "image": upload("sen.jpg", image_bytes(), "image/jpeg"),
            "caption": "Sen hồng",
        },
    )  # fmt: skip
    item = Item.objects.get()
    assert response.status_code == 302 and response.url == f"/catalog/items/{item.pk}/"
    assert item.media.get().caption == "Sen hồng" and item.created_by == officer
    page = client.get(response.url).content.decode()
    assert 'data-testid="add-translation-en"' in page and 'data-testid="gallery"' in page
    response = client.post(
        f"/catalog/items/{item.pk}/translate/",
        {"language": "en", "title": "Lotus flowers of Lang Sen", "summary": "Lotus season"},
    )
    english = Item.objects.get(language="en")
    assert response.url == f"/catalog/items/{english.pk}/"
    assert english.translation_key == item.translation_key
    page = client.get(response.url).content.decode()
    assert "Hoa sen Làng Sen" in page and 'data-testid="gallery"' in page  # shared image


def test_a_form_with_a_wrong_file_keeps_what_was_typed_and_saves_nothing(client, officer):
    client.force_login(officer)
    response = client.post(
        "/catalog/items/new/",
        {
            "language": "vi", "kind": "photo_album", "title": "Ảnh lễ hội",
            "agency": officer.agency_id, "channel": "image_database", "licence": "agency",
            "consent": "not_needed", "image": upload("anh.jpg", b"%PDF-1.4 not an image"),
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and 'value="Ảnh lễ hội"' in page
    assert "its content is a PDF document" in page
    assert not Item.objects.exists() and not MediaFile.objects.exists()


def test_review_queue_and_actions(client, coordinator, make_item):
    item = make_item("Chờ duyệt", status="in_review")
    client.force_login(coordinator)
    page = client.get("/catalog/review/").content.decode()
    assert f'data-testid="approve-{item.pk}"' in page
    client.post(f"/catalog/items/{item.pk}/approve/", {"next": "/catalog/review/"})
    assert Item.objects.get(pk=item.pk).status == "approved"
    client.post(f"/catalog/items/{item.pk}/return/", {"note": ""})
    assert Item.objects.get(pk=item.pk).status == "approved"  # a note is required
    client.post(f"/catalog/items/{item.pk}/publish/")
    assert Item.objects.get(pk=item.pk).status == "published"
    assert client.post(f"/catalog/items/{item.pk}/explode/").status_code == 404


def test_coverage_page(client, officer, make_item, coordinator):
    from ttdn.catalog.services.items import translation_create

    source = make_item("Ẩm thực", topics=[])
    translation_create(actor=coordinator, source=source, data={"language": "en", "title": "Food"})
    client.force_login(officer)
    page = client.get("/catalog/coverage/").content.decode()
    assert 'data-testid="coverage-topics"' in page


def test_duplicates_page(client, coordinator, make_item):
    make_item("Khai mạc Festival Dân ca Ví, Giặm Nghệ - Tĩnh năm 2025")
    newer = make_item("Khai mạc Festival Dân ca Ví Giặm Nghệ Tĩnh năm 2025")
    client.force_login(coordinator)
    page = client.get("/catalog/duplicates/").content.decode()
    assert page.count('data-testid="duplicate-pair"') == 1
    from ttdn.catalog.models import DuplicateCandidate

    pair = DuplicateCandidate.objects.get()
    client.post("/catalog/duplicates/", {"candidate": pair.pk, "decision": "duplicate"})
    assert Item.objects.get(pk=newer.pk).status == "archived"


def test_feeds_page(client, officer):
    client.force_login(officer)
    response = client.post(
        "/catalog/feeds/",
        {"url": "https://songoaivu.nghean.example/rss", "agency": officer.agency_id,
         "language": "vi", "kind": "article", "channel": "portals", "interval_minutes": 60},
    )  # fmt: skip
    feed = Feed.objects.get()
    assert response.status_code == 302 and not feed.allow_private_network
    assert "songoaivu" in client.get("/catalog/feeds/").content.decode()
    assert client.get(f"/catalog/feeds/{feed.pk}/").status_code == 200


def test_tokens_page_shows_a_new_token_once(client, head):
    client.force_login(head)
    response = client.post("/catalog/tokens/", {"name": "Cổng Sở", "agency": head.agency_id})
    page = response.content.decode()
    token = AgencyToken.objects.get()
    secret = page.split('data-testid="token-value">')[1].split("<")[0]
    assert secret.startswith("ttdn_") and token.prefix == secret[:12]
    assert secret not in client.get("/catalog/tokens/").content.decode()
    client.post("/catalog/tokens/", {"revoke": token.pk})
    assert AgencyToken.objects.get().revoked_at is not None


def test_officers_cannot_open_the_token_page(client, officer):
    client.force_login(officer)
    assert client.get("/catalog/tokens/").status_code == 403


def test_media_of_unpublished_items_is_private(client, coordinator, make_item, officer):
    from ttdn.catalog.services.media import media_add

    item = make_item("Ảnh nháp")
    media = media_add(actor=coordinator, item=item, upload=upload("a.png", image_bytes("PNG")))
    assert client.get(f"/catalog/files/{media.pk}/").status_code == 403
    client.force_login(officer)
    response = client.get(f"/catalog/files/{media.pk}/thumbnail/")
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
