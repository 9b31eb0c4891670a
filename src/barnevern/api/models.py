"""Integrations (API clients): one token per integration, scoped to one service.

The token is shown once when made (``barnevern api-token create``) and stored only as its SHA-256.
``Teller`` counts calls per integration and minute in the database, so the rate limit holds across
every server process.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from barnevern.organisation.models import Tjeneste


class Scope(models.TextChoices):
    FRISTER = "frister:les", _("lese fristlisten for tjenesten")
    STATISTIKK = "statistikk:les", _("lese publiserte (prikkede) tall")
    MELDINGER = "meldinger:skriv", _("registrere bekymringsmeldinger")
    TIDSLINJE = "saker:tidslinje", _("lese en saks tidslinje (personopplysninger)")


class Integrasjon(models.Model):
    navn = models.CharField(_("navn"), max_length=100, unique=True)
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="integrasjoner")
    scopes = models.JSONField(default=list)  # [Scope values]
    token_sha256 = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField(max_length=12)  # shown in lists, to tell tokens apart
    per_minutt = models.PositiveIntegerField(_("kall per minutt"), default=60)
    aktiv = models.BooleanField(default=True)
    opprettet = models.DateTimeField(default=timezone.now)
    sist_brukt = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class Teller(models.Model):
    integrasjon = models.ForeignKey(Integrasjon, on_delete=models.CASCADE, related_name="+")
    vindu = models.DateTimeField()  # the minute
    antall = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["integrasjon", "vindu"], name="api_teller_unique")]
