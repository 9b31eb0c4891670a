"""Staff register: employees, position percentages (FTE) with history, education, experience,
further education, vacancies, sick leave and the service's staff settings.

Staff data is personal data: every page that shows it logs a read (``audit.services.log``,
without a case id), and every change goes through ``staff.services`` (audited).

The competence requirement itself (bvl 1992 §§ 2-1 a, 2-1 b, from 2031-01-01) lives in
``barnevern.rules.competence``; ``staff.queries.to_rule_employee`` maps these models onto it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from barnevern.organisation.models import Team, Tjeneste
from barnevern.rules import competence

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Stillingstype(models.TextChoices):
    """Position type. Whether the 2031 requirement applies follows ``competence.COVERED_ROLES``."""

    LEDER = "leder", _("Leder")
    STEDFORTREDER = "stedfortreder", _("Nestleder/stedfortreder")
    FAGLEDER = "fagleder", _("Fagleder")
    SAKSBEHANDLER = "saksbehandler", _("Saksbehandler")
    FAMILIEVEILEDER = "familieveileder", _("Familieveileder")
    MILJOARBEIDER = "miljoarbeider", _("Miljøarbeider")
    JURIST = "jurist", _("Jurist")
    MERKANTIL = "merkantil", _("Merkantil")
    ANNET = "annet", _("Annet")


class Profesjon(models.TextChoices):
    BARNEVERNSPEDAGOG = "barnevernspedagog", _("Barnevernspedagog")
    SOSIONOM = "sosionom", _("Sosionom")
    VERNEPLEIER = "vernepleier", _("Vernepleier")
    FORSKOLELARER = "forskolelarer", _("Førskolelærer")
    JURIST = "jurist", _("Jurist")
    MERKANTIL = "merkantil", _("Merkantil")
    ANNET = "annet", _("Annet")


class Niva(models.TextChoices):
    """Degree level; the value in brackets is what ``rules.competence`` receives."""

    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    MASTER_TILSVARENDE = "master_tilsvarende", _("Godkjent som tilsvarende master")
    PHD = "phd", _("Ph.d.")
    ANNET = "annet", _("Annet (teller ikke)")


NIVA_TO_RULE = {
    Niva.BACHELOR: "bachelor",
    Niva.MASTER: "master",
    Niva.MASTER_TILSVARENDE: "master_equivalent",
    Niva.PHD: "phd",
    Niva.ANNET: "other",
}


class Fagfelt(models.TextChoices):
    """Field of the degree; ``barnevern`` is what the SSB variant requires."""

    BARNEVERN = "barnevern", _("Barnevern")
    SOSIALT_ARBEID = "sosialt_arbeid", _("Sosialt arbeid")
    VERNEPLEIE = "vernepleie", _("Vernepleie")
    PEDAGOGIKK = "pedagogikk", _("Pedagogikk/førskolelærer")
    PSYKOLOGI = "psykologi", _("Psykologi")
    JUSS = "juss", _("Rettsvitenskap")
    ANNET = "annet", _("Annet")


VARIANT_CHOICES = [(rule.code, rule.name) for rule in competence.VARIANTS.values()]
DEFAULT_CASELOAD_WARNING = 15


class Innstilling(models.Model):
    """Staff settings of one service (absent row = the defaults)."""

    tjeneste = models.OneToOneField(Tjeneste, on_delete=models.CASCADE, related_name="staff_innstilling")
    kompetansevariant = models.CharField(
        _("variant av kompetansekravet"),
        max_length=20,
        choices=VARIANT_CHOICES,
        default=competence.BUFDIR.code,
        help_text=_(
            "Kildene er uenige om kravet før 2026; Bufdirs formulering er standard. Fra 1.1.2026 gjelder "
            "kravet bare leder og stedfortreder (kvalitetsløftet, variant «Fra 2026»)."
        ),
    )
    saksmengde_varsel = models.PositiveSmallIntegerField(
        _("varselgrense for saksmengde"),
        default=DEFAULT_CASELOAD_WARNING,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Antall barn med åpne saker per saksbehandler før saksbehandleren flagges."),
    )

    class Meta:
        verbose_name = _("innstilling for ansatte")
        verbose_name_plural = _("innstillinger for ansatte")

    def __str__(self) -> str:
        return f"{self.tjeneste}: {self.kompetansevariant}, {self.saksmengde_varsel}"

    @property
    def variant(self) -> competence.CompetenceRule:
        return competence.get_variant(self.kompetansevariant)


class Ansatt(models.Model):
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="ansatte")
    navn = models.CharField(_("navn"), max_length=200)
    stillingstype = models.CharField(_("stillingstype"), max_length=20, choices=Stillingstype.choices)
    profesjon = models.CharField(_("profesjon"), max_length=20, choices=Profesjon.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="ansatte", verbose_name=_("team")
    )
    start_dato = models.DateField(_("ansatt fra"))
    slutt_dato = models.DateField(_("sluttet"), null=True, blank=True)
    bruker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ansatt",
        verbose_name=_("brukerkonto"),
    )
    myndighetsoppgaver = models.BooleanField(
        _("utfører oppgaver som omfattes av kompetansekravet"),
        null=True,
        blank=True,
        help_text=_("Tomt: følger stillingstypen (leder, nestleder, fagleder og saksbehandler omfattes)."),
    )
    unntak = models.BooleanField(
        _("unntak innvilget"),
        default=False,
        help_text=_("Unntak fra kompetansekravet der det er vanskelig å rekruttere (bvl 1992 § 2-1 b)."),
    )
    unntak_til = models.DateField(_("unntak gyldig til"), null=True, blank=True)
    unntak_notat = models.TextField(_("begrunnelse for unntaket"), blank=True)
    opprettet = models.DateTimeField(auto_now_add=True)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ansatt")
        verbose_name_plural = _("ansatte")
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slutt_dato__isnull=True)
                | models.Q(slutt_dato__gte=models.F("start_dato")),
                name="ansatt_slutt_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def active_on(self, day: date) -> bool:
        return self.start_dato <= day and (self.slutt_dato is None or self.slutt_dato >= day)


class Stilling(models.Model):
    """Position percentage from a date until the next row (history)."""

    ansatt = models.ForeignKey(Ansatt, on_delete=models.CASCADE, related_name="stillinger")
    fra_dato = models.DateField(_("fra dato"))
    prosent = models.DecimalField(
        _("stillingsprosent"), max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS
    )

    class Meta:
        verbose_name = _("stillingsprosent")
        verbose_name_plural = _("stillingsprosenter")
        ordering = ["ansatt", "fra_dato"]
        constraints = [
            models.UniqueConstraint(fields=["ansatt", "fra_dato"], name="stilling_unique"),
            models.CheckConstraint(
                condition=models.Q(prosent__gte=0) & models.Q(prosent__lte=100), name="stilling_prosent_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prosent} % fra {self.fra_dato:%d.%m.%Y}"


class Utdanning(models.Model):
    ansatt = models.ForeignKey(Ansatt, on_delete=models.CASCADE, related_name="utdanninger")
    niva = models.CharField(_("nivå"), max_length=20, choices=Niva.choices)
    fagfelt = models.CharField(_("fagfelt"), max_length=20, choices=Fagfelt.choices)
    beskrivelse = models.CharField(_("grad og lærested"), max_length=200, blank=True)
    ar = models.PositiveSmallIntegerField(
        _("år fullført"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    planlagt = models.BooleanField(_("planlagt (ikke fullført ennå)"), default=False)
    relevant = models.BooleanField(_("relevant for barnevernsarbeid"), default=True)

    class Meta:
        verbose_name = _("utdanning")
        verbose_name_plural = _("utdanninger")
        ordering = ["ansatt", "ar"]

    def __str__(self) -> str:
        return f"{self.get_niva_display()} {self.get_fagfelt_display()} {self.ar}"


class Erfaring(models.Model):
    """Relevant work experience before employment in this service."""

    ansatt = models.ForeignKey(Ansatt, on_delete=models.CASCADE, related_name="erfaringer")
    fra_dato = models.DateField(_("fra dato"))
    til_dato = models.DateField(_("til dato"), null=True, blank=True)
    beskrivelse = models.CharField(_("arbeidssted og stilling"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("relevant erfaring")
        verbose_name_plural = _("relevant erfaring")
        ordering = ["ansatt", "fra_dato"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(til_dato__isnull=True) | models.Q(til_dato__gte=models.F("fra_dato")),
                name="erfaring_til_after_fra",
            ),
        ]

    def __str__(self) -> str:
        return self.beskrivelse or f"{self.fra_dato:%d.%m.%Y}"


class Videreutdanning(models.Model):
    ansatt = models.ForeignKey(Ansatt, on_delete=models.CASCADE, related_name="videreutdanninger")
    studiepoeng = models.PositiveSmallIntegerField(
        _("studiepoeng"), validators=[MinValueValidator(1), MaxValueValidator(300)]
    )
    emne = models.CharField(_("emne"), max_length=200)
    ar = models.PositiveSmallIntegerField(
        _("år fullført"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    planlagt = models.BooleanField(_("planlagt (ikke fullført ennå)"), default=False)

    class Meta:
        verbose_name = _("videreutdanning")
        verbose_name_plural = _("videreutdanninger")
        ordering = ["ansatt", "ar"]

    def __str__(self) -> str:
        return f"{self.emne} ({self.studiepoeng} sp)"


class Vakanse(models.Model):
    """A vacant (unfilled) position."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="vakanser")
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vakanser",
        verbose_name=_("team"),
    )
    stillingstype = models.CharField(
        _("stillingstype"), max_length=20, choices=Stillingstype.choices, default=Stillingstype.SAKSBEHANDLER
    )
    prosent = models.DecimalField(
        _("stillingsprosent"), max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS
    )
    fra_dato = models.DateField(_("ledig fra"))
    til_dato = models.DateField(_("ledig til"), null=True, blank=True)
    merknad = models.CharField(_("merknad"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vakanse")
        verbose_name_plural = _("vakanser")
        ordering = ["tjeneste", "fra_dato"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(til_dato__isnull=True) | models.Q(til_dato__gte=models.F("fra_dato")),
                name="vakanse_til_after_fra",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stillingstype_display()} {self.prosent} %"


class Sykefravaer(models.Model):
    """Sick leave in percent for one month, for one employee or (``ansatt`` empty) the service."""

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="sykefravaer")
    ansatt = models.ForeignKey(
        Ansatt,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sykefravaer",
        verbose_name=_("ansatt"),
    )
    maned = models.DateField(_("måned"), help_text=_("Lagres som den første i måneden."))
    prosent = models.DecimalField(
        _("sykefravær i prosent"), max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS
    )

    class Meta:
        verbose_name = _("sykefravær")
        verbose_name_plural = _("sykefravær")
        ordering = ["tjeneste", "maned"]
        constraints = [
            models.UniqueConstraint(
                fields=["tjeneste", "maned"],
                condition=models.Q(ansatt__isnull=True),
                name="sykefravaer_tjeneste_unique",
            ),
            models.UniqueConstraint(
                fields=["ansatt", "maned"],
                condition=models.Q(ansatt__isnull=False),
                name="sykefravaer_ansatt_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.maned:%m.%Y}: {self.prosent} %"
