"""Admin: the province's facts are edited here; the hand-kept lists are read here (the
coordinator keeps them on the portal page, /portal/editorial/)."""

from django.contrib import admin

from ttdn.portal import models
from ttdn.portal.cache import bump


@admin.register(models.Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["code", "value", "unit", "source_title", "position", "active"]
    list_editable = ["position", "active"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump()  # the home page shows facts: rebuild it

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump()


@admin.register(models.Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["section", "position", "translation_key", "created_by", "created_at"]
    list_filter = ["section"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
