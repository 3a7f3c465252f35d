from django.urls import path

from ttdn.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("export.<str:fmt>", views.export_view, name="export"),
    path("items/new/", views.item_create_view, name="item_create"),
    path("items/<int:pk>/", views.item_detail_view, name="item"),
    path("items/<int:pk>/edit/", views.item_edit_view, name="item_edit"),
    path("items/<int:pk>/translate/", views.item_translate_view, name="item_translate"),
    path("items/<int:pk>/media/", views.media_upload_view, name="item_media"),
    path("items/<int:pk>/<slug:action>/", views.item_action_view, name="item_action"),
    path("files/<int:pk>/", views.media_file_view, name="media_file"),
    path("files/<int:pk>/thumbnail/", views.media_thumbnail_view, name="media_thumbnail"),
    path("review/", views.review_view, name="review"),
    path("review/reindex/", views.reindex_view, name="reindex"),
    path("duplicates/", views.duplicates_view, name="duplicates"),
    path("coverage/", views.coverage_view, name="coverage"),
    path("import/", views.import_view, name="import"),
    path("import/template.csv", views.import_template_view, name="import_template"),
    path("import/<int:pk>/", views.import_detail_view, name="import_detail"),
    path("feeds/", views.feeds_view, name="feeds"),
    path("feeds/<int:pk>/", views.feed_detail_view, name="feed"),
    path("tokens/", views.tokens_view, name="tokens"),
]
