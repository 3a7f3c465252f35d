from django.contrib import admin

from ttdn.monitoring import models


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "url",
        "active",
        "allow_private",
        "consecutive_failures",
        "last_success_at",
    ]
    list_filter = ["kind", "active", "allow_private"]
    search_fields = ["name", "url"]


@admin.register(models.FetchRun)
class FetchRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "trigger", "status", "articles_new", "errors_count"]
    list_filter = ["status", "trigger"]


@admin.register(models.Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "day", "relevant", "topic", "tone", "article_count", "needs_answer"]
    list_filter = ["relevant", "tone", "topic", "needs_answer", "foreign"]
    search_fields = ["title"]


@admin.register(models.PressCase)
class PressCaseAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "status", "verdict", "verify_due", "report_due"]
    list_filter = ["status", "verdict", "kind"]


admin.site.register(
    [
        models.Spokesperson,
        models.PressRelease,
        models.SavedSearch,
        models.Digest,
        models.MonitoringSettings,
        models.ClassifierModel,
    ]
)
