"""Foster homes (fosterhjem) of a service: the household, its status history, training, checks,
placements of children with their agreements and follow-up plans, counselling given to the
home, and the monthly costs booked into the economy ledger.

The rules (approval only after training, deadlines, reduced visits) are in
``barnevern.rules.fosterhjem``; every change goes through ``fosterhjem.services`` (audited).
Checks such as the police certificate (politiattest) are recorded with their kind and date
only, never their content. Money is ``Decimal`` (``DecimalField(14, 2)``), per month.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from barnevern.economy.models import AMOUNT
from barnevern.organisation.models import Tjeneste, kommunenummer_validator
from barnevern.rules.fosterhjem import HomeKind, HomeStatus

KIND_CHOICES = [
    (HomeKind.ORDINARY.value, _("Ordinært fosterhjem")),
    (HomeKind.KINSHIP.value, _("Fosterhjem i familie og nære nettverk")),
    (HomeKind.REINFORCED.value, _("Forsterket fosterhjem")),
    (HomeKind.EMERGENCY.value, _("Beredskapshjem")),
]
STATUS_CHOICES = [
    (HomeStatus.ASSESSMENT.value, _("Under utredning")),
    (HomeStatus.TRAINING.value, _("Opplæring")),
    (HomeStatus.APPROVED.value, _("Godkjent")),
    (HomeStatus.IN_USE.value, _("I bruk")),
    (HomeStatus.PAUSED.value, _("Pause")),
    (HomeStatus.ENDED.value, _("Avsluttet")),
]


class Fosterhjem(models.Model):
    """A foster home: the household. ``kommunenummer`` is where the home is
    (fosterhjemskommunen), which may differ from the child's care municipality."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    navn = models.CharField(_("navn"), max_length=200, help_text=_("F.eks. «Familien Haugen»."))
    art = models.CharField(_("type"), max_length=20, choices=KIND_CHOICES)
    adresse = models.CharField(_("adresse"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=4, blank=True)
    poststed = models.CharField(_("poststed"), max_length=100, blank=True)
    kommunenummer = models.CharField(
        _("fosterhjemskommune"), max_length=4, validators=[kommunenummer_validator]
    )
    merknad = models.TextField(_("merknad"), blank=True)
    opprettet = models.DateTimeField(auto_now_add=True)
    versjon = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("fosterhjem")
        verbose_name_plural = _("fosterhjem")
        ordering = ["navn", "pk"]
        indexes = [models.Index(fields=["tjeneste", "navn"])]

    def __str__(self) -> str:
        return self.navn


class Fosterforelder(models.Model):
    """An adult of the household. In each placed child's case the foster parent is a party
    (``casework.Part``, role «fosterforelder»), linked through ``Fosterhjemsplassering.parter``."""

    fosterhjem = models.ForeignKey(Fosterhjem, on_delete=models.CASCADE, related_name="fosterforeldre")
    navn = models.CharField(_("navn"), max_length=200)
    fodselsnummer = models.CharField(_("fødselsnummer"), max_length=11, blank=True)
    telefon = models.CharField(_("telefon"), max_length=30, blank=True)
    epost = models.EmailField(_("e-post"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("fosterforelder")
        verbose_name_plural = _("fosterforeldre")
        ordering = ["navn", "pk"]

    def __str__(self) -> str:
        return self.navn


class Statusendring(models.Model):
    """One entry of a home's status history (never changed; a new entry follows)."""

    fosterhjem = models.ForeignKey(Fosterhjem, on_delete=models.CASCADE, related_name="statuser")
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES)
    dato = models.DateField(_("fra dato"))
    begrunnelse = models.TextField(_("begrunnelse"), blank=True)
    registrert = models.DateTimeField(auto_now_add=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("statusendring")
        verbose_name_plural = _("statushistorikk")
        ordering = ["dato", "pk"]


class Opplaering(models.Model):
    """Training of the foster parents (e.g. the basic course after the national recommendations)."""

    fosterhjem = models.ForeignKey(Fosterhjem, on_delete=models.CASCADE, related_name="opplaeringer")
    kurs = models.CharField(_("opplæring"), max_length=200)
    leverandor = models.CharField(_("gitt av"), max_length=200, blank=True)
    startet = models.DateField(_("startet"), null=True, blank=True)
    fullfort = models.DateField(_("fullført"), null=True, blank=True)
    nasjonale_anbefalinger = models.BooleanField(_("etter nasjonale anbefalinger"), default=True)
    kreves = models.BooleanField(
        _("påkrevd opplæring"),
        default=True,
        help_text=_("Opplæringen som må være fullført før godkjenning og innflytting."),
    )

    class Meta:
        verbose_name = _("opplæring")
        verbose_name_plural = _("opplæring")
        ordering = ["startet", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fullfort__isnull=True)
                | models.Q(startet__isnull=True)
                | models.Q(fullfort__gte=models.F("startet")),
                name="opplaering_fullfort_after_startet",
            )
        ]


class Kontroll(models.Model):
    """A check of the household, recorded by kind and date only — never its content."""

    class Art(models.TextChoices):
        POLITIATTEST = "politiattest", _("Politiattest")
        HELSE = "helse", _("Helseopplysninger")
        BOLIG = "bolig", _("Bolig")
        OKONOMI = "okonomi", _("Økonomi")
        REFERANSER = "referanser", _("Referanser")
        FOSTERHJEMSKOMMUNEN = "fosterhjemskommunen", _("Opplysninger fra fosterhjemskommunen")
        ANNET = "annet", _("Annen kontroll")

    fosterhjem = models.ForeignKey(Fosterhjem, on_delete=models.CASCADE, related_name="kontroller")
    art = models.CharField(_("kontroll"), max_length=24, choices=Art.choices)
    gjelder = models.CharField(
        _("gjelder"), max_length=200, blank=True, help_text=_("F.eks. «begge fosterforeldre».")
    )
    dato = models.DateField(_("dato"))
    registrert = models.DateTimeField(auto_now_add=True)
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kontroll")
        verbose_name_plural = _("kontroller")
        ordering = ["dato", "pk"]


class Fosterhjemsplassering(models.Model):
    """A child's stay in a foster home, linked to the BVR placement measure (``tiltak``)."""

    fosterhjem = models.ForeignKey(Fosterhjem, on_delete=models.PROTECT, related_name="plasseringer")
    sak = models.ForeignKey("cases.Sak", on_delete=models.PROTECT, related_name="+")
    tiltak = models.ForeignKey(
        "cases.Tiltak", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    innflytting = models.DateField(_("innflytting"))
    utflytting = models.DateField(_("utflytting (siste dag)"), null=True, blank=True)
    akutt = models.BooleanField(_("akutt plassering"), default=False)
    nettverk_vurdert = models.DateField(_("familie og nettverk vurdert"), null=True, blank=True)
    nettverk_vurdering = models.TextField(
        _("vurdering av familie og nære nettverk"),
        blank=True,
        help_text=_("Hvorfor noen i barnets familie eller nære nettverk er eller ikke er valgt."),
    )
    tilsyn_samtykke = models.DateField(_("barnets samtykke til redusert tilsyn"), null=True, blank=True)
    parter = models.ManyToManyField("casework.Part", blank=True, related_name="+")
    versjon = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("fosterhjemsplassering")
        verbose_name_plural = _("fosterhjemsplasseringer")
        ordering = ["innflytting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(utflytting__isnull=True)
                | models.Q(utflytting__gte=models.F("innflytting")),
                name="fh_plassering_utflytting_after_innflytting",
            )
        ]


class Avtale(models.Model):
    """The foster-home agreement (fosterhjemsavtale) of a placement, with its monthly terms."""

    plassering = models.ForeignKey(Fosterhjemsplassering, on_delete=models.CASCADE, related_name="avtaler")
    start = models.DateField(_("fra"))
    slutt = models.DateField(_("til (siste dag)"), null=True, blank=True)
    signert = models.DateField(_("signert"), null=True, blank=True)
    godtgjoring = models.DecimalField(_("arbeidsgodtgjøring per måned"), **AMOUNT)
    utgiftsdekning = models.DecimalField(_("utgiftsdekning per måned"), **AMOUNT)
    forsterkning = models.DecimalField(_("forsterkning per måned"), default=0, **AMOUNT)
    vilkar = models.TextField(_("vilkår"), blank=True, help_text=_("F.eks. frikjøp, veiledning, avlastning."))

    class Meta:
        verbose_name = _("fosterhjemsavtale")
        verbose_name_plural = _("fosterhjemsavtaler")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slutt__isnull=True) | models.Q(slutt__gte=models.F("start")),
                name="fh_avtale_slutt_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(godtgjoring__gte=0, utgiftsdekning__gte=0, forsterkning__gte=0),
                name="fh_avtale_amounts_not_negative",
            ),
        ]


