from django.urls import path

from ttdn.monitoring.views import cases, digests, inbox, press, sources

app_name = "monitoring"
urlpatterns = [
    path("", inbox.home_view, name="home"),
    path("inbox/", inbox.inbox_view, name="inbox"),
    path("stories/<int:pk>/", inbox.story_view, name="story"),
    path("stories/<int:pk>/label/", inbox.story_label_view, name="story_label"),
    path("stories/<int:pk>/case/", cases.case_open_view, name="case_open"),
    path("cases/", cases.case_list_view, name="cases"),
    path("cases/<int:pk>/", cases.case_view, name="case"),
    path("sources/", sources.source_list_view, name="sources"),
    path("sources/new/", sources.source_edit_view, name="source_new"),
    path("sources/<int:pk>/", sources.source_edit_view, name="source_edit"),
    path("sources/<int:pk>/fetch/", sources.source_fetch_view, name="source_fetch"),
    path("runs/", sources.run_list_view, name="runs"),
    path("runs/<int:pk>/", sources.run_view, name="run"),
    path("settings/", sources.settings_view, name="settings"),
    path("digests/", digests.digest_list_view, name="digests"),
    path("digests/<int:pk>/", digests.digest_view, name="digest"),
    path("digests/<int:pk>/export/", digests.digest_export_view, name="digest_export"),
    path("searches/", digests.search_list_view, name="searches"),
    path("searches/save/", digests.search_save_view, name="search_save"),
    path("searches/<int:pk>/delete/", digests.search_delete_view, name="search_delete"),
    path("spokespersons/", press.spokespersons_public_view, name="spokespersons"),
    path("press/", press.press_manage_view, name="spokespersons_manage"),
    path("press/spokespersons/<int:pk>/end/", press.spokesperson_end_view, name="spokesperson_end"),
]
