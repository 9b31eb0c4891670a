"""Casework: the child's journal, parties, documents and letters, party access.

* ``Part`` – a party or contact of a case (the child, parents, verge, foster parents, melder,
  other services) with identity number, address, foreldreansvar and partsrettigheter.
* ``Journalnotat`` – one version of a journal entry. Barnevernsloven 2021 § 12-4
  (journalplikt): the service keeps a journal for each child with every essential fact and
  the professional assessments the casework rests on (text quoted on bvpro.no/hjelpetiltak/1940;
  Prop. 133 L (2020–2021) ch. 18.1 «Krav til barnevernets dokumentasjon og begrunnelser»).
  Entries are never deleted or changed: a correction is a new version in the same ``kjede``
  (chain); the old one stays, marked not current, visible to leaders and in the audit log.
* ``Dokument`` – an outgoing letter (drafted from a template, approved, locked as PDF) or an
  incoming document (uploaded), with its file (``Fil``) and SHA-256 checksum.
* ``Brevmal`` – a letter template version; the repository's files are the defaults and the
  leader's edits are stored as new versions.
* ``Innsynsunntak`` – a document or journal entry withheld from one party, with the ground.

Nothing here is deleted through the product: querysets and instances refuse ``delete``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from barnevern.cases.models import Sak


class NeverDeleted(Exception):
    pass


class _KeepQuerySet(models.QuerySet):
    def delete(self) -> Any:
        raise NeverDeleted("Saksdokumentasjon slettes ikke.")


class _Kept(models.Model):
    objects = _KeepQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise NeverDeleted("Saksdokumentasjon slettes ikke.")


class Element(models.TextChoices):
    """The BVR element an entry or document belongs to."""

    MELDING = "melding", _("Melding")
    UNDERSOKELSE = "undersokelse", _("Undersøkelse")
    VEDTAK = "vedtak", _("Vedtak")
    TILTAK = "tiltak", _("Tiltak")
    PLAN = "plan", _("Plan")
    ETTERVERN = "ettervern", _("Ettervern")
    OVERSENDELSE = "oversendelse", _("Oversendelse til fylkesnemnda")
    FLYTTING = "flytting", _("Flytting")


class Part(_Kept):
    class Rolle(models.TextChoices):
        BARN = "barn", _("Barnet")
        MOR = "mor", _("Mor")
        FAR = "far", _("Far")
        MEDMOR = "medmor", _("Medmor")
        MEDFAR = "medfar", _("Medfar")
        VERGE = "verge", _("Verge")
        FOSTERFORELDER = "fosterforelder", _("Fosterforelder")
        MELDER_PRIVAT = "melder_privat", _("Melder (privat)")
        MELDER_OFFENTLIG = "melder_offentlig", _("Melder (offentlig)")
        ANNEN_TJENESTE = "annen_tjeneste", _("Annen tjeneste")
        ANNEN = "annen", _("Annen kontakt")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="parter")
    rolle = models.CharField(_("rolle"), max_length=20, choices=Rolle.choices)
    navn = models.CharField(_("navn"), max_length=200, blank=True)
    fodselsnummer = models.CharField(_("fødselsnummer"), max_length=11, blank=True)
    organisasjon = models.CharField(_("virksomhet"), max_length=200, blank=True)
    adresse = models.CharField(_("adresse"), max_length=200, blank=True)
    postnummer = models.CharField(_("postnummer"), max_length=4, blank=True)
    poststed = models.CharField(_("poststed"), max_length=100, blank=True)
    telefon = models.CharField(_("telefon"), max_length=30, blank=True)
    epost = models.EmailField(_("e-post"), blank=True)
    foreldreansvar = models.BooleanField(_("foreldreansvar"), default=False)
    partsrettigheter = models.BooleanField(_("partsrettigheter"), default=False)
    anonym = models.BooleanField(_("anonym"), default=False)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    merknad = models.TextField(_("merknad"), blank=True)
    versjon = models.PositiveIntegerField(default=1)
    opprettet = models.DateTimeField(auto_now_add=True)
    endret = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["sak", "rolle", "navn"]

    def __str__(self) -> str:
        return self.visningsnavn

    @property
    def visningsnavn(self) -> str:
        if self.anonym:
            return "Anonym melder"
        return self.navn or self.organisasjon or self.get_rolle_display()


class Journalnotat(_Kept):
    class Type(models.TextChoices):
        SAMTALE_BARN = "samtale_barn", _("Samtale med barnet")
        SAMTALE_FORELDRE = "samtale_foreldre", _("Samtale med foreldre")
        HJEMMEBESOK = "hjemmebesok", _("Hjemmebesøk")
        SAMARBEIDSMOTE = "samarbeidsmote", _("Samarbeidsmøte")
        TELEFON = "telefon", _("Telefonsamtale")
        VURDERING = "vurdering", _("Vurdering")
        INTERNT_NOTAT = "internt_notat", _("Internt notat")
        DOKUMENT = "dokument", _("Dokument mottatt")
        SYSTEM = "system", _("Registrert hendelse")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kjede = models.UUIDField(_("notat"), db_index=True)  # id of the first version
    versjon = models.PositiveIntegerField(default=1)
    gjeldende = models.BooleanField(default=True)
    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="journalnotater")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    dato = models.DateField(_("dato for hendelsen"))
    tittel = models.CharField(_("tittel"), max_length=200)
    tekst = models.TextField(_("tekst"), blank=True)
    barnets_medvirkning = models.TextField(
        _("barnets medvirkning"),
        blank=True,
        help_text=_("Hvordan barnet deltok og hva barnet ble informert om."),
    )
    barnets_synspunkter = models.TextField(
        _("barnets synspunkter"),
        blank=True,
        help_text=_("Hva barnet selv sa, så langt som mulig med barnets ord."),
    )
    parter = models.ManyToManyField(Part, blank=True, related_name="journalnotater", verbose_name=_("parter"))
    element_type = models.CharField(_("gjelder"), max_length=20, choices=Element.choices, blank=True)
    element_id = models.UUIDField(null=True, blank=True)
    system_nokkel = models.CharField(max_length=80, blank=True)  # idempotency of system entries
    forfatter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    forfatter_navn = models.CharField(_("skrevet av"), max_length=150, blank=True)
    korreksjon_grunn = models.TextField(_("grunn til korrigering"), blank=True)
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journalnotater")
        ordering = ["sak", "dato", "opprettet"]
        constraints = [
            models.UniqueConstraint(fields=["kjede", "versjon"], name="journalnotat_versjon_unique"),
            models.UniqueConstraint(
                fields=["sak", "system_nokkel"],
                condition=~models.Q(system_nokkel=""),
                name="journalnotat_system_unique",
            ),
        ]
        indexes = [models.Index(fields=["sak", "gjeldende", "dato"])]

    def __str__(self) -> str:
        return f"{self.dato:%d.%m.%Y} {self.tittel}"


class Fil(_Kept):
    """A stored file (the bytes in the database: backups, restore and the archive extract get
    them with the rest; letters and scans are small)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    filnavn = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    storrelse = models.PositiveIntegerField()
    sjekksum = models.CharField(max_length=64)  # SHA-256, hex
    format_variant = models.CharField(max_length=20, blank=True)  # "pdf/a-2b" ...
    innhold = models.BinaryField()
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fil")
        verbose_name_plural = _("filer")


