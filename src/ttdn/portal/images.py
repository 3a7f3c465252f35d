"""Responsive images: WebP copies of a catalog image at a few widths, made on first request
and kept beside the media (`portal/r/…`), named by the file's checksum so they never go
stale; pages list them in `srcset` with the width and height that prevent layout shift."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageOps

from ttdn.portal import conf


@dataclass(frozen=True)
class Picture:
    src: str
    srcset: str
    width: int
    height: int
    alt: str
    alt_lang: str = ""  # set when the text is not in the page's language


def widths_for(media) -> list[int]:
    """The widths offered for an image: the configured ones below its own width, and its
    own width when that is smaller than the largest configured one."""
    widths = sorted(conf.get("TTDN_PORTAL_IMAGE_WIDTHS"))
    own = media.width or widths[0]
    chosen = [w for w in widths if w < own]
    if own <= widths[-1]:
        chosen.append(own)
    return chosen or [widths[-1]]


def rendition_url(media, width: int, preview: str = "") -> str:
    url = reverse("portal_files:image", kwargs={"pk": media.pk, "width": width})
    return f"{url}?preview={preview}" if preview else url


def picture(media, alt: str, *, largest: int = 1280, preview: str = "", alt_lang="") -> Picture:
    widths = [w for w in widths_for(media) if w <= largest] or widths_for(media)[:1]
    height = round((media.height or 1) * widths[-1] / (media.width or 1))
    return Picture(
        src=rendition_url(media, widths[min(1, len(widths) - 1)], preview),
        srcset=", ".join(f"{rendition_url(media, w, preview)} {w}w" for w in widths),
        width=widths[-1],
        height=height,
        alt=alt,
        alt_lang=alt_lang,
    )


def rendition_path(media, width: int) -> Path:
    return (
        Path(settings.MEDIA_ROOT)
        / "portal"
        / "r"
        / media.checksum[:2]
        / f"{media.checksum}-{width}.webp"
    )


def rendition_ensure(media, width: int) -> Path:
    """The WebP copy at `width`, made now if it is not there yet (atomically replaced, so two
    processes making it at once do no harm)."""
    path = rendition_path(media, width)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with media.file.open("rb") as source, Image.open(BytesIO(source.read())) as image:
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
        if image.width > width:
            image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            image.save(out, "WEBP", quality=78, method=4)
    os.replace(temporary, path)
    return path
