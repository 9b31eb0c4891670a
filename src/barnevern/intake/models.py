"""What came in and what went out: every exchange with Fiks IO keeps a row.

- ``Levering``: each delivery the broker made, written (and committed) before the message is
  processed, so reconciliation can count what was delivered even when storing failed.
- ``Mottak``: one stored bekymringsmelding (from Fiks IO, a file or the API), unique on the Fiks
  ``melding_id``; the JSON as received, its checksum, the PDF original; ``meldinger`` are the BVR
  meldinger it became (one per child).
- ``Kvittering``: each receipt or forwarding notice we sent (``mottatt``/``feilet``), with its id.
- ``DodMelding``: a message that could not be stored (invalid, undecryptable, too large ...): kept
  as received, with a Norwegian reason, for the leader; never dropped.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from barnevern.cases.models import Melding
from barnevern.organisation.models import Tjeneste


class Kilde(models.TextChoices):
    FIKS = "fiks", _("Fiks IO")
    FIL = "fil", _("fil")
    API = "api", _("integrasjon (API)")


class Levering(models.Model):
    class Utfall(models.TextChoices):
        UNDER_ARBEID = "under_arbeid", _("under arbeid")
        LAGRET = "lagret", _("lagret")
        DUPLIKAT = "duplikat", _("allerede lagret")
        FEILET = "feilet", _("feilet, lagt til side")
        PROVES_IGJEN = "proves_igjen", _("ikke lagret, prøves igjen")

    id = models.BigAutoField(primary_key=True)
    melding_id = models.CharField(max_length=64, db_index=True)
    meldingstype = models.CharField(max_length=100, blank=True)
    avsender_id = models.CharField(max_length=64, blank=True)
    konto_id = models.CharField(max_length=64, blank=True)
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    levert = models.DateTimeField(default=timezone.now, db_index=True)
    gjenlevert = models.BooleanField(default=False)  # the broker's redelivered flag
    storrelse = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    utfall = models.CharField(max_length=20, choices=Utfall.choices, default=Utfall.UNDER_ARBEID)
    feil = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]


class Mottak(models.Model):
    class Status(models.TextChoices):
        MOTTATT = "mottatt", _("mottatt")
        VIDERESENDT = "videresendt", _("videresendt til annen kommune")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    melding_id = models.CharField(_("melding-id"), max_length=64, unique=True)
    kilde = models.CharField(max_length=10, choices=Kilde.choices)
    meldingstype = models.CharField(max_length=100)
    avsender_id = models.CharField(max_length=64, blank=True)
    svar_til = models.CharField(max_length=64, blank=True)
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="mottak")
    kommunenummer = models.CharField(max_length=4)
    kommunenavn = models.CharField(max_length=100, blank=True)
    egen_kommune = models.BooleanField(default=True)  # kommunenummer is a member of the service
    offentlig = models.BooleanField()
    sendingstidspunkt = models.DateTimeField()
    mottatt = models.DateTimeField(default=timezone.now, db_index=True)
    sha256 = models.CharField(max_length=64)  # of the container as delivered (the file for file/API)
    innhold = models.JSONField()  # bekymringsmelding.json as received
    pdf = models.BinaryField(null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MOTTATT)
    videresendt_til = models.CharField(max_length=4, blank=True)
    videresendt = models.DateTimeField(null=True, blank=True)
    videresendt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registrert_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-mottatt"]
        verbose_name = _("mottatt bekymringsmelding")
        verbose_name_plural = _("mottatte bekymringsmeldinger")


class MottakMelding(models.Model):
    """One BVR melding a received report became (one per child, linked through ``mottak``)."""

    mottak = models.ForeignKey(Mottak, on_delete=models.PROTECT, related_name="meldinger")
    melding = models.OneToOneField(Melding, on_delete=models.PROTECT, related_name="mottak_kobling")
    barn_nr = models.PositiveSmallIntegerField()  # position of the child in the report
    eksisterende_sak = models.BooleanField(default=False)  # matched by fnr

    class Meta:
        ordering = ["mottak", "barn_nr"]
        constraints = [
            models.UniqueConstraint(fields=["mottak", "barn_nr"], name="mottakmelding_barn_unique")
        ]


class DodMelding(models.Model):
    class Status(models.TextChoices):
        APEN = "apen", _("åpen")
        BEHANDLET = "behandlet", _("behandlet")

    id = models.BigAutoField(primary_key=True)
    melding_id = models.CharField(max_length=64, unique=True)
    meldingstype = models.CharField(max_length=100, blank=True)
    avsender_id = models.CharField(max_length=64, blank=True)
    konto_id = models.CharField(max_length=64, blank=True)
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    headers = models.JSONField(default=dict)
    innhold = models.BinaryField()  # exactly as delivered (still encrypted)
    sha256 = models.CharField(max_length=64)
    feil = models.TextField()  # Norwegian, also sent to the sender in feilet
    forste = models.DateTimeField(default=timezone.now, db_index=True)
    siste = models.DateTimeField(default=timezone.now)
    forsok = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APEN)
    merknad = models.TextField(blank=True)
    behandlet_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-forste"]


class Kvittering(models.Model):
    class Type(models.TextChoices):
        MOTTATT = "no.ks.fiks.bekymringsmelding.mottatt.v1", "mottatt"
        FEILET = "no.ks.fiks.bekymringsmelding.feilet.v1", "feilet"

    id = models.BigAutoField(primary_key=True)
    melding_id = models.CharField(max_length=64, unique=True)  # the receipt's own id (uuid5 of svar_til+type)
    svar_til = models.CharField(max_length=64, db_index=True)  # the melding-id it answers
    meldingstype = models.CharField(max_length=100, choices=Type.choices)
    mottaker = models.CharField(max_length=64, blank=True)  # the sender's account
    body = models.TextField(blank=True)
    sendt = models.DateTimeField(default=timezone.now, db_index=True)
    grunn = models.CharField(max_length=20, blank=True)  # "" or "videresendt" (a forwarding notice)
    mottak = models.ForeignKey(
        Mottak, on_delete=models.PROTECT, null=True, blank=True, related_name="kvitteringer"
    )
    dod = models.ForeignKey(
        DodMelding, on_delete=models.PROTECT, null=True, blank=True, related_name="kvitteringer"
    )

    class Meta:
        ordering = ["id"]


class Avstemming(models.Model):
    """One reconciliation run for a day (``barnevern fiks-avstemming``)."""

    id = models.BigAutoField(primary_key=True)
    dato = models.DateField(db_index=True)
    kjort = models.DateTimeField(default=timezone.now)
    levert = models.PositiveIntegerField()
    lagret = models.PositiveIntegerField()
    kvittert = models.PositiveIntegerField()
    dode = models.PositiveIntegerField()
    avvik = models.JSONField(default=list)  # Norwegian sentences, empty when everything matches
    tjeneste = models.ForeignKey(Tjeneste, on_delete=models.PROTECT, related_name="+")
    internkontroll = models.ForeignKey(
        "quality.Avvik", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # the avvik written for a mismatch
    i_koen = models.IntegerField(null=True, blank=True)  # messages still waiting in the queue, if read

    class Meta:
        ordering = ["-dato", "-id"]
