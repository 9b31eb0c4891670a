"""The intermunicipal economy of a service: ledger, keys, placements, grants, settlements.

Amounts are ``Decimal`` in NOK with two decimals (``DecimalField(14, 2)``). Every figure is
computed in ``barnevern.rules`` (money, allocation, copayment, settlement, forecast); these
models only store the inputs and, for settlements, a frozen snapshot of inputs and results.

An approved settlement statement (``Oppgjor``) is numbered and never changes: ``save()``
refuses changes, ``delete()`` raises, and a correction is a new statement that refers to
the old one (``korrigerer``).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final, TypedDict

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from barnevern.organisation.models import Tjeneste, kommunenummer_validator
from barnevern.rules.copayment import LABELS, MeasureType, RateStatus, StayKind, Tier


class _Amount(TypedDict):
    max_digits: int
    decimal_places: int


AMOUNT: Final[_Amount] = {"max_digits": 14, "decimal_places": 2}
"""An amount in NOK with øre: ``models.DecimalField(label, **AMOUNT)`` (economy and fosterhjem)."""


class Kostnadskategori(models.Model):
    """A cost category; ``kontoer`` are account codes (art) that map to it on import."""

    class Art(models.TextChoices):
        FELLES = "felles", _("Felleskostnad")
        KLIENT = "klient", _("Klientrettet kostnad")

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    navn = models.CharField(_("navn"), max_length=100)
    art = models.CharField(_("art"), max_length=10, choices=Art.choices)
    kontoer = models.JSONField(_("kontoer"), default=list, blank=True)
    rekkefolge = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("kostnadskategori")
        verbose_name_plural = _("kostnadskategorier")
        ordering = ["art", "rekkefolge", "navn"]

    def __str__(self) -> str:
        return self.navn


class Importbunt(models.Model):
    """One imported file; the same file cannot be imported twice for the same kind."""

    class Art(models.TextChoices):
        FELLES = "common", _("Felleskostnader")
        KLIENT = "client", _("Klientkostnader")
        BUDSJETT = "budget", _("Budsjett")
        INNBETALING = "payment", _("Innbetalinger")

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    art = models.CharField(_("art"), max_length=10, choices=Art.choices)
    filnavn = models.CharField(_("filnavn"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rader = models.PositiveIntegerField(_("rader"))
    importert = models.DateTimeField(_("importert"), auto_now_add=True)
    importert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-importert"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "art", "sha256"], name="importbunt_unique_file")
        ]


class Felleskostnad(models.Model):
    """A common cost booked in a month (``maned`` is the first day of the month)."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    maned = models.DateField(_("måned"))
    kategori = models.ForeignKey(Kostnadskategori, on_delete=models.PROTECT, related_name="+")
    belop = models.DecimalField(_("beløp"), **AMOUNT)
    tekst = models.CharField(_("tekst"), max_length=200, blank=True)
    bunt = models.ForeignKey(Importbunt, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("felleskostnad")
        verbose_name_plural = _("felleskostnader")
        ordering = ["maned", "kategori__rekkefolge"]
        indexes = [models.Index(fields=["tjeneste", "maned"])]


class Klientkostnad(models.Model):
    """A client-related cost; ``kommunenummer`` is the child's residence on ``dato``."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    sak = models.ForeignKey("cases.Sak", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kommunenummer = models.CharField(_("kommune"), max_length=4, validators=[kommunenummer_validator])
    dato = models.DateField(_("dato"))
    kategori = models.ForeignKey(Kostnadskategori, on_delete=models.PROTECT, related_name="+")
    belop = models.DecimalField(_("beløp"), **AMOUNT)
    tekst = models.CharField(_("tekst"), max_length=200, blank=True)
    bunt = models.ForeignKey(Importbunt, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("klientkostnad")
        verbose_name_plural = _("klientkostnader")
        ordering = ["dato", "pk"]
        indexes = [models.Index(fields=["tjeneste", "dato"])]


class Budsjett(models.Model):
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    ar = models.PositiveSmallIntegerField(_("år"))
    kategori = models.ForeignKey(Kostnadskategori, on_delete=models.PROTECT, related_name="+")
    belop = models.DecimalField(_("beløp"), **AMOUNT)

    class Meta:
        verbose_name = _("budsjett")
        verbose_name_plural = _("budsjett")
        ordering = ["ar", "kategori__art", "kategori__rekkefolge"]
        constraints = [models.UniqueConstraint(fields=["tjeneste", "ar", "kategori"], name="budsjett_unique")]


class Innbetaling(models.Model):
    """A payment on account (a konto) from a member municipality to the host."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    dato = models.DateField(_("dato"))
    kommunenummer = models.CharField(_("kommune"), max_length=4, validators=[kommunenummer_validator])
    belop = models.DecimalField(_("beløp"), **AMOUNT)
    tekst = models.CharField(_("tekst"), max_length=200, blank=True)
    bunt = models.ForeignKey(Importbunt, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("innbetaling")
        verbose_name_plural = _("innbetalinger")
        ordering = ["dato", "kommunenummer"]


class Nokkel(models.Model):
    """The cost-sharing key setting of a service (the agreement's key)."""

    class Type(models.TextChoices):
        BEFOLKNING = "befolkning", _("Innbyggere i aldersgruppe")
        FAST = "fast", _("Faste andeler i avtalen")
        TILTAK = "tiltak", _("Antall barn med tiltak")

    tjeneste = models.OneToOneField(Tjeneste, on_delete=models.CASCADE, related_name="nokkel")
    type = models.CharField(_("nøkkeltype"), max_length=12, choices=Type.choices, default=Type.BEFOLKNING)
    alder_fra = models.PositiveSmallIntegerField(_("alder fra"), default=0)
    alder_til = models.PositiveSmallIntegerField(_("alder til"), default=17)
    regulering_ar = models.PositiveSmallIntegerField(_("reguleres hvert (år)"), default=2)
    referansedato = models.DateField(_("første referansedato"), default=date(2021, 1, 1))
    faste_andeler = models.JSONField(_("faste andeler"), default=dict, blank=True)

    class Meta:
        verbose_name = _("fordelingsnøkkel")
        verbose_name_plural = _("fordelingsnøkler")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(alder_til__gte=models.F("alder_fra")), name="nokkel_alder"
            ),
            models.CheckConstraint(condition=models.Q(regulering_ar__gte=1), name="nokkel_regulering"),
        ]


