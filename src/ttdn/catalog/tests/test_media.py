"""Files: type from content, size cap, one copy per checksum, thumbnails."""

import pytest

from ttdn.catalog.models import MediaFile
from ttdn.catalog.services.media import media_add
from ttdn.catalog.tests.helpers import PDF_BYTES, image_bytes, upload
from ttdn.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_an_image_is_stored_with_its_real_type_size_and_a_webp_thumbnail(make_item, coordinator):
    item = make_item("Ảnh biển")
    media = media_add(
        actor=coordinator, item=item, upload=upload("bien.png", image_bytes("PNG"), "image/png")
    )
    assert (media.content_type, media.width, media.height) == ("image/png", 64, 48)
    assert media.thumbnail.read(12)[8:12] == b"WEBP"
    assert media.file.name.endswith(".png") and len(media.checksum) == 64


@pytest.mark.parametrize(
    ("name", "content", "declared", "message"),
    [
        ("anh.jpg", PDF_BYTES, "image/jpeg", "named as a JPEG image, but its content is a PDF"),
        ("report.pdf", image_bytes("PNG"), "application/pdf", "its content is a PNG image"),
        (
            "photo",
            image_bytes("GIF"),
            "image/png",
            "named as a PNG image, but its content is a GIF",
        ),
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg", "could not recognise"),
        ("page.html", b"<html><script>x</script></html>", "image/png", "could not recognise"),
        ("empty.jpg", b"", "image/jpeg", "is empty"),
        ("broken.jpg", image_bytes()[:60], "image/jpeg", "cannot be read"),
    ],
)
def test_content_that_does_not_match_its_name_is_refused(
    make_item, coordinator, english, name, content, declared, message
):
    item = make_item("Ảnh")
    with pytest.raises(ApplicationError, match=message):
        media_add(actor=coordinator, item=item, upload=upload(name, content, declared))
    assert not MediaFile.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_read(make_item, coordinator, settings, english):
    settings.TTDN_CATALOG_MEDIA_MAX_BYTES = 1000
    item = make_item("Ảnh lớn")
    with pytest.raises(ApplicationError, match="the limit is 0 MB") as raised:
        media_add(
            actor=coordinator, item=item, upload=upload("big.png", image_bytes("PNG", (400, 400)))
        )
    assert raised.value.extra["code"] == "too_large"


def test_a_pixel_bomb_is_refused(make_item, coordinator, english):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")  # 400 megapixels, a few kB
    with pytest.raises(ApplicationError, match="too many pixels"):
        media_add(
            actor=coordinator, item=make_item("Bom"), upload=upload("b.png", buffer.getvalue())
        )


def test_the_same_file_is_stored_once(make_item, coordinator, english):
    first = make_item("Ảnh một")
    media_add(actor=coordinator, item=first, upload=upload("a.jpg", image_bytes(), "image/jpeg"))
    with pytest.raises(ApplicationError, match=f"attached to “Ảnh một” \\(no. {first.pk}\\)"):
        media_add(
            actor=coordinator, item=make_item("Ảnh hai"), upload=upload("b.jpg", image_bytes())
        )
    assert MediaFile.objects.count() == 1


def test_other_types_are_accepted_by_content(make_item, coordinator):
    item = make_item("Tài liệu")
    media = media_add(actor=coordinator, item=item, upload=upload("tai-lieu.pdf", PDF_BYTES))
    assert media.content_type == "application/pdf" and not media.thumbnail
