from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CasesConfig(AppConfig):
    name = "barnevern.cases"
    verbose_name = "Saker"

    def ready(self) -> None:
        from barnevern.cases.queries import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="barnevern-bv-fold")
