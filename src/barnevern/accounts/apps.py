from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "barnevern.accounts"
    verbose_name = "Brukere og tilgang"
