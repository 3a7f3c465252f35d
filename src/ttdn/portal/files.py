"""Images and files of published items: WebP copies at the widths pages ask for, and the
original files (video, audio, publications). A file is served only while the item it
belongs to is visible on the portal, or with a valid preview token for its work."""

from __future__ import annotations

from django.http import FileResponse, Http404

from ttdn.catalog.models import Item, MediaFile
from ttdn.portal.images import rendition_ensure, widths_for
from ttdn.portal.selectors import visible
from ttdn.portal.services import preview_item_id

DAY = 24 * 3600


def _media(pk: int, request, *, image: bool) -> tuple[MediaFile, bool]:
    """The file and whether it is shown through a preview link (not cacheable publicly)."""
    files = MediaFile.objects.select_related("item")
    if image:
        files = files.filter(content_type__startswith="image/")
    media = files.filter(pk=pk).first()
    if media is None:
        raise Http404
    if visible().filter(pk=media.item_id).exists():
        return media, False
    item_id = preview_item_id(request.GET.get("preview", ""))
    if (
        item_id
        and Item.objects.filter(pk=item_id, translation_key=media.item.translation_key).exists()
    ):
        return media, True
    raise Http404


def _headers(response, previewed: bool):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store" if previewed else f"public, max-age={DAY}"
    return response


def image_view(request, pk: int, width: int):
    media, previewed = _media(pk, request, image=True)
    if width not in widths_for(media):
        raise Http404
    path = rendition_ensure(media, width)
    return _headers(FileResponse(path.open("rb"), content_type="image/webp"), previewed)


def file_view(request, pk: int):
    media, previewed = _media(pk, request, image=False)
    response = FileResponse(media.file.open("rb"), content_type=media.content_type)
    disposition = (
        "inline"
        if media.content_type.split("/")[0] in ("image", "video", "audio")
        else "attachment"
    )
    response["Content-Disposition"] = (
        f'{disposition}; filename="{media.checksum[:16]}{media.extension}"'
    )
    return _headers(response, previewed)
