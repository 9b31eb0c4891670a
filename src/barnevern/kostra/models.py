"""Imported SSB statbank tables, one row per cell with its status, and the municipalities'
KOSTRA groups and counties.

* ``Tabell``: one SSB table (``12275``), with its title, source and the ``updated`` stamp of the
  newest file read; ``Variabel``: its content codes with label, unit and decimals.
* ``Celle``: one cell — table, variable, region code, year, the other categories
  (``dimensjoner``, canonical text), the number or None, and SSB's status symbol (``:`` ``..``
  ``.`` ``-``). A symbol is never stored as 0.
* ``Innlesing``: the receipt of each file read: name, SHA-256, format, the file's ``updated``,
  who and when, and what changed (new, changed, unchanged cells, with examples).
* ``Region``: region codes with SSB's label and their kind (kommune, KOSTRA group, county,
  Norway).
* ``Gruppering``: a municipality's KOSTRA group and county from a date (groups change), edited
  by the leader.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from barnevern.organisation.models import Kommune
from barnevern.rules.kostra import region_kind

kostragruppe_validator = RegexValidator(
    r"^EKG(0[1-9]|1[0-7])$", _("KOSTRA-gruppen skrives EKG01 … EKG17 (SSBs regionkode).")
)
fylke_validator = RegexValidator(r"^EKA\d{2}$", _("Fylket skrives EKA + fylkesnummer, f.eks. EKA34."))


class Tabell(models.Model):
    tabell_id = models.CharField(_("tabell"), max_length=10, unique=True)
    tittel = models.TextField(_("tittel"))
    kilde = models.CharField(_("kilde"), max_length=200, blank=True)
    oppdatert = models.DateTimeField(_("oppdatert hos SSB"), null=True, blank=True)
    syntetisk = models.BooleanField(
        _("syntetiske tall"), default=False, help_text=_("Oppdiktede tall (demo), ikke SSBs.")
    )
    merknader = models.JSONField(_("merknader"), default=list, blank=True)
    dimensjoner = models.JSONField(
        _("dimensjoner"), default=dict, blank=True, help_text="{id: {label, categories: {kode: tekst}}}"
    )

    class Meta:
        verbose_name = _("SSB-tabell")
        verbose_name_plural = _("SSB-tabeller")
        ordering = ["tabell_id"]

    def __str__(self) -> str:
        return f"{self.tabell_id}: {self.tittel}"


class Variabel(models.Model):
    tabell = models.ForeignKey(Tabell, on_delete=models.CASCADE, related_name="variabler")
    kode = models.CharField(_("kode"), max_length=40)
    navn = models.CharField(_("navn"), max_length=300)
    enhet = models.CharField(_("enhet"), max_length=60, blank=True)
    desimaler = models.PositiveSmallIntegerField(_("desimaler"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistikkvariabel")
        verbose_name_plural = _("statistikkvariabler")
        ordering = ["tabell", "kode"]
        constraints = [models.UniqueConstraint(fields=["tabell", "kode"], name="kostra_variabel_unique")]

    def __str__(self) -> str:
        return f"{self.kode} {self.navn}"


class Innlesing(models.Model):
    """The receipt of one file: what came in and what it became."""

    tabell = models.ForeignKey(Tabell, on_delete=models.PROTECT, related_name="innlesinger")
    filnavn = models.CharField(_("filnavn"), max_length=255)
    sha256 = models.CharField(max_length=64)
    format = models.CharField(_("format"), max_length=20)
    oppdatert = models.DateTimeField(_("oppdatert hos SSB"), null=True, blank=True)
    syntetisk = models.BooleanField(default=False)
    lest_inn = models.DateTimeField(_("lest inn"), auto_now_add=True)
    lest_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    celler = models.PositiveIntegerField(default=0)
    nye = models.PositiveIntegerField(default=0)
    endrede = models.PositiveIntegerField(default=0)
    uendrede = models.PositiveIntegerField(default=0)
    endringer = models.JSONField(default=list, blank=True, help_text="The first changed cells, as text")

    class Meta:
        verbose_name = _("innlesing")
        verbose_name_plural = _("innlesinger")
        ordering = ["-lest_inn", "-id"]

    def __str__(self) -> str:
        return f"{self.filnavn} ({self.tabell.tabell_id})"


class Celle(models.Model):
    tabell = models.ForeignKey(Tabell, on_delete=models.CASCADE, related_name="celler")
    variabel = models.ForeignKey(Variabel, on_delete=models.CASCADE, related_name="celler")
    region = models.CharField(_("region"), max_length=12)
    ar = models.PositiveSmallIntegerField(_("år"))
    dimensjoner = models.CharField(_("andre kategorier"), max_length=300, blank=True)
    verdi = models.DecimalField(_("verdi"), max_digits=22, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=3, blank=True)
    innlesing = models.ForeignKey(Innlesing, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("celle")
        verbose_name_plural = _("celler")
        constraints = [
            models.UniqueConstraint(
                fields=["variabel", "region", "ar", "dimensjoner"], name="kostra_celle_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(verdi__isnull=False) | ~models.Q(status=""),
                name="kostra_celle_value_or_status",
            ),
        ]
        indexes = [models.Index(fields=["variabel", "ar", "dimensjoner"], name="kostra_celle_series")]

    def __str__(self) -> str:
        shown = self.verdi if self.verdi is not None else self.status
        return f"{self.variabel.kode} {self.region} {self.ar}: {shown}"


class Region(models.Model):
    kode = models.CharField(_("kode"), max_length=12, unique=True)
    navn = models.CharField(_("navn"), max_length=200)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.navn}"

    @property
    def kind(self) -> str:
        return region_kind(self.kode)


class Gruppering(models.Model):
    """From ``fra`` (until a later row), ``kommune`` is in KOSTRA group ``kostragruppe`` and
    county ``fylke`` (SSB region codes). SSB's grouping of 2020 is in force (SSB Rapporter
    2020/48); the leader records what SSB lists for the municipality."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="kostra_grupperinger")
    fra = models.DateField(_("gjelder fra"), default=date(2020, 1, 1))
    kostragruppe = models.CharField(_("KOSTRA-gruppe"), max_length=5, validators=[kostragruppe_validator])
    fylke = models.CharField(_("fylke"), max_length=5, validators=[fylke_validator])
    kilde = models.CharField(_("kilde"), max_length=200, blank=True)
    endret = models.DateTimeField(auto_now=True)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("KOSTRA-gruppering")
        verbose_name_plural = _("KOSTRA-grupperinger")
        ordering = ["kommune__nummer", "fra"]
        constraints = [models.UniqueConstraint(fields=["kommune", "fra"], name="kostra_gruppering_unique")]

    def __str__(self) -> str:
        return f"{self.kommune} fra {self.fra}: {self.kostragruppe}, {self.fylke}"
