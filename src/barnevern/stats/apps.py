from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "barnevern.stats"
    verbose_name = "Statistikk"
