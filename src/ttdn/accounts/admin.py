from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User


@admin.register(User)
class TtdnUserAdmin(UserAdmin):
    list_display = ("username", "get_full_name", "agency", "role", "is_active")
    list_filter = ("role", "is_active", "agency__kind")
    search_fields = ("username", "first_name", "last_name", "agency__name")
    autocomplete_fields = ("agency",)
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Agency and role"), {"fields": ("agency", "role", "position")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Agency and role"), {"fields": ("agency", "role", "position")}),
    )
