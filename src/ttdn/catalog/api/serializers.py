"""The API's representation of items and files."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from ttdn.catalog.choices import Channel, Consent, ItemKind, ItemStatus, Licence
from ttdn.catalog.models import Item, MediaFile, Topic
from ttdn.catalog.validators import validate_countries, validate_language
from ttdn.plans.models import Task


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What was wrong and what to do, in sentences.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="The same sentences by field.",
    )
    duplicate_of = serializers.IntegerField(
        required=False, help_text="The existing item (duplicates only)."
    )


class MediaSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = MediaFile
        fields = [
            "id",
            "item",
            "original_name",
            "content_type",
            "size",
            "checksum",
            "width",
            "height",
            "caption",
            "url",
            "thumbnail_url",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, media) -> str:
        return self._absolute(reverse("catalog:media_file", args=[media.pk]))

    def get_thumbnail_url(self, media) -> str | None:
        if not media.thumbnail:
            return None
        return self._absolute(reverse("catalog:media_thumbnail", args=[media.pk]))


class TaskRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.CharField(source="plan.number")
    number = serializers.CharField()


class ItemSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    tasks = TaskRefSerializer(many=True, read_only=True)
    media = MediaSerializer(many=True, read_only=True)
    target_countries = serializers.ListField(child=serializers.CharField(), read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = [
            "id",
            "translation_key",
            "translated_from",
            "language",
            "kind",
            "title",
            "summary",
            "body",
            "agency",
            "agency_name",
            "channel",
            "topics",
            "target_countries",
            "tasks",
            "credits",
            "published_on",
            "original_url",
            "licence",
            "consent",
            "rights_expire_on",
            "status",
            "source",
            "media",
            "created_at",
            "updated_at",
            "published_at",
            "page",
        ]
        read_only_fields = fields

    def get_page(self, item) -> str:
        request = self.context.get("request")
        path = reverse("catalog:item", args=[item.pk])
        return request.build_absolute_uri(path) if request else path


class CountryListField(serializers.ListField):
    child = serializers.CharField(max_length=2)

    def to_internal_value(self, data):
        codes = [str(code).strip().upper() for code in super().to_internal_value(data)]
        validate_countries(codes)
        return codes


class ItemWriteSerializer(serializers.Serializer):
    """What an agency's system sends to create or change an item."""

    title = serializers.CharField(max_length=500)
    language = serializers.CharField(
        max_length=8, validators=[validate_language], help_text="ISO 639-1 code, e.g. vi, en, lo."
    )
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    summary = serializers.CharField(required=False, allow_blank=True)
    body = serializers.CharField(
        required=False, allow_blank=True, help_text="HTML (sanitised) or plain text."
    )
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    topics = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Topic.objects.filter(active=True)
    )
    target_countries = CountryListField(
        required=False, help_text="ISO 3166-1 alpha-2 codes, e.g. LA, FR."
    )
    tasks = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Task.objects.all(),
        help_text="Ids of plan tasks the item serves.",
    )
    credits = serializers.CharField(max_length=500, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    original_url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    licence = serializers.ChoiceField(choices=Licence.choices, required=False)
    consent = serializers.ChoiceField(choices=Consent.choices, required=False)
    rights_expire_on = serializers.DateField(required=False, allow_null=True)
    translation_of = serializers.PrimaryKeyRelatedField(
        queryset=Item.objects.all(),
        required=False,
        help_text="Create this item as another language version of that item (create only).",
    )
    submit = serializers.BooleanField(
        required=False, default=False, help_text="Send it for review right away."
    )


class ItemUpdateSerializer(ItemWriteSerializer):
    translation_of = None

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)
        self.fields.pop("translation_of", None)


class MediaUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    caption = serializers.CharField(max_length=500, required=False, allow_blank=True)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ItemStatus.choices)
