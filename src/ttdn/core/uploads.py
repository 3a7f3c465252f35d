"""Checking uploaded files by their content, never by their name.

A file is accepted when its bytes are one of the allowed kinds (PDF, Office and
OpenDocument files, common images, MP4 video, plain text) and it is within the size limit.
HTML, SVG and executables are refused: they could carry scripts.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.errors import ApplicationError

ZIP_KINDS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}
ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "ODT",
    "ods": "ODS",
    "odp": "ODP",
    "jpg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WebP",
    "mp4": "MP4",
    "txt": gettext_lazy("text"),
}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    size: int
    sha256: str


def _sniff_zip(upload) -> tuple[str, str] | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            for marker, kind in ZIP_KINDS.items():
                if marker in names:
                    return kind
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip()
                if mimetype in ODF:
                    return mimetype.decode(), ODF[mimetype]
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _is_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script")):
        return False
    return all(ch.isprintable() or ch in "\r\n\t" for ch in text[:4000])


def sniff(upload) -> tuple[str, str] | None:
    """(content type, extension) judged from the first bytes, or None when unknown."""
    upload.seek(0)
    head = upload.read(8192)
    kinds = [
        (head.startswith(b"%PDF-"), ("application/pdf", "pdf")),
        (head.startswith(b"\x89PNG\r\n\x1a\n"), ("image/png", "png")),
        (head.startswith(b"\xff\xd8\xff"), ("image/jpeg", "jpg")),
        (head[:6] in (b"GIF87a", b"GIF89a"), ("image/gif", "gif")),
        (head[:4] == b"RIFF" and head[8:12] == b"WEBP", ("image/webp", "webp")),
        (head[4:8] == b"ftyp", ("video/mp4", "mp4")),
    ]
    for matched, kind in kinds:
        if matched:
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(upload)
    if head and _is_text(head):
        return "text/plain", "txt"
    return None


def check_upload(upload, *, allowed: set[str] | None = None, max_bytes: int | None = None):
    """Validate an uploaded file; raise ApplicationError with a sentence when it is refused."""
    max_bytes = max_bytes or settings.TTDN_MAX_UPLOAD_BYTES
    allowed = allowed or set(NAMES)
    size = upload.size if hasattr(upload, "size") else len(upload.read())
    if size > max_bytes:
        raise ApplicationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(size),
                "limit": filesizeformat(max_bytes),
            }
        )
    if size == 0:
        raise ApplicationError(_("“%(name)s” is empty.") % {"name": upload.name})
    kind = sniff(upload)
    if kind is None or kind[1] not in allowed:
        names = ", ".join(sorted(str(NAMES[ext]) for ext in allowed))
        raise ApplicationError(
            _("The content of “%(name)s” is not an accepted kind of file (%(kinds)s).")
            % {"name": upload.name, "kinds": names}
        )
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        content_type=kind[0], extension=kind[1], size=size, sha256=digest.hexdigest()
    )
