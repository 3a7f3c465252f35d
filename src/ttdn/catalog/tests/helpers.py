"""Helpers shared by the catalog tests."""

from __future__ import annotations

import io

from ttdn.accounts.choices import Role


def image_bytes(fmt: str = "JPEG", size=(64, 48), color=(20, 50, 92)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def search(q: str = "", *, user=None, limit: int = 50, **params):
    """Item titles found for a query, in order (as the coordinator unless a user is given)."""
    from django.http import QueryDict

    from ttdn.catalog.selectors import SearchParams, catalog_search

    data = QueryDict(mutable=True)
    data["q"] = q
    for name, value in params.items():
        data.setlist(name, value if isinstance(value, list | tuple) else [str(value)])
    page = catalog_search(SearchParams.from_query(data), user=user or _everyone(), limit=limit)
    return page


def titles(page) -> list[str]:
    return [result.item.title for result in page.results]


def _everyone():
    class Reader:
        is_authenticated = True
        is_superuser = True
        role = Role.ADMIN
        agency_id = None

    return Reader()
