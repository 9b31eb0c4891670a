from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "barnevern.intake"
    verbose_name = "Digitale bekymringsmeldinger (Fiks)"
