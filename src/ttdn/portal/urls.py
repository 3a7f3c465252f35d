"""The portal's addresses: /<language>/… for the public site (languages from
TTDN_PORTAL_LANGUAGES), /robots.txt and /sitemap.xml at the root, /portal-files/ for images
and files, /portal/editorial/ for the coordinator. Included once from config/urls.py."""

from django.urls import include, path, register_converter

from ttdn.portal import editorial, files, syndication, views
from ttdn.portal.languages import portal_languages


class LanguageConverter:
    regex = "|".join(sorted(portal_languages(), key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FeedFormatConverter:
    regex = "rss|atom"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "portal_lang")
register_converter(FeedFormatConverter, "feed_format")

pages = [
    path("", views.home_view, name="home"),
    path("topics/", views.topics_view, name="topics"),
    path("topics/<slug:code>/", views.topic_view, name="topic"),
    path("topics/<slug:code>/feed.<feed_format:fmt>", syndication.feed_view, name="topic_feed"),
    *[
        path(f"{name}/", views.section_view(name), name=name)
        for name in (
            "news",
            "videos",
            "photos",
            "publications",
            "events",
            "press",
            "clarifications",
            "contests",
        )  # fmt: skip
    ],
    path("items/<int:pk>-<slug:slug>/", views.item_view, name="item"),
    path("items/<int:pk>/", views.item_view, name="item_bare"),
    path("about/", views.about_view, name="about"),
    path("feedback/", views.feedback_view, name="feedback"),
    path("feed.<feed_format:fmt>", syndication.feed_view, name="feed"),
    path("sitemap.xml", syndication.sitemap_view, name="sitemap"),
    path("preview/<str:token>/", views.preview_view, name="preview"),
    path("<path:rest>", views.not_found_view, name="not_found"),
]

root = [
    path("robots.txt", syndication.robots_view, name="robots"),
    path("sitemap.xml", syndication.sitemap_index_view, name="sitemap_index"),
]

file_patterns = [
    path("<int:pk>/<int:width>.webp", files.image_view, name="image"),
    path("<int:pk>/file", files.file_view, name="file"),
]

editorial_patterns = [
    path("", editorial.editorial_view, name="home"),
    path("<slug:action>/", editorial.editorial_action_view, name="action"),
]

urlpatterns = [
    path("", include((root, "portal_root"))),
    path("<portal_lang:lang>/", include((pages, "portal"))),
    path("portal-files/", include((file_patterns, "portal_files"))),
    path("portal/editorial/", include((editorial_patterns, "portal_editorial"))),
]
