"""Media files: the type is read from the content (puremagic, Pillow), never from the name;
size is capped; the same file (by SHA-256) is stored once; images get a WebP thumbnail."""

from __future__ import annotations

import hashlib
import warnings
from io import BytesIO
from pathlib import PurePath

import puremagic
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from ttdn.catalog import conf
from ttdn.catalog.choices import HistoryAction
from ttdn.catalog.models import Item, MediaFile
from ttdn.catalog.permissions import require_edit_item
from ttdn.catalog.services.items import history_add
from ttdn.core.errors import ApplicationError
from ttdn.core.text import nfc

MAX_PIXELS = 60_000_000
TYPES = {
    "image/jpeg": (".jpg", gettext_lazy("a JPEG image")),
    "image/png": (".png", gettext_lazy("a PNG image")),
    "image/webp": (".webp", gettext_lazy("a WebP image")),
    "image/gif": (".gif", gettext_lazy("a GIF image")),
    "application/pdf": (".pdf", gettext_lazy("a PDF document")),
    "video/mp4": (".mp4", gettext_lazy("an MP4 video")),
    "audio/mpeg": (".mp3", gettext_lazy("an MP3 sound file")),
}
EXTENSIONS = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mp3": "audio/mpeg",
}
PILLOW_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def _describe(mime: str) -> str:
    return str(TYPES[mime][1]) if mime in TYPES else mime


def detect_type(data: bytes) -> str | None:
    """The media type the bytes really are, if it is one we know."""
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format in PILLOW_TYPES:
                return PILLOW_TYPES[image.format]
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        pass
    try:
        matches = puremagic.magic_string(data[:8192])
    except puremagic.PureError:
        return None
    for match in sorted(matches, key=lambda m: -m.confidence):
        mime = {"audio/mp3": "audio/mpeg", "video/x-m4v": "video/mp4"}.get(
            match.mime_type, match.mime_type
        )
        if mime in TYPES:
            return mime
    if data[4:8] == b"ftyp":
        return "video/mp4"
    if data[:3] == b"ID3" or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    return None


def _read(upload, limit: int) -> bytes:
    name = PurePath(upload.name or "file").name
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_big(name, size, limit)
    chunks, total = [], 0
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        total += len(chunk)
        if total > limit:
            raise _too_big(name, total, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(name: str, size: int, limit: int) -> ApplicationError:
    return ApplicationError(
        _(
            "“%(name)s” weighs %(size)s MB; the limit is %(limit)s MB. "
            "Make it smaller and upload it again."
        )
        % {"name": name, "size": _megabytes(size), "limit": _megabytes(limit)},
        extra={"code": "too_large"},
    )


def check_media(name: str, declared: str, data: bytes) -> str:
    """The detected type, or a sentence saying why the file is refused."""
    name = PurePath(name or "file").name
    if not data:
        raise ApplicationError(_("“%(name)s” is empty.") % {"name": name})
    detected = detect_type(data)
    accepted = [t for t in conf.get("TTDN_CATALOG_MEDIA_TYPES") if t in TYPES]
    if detected is None or detected not in accepted:
        raise ApplicationError(
            _("TTĐN could not recognise “%(name)s” as a file it accepts; it takes %(types)s.")
            % {"name": name, "types": ", ".join(_describe(t) for t in accepted)},
            extra={"code": "unsupported_type"},
        )
    by_name = EXTENSIONS.get(PurePath(name).suffix.lower())
    claimed = by_name or (declared if declared in TYPES else None)
    if claimed and claimed != detected:
        raise ApplicationError(
            _(
                "“%(name)s” is named as %(claimed)s, but its content is %(detected)s. Save it "
                "with the right type and upload it again."
            )
            % {"name": name, "claimed": _describe(claimed), "detected": _describe(detected)},
            extra={"code": "type_mismatch"},
        )
    return detected


def _image_facts(name: str, data: bytes) -> tuple[int, int, bytes]:
    """Width, height and a WebP thumbnail; refuses broken images and pixel bombs."""
    side = conf.get("TTDN_CATALOG_THUMBNAIL_SIZE")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError(f"{width}x{height}")
                image.verify()
            with Image.open(BytesIO(data)) as image:
                image = ImageOps.exif_transpose(image)
                image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
                image.thumbnail((side, side))
                buffer = BytesIO()
                image.save(buffer, "WEBP", quality=80)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ApplicationError(
            _("“%(name)s” is too many pixels (more than %(limit)s million); scale it down.")
            % {"name": name, "limit": MAX_PIXELS // 1_000_000},
            extra={"code": "too_large"},
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ApplicationError(
            _("“%(name)s” looks like an image but cannot be read; it may be damaged.")
            % {"name": name},
            extra={"code": "broken"},
        ) from None
    return width, height, buffer.getvalue()


@transaction.atomic
def media_add(*, actor, item: Item, upload, caption: str = "") -> MediaFile:
    """Attach a file to an item after checking its size, type and that it is new."""
    require_edit_item(actor, item)
    name = PurePath(upload.name or "file").name
    data = _read(upload, conf.get("TTDN_CATALOG_MEDIA_MAX_BYTES"))
    mime = check_media(name, getattr(upload, "content_type", "") or "", data)
    checksum = hashlib.sha256(data).hexdigest()
    existing = MediaFile.objects.select_related("item").filter(checksum=checksum).first()
    if existing is not None:
        raise ApplicationError(
            _(
                "This file is already in the database, attached to “%(title)s” (no. %(id)s); "
                "it is shown with every language version of that item."
            )
            % {"title": existing.item.title, "id": existing.item_id},
            extra={"code": "duplicate", "duplicate_of": existing.item_id},
        )
    media = MediaFile(
        item=item,
        original_name=name[:255],
        content_type=mime,
        extension=TYPES[mime][0],
        size=len(data),
        checksum=checksum,
        caption=nfc(caption or "")[:500],
        created_by=getattr(actor, "person", actor) if actor.is_authenticated else None,
    )
    thumbnail = None
    if mime.startswith("image/"):
        media.width, media.height, thumbnail = _image_facts(name, data)
    media.file.save(name, ContentFile(data), save=False)
    try:
        if thumbnail is not None:
            media.thumbnail.save(name, ContentFile(thumbnail), save=False)
        media.save()
        history_add(item, HistoryAction.MEDIA_ADDED, actor=actor, note=name)
    except Exception:
        media.file.delete(save=False)
        if media.thumbnail:
            media.thumbnail.delete(save=False)
        raise
    return media
