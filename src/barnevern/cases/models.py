"""The case register, shaped like BVR v4 (``Barnevern_v4.xsd``).

One table per BVR element with an own ``Id`` (Sak, Personalia, Melding, Undersokelse, Plan,
Tiltak, Vedtak, Ettervern, OversendelseFylkesnemnd, Flytting, Relasjon, Slettet). Ids are
UUIDs as BVR requires. Scalar attributes that rules and queries filter on are columns; the
small nested lists of an element (Melder, Saksinnhold, Lovhjemmel, Status, Hyppighet,
Utfort ...) are JSON in the exact shape of ``barnevern.records`` so that one
mapping (``barnevern.cases.mapping``) turns rows into records and back.

Barnevern adds what BVR does not carry: the child's name (for search; never exported),
the assigned case worker, and the municipality of residence over time (``Bosted``), which
decides which member municipality a figure or a cost belongs to.

Code values are checked against SSB's code lists valid on the element's date in the forms
and services (``barnevern.rules.codes``); the database stores what BVR allows.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from barnevern.organisation.models import Tjeneste


def _uuid4() -> uuid.UUID:
    return uuid.uuid4()


class Sak(models.Model):
    id = models.UUIDField(primary_key=True, default=_uuid4, editable=False)
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="saker")
    journalnummer = models.CharField(_("journalnummer"), max_length=36)
    start_dato = models.DateField(_("startdato"))
    slutt_dato = models.DateField(_("sluttdato"), null=True, blank=True)
    avsluttet = models.BooleanField(_("avsluttet"), null=True, blank=True)
    migrert_id = models.CharField(max_length=36, blank=True)
    er_slettet = models.BooleanField(default=False)
    fornavn = models.CharField(_("fornavn"), max_length=100, blank=True)
    etternavn = models.CharField(_("etternavn"), max_length=100, blank=True)
    saksbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="saker",
        verbose_name=_("saksbehandler"),
    )
    saksbehandler_navn = models.CharField(max_length=50, blank=True)  # 15F Saksbehandler
    # Delivery bookkeeping for BVR import/export (ForrigeId chain).
    siste_levering_id = models.UUIDField(null=True, blank=True)
    siste_levering_tid = models.DateTimeField(null=True, blank=True)
    kilde = models.CharField(max_length=10, blank=True)  # "", "bvr-v4", "15f" ...
    versjon = models.PositiveIntegerField(default=1)  # optimistic locking
    opprettet = models.DateTimeField(auto_now_add=True)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["-start_dato", "journalnummer"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "journalnummer"], name="sak_journalnummer_unique"),
            models.CheckConstraint(
                condition=models.Q(slutt_dato__isnull=True)
                | models.Q(slutt_dato__gte=models.F("start_dato")),
                name="sak_slutt_after_start",
            ),
        ]
        indexes = [models.Index(fields=["tjeneste", "er_slettet", "saksbehandler"])]

    def __str__(self) -> str:
        return self.journalnummer

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.etternavn}".strip()


class Bosted(models.Model):
    """The child's municipality of residence from a date (Barnevern's addition to BVR)."""

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="bosteder")
    fra_dato = models.DateField(_("fra dato"))
    kommunenummer = models.CharField(_("kommunenummer"), max_length=4)

    class Meta:
        verbose_name = _("bosted")
        verbose_name_plural = _("bosteder")
        ordering = ["sak", "fra_dato"]
        constraints = [models.UniqueConstraint(fields=["sak", "fra_dato"], name="bosted_unique")]


class Element(models.Model):
    """Fields every BVR element with its own Id has."""

    id = models.UUIDField(primary_key=True, default=_uuid4, editable=False)
    migrert_id = models.CharField(max_length=36, blank=True)
    er_slettet = models.BooleanField(default=False)
    versjon = models.PositiveIntegerField(default=1)
    opprettet = models.DateTimeField(auto_now_add=True)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Personalia(Element):
    class Kjonn(models.TextChoices):
        UFODT = "0", _("Ufødt")
        GUTT = "1", _("Gutt")
        JENTE = "2", _("Jente")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="personalia")
    start_dato = models.DateField(_("startdato"))
    fodselsnummer = models.CharField(_("fødselsnummer"), max_length=11)
    fodseldato = models.DateField(_("fødselsdato"))
    kjonn = models.CharField(_("kjønn"), max_length=1, choices=Kjonn.choices)
    duf_nummer = models.CharField(_("DUF-nummer"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("personalia")
        verbose_name_plural = _("personalia")
        ordering = ["sak", "start_dato"]
        indexes = [models.Index(fields=["fodselsnummer"])]


class Melding(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="meldinger")
    start_dato = models.DateField(_("mottatt"))
    melder = models.JSONField(_("melder"), default=list)  # [{"kode", "presisering"}]
    saksinnhold = models.JSONField(_("saksinnhold"), default=list)
    konklusjon_dato = models.DateField(_("konkludert"), null=True, blank=True)
    konklusjon_kode = models.CharField(_("konklusjon"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        ordering = ["sak", "start_dato"]
        indexes = [models.Index(fields=["start_dato"])]


class Undersokelse(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="undersokelser")
    start_dato = models.DateField(_("startdato"))
    vedtaksgrunnlag = models.JSONField(_("vedtaksgrunnlag"), default=list)
    medvirkning_dato = models.DateField(_("barnets medvirkning, dato"), null=True, blank=True)
    medvirkning_type = models.CharField(_("barnets medvirkning"), max_length=5, blank=True)
    utvidet_frist_dato = models.DateField(_("utvidet frist søkt"), null=True, blank=True)
    utvidet_frist_innvilget = models.CharField(_("utvidet frist innvilget"), max_length=1, blank=True)
    konklusjon_dato = models.DateField(_("konkludert"), null=True, blank=True)
    konklusjon_kode = models.CharField(_("konklusjon"), max_length=10, blank=True)
    konklusjon_presisering = models.TextField(blank=True)

    class Meta:
        verbose_name = _("undersøkelse")
        verbose_name_plural = _("undersøkelser")
        ordering = ["sak", "start_dato"]


class Plan(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="planer")
    start_dato = models.DateField(_("startdato"))
    plantype = models.CharField(_("plantype"), max_length=2)
    evalueringer = models.JSONField(_("evalueringer"), default=list)  # ["YYYY-MM-DD", ...]
    slutt_dato = models.DateField(_("sluttdato"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["sak", "start_dato"]


class Tiltak(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="tiltak")
    start_dato = models.DateField(_("iverksatt"))
    lovhjemmel = models.JSONField(_("lovhjemmel"))  # {"lov","kapittel","paragraf","ledd":[],...}
    jmfr_lovhjemmel = models.JSONField(default=list)
    kategori_kode = models.CharField(_("kategori"), max_length=10)
    kategori_presisering = models.TextField(blank=True)
    tiltaksgrunnlag = models.JSONField(default=list)
    tilsyn = models.JSONField(null=True, blank=True)  # {"ansvarlig":[], "hyppighet":[], "utfort":[]}
    oppfolging = models.JSONField(null=True, blank=True)  # {"hyppighet":[], "utfort":[]}
    opphevelse_kode = models.CharField(max_length=2, blank=True)
    opphevelse_presisering = models.TextField(blank=True)
    slutt_dato = models.DateField(_("avsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ["sak", "start_dato"]


class Vedtak(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="vedtak")
    start_dato = models.DateField(_("vedtaksdato"))
    lovhjemmel = models.JSONField(_("lovhjemmel"))
    jmfr_lovhjemmel = models.JSONField(default=list)
    status = models.JSONField(default=list)  # [{"id","endret_dato","kode"}]
    krav = models.JSONField(default=list)  # [{"id","start_dato","konklusjon":{...}|null}]
    slutt_dato = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["sak", "start_dato"]


class Ettervern(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="ettervern")
    tilbud_sendt_dato = models.DateField(_("tilbud sendt"))
    konklusjon_dato = models.DateField(null=True, blank=True)
    konklusjon_kode = models.CharField(max_length=2, blank=True)

    class Meta:
        verbose_name = _("ettervern")
        verbose_name_plural = _("ettervern")
        ordering = ["sak", "tilbud_sendt_dato"]


class OversendelseFylkesnemnd(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="oversendelser")
    start_dato = models.DateField(_("oversendt"))
    lovhjemmel = models.JSONField()
    jmfr_lovhjemmel = models.JSONField(default=list)

    class Meta:
        verbose_name = _("oversendelse til fylkesnemnda")
        verbose_name_plural = _("oversendelser til fylkesnemnda")
        ordering = ["sak", "start_dato"]


class Flytting(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="flyttinger")
    slutt_dato = models.DateField(_("flyttedato"))
    arsak_fra_kode = models.CharField(max_length=10)
    arsak_fra_presisering = models.TextField(blank=True)
    flytting_til_kode = models.CharField(max_length=2)
    flytting_til_presisering = models.TextField(blank=True)

    class Meta:
        verbose_name = _("flytting")
        verbose_name_plural = _("flyttinger")
        ordering = ["sak", "slutt_dato"]


class Relasjon(Element):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="relasjoner")
    fra_id = models.CharField(max_length=50)
    fra_type = models.CharField(max_length=30)
    til_id = models.CharField(max_length=36)
    til_type = models.CharField(max_length=30)

    class Meta:
        verbose_name = _("relasjon")
        verbose_name_plural = _("relasjoner")


class Slettet(models.Model):
    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="slettet")
    element_id = models.CharField(max_length=36)
    type = models.CharField(max_length=30)
    slutt_dato = models.DateField()

    class Meta:
        verbose_name = _("slettet element")
        verbose_name_plural = _("slettede elementer")


class Tildeling(models.Model):
    """Who the case was assigned to, from when, and by whom (Barnevern's addition to BVR).

    ``Sak.saksbehandler`` is the current assignment; every change adds a row here (and an audit
    row), so the case page shows the history. ``saksbehandler`` None = the case was released
    ("ikke fordelt").
    """

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="tildelinger")
    saksbehandler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tildelt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tidspunkt = models.DateTimeField()
    merknad = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tildeling")
        verbose_name_plural = _("tildelinger")
        ordering = ["sak", "tidspunkt", "id"]


class Korreksjon(models.Model):
    """A correction of a stored BVR element: a new version, or an annulment («Slettet»).

    BVR corrects by sending the element again with the same Id (a new version) or by marking it
    ``ErSlettet`` and listing it under ``Slettet``. The register keeps only the current version;
    this row keeps what it was, what it became, why, who and when, for the timeline (leder) and
    the audit trail. ``for_data``/``etter_data`` are the element's fields as JSON.
    """

    class Handling(models.TextChoices):
        ENDRET = "endret", _("Rettet")
        SLETTET = "slettet", _("Annullert")

    sak = models.ForeignKey(Sak, on_delete=models.CASCADE, related_name="korreksjoner")
    element_type = models.CharField(max_length=30)  # BVR BegrepsType: Melding, Vedtak, Tiltak, Plan ...
    element_id = models.CharField(max_length=36)
    handling = models.CharField(max_length=10, choices=Handling.choices)
    begrunnelse = models.TextField(_("begrunnelse"))
    for_data = models.JSONField(default=dict)
    etter_data = models.JSONField(default=dict)
    versjon = models.PositiveIntegerField(default=1)  # the element's version after the correction
    av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tidspunkt = models.DateTimeField()

    class Meta:
        verbose_name = _("korreksjon")
        verbose_name_plural = _("korreksjoner")
        ordering = ["sak", "tidspunkt", "id"]
        indexes = [models.Index(fields=["sak", "element_id"])]


# A case's element tables by the Sak's related name (the rows of one whole case; reading,
# replacing and comparing a case all walk this one list).
ELEMENT_MODELS: dict[str, type[models.Model]] = {
    "personalia": Personalia,
    "meldinger": Melding,
    "undersokelser": Undersokelse,
    "planer": Plan,
    "tiltak": Tiltak,
    "vedtak": Vedtak,
    "ettervern": Ettervern,
    "oversendelser": OversendelseFylkesnemnd,
    "flyttinger": Flytting,
    "relasjoner": Relasjon,
    "slettet": Slettet,
    "bosteder": Bosted,
}