class Nokkelperiode(models.Model):
    """A stored key period: the weights (e.g. inhabitants 0–17) valid from–to."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="+")
    gyldig_fra = models.DateField(_("gyldig fra"))
    gyldig_til = models.DateField(_("gyldig til"), null=True, blank=True)
    grunnlag = models.CharField(_("grunnlag"), max_length=12, choices=Nokkel.Type.choices)
    referansedato = models.DateField(_("referansedato"), null=True, blank=True)
    vekter = models.JSONField(_("vekter"))  # {"5021": "1500", "5022": "497"}
    merknad = models.CharField(_("merknad"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nøkkelperiode")
        verbose_name_plural = _("nøkkelperioder")
        ordering = ["tjeneste", "gyldig_fra"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "gyldig_fra"], name="nokkelperiode_unique")
        ]


class Kolonneoppsett(models.Model):
    """A saved column mapping for importing one kind of ledger file: {field: header}."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="+")
    art = models.CharField(_("art"), max_length=10, choices=Importbunt.Art.choices)
    navn = models.CharField(_("navn"), max_length=100)
    kolonner = models.JSONField(_("kolonner"), default=dict)

    class Meta:
        verbose_name = _("kolonneoppsett")
        verbose_name_plural = _("kolonneoppsett")
        ordering = ["art", "navn"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "art", "navn"], name="kolonneoppsett_unique")
        ]

    def __str__(self) -> str:
        return self.navn


