from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "barnevern.api"
    verbose_name = "Integrasjons-API"
