"""The annual status report (tilstandsrapport, bvl. § 15-3 femte ledd): drafts, duties, issues.

* ``Rapport`` is the editable draft for one service, year, version (public/internal) and
  optionally one member municipality: the leader's narrative and the calculator input. Its
  figures are assembled live from the owning apps every time it is shown.
* ``Plikt`` is one line of the municipality's statutory duties checklist, per service and year
  (and municipality where the duty lies with the municipal council).
* ``RapportUtgave`` is an issued, numbered report: the frozen JSON of every assembled figure
  and text, the rendered HTML and the PDF bytes with their SHA-256. It never changes:
  ``save()`` refuses updates and ``delete()`` raises, also through querysets.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from barnevern.organisation.models import Kommune, Tjeneste


class Versjon(models.TextChoices):
    OFFENTLIG = "offentlig", _("Offentlig versjon")
    INTERN = "intern", _("Intern versjon")


class Rapport(models.Model):
    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        UTSTEDT = "utstedt", _("Utstedt")

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="rapporter")
    ar = models.PositiveSmallIntegerField(_("år"))
    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommune"),
        help_text=_("Tom: hele tjenesten."),
    )
    versjon = models.CharField(_("versjon"), max_length=10, choices=Versjon.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UTKAST)
    nummer = models.PositiveIntegerField(_("siste utgave"), null=True, blank=True)
    utfordringer = models.TextField(_("Utfordringer"), blank=True)
    tiltak = models.TextField(_("Tiltak"), blank=True)
    veien_videre = models.TextField(_("Veien videre"), blank=True)
    samarbeid = models.TextField(_("Samarbeid med andre tjenester"), blank=True)
    utenfor_antall = models.PositiveIntegerField(
        _("antall personer utenfor arbeid og utdanning"), null=True, blank=True
    )
    utenfor_grunnlag = models.CharField(_("grunnlag for antallet"), max_length=300, blank=True)
    revisjon = models.PositiveIntegerField(default=1)
    endret = models.DateTimeField(auto_now=True)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tilstandsrapport")
        verbose_name_plural = _("tilstandsrapporter")
        ordering = ["-ar", "tjeneste", "kommune__nummer", "versjon"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjeneste", "ar", "kommune", "versjon"],
                condition=models.Q(kommune__isnull=False),
                name="rapport_unique_kommune",
            ),
            models.UniqueConstraint(
                fields=["tjeneste", "ar", "versjon"],
                condition=models.Q(kommune__isnull=True),
                name="rapport_unique_tjeneste",
            ),
        ]

    def __str__(self) -> str:
        scope = self.kommune.navn if self.kommune_id else self.tjeneste.navn
        return f"Tilstandsrapport {self.ar} – {scope} ({self.get_versjon_display().lower()})"

    @property
    def is_public(self) -> bool:
        return self.versjon == Versjon.OFFENTLIG

    def narrative(self) -> dict[str, str]:
        return {
            "utfordringer": self.utfordringer,
            "tiltak": self.tiltak,
            "veien_videre": self.veien_videre,
            "samarbeid": self.samarbeid,
        }


class Plikt(models.Model):
    """One statutory duty of the municipality or the service for one year."""

    class Kode(models.TextChoices):
        FOREBYGGINGSPLAN = (
            "forebyggingsplan",
            _("Kommunestyret har vedtatt plan for det forebyggende arbeidet"),
        )
        TILSTANDSRAPPORT = (
            "tilstandsrapport",
            _("Kommunestyret har fått redegjørelse om tilstanden i barnevernstjenesten"),
        )
        BEREDSKAP = "beredskap", _("Barnevernstjenesten er tilgjengelig til enhver tid (beredskap)")
        BARNEVERNVAKT = "barnevernvakt", _("Barnevernvakt utenom kontortid")

    class Svar(models.TextChoices):
        JA = "ja", _("Ja")
        NEI = "nei", _("Nei")
        UAVKLART = "uavklart", _("Ikke avklart")

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="plikter")
    ar = models.PositiveSmallIntegerField(_("år"))
    kommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("kommune")
    )
    kode = models.CharField(_("plikt"), max_length=30, choices=Kode.choices)
    svar = models.CharField(_("oppfylt"), max_length=10, choices=Svar.choices, default=Svar.UAVKLART)
    dato = models.DateField(_("dato"), null=True, blank=True)
    kommentar = models.CharField(_("kommentar"), max_length=500, blank=True)
    endret = models.DateTimeField(auto_now=True)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lovpålagt plikt")
        verbose_name_plural = _("lovpålagte plikter")
        ordering = ["tjeneste", "ar", "kode", "kommune__nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjeneste", "ar", "kommune", "kode"],
                condition=models.Q(kommune__isnull=False),
                name="plikt_unique_kommune",
            ),
            models.UniqueConstraint(
                fields=["tjeneste", "ar", "kode"],
                condition=models.Q(kommune__isnull=True),
                name="plikt_unique_tjeneste",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kode_display()} ({self.ar})"


class ImmutableUtgave(Exception):
    """An issued report cannot be changed or deleted."""


class UtgaveQuerySet(models.QuerySet["RapportUtgave"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableUtgave("En utstedt tilstandsrapport kan ikke slettes.")

    def update(self, **kwargs: Any) -> int:
        raise ImmutableUtgave("En utstedt tilstandsrapport kan ikke endres.")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class RapportUtgave(models.Model):
    """An issued report, numbered per service and year, frozen for good."""

    rapport = models.ForeignKey(Rapport, on_delete=models.PROTECT, related_name="utgaver")
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    ar = models.PositiveSmallIntegerField(_("år"))
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    versjon = models.CharField(_("versjon"), max_length=10, choices=Versjon.choices)
    nummer = models.PositiveIntegerField(_("nummer"))
    data_json = models.TextField(_("frosne data (JSON)"))
    html = models.TextField(_("HTML"))
    pdf = models.BinaryField(_("PDF"))
    pdf_sha256 = models.CharField(max_length=64)
    html_sha256 = models.CharField(max_length=64)
    utstedt = models.DateTimeField(_("utstedt"))
    utstedt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    utstedt_av_navn = models.CharField(max_length=200, blank=True)

    objects = UtgaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("utstedt tilstandsrapport")
        verbose_name_plural = _("utstedte tilstandsrapporter")
        ordering = ["-ar", "tjeneste", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "ar", "nummer"], name="rapportutgave_nummer_unique"),
        ]

    def __str__(self) -> str:
        return f"Tilstandsrapport {self.ar} nr. {self.nummer}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableUtgave("En utstedt tilstandsrapport kan ikke endres.")
        self.pdf_sha256 = sha256(bytes(self.pdf))
        self.html_sha256 = sha256(self.html.encode("utf-8"))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableUtgave("En utstedt tilstandsrapport kan ikke slettes.")

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.data_json)

    @property
    def is_public(self) -> bool:
        return self.versjon == Versjon.OFFENTLIG

    def pdf_bytes(self) -> bytes:
        return bytes(self.pdf)
