from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "barnevern.reports"
    verbose_name = "Tilstandsrapport"
