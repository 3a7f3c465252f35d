from django.contrib import admin

from ttdn.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyGroupAlias,
    Succession,
    SuccessionTarget,
)


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "active_from", "active_to", "verified")
    list_filter = ("kind", "verified")
    search_fields = ("name", "name_en", "short_name", "code", "aliases__name")
    autocomplete_fields = ("parent",)
    inlines = [AgencyAliasInline]


class AgencyGroupAliasInline(admin.TabularInline):
    model = AgencyGroupAlias
    extra = 0


@admin.register(AgencyGroup)
class AgencyGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kinds")
    filter_horizontal = ("include", "exclude")
    inlines = [AgencyGroupAliasInline]


class SuccessionTargetInline(admin.TabularInline):
    model = SuccessionTarget
    autocomplete_fields = ("agency",)
    extra = 0


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "date", "legal_basis", "verified")
    list_filter = ("kind", "verified")
    autocomplete_fields = ("predecessors",)
    inlines = [SuccessionTargetInline]
