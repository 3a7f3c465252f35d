from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "ttdn.catalog"
    label = "catalog"
    verbose_name = _("Foreign-information database")

    def ready(self) -> None:
        from ttdn.catalog import exports  # noqa: F401  (registers the search-result exporters)
        from ttdn.catalog.search import postgres, sqlite  # noqa: F401  (registers the backends)
