"""Admin: topics and feeds are edited here; items, tokens and runs are read here (items
change through the catalog's pages and services, which keep the search index in step)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.catalog import models


@admin.register(models.Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["name", "name_en", "code"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class MediaInline(admin.TabularInline):
    model = models.MediaFile
    fields = ["original_name", "content_type", "size", "width", "height", "checksum"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(models.Item)
class ItemAdmin(ReadOnly):
    list_display = ["title", "language", "kind", "status", "agency", "published_on"]
    list_filter = ["status", "language", "kind", "channel"]
    search_fields = ["title", "title_folded", "original_url"]
    inlines = [MediaInline]


@admin.register(models.Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "url",
        "agency",
        "active",
        "allow_private_network",
        "last_status",
        "last_run_at",
    ]
    list_filter = ["active", "allow_private_network", "last_status"]
    search_fields = ["url", "title"]
    readonly_fields = ["etag", "last_modified", "last_run_at", "last_status", "failures"]


@admin.action(description=_("Revoke the selected tokens"))
def revoke(modeladmin, request, queryset):
    queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@admin.register(models.AgencyToken)
class AgencyTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["agency", "name", "prefix", "created_by", "last_used_at", "revoked_at"]
    actions = [revoke]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are created on the catalog's “API tokens” page, shown once


for model in (
    models.ImportRun,
    models.HarvestRun,
    models.DuplicateCandidate,
    models.ReindexRun,
    models.ItemHistory,
):
    admin.site.register(model, ReadOnly)