class Oppfolgingsplan(models.Model):
    """The plan for following up the foster family (plan for oppfølging av fosterfamilien)."""

    plassering = models.ForeignKey(
        Fosterhjemsplassering, on_delete=models.CASCADE, related_name="oppfolgingsplaner"
    )
    dato = models.DateField(_("dato"))
    evalueres = models.DateField(_("evalueres innen"), null=True, blank=True)
    beskrivelse = models.TextField(_("oppfølging og veiledning som er avtalt"))

    class Meta:
        verbose_name = _("oppfølgingsplan for fosterfamilien")
        verbose_name_plural = _("oppfølgingsplaner for fosterfamilien")
        ordering = ["dato", "pk"]


class Veiledning(models.Model):
    """Counselling (veiledning) or a course given to the home."""

    class Art(models.TextChoices):
        INDIVIDUELL = "individuell", _("Individuell veiledning")
        GRUPPE = "gruppe", _("Gruppeveiledning")
        KURS = "kurs", _("Kurs")
        ANNET = "annet", _("Annen støtte")

    fosterhjem = models.ForeignKey(Fosterhjem, on_delete=models.CASCADE, related_name="veiledninger")
    dato = models.DateField(_("dato"))
    art = models.CharField(_("type"), max_length=12, choices=Art.choices)
    tema = models.CharField(_("tema"), max_length=200)
    timer = models.DecimalField(_("timer"), max_digits=5, decimal_places=1, null=True, blank=True)
    gitt_av = models.CharField(_("gitt av"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("veiledning")
        verbose_name_plural = _("veiledning og kurs")
        ordering = ["-dato", "pk"]


class Kostnad(models.Model):
    """One month's cost of one kind for one placement, booked as a ledger row (client cost
    attributed to the child's municipality)."""

    class Art(models.TextChoices):
        GODTGJORING = "godtgjoring", _("Arbeidsgodtgjøring")
        UTGIFTSDEKNING = "utgiftsdekning", _("Utgiftsdekning")
        FORSTERKNING = "forsterkning", _("Forsterkning")

    plassering = models.ForeignKey(Fosterhjemsplassering, on_delete=models.PROTECT, related_name="kostnader")
    maned = models.DateField(_("måned"))  # the first day of the month
    art = models.CharField(_("art"), max_length=16, choices=Art.choices)
    belop = models.DecimalField(_("beløp"), **AMOUNT)
    dager = models.PositiveSmallIntegerField(_("dager"))
    klientkostnad = models.OneToOneField("economy.Klientkostnad", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("fosterhjemskostnad")
        verbose_name_plural = _("fosterhjemskostnader")
        ordering = ["maned", "plassering", "art"]
        constraints = [
            models.UniqueConstraint(fields=["plassering", "maned", "art"], name="fh_kostnad_unique")
        ]


class Innstillinger(models.Model):
    """A service's readings for the foster-home deadlines without a fixed time limit."""

    tjeneste = models.OneToOneField(Tjeneste, on_delete=models.CASCADE, related_name="+")
    akutt_frist = models.CharField(
        _("godkjenning og opplæring etter akutt plassering"),
        max_length=20,
        default="P3M",
        help_text=_(
            "«Så snart som mulig» etter innflytting; ingen lovfestet frist funnet (P3M = tre måneder)."
        ),
    )
    oppfolgingsplan_frist = models.CharField(
        _("plan for oppfølging av fosterfamilien"),
        max_length=20,
        default="P0D",
        help_text=_("Regnet fra innflytting; ingen lovfestet frist funnet (P0D = innen innflytting)."),
    )

    class Meta:
        verbose_name = _("innstillinger for fosterhjemsfrister")
        verbose_name_plural = _("innstillinger for fosterhjemsfrister")