class Brevmal(_Kept):
    """One version of a letter template. Version 0 is the repository file (not stored)."""

    id = models.BigAutoField(primary_key=True)
    tjeneste = models.ForeignKey("organisation.Tjeneste", on_delete=models.PROTECT, related_name="+")
    kode = models.CharField(max_length=50)
    versjon = models.PositiveIntegerField()
    tittel = models.CharField(_("tittel"), max_length=200)
    innhold = models.TextField(_("mal"))
    krever_godkjenning = models.BooleanField(_("krever godkjenning av en annen"), default=False)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brevmal")
        verbose_name_plural = _("brevmaler")
        ordering = ["tjeneste", "kode", "-versjon"]
        constraints = [
            models.UniqueConstraint(fields=["tjeneste", "kode", "versjon"], name="brevmal_versjon_unique")
        ]


class Dokument(_Kept):
    class Retning(models.TextChoices):
        INN = "I", _("Inngående")
        UT = "U", _("Utgående")
        NOTAT = "N", _("Internt notat")

    class Status(models.TextChoices):
        UTKAST = "utkast", _("Utkast")
        TIL_GODKJENNING = "til_godkjenning", _("Til godkjenning")
        FERDIG = "ferdig", _("Ferdigstilt")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="dokumenter")
    retning = models.CharField(_("retning"), max_length=1, choices=Retning.choices)
    brevtype = models.CharField(_("brevtype"), max_length=50, blank=True)  # template code for letters
    tittel = models.CharField(_("tittel"), max_length=200)
    dato = models.DateField(_("dato"))
    mottaker = models.ForeignKey(
        Part, on_delete=models.PROTECT, null=True, blank=True, related_name="brev", verbose_name=_("mottaker")
    )
    avsender = models.CharField(_("avsender"), max_length=200, blank=True)  # incoming documents
    mal = models.ForeignKey(Brevmal, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    mal_versjon = models.PositiveIntegerField(null=True, blank=True)
    innhold = models.TextField(_("tekst"), blank=True)  # the letter's editable body
    data = models.JSONField(default=dict, blank=True)  # klagefrist, hjemmel, møtetid ...
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UTKAST)
    krever_godkjenning = models.BooleanField(default=False)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opprettet = models.DateTimeField(auto_now_add=True)
    godkjent_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    godkjent_tid = models.DateTimeField(null=True, blank=True)
    ferdigstilt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ferdigstilt_tid = models.DateTimeField(null=True, blank=True)
    sendt_dato = models.DateField(_("sendt"), null=True, blank=True)
    fil = models.OneToOneField(Fil, on_delete=models.PROTECT, null=True, blank=True, related_name="dokument")
    journalnotat_kjede = models.UUIDField(null=True, blank=True)  # the journal entry it is attached to
    element_type = models.CharField(_("gjelder"), max_length=20, choices=Element.choices, blank=True)
    element_id = models.UUIDField(null=True, blank=True)
    versjon = models.PositiveIntegerField(default=1)  # optimistic locking of drafts

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["sak", "dato", "opprettet"]
        indexes = [models.Index(fields=["sak", "brevtype", "status"])]

    def __str__(self) -> str:
        return self.tittel

    @property
    def laast(self) -> bool:
        return self.status == self.Status.FERDIG


class Innsynsunntak(_Kept):
    """A document or journal entry withheld from one party (or released: ``hjemmel`` "")."""

    id = models.BigAutoField(primary_key=True)
    sak = models.ForeignKey(Sak, on_delete=models.PROTECT, related_name="innsynsunntak")
    part = models.ForeignKey(Part, on_delete=models.PROTECT, related_name="innsynsunntak")
    dokument = models.ForeignKey(Dokument, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    journalnotat_kjede = models.UUIDField(null=True, blank=True)
    hjemmel = models.CharField(_("hjemmel"), max_length=40, blank=True)
    begrunnelse = models.TextField(_("begrunnelse"), blank=True)
    opprettet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("innsynsunntak")
        verbose_name_plural = _("innsynsunntak")
        ordering = ["sak", "opprettet"]