MEASURE_CHOICES = [(m.value, capfirst(LABELS[m])) for m in MeasureType]
TIER_CHOICES = [
    (Tier.STANDARD.value, _("Ordinær sats")),
    (Tier.PRE_2022.value, _("Overgangssats (plassert før 2022)")),
]
STAY_CHOICES = [
    ("", _("Ikke relevant")),
    (StayKind.ASSESSMENT.value, _("Utredning")),
    (StayKind.TREATMENT.value, _("Behandling")),
]
STATUS_CHOICES = [
    (RateStatus.VERIFIED.value, _("✔ Offisiell kilde")),
    (RateStatus.SECONDARY.value, _("◐ Sekundærkilde")),
    (RateStatus.UNVERIFIED.value, _("⚠ Ikke bekreftet")),
]


class Plassering(models.Model):
    """A placement that carries a municipal co-payment to the state (egenbetaling)."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    sak = models.ForeignKey("cases.Sak", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kommunenummer = models.CharField(_("kommune"), max_length=4, validators=[kommunenummer_validator])
    tiltakstype = models.CharField(_("tiltakstype"), max_length=40, choices=MEASURE_CHOICES)
    start = models.DateField(_("start"))
    slutt = models.DateField(_("slutt (siste dag)"), null=True, blank=True)
    foreldre = models.PositiveSmallIntegerField(_("foreldre i opphold"), default=1)
    barn = models.PositiveSmallIntegerField(_("barn i opphold"), default=1)
    opphold = models.CharField(_("oppholdstype"), max_length=12, choices=STAY_CHOICES, blank=True)
    referanse = models.CharField(_("referanse"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("plassering")
        verbose_name_plural = _("plasseringer")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slutt__isnull=True) | models.Q(slutt__gte=models.F("start")),
                name="plassering_slutt_after_start",
            )
        ]


class SatsOverstyring(models.Model):
    """A co-payment rate added by the leader for a year the shipped table lacks."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="+")
    ar = models.PositiveSmallIntegerField(_("år"))
    tiltakstype = models.CharField(_("tiltakstype"), max_length=40, choices=MEASURE_CHOICES)
    niva = models.CharField(_("sats"), max_length=10, choices=TIER_CHOICES, default=Tier.STANDARD.value)
    belop = models.DecimalField(_("kroner per måned"), **AMOUNT)
    kilde = models.CharField(_("kilde"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=STATUS_CHOICES, default=RateStatus.VERIFIED.value
    )
    registrert = models.DateTimeField(auto_now_add=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Økonomi proposes, the leder approves: only approved rates count (``copayments.rates_of``).
    godkjent = models.BooleanField(_("godkjent"), default=True)
    godkjent_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    godkjent_tid = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sats for egenbetaling")
        verbose_name_plural = _("satser for egenbetaling")
        ordering = ["ar", "tiltakstype"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "ar", "tiltakstype", "niva"], name="sats_unique")
        ]


