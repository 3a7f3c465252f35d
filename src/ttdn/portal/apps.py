from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ttdn.portal"
    label = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from ttdn.portal import checks  # noqa: F401  (registers the system checks)
