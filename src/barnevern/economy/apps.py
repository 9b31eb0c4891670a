from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "barnevern.economy"
    verbose_name = "Økonomi"
