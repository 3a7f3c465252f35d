"""REST API: list, create, read, change and submit items; upload files. Thin: parse, call a
service or selector, render. Errors are sentences: {"detail": …, "errors": {field: […]}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ttdn.agencies.models import Agency
from ttdn.catalog.api.auth import AgencyTokenAuthentication
from ttdn.catalog.api.serializers import (
    ErrorSerializer,
    ItemSerializer,
    ItemUpdateSerializer,
    ItemWriteSerializer,
    MediaSerializer,
    MediaUploadSerializer,
)
from ttdn.catalog.choices import ItemSource
from ttdn.catalog.models import Item
from ttdn.catalog.permissions import can_read_unpublished, require_view_item
from ttdn.catalog.services.items import item_create, item_submit, item_update, translation_create
from ttdn.catalog.services.media import media_add
from ttdn.core.errors import ApplicationError

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="The request was not valid."),
    401: OpenApiResponse(ErrorSerializer, description="No valid token."),
    403: OpenApiResponse(ErrorSerializer, description="Not allowed."),
    404: OpenApiResponse(ErrorSerializer, description="No such item."),
}


def _sentence(field: str, messages) -> list[str]:
    out = []
    for message in messages if isinstance(messages, list) else [messages]:
        if isinstance(message, dict):
            for key, value in message.items():
                out += _sentence(f"{field}.{key}", value)
        else:
            out.append(str(message))
    return out


def error_response(exc, context):
    """Every error as {"detail": "…sentences…", "errors": {field: [...]}}."""
    if isinstance(exc, ApplicationError):
        code = status.HTTP_409_CONFLICT if "duplicate_of" in exc.extra else 400
        if exc.extra.get("code") == "too_large":
            code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        body = {"detail": exc.message, "errors": exc.extra.get("fields", {})}
        if "duplicate_of" in exc.extra:
            body["duplicate_of"] = exc.extra["duplicate_of"]
        return Response(body, status=code)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc) or _("You may not do this.")}, status=403)
    if isinstance(exc, exceptions.ValidationError):
        fields = {}
        sentences = []
        detail = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        for field, messages in detail.items():
            fields[field] = _sentence(field, messages)
            label = field.replace("_", " ").capitalize()
            sentences += [f"{label}: {m}" if field else m for m in fields[field]]
        return Response({"detail": " ".join(sentences), "errors": fields}, status=400)
    if isinstance(exc, exceptions.APIException):
        response = Response({"detail": str(exc.detail)}, status=exc.status_code)
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            response["WWW-Authenticate"] = 'Bearer realm="ttdn"'
        return response
    from django.http import Http404

    if isinstance(exc, Http404):
        return Response({"detail": _("There is no such item.")}, status=404)
    return None


class CatalogAPIView(APIView):
    authentication_classes = [AgencyTokenAuthentication, SessionAuthentication]
    permission_classes: list = []

    def get_exception_handler(self):
        return error_response

    def require_signed_in(self, request) -> None:
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated(
                _("Send your agency's token: “Authorization: Bearer <token>”.")
            )


class Pages(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


def visible_items(user):
    """Public items (`Item.objects.public()`: scheduled ones only once their time has come),
    plus the reader's agency's own items; everything for the wide readers."""
    if can_read_unpublished(user):
        items = Item.objects.all()
    elif user and user.is_authenticated and getattr(user, "agency_id", None):
        items = Item.objects.public() | Item.objects.filter(agency_id=user.agency_id)
    else:
        items = Item.objects.public()
    return items.select_related("agency").prefetch_related("topics", "tasks__plan", "media")


def _data(validated: dict) -> dict:
    return {k: v for k, v in validated.items() if k not in ("translation_of", "submit")}


class ItemListView(CatalogAPIView, generics.GenericAPIView):
    parser_classes = [JSONParser]
    pagination_class = Pages
    serializer_class = ItemSerializer

    def get_queryset(self):
        return visible_items(self.request.user).order_by("-updated_at", "-pk")

    @extend_schema(
        operation_id="items_list",
        summary="List items",
        description=(
            "Published items for everyone (a scheduled item once its publication time has "
            "come); with an agency token, that agency's unpublished and scheduled items too. "
            "Newest changes first."
        ),
        parameters=[
            OpenApiParameter("language", str, description="ISO 639-1 code"),
            OpenApiParameter("kind", str),
            OpenApiParameter("agency", str, description="Agency code"),
            OpenApiParameter("status", str),
            OpenApiParameter("updated_since", str, description="ISO 8601 date-time"),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: ItemSerializer(many=True), 400: ERRORS[400], 401: ERRORS[401]},
    )
    def get(self, request):
        items = self.get_queryset()
        for name in ("language", "kind", "status"):
            if request.query_params.get(name):
                items = items.filter(**{name: request.query_params[name]})
        if request.query_params.get("agency"):
            items = items.filter(agency__code=request.query_params["agency"])
        if request.query_params.get("updated_since"):
            moment = parse_datetime(request.query_params["updated_since"])
            if moment is None:
                raise ApplicationError(
                    _("updated_since must be a date and time such as 2026-01-31T08:00:00+07:00.")
                )
            items = items.filter(updated_at__gte=moment)
        page = self.paginate_queryset(items)
        data = ItemSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="items_create",
        summary="Create an item",
        description=(
            "Creates a draft of the token's agency (a signed-in coordinator may name another "
            "agency with ?agency=code). A duplicate original address answers 409."
        ),
        request=ItemWriteSerializer,
        responses={201: ItemSerializer, 409: ErrorSerializer, **ERRORS},
    )
    def post(self, request):
        self.require_signed_in(request)
        serializer = ItemWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        source_item = values.get("translation_of")
        if source_item is not None:
            require_view_item(request.user, source_item)
            item = translation_create(actor=request.user, source=source_item, data=_data(values))
        else:
            code = request.query_params.get("agency")
            agency = (
                get_object_or_404(Agency, code=code)
                if code
                else getattr(request.user, "agency", None)
            )
            if agency is None:
                raise ApplicationError(_("Say which agency the item belongs to: ?agency=code."))
            item = item_create(
                actor=request.user, agency=agency, data=_data(values), source=ItemSource.API
            )
        if values.get("submit"):
            item = item_submit(actor=request.user, item=item)
        item = visible_items(request.user).get(pk=item.pk)
        body = ItemSerializer(item, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class ItemDetailView(CatalogAPIView):
    parser_classes = [JSONParser]

    def _item(self, request, pk):
        item = get_object_or_404(visible_items(request.user), pk=pk)
        return item

    @extend_schema(
        operation_id="items_read",
        summary="Read an item",
        responses={200: ItemSerializer, 401: ERRORS[401], 404: ERRORS[404]},
    )
    def get(self, request, pk: int):
        item = self._item(request, pk)
        return Response(ItemSerializer(item, context={"request": request}).data)

    @extend_schema(
        operation_id="items_update",
        summary="Change an item",
        description="Only the fields sent change. Agencies change drafts and items in review.",
        request=ItemUpdateSerializer,
        responses={200: ItemSerializer, 409: ErrorSerializer, **ERRORS},
    )
    def patch(self, request, pk: int):
        self.require_signed_in(request)
        item = self._item(request, pk)
        serializer = ItemUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        item = item_update(actor=request.user, item=item, data=_data(serializer.validated_data))
        if serializer.validated_data.get("submit"):
            item = item_submit(actor=request.user, item=item)
        item = visible_items(request.user).get(pk=item.pk)
        return Response(ItemSerializer(item, context={"request": request}).data)


class ItemSubmitView(CatalogAPIView):
    @extend_schema(
        operation_id="items_submit",
        summary="Send an item for review",
        request=None,
        responses={200: ItemSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        self.require_signed_in(request)
        item = get_object_or_404(visible_items(request.user), pk=pk)
        item = item_submit(actor=request.user, item=item)
        item = visible_items(request.user).get(pk=item.pk)
        return Response(ItemSerializer(item, context={"request": request}).data)


class MediaUploadView(CatalogAPIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="items_media_upload",
        summary="Upload a file to an item",
        description=(
            "multipart/form-data with `file` (and `caption`). The type is read from the "
            "content; JPEG, PNG, WebP, GIF, PDF, MP4 and MP3 are accepted, up to the size "
            "limit. A file already in the database answers 409."
        ),
        request={"multipart/form-data": MediaUploadSerializer},
        responses={201: MediaSerializer, 409: ErrorSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        self.require_signed_in(request)
        item = get_object_or_404(visible_items(request.user), pk=pk)
        serializer = MediaUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        media = media_add(
            actor=request.user,
            item=item,
            upload=serializer.validated_data["file"],
            caption=serializer.validated_data.get("caption", ""),
        )
        return Response(
            MediaSerializer(media, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
