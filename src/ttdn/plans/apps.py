from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ttdn.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from ttdn.plans import exports  # noqa: F401  (registers the plan exporters)
