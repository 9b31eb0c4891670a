from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "barnevern.staff"
    verbose_name = "Ansatte og kompetanse"
