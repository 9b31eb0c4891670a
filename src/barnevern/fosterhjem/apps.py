from django.apps import AppConfig


class FosterhjemConfig(AppConfig):
    name = "barnevern.fosterhjem"
    verbose_name = "Fosterhjem"
