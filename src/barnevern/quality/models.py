"""Deadline settings per service, duties done outside BVR, and the internal-control log.

* ``Fristoppsett``: the service's readings of the rules the reference marks ⚠ and its date
  arithmetic (``barnevern.rules.deadlines.DeadlineConfig`` is the plain-Python twin;
  ``to_rules()`` converts). Edited by the leder.
* ``UtfortFrist``: the date a duty BVR does not record was done (today only D2, feedback to
  the reporter), so the rule can be met.
* ``Avvik``: the internal-control log (internkontrollforskriften; ``reference/domain-rules.md``
  §3). A breached statutory deadline *proposes* an avvik (status «foreslått»); the leder
  confirms or dismisses it with a reason. Each change is audited by ``quality.avvik``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from barnevern.cases.models import Sak
from barnevern.organisation.models import Tjeneste
from barnevern.rules.dates import Arithmetic, Span
from barnevern.rules.deadlines import DeadlineConfig as RulesConfig
from barnevern.rules.deadlines import InvestigationStart


def validate_span(value: str) -> None:
    try:
        Span.parse(value)
    except ValueError:
        raise ValidationError(
            _(
                "«%(value)s» er ikke en gyldig fristlengde. "
                "Skriv f.eks. P3M (3 måneder), P2W (2 uker) eller P0D."
            ),
            params={"value": value},
            code="invalid_span",
        ) from None


def validate_plan_types(value: str) -> None:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise ValidationError(
            _("Skriv plantypekoder adskilt med komma, f.eks. «1» eller «3, 4»."), code="invalid"
        )


def parse_closed_days(text: str) -> frozenset[date]:
    """Dates written one per line (YYYY-MM-DD); raises ``ValueError`` naming the line."""
    days = set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            days.add(date.fromisoformat(line))
        except ValueError:
            raise ValueError(f"Linje {number}: «{line}» er ikke en dato på formen ÅÅÅÅ-MM-DD.") from None
    return frozenset(days)


class Fristoppsett(models.Model):
    """A service's deadline settings. Defaults are the reading the reference recommends."""

    class ArithmeticChoice(models.TextChoices):
        LAW = Arithmetic.LAW.value, _("Kalendermåneder (domstolloven § 148)")
        LAW_ROLL_FORWARD = (
            Arithmetic.LAW_ROLL_FORWARD.value,
            _("Kalendermåneder, flyttet forbi helg og helligdag (§ 149)"),
        )
        SSB_DAYS = Arithmetic.SSB_DAYS.value, _("Kalenderdager som SSBs kontroller (uke = 7, måned = 30)")

    class StartChoice(models.TextChoices):
        REVIEW_EXPIRY = (
            InvestigationStart.REVIEW_EXPIRY.value,
            _("Fra utløpet av gjennomgangsfristen (mottatt + 7 dager)"),
        )
        MELDING_CONCLUDED = (
            InvestigationStart.MELDING_CONCLUDED.value,
            _("Fra datoen meldingen ble konkludert (⚠ praksis etter 1992-loven)"),
        )

    tjeneste = models.OneToOneField(Tjeneste, on_delete=models.CASCADE, related_name="fristoppsett")
    arithmetic = models.CharField(
        _("fristberegning"), max_length=20, choices=ArithmeticChoice.choices, default=ArithmeticChoice.LAW
    )
    extra_closed_days = models.TextField(
        _("egne stengte dager"),
        blank=True,
        help_text=_("Brukes bare ved flytting forbi helg og helligdag. Én dato per linje (ÅÅÅÅ-MM-DD)."),
    )
    ssb_melding_grace_days = models.PositiveSmallIntegerField(
        _("ekstra dager for meldingsfristen (bare SSB-dager)"),
        default=0,
        help_text=_("KOSTRA 15F tillot 1 dag; BVR tillater 0."),
    )
    investigation_start = models.CharField(
        _("undersøkelsesfristen regnes"),
        max_length=20,
        choices=StartChoice.choices,
        default=StartChoice.REVIEW_EXPIRY,
    )
    investigation_plan_within = models.CharField(
        _("frist for undersøkelsesplan"),
        max_length=20,
        blank=True,
        validators=[validate_span],
        help_text=_(
            "Tomt: innen undersøkelsens egen frist. Ellers en lengde fra undersøkelsens start, f.eks. P2W."
        ),
    )
    measure_plan_within = models.CharField(
        _("frist for tiltaksplan etter hjelpetiltak"),
        max_length=20,
        default="P0D",
        validators=[validate_span],
        help_text=_("P0D: samtidig med vedtaket/tiltaket."),
    )
    plan_evaluation_interval = models.CharField(
        _("evaluering av tiltaksplan hver"),
        max_length=20,
        default="P3M",
        validators=[validate_span],
        help_text=_("Veiledning: hvert kvartal (P3M)."),
    )
    evaluated_plan_types = models.CharField(
        _("plantyper som skal evalueres"),
        max_length=50,
        default="1",
        validators=[validate_plan_types],
    )
    care_plan_within = models.CharField(
        _("frist for omsorgsplan"),
        max_length=20,
        default="P0D",
        validators=[validate_span],
        help_text=_("P0D: innen barnet flytter inn."),
    )
    care_plan_types = models.CharField(
        _("plantyper som er omsorgsplan"),
        max_length=50,
        default="3, 4",
        validators=[validate_plan_types],
    )
    visits_in_emergency_homes = models.BooleanField(
        _("oppfølging og tilsyn også i beredskapshjem"), default=True
    )
    include_feedback = models.BooleanField(
        _("følg tilbakemelding til melder (D2)"),
        default=True,
        help_text=_("BVR registrerer ikke tilbakemeldingen; den registreres fra arbeidslisten."),
    )
    worklist_days = models.PositiveSmallIntegerField(_("vis frister som forfaller innen (dager)"), default=14)
    avvik_from = models.DateField(
        _("foreslå avvik for frister som forfalt fra"),
        help_text=_("Eldre brudd (f.eks. fra importert historikk) gir ikke forslag til avvik."),
    )
    proposed_on = models.DateField(_("avvik sist foreslått"), null=True, blank=True, editable=False)
    versjon = models.PositiveIntegerField(default=1)
    endret = models.DateTimeField(auto_now=True)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fristoppsett")
        verbose_name_plural = _("fristoppsett")

    def __str__(self) -> str:
        return f"Fristoppsett for {self.tjeneste}"

    def to_rules(self) -> RulesConfig:
        """The plain-Python ``DeadlineConfig`` the rules take."""
        return RulesConfig(
            arithmetic=Arithmetic(self.arithmetic),
            extra_closed_days=parse_closed_days(self.extra_closed_days),
            ssb_melding_grace_days=self.ssb_melding_grace_days,
            investigation_start=InvestigationStart(self.investigation_start),
            investigation_plan_within=Span.parse(self.investigation_plan_within)
            if self.investigation_plan_within.strip()
            else None,
            measure_plan_within=Span.parse(self.measure_plan_within),
            plan_evaluation_interval=Span.parse(self.plan_evaluation_interval),
            evaluated_plan_types=_codes(self.evaluated_plan_types),
            care_plan_within=Span.parse(self.care_plan_within),
            care_plan_types=_codes(self.care_plan_types),
            visits_in_emergency_homes=self.visits_in_emergency_homes,
            include_feedback=self.include_feedback,
        )


