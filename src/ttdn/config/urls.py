"""URL map: the internal application, the admin, and language switching."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from ttdn.catalog.api.docs import api_docs_view
from ttdn.core.views import root

urlpatterns = [
    path("", root, name="root"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("ttdn.accounts.urls")),
    path("agencies/", include("ttdn.agencies.urls")),
    path("plans/", include("ttdn.plans.urls")),
    path("reports/", include("ttdn.reporting.urls")),
    path("monitoring/", include("ttdn.monitoring.urls")),
    path("feedback/", include("ttdn.reporting.feedback_urls")),
    path("notifications/", include("ttdn.notifications.urls")),
    path("exports/", include("ttdn.exports.urls")),
    path("catalog/", include("ttdn.catalog.urls")),
    path("api/v1/catalog/", include("ttdn.catalog.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs_view, name="api-docs"),
    path("admin/", admin.site.urls),
    # The public portal: /vi/, /en/, /lo/ …, /robots.txt, /sitemap.xml (docs/apps/portal.md).
    path("", include("ttdn.portal.urls")),
]

handler403 = "ttdn.core.views.permission_denied"
handler404 = "ttdn.core.views.page_not_found"
