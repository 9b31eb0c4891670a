from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "barnevern.audit"
    verbose_name = "Tilgangslogg"
