from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "barnevern.organisation"
    verbose_name = "Organisasjon"
