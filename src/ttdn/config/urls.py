"""URL map: the internal application, the admin, and language switching."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="plans:home", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("ttdn.accounts.urls")),
    path("agencies/", include("ttdn.agencies.urls")),
    path("plans/", include("ttdn.plans.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "ttdn.core.views.permission_denied"
handler404 = "ttdn.core.views.page_not_found"
