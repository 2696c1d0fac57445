from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Shop"

    def ready(self) -> None:
        import core.checks  # noqa: F401  (registers the production settings checks)

        from . import checks, receivers  # noqa: F401
