from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "barnevern.quality"
    verbose_name = "Frister og internkontroll"
