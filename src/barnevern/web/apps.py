from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "barnevern.web"
    verbose_name = "Nettgrensesnitt"
