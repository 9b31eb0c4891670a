from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "barnevern.casework"
    verbose_name = "Saksarbeid"

    def ready(self) -> None:
        from barnevern.casework import system  # noqa: F401  (connects the system-entry receivers)