def _codes(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


class UtfortFrist(models.Model):
    """The date a duty was done that BVR does not record (D2: feedback to the reporter)."""

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="utforte_frister")
    regel = models.CharField(_("regel"), max_length=4)
    element_id = models.CharField(max_length=36)
    dato = models.DateField(_("utført dato"))
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registrert = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("utført frist")
        verbose_name_plural = _("utførte frister")
        constraints = [
            models.UniqueConstraint(fields=["sak", "regel", "element_id"], name="utfortfrist_unique"),
        ]


class Avvik(models.Model):
    """One entry of the internal-control log."""

    class Kategori(models.TextChoices):
        FRIST = "frist", _("Frist")
        DOKUMENTASJON = "dokumentasjon", _("Dokumentasjon")
        TAUSHETSPLIKT = "taushetsplikt", _("Taushetsplikt")
        TILGANG = "tilgang", _("Tilgang")
        FRAVAER = "fravaer", _("Fravær og bemanning")
        SAMARBEID = "samarbeid", _("Samarbeid")
        ANNET = "annet", _("Annet")

    class Kilde(models.TextChoices):
        MANUELL = "manuell", _("Registrert manuelt")
        FRIST = "frist", _("Foreslått fra fristbrudd")

    class Status(models.TextChoices):
        FORESLATT = "foreslatt", _("Foreslått")
        APEN = "apen", _("Åpen")
        LUKKET = "lukket", _("Lukket")
        AVVIST = "avvist", _("Avvist")

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="avvik")
    dato = models.DateField(_("dato for avviket"))
    kategori = models.CharField(_("kategori"), max_length=20, choices=Kategori.choices)
    beskrivelse = models.TextField(_("beskrivelse"))
    sak = models.ForeignKey(
        Sak, on_delete=models.PROTECT, null=True, blank=True, related_name="avvik", verbose_name=_("sak")
    )
    arsak = models.TextField(_("årsak"), blank=True)
    tiltak = models.TextField(_("tiltak som er gjort"), blank=True)
    ansvarlig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ansvar_for_avvik",
        verbose_name=_("ansvarlig"),
    )
    lukket_dato = models.DateField(_("lukket dato"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APEN)
    kilde = models.CharField(_("kilde"), max_length=10, choices=Kilde.choices, default=Kilde.MANUELL)
    avvist_grunn = models.TextField(_("begrunnelse for avvisning"), blank=True)
    # The breached deadline a proposal came from (kilde = frist).
    regel = models.CharField(_("regel"), max_length=4, blank=True)
    element_type = models.CharField(max_length=30, blank=True)
    element_id = models.CharField(max_length=36, blank=True)
    del_av_frist = models.CharField(max_length=40, blank=True)
    frist = models.DateField(_("frist"), null=True, blank=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opprettet = models.DateTimeField(auto_now_add=True)
    endret = models.DateTimeField(auto_now=True)
    versjon = models.PositiveIntegerField(default=1)  # optimistic locking

    class Meta:
        verbose_name = _("avvik")
        verbose_name_plural = _("avvik")
        ordering = ["-dato", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sak", "element_id", "regel", "del_av_frist"],
                condition=models.Q(kilde="frist"),
                name="avvik_frist_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="avvist") | ~models.Q(avvist_grunn=""),
                name="avvik_avvist_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="lukket") | models.Q(lukket_dato__isnull=False),
                name="avvik_lukket_has_date",
            ),
        ]
        indexes = [models.Index(fields=["tjeneste", "status", "dato"])]

    def __str__(self) -> str:
        return f"Avvik {self.pk} ({self.get_kategori_display()}, {self.dato:%d.%m.%Y})"


class Endring(models.Model):
    """One row per changed case (cases or completed duties): the highest id is the change counter.

    Derived figures kept in the database (``ComplianceSummary``) remember the counter they were
    computed at and are used only while no case of their service (or a case since deleted)
    has a newer row (``quality.cache``). Rows are only inserted, never updated, so writers
    never wait for each other here; ``sak_id`` is no foreign key, so a deleted case's row stays.
    """

    id = models.BigAutoField(primary_key=True)
    sak_id = models.UUIDField()
    opprettet = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("endring")
        verbose_name_plural = _("endringer")


class ComplianceSummary(models.Model):
    """A service's deadline compliance for a period as of one day (``compliance_summary``).

    Kept for the day it was computed for and the deadline settings it used (``innstillinger``,
    a fingerprint of ``Fristoppsett.to_rules()``), until a case of the service changes (the
    change counter it was computed at: ``Endring``). The annual report and the statistics ask for the same
    period many times a day; each computation reads every case of the service.
    """

    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.CASCADE, related_name="+")
    fra = models.DateField()
    til = models.DateField()
    dato = models.DateField()  # "today" of the computation: outcomes are judged as of this day
    innstillinger = models.CharField(max_length=64)
    endringer = models.PositiveBigIntegerField()
    data = models.JSONField()  # {kommunenr: {rule: {met, breached, open, days_over}}}
    beregnet = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lagret fristetterlevelse")
        verbose_name_plural = _("lagret fristetterlevelse")
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "fra", "til"], name="compliancesummary_unique"),
        ]


