from django.apps import AppConfig


class CrosssellConfig(AppConfig):
    name = "crosssell"
    verbose_name = "Cross-sells"

    def ready(self) -> None:
        from . import receivers  # noqa: F401