class Statstilskudd(models.Model):
    """A state grant to the host (e.g. earmarked positions), shared by the key."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    ar = models.PositiveSmallIntegerField(_("år"))
    tekst = models.CharField(_("tekst"), max_length=200)
    stillinger = models.DecimalField(_("stillinger"), max_digits=6, decimal_places=2, null=True, blank=True)
    belop = models.DecimalField(_("beløp"), **AMOUNT)
    reduksjon = models.DecimalField(_("reduksjon"), default=0, **AMOUNT)

    class Meta:
        verbose_name = _("statstilskudd")
        verbose_name_plural = _("statstilskudd")
        ordering = ["ar", "pk"]


class ImmutableStatement(Exception):
    """An approved statement was about to be changed or deleted."""


class OppgjorQuerySet(models.QuerySet["Oppgjor"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=Oppgjor.Status.GODKJENT).exists():
            raise ImmutableStatement("Godkjente oppgjør kan ikke slettes.")
        return super().delete()

    def update(self, **kwargs: Any) -> int:
        if self.filter(status=Oppgjor.Status.GODKJENT).exists():
            raise ImmutableStatement("Godkjente oppgjør kan ikke endres.")
        return super().update(**kwargs)


class Oppgjor(models.Model):
    """A half-year settlement statement with a frozen snapshot of inputs and results."""

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        GODKJENT = "godkjent", _("Godkjent")

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    periode = models.CharField(_("periode"), max_length=7)  # "2022H2"
    nummer = models.PositiveIntegerField(_("nummer"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UTKAST)
    snapshot = models.JSONField(_("grunnlag og resultat"))
    opprettet = models.DateTimeField(_("opprettet"), auto_now_add=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    godkjent = models.DateTimeField(_("godkjent"), null=True, blank=True)
    godkjent_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    korrigerer = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="korrigeringer",
        verbose_name=_("korrigerer"),
    )

    objects = OppgjorQuerySet.as_manager()

    class Meta:
        verbose_name = _("oppgjør")
        verbose_name_plural = _("oppgjør")
        ordering = ["-periode", "-nummer", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "nummer"], name="oppgjor_nummer_unique"),
            models.CheckConstraint(
                condition=models.Q(status="utkast") | models.Q(nummer__isnull=False, godkjent__isnull=False),
                name="oppgjor_godkjent_has_nummer",
            ),
        ]

    def __str__(self) -> str:
        if self.nummer:
            return f"Oppgjør nr. {self.nummer} ({self.periode})"
        return f"Utkast til oppgjør {self.periode}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.GODKJENT:
                raise ImmutableStatement(
                    f"Oppgjør nr. {self.nummer} er godkjent og kan ikke endres; lag en korrigering."
                )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if self.er_godkjent or stored == self.Status.GODKJENT:
            raise ImmutableStatement(f"Oppgjør nr. {self.nummer} er godkjent og kan ikke slettes.")
        return super().delete(*args, **kwargs)

    @property
    def er_godkjent(self) -> bool:
        return self.status == self.Status.GODKJENT


class Reformkompensasjon(models.Model):
    """The 2022 reform's compensation in the block grant for one year, entered with its source.

    With ``kommunenummer`` it is one member municipality's own amount (e.g. from the state
    budget's tables); blank, it is the amount of all members together, split by the weights in
    ``Kompensasjonsgrunnlag`` (``rules.compensation.split_compensation``). None is guessed.
    """

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="+")
    ar = models.PositiveSmallIntegerField(_("år"))
    kommunenummer = models.CharField(
        _("kommune"),
        max_length=4,
        blank=True,
        validators=[kommunenummer_validator],
        help_text=_("Tom: beløpet gjelder alle medlemskommunene samlet."),
    )
    belop = models.DecimalField(_("kompensasjon"), **AMOUNT)
    kilde = models.CharField(_("kilde"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=STATUS_CHOICES, default=RateStatus.VERIFIED.value
    )
    merknad = models.CharField(_("merknad"), max_length=300, blank=True)
    registrert = models.DateTimeField(auto_now_add=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reformkompensasjon")
        verbose_name_plural = _("reformkompensasjon")
        ordering = ["ar", "kommunenummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjeneste", "ar", "kommunenummer"], name="reformkompensasjon_unique"
            ),
            models.CheckConstraint(condition=models.Q(belop__gte=0), name="reformkompensasjon_not_negative"),
        ]


class Kompensasjonsgrunnlag(models.Model):
    """The weights of one member municipality for splitting a joint compensation: its
    co-payments to the state in 2020 (the use of measures) and its cost-key weight."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="+")
    ar = models.PositiveSmallIntegerField(_("år"))
    kommunenummer = models.CharField(_("kommune"), max_length=4, validators=[kommunenummer_validator])
    faktisk_bruk_2020 = models.DecimalField(_("egenbetaling til staten i 2020"), **AMOUNT)
    kostnadsnokkel = models.DecimalField(_("kostnadsnøkkel (vekt)"), max_digits=14, decimal_places=6)
    kilde = models.CharField(_("kilde"), max_length=300)
    registrert = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grunnlag for fordeling av reformkompensasjon")
        verbose_name_plural = _("grunnlag for fordeling av reformkompensasjon")
        ordering = ["ar", "kommunenummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjeneste", "ar", "kommunenummer"], name="kompensasjonsgrunnlag_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(faktisk_bruk_2020__gte=0, kostnadsnokkel__gte=0),
                name="kompensasjonsgrunnlag_not_negative",
            ),
        ]