class FristBidrag(models.Model):
    """Every deadline of one case as of one day, as ``compliance_summary`` adds them up.

    ``frister``: ``[[kommune, rule, due (ISO), outcome, days], ...]`` with outcome ``m`` (met),
    ``b`` (breached), ``o`` (overdue) or ``""`` (open) and the municipality where the child
    lived on the due date; ``apne``: the open deadlines in full, for the worklist, with
    ``kommune`` where the child lives on ``dato``. Used only on the day it was computed for
    (``dato``), with the same settings (``innstillinger``) and while no ``Endring`` of the
    case is newer than the counter it was computed at (``endringer``); otherwise computed
    again, for that case alone.
    """

    sak = models.OneToOneField(Sak, on_delete=models.CASCADE, primary_key=True, related_name="+")
    dato = models.DateField()
    innstillinger = models.CharField(max_length=64)
    endringer = models.PositiveBigIntegerField()
    frister = models.TextField(default="[]")  # JSON as text: written and read in bulk (contributions)
    kommune = models.CharField(max_length=4, blank=True)  # where the child lives on ``dato``
    apne = models.TextField(default="[]")  # the open deadlines in full, for the worklist (JSON)

    class Meta:
        db_table = "quality_fristbidrag"  # named in the bulk write of quality.contributions.store
        verbose_name = _("fristbidrag")
        verbose_name_plural = _("fristbidrag")
