from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "barnevern.cases"
    verbose_name = "Saker"
