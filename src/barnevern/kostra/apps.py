from django.apps import AppConfig


class KostraConfig(AppConfig):
    name = "barnevern.kostra"
    verbose_name = "KOSTRA"
