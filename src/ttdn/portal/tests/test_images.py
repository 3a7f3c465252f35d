"""Responsive images: WebP copies at a few widths, width and height on every image, lazy
loading below the first, alternative text in the page's language."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from PIL import Image

from ttdn.portal.links import item_path

pytestmark = pytest.mark.django_db


def test_webp_copies_at_the_widths_offered(client, make_item, attach):
    item = make_item("Ảnh lớn")
    media = attach(item, "Chú thích", width=1600, height=900)
    html = client.get(item_path(item)).content.decode()
    srcset = re.search(r'srcset="([^"]+)"', html.split('class="article"')[1]).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [320, 640, 960, 1280]
    response = client.get(f"/portal-files/{media.pk}/640.webp")
    assert response["Content-Type"] == "image/webp"
    assert "public" in response["Cache-Control"]
    image = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert image.format == "WEBP" and image.size == (640, 360)
    assert client.get(f"/portal-files/{media.pk}/500.webp").status_code == 404  # not offered


def test_small_images_are_not_enlarged(client, make_item, attach):
    item = make_item("Ảnh nhỏ")
    media = attach(item, width=500, height=500)
    html = client.get(item_path(item)).content.decode()
    assert f"/portal-files/{media.pk}/500.webp 500w" in html
    assert f"/portal-files/{media.pk}/640.webp" not in html


def test_images_have_sizes_lazy_loading_and_text_in_the_page_language(client, make_item, attach):
    made = make_item("Bộ ảnh làng Sen", kind="photo_album", versions={"en": "Sen village photos"})
    for caption in ("Ao sen", "Nhà tranh", "Giếng nước"):
        attach(made["vi"], caption)
    vietnamese = client.get(item_path(made["vi"])).content.decode()
    images = re.findall(r"<img [^>]+>", vietnamese.split('data-testid="gallery"')[1])
    assert len(images) == 3
    assert all('width="' in tag and 'height="' in tag for tag in images)
    assert "loading" not in images[0] and all('loading="lazy"' in tag for tag in images[1:])
    assert 'alt="Ao sen"' in images[0]
    english = client.get(item_path(made["en"])).content.decode()
    assert "Ao sen" not in english  # a caption in another language is never shown
    assert 'alt="Sen village photos — photo 1 of 3"' in english


def test_no_third_party_address_in_pages(client, make_item, attach):
    item = make_item("Trang không gọi bên ngoài", original_url="https://example.org/source")
    attach(item)
    html = client.get(item_path(item)).content.decode()
    loaded = re.findall(r'(?:src|srcset|href)="(https?://[^"]+)"', html)
    loaded = [u for u in loaded if not u.startswith("http://testserver/")]
    # the only outside address is a link the reader may follow, never a loaded resource
    assert loaded == ["https://example.org/source"]
    assert "<script src" not in html and "<iframe" not in html
    assert not re.search(
        r'<link [^>]*rel="(stylesheet|preconnect|dns-prefetch)"[^>]*https?://', html
    )
