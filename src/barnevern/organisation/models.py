"""Municipalities, services (tjenester), membership, teams and population figures.

A service (barnevernstjeneste) may serve several municipalities: a host municipality
(vertskommune) and members under an agreement (kommuneloven § 20-2, administrativt
vertskommunesamarbeid). Membership has dates, so a figure or a cost can be attributed
to the member municipality where the child lived on the day that counts.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr as stdnum_orgnr

kommunenummer_validator = RegexValidator(r"^\d{4}$", _("Kommunenummeret må ha fire siffer."))


def validate_orgnr(value: str) -> None:
    """Nine digits with a valid modulus-11 check digit (Brønnøysundregistrene)."""
    try:
        stdnum_orgnr.validate(value)
    except StdnumError:
        raise ValidationError(
            _("Organisasjonsnummeret «%(value)s» er ugyldig: det må ha ni siffer og riktig kontrollsiffer."),
            params={"value": value},
            code="invalid_orgnr",
        ) from None


class Kommune(models.Model):
    nummer = models.CharField(_("kommunenummer"), max_length=4, validators=[kommunenummer_validator])
    navn = models.CharField(_("navn"), max_length=100)
    gyldig_fra = models.DateField(_("gyldig fra"), default=date(2020, 1, 1))
    gyldig_til = models.DateField(_("gyldig til"), null=True, blank=True)

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["nummer"]
        constraints = [
            models.UniqueConstraint(fields=["nummer", "gyldig_fra"], name="kommune_nummer_fra_unique"),
            models.CheckConstraint(
                condition=models.Q(gyldig_til__isnull=True)
                | models.Q(gyldig_til__gte=models.F("gyldig_fra")),
                name="kommune_gyldig_til_after_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} {self.navn}"


class Tjeneste(models.Model):
    """A child welfare service (barnevernstjeneste), possibly intermunicipal."""

    slug = models.SlugField(
        _("kortnavn"), unique=True, help_text=_("Brukes på kommandolinjen, f.eks. nord-osterdal.")
    )
    navn = models.CharField(_("navn"), max_length=200)
    organisasjonsnummer = models.CharField(
        _("organisasjonsnummer"), max_length=9, unique=True, validators=[validate_orgnr]
    )
    vertskommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, related_name="+", verbose_name=_("vertskommune")
    )
    avtale_signert = models.DateField(_("avtale signert"), null=True, blank=True)
    avtale_i_kraft = models.DateField(_("avtale i kraft"), null=True, blank=True)
    rettsgrunnlag = models.TextField(_("rettsgrunnlag"), blank=True)

    class Meta:
        verbose_name = _("barnevernstjeneste")
        verbose_name_plural = _("barnevernstjenester")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn

    def medlemmer_on(self, day: date) -> list[Kommune]:
        """Member municipalities (host included) on ``day``, host first."""
        members = [
            m.kommune
            for m in self.medlemskap.select_related("kommune").all()
            if m.fra <= day and (m.til is None or m.til >= day)
        ]
        return sorted(members, key=lambda k: (k.pk != self.vertskommune_id, k.nummer))

    def kommunenumre(self) -> list[str]:
        """All municipality numbers that have ever been members, host first."""
        members = {m.kommune.nummer for m in self.medlemskap.select_related("kommune")}
        host = self.vertskommune.nummer
        return [host, *sorted(members - {host})]


class Medlemskap(models.Model):
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="medlemskap")
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="medlemskap")
    fra = models.DateField(_("fra"))
    til = models.DateField(_("til"), null=True, blank=True)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["tjeneste", "kommune__nummer"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "kommune", "fra"], name="medlemskap_unique"),
            models.CheckConstraint(
                condition=models.Q(til__isnull=True) | models.Q(til__gte=models.F("fra")),
                name="medlemskap_til_after_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kommune} i {self.tjeneste}"


class Team(models.Model):
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="team")
    navn = models.CharField(_("navn"), max_length=100)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("team")
        ordering = ["tjeneste", "navn"]
        constraints = [models.UniqueConstraint(fields=["tjeneste", "navn"], name="team_unique")]

    def __str__(self) -> str:
        return self.navn


class Befolkning(models.Model):
    """Inhabitants of one age in a municipality on 1 January of ``ar`` (SSB table 07459)."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="befolkning")
    ar = models.PositiveSmallIntegerField(_("år"))
    alder = models.PositiveSmallIntegerField(_("alder"))
    antall = models.PositiveIntegerField(_("antall"))

    class Meta:
        verbose_name = _("befolkningstall")
        verbose_name_plural = _("befolkningstall")
        constraints = [models.UniqueConstraint(fields=["kommune", "ar", "alder"], name="befolkning_unique")]
        indexes = [models.Index(fields=["ar", "kommune"])]


def find_tjeneste(ident: str) -> Tjeneste:
    """A service named by slug or organisation number (for the command line)."""
    ident = ident.strip().replace(" ", "")
    found = Tjeneste.objects.filter(models.Q(slug=ident) | models.Q(organisasjonsnummer=ident)).first()
    if found is None:
        known = ", ".join(Tjeneste.objects.values_list("slug", flat=True)) or "ingen"
        raise Tjeneste.DoesNotExist(f"Fant ingen tjeneste «{ident}». Kjente tjenester: {known}.")
    return found


def population(kommune_numre: list[str], year: int, ages: range = range(0, 18)) -> dict[str, int]:
    """Inhabitants in ``ages`` per municipality number for ``year`` (missing → absent)."""
    rows = (
        Befolkning.objects.filter(kommune__nummer__in=kommune_numre, ar=year, alder__in=list(ages))
        .values_list("kommune__nummer")
        .annotate(total=models.Sum("antall"))
    )
    return dict(rows)
