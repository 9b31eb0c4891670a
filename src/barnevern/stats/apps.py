from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "barnevern.stats"
    verbose_name = "Statistikk"

    def ready(self) -> None:
        from barnevern.stats import facts  # noqa: F401 - connects the saker_endret receiver
