from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "barnevern.quality"
    verbose_name = "Frister og internkontroll"

    def ready(self) -> None:
        from barnevern.quality import cache  # noqa: F401 - connects the receivers that drop kept figures
