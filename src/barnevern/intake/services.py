"""Storing a bekymringsmelding: one path for Fiks IO, a file and the API.

``store_report`` owns one transaction: the ``Mottak`` row (unique on the Fiks melding-id, so a
redelivery can never make a second report), one BVR ``Melding`` per child (an existing case when a
public report's fnr matches one, else a new case without a case worker, for the leader to assign),
and the audit rows. Nothing is sent from inside it: receipts are the caller's job, after commit.

Writing case rows from here mirrors ``cases.services.register_melding`` with two differences a
digital report needs: the child may have no identity number (private form, unborn child), and the
saksinnhold codes are left empty for the case worker to set when the melding is reviewed (the form
carries free text, not BVR codes). The melder code is a first reading (``formats.fiks.message.melder_kode``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.cases.services import find_sak_for_child, new_sak, reopen
from barnevern.cases.signals import changed
from barnevern.errors import UserError
from barnevern.formats.fiks.message import OSLO, Barn, Bekymringsmelding, melder_kode
from barnevern.intake import casework_link
from barnevern.intake.models import DodMelding, Kilde, Mottak, MottakMelding
from barnevern.organisation.models import Tjeneste
from barnevern.rules.identity import InvalidIdentityNumber, parse_fodselsnummer

# Test seam: callables run inside the store transaction, just before it commits. The fault tests
# use it to make a real database statement fail mid-store or at commit; empty in production.
BEFORE_COMMIT: list[Callable[[Mottak], None]] = []


class Duplicate(Exception):
    """A report with this melding-id is already stored."""

    def __init__(self, mottak: Mottak) -> None:
        super().__init__(f"Meldingen {mottak.melding_id} er allerede lagret.")
        self.mottak = mottak


class IntakeError(UserError):
    """A change the leader asked for that cannot be made (Norwegian message)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _split_name(navn: str) -> tuple[str, str]:
    parts = navn.split()
    if len(parts) < 2:
        return navn.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


def _identity(barn: Barn, offentlig: bool, today: date) -> tuple[str, date, str] | None:
    """(fnr, birth date, sex) when the public form gave a valid number, else None."""
    if not offentlig or not barn.fnr:
        return None
    try:
        ident = parse_fodselsnummer(barn.fnr, today=today)
    except InvalidIdentityNumber:
        return None
    if ident.birth_date is None:
        return None
    return ident.value, ident.birth_date, "1" if int(ident.value[8]) % 2 else "2"


def _melding_for_child(
    tjeneste: Tjeneste, record: Bekymringsmelding, barn: Barn, mottatt: date, kommune: str, today: date
) -> tuple[cm.Melding, bool, str]:
    identity = _identity(barn, record.offentlig, today)
    sak = find_sak_for_child(tjeneste, identity[0]) if identity else None
    existed = sak is not None
    if sak is None:
        fornavn, etternavn = _split_name(barn.navn)
        sak = new_sak(tjeneste, mottatt, fornavn=fornavn, etternavn=etternavn, kilde="fiks")
        if identity:
            cm.Personalia.objects.create(
                sak=sak,
                start_dato=mottatt,
                fodselsnummer=identity[0],
                fodseldato=identity[1],
                kjonn=identity[2],
            )
        cm.Bosted.objects.create(sak=sak, fra_dato=mottatt, kommunenummer=kommune)
        log(
            "create",
            f"Opprettet sak {sak.journalnummer} fra digital bekymringsmelding",
            sak_id=sak.pk,
            obj=sak,
        )
    else:
        reopen(sak)
    kode, presisering = melder_kode(record, on_or_after_2025=mottatt >= date(2025, 1, 1))
    melding = cm.Melding.objects.create(
        sak=sak,
        start_dato=mottatt,
        melder=[{"kode": kode, "presisering": presisering or None}],
        saksinnhold=[],
    )
    return melding, existed, identity[0] if identity else ""


def store_report(
    record: Bekymringsmelding,
    *,
    tjeneste: Tjeneste,
    melding_id: str,
    kilde: str,
    checksum: str,
    innhold: dict[str, Any],
    pdf: bytes | None,
    avsender_id: str = "",
    svar_til: str = "",
    user: Any = None,
    today: date | None = None,
) -> Mottak:
    """Store one validated report in one transaction; raise ``Duplicate`` if already stored."""
    today = today or timezone.localdate()
    mottatt = record.sendingstidspunkt.astimezone(OSLO).date()
    members = tjeneste.kommunenumre()
    egen = record.kommunenummer in members
    kommune = record.kommunenummer if egen else tjeneste.vertskommune.nummer
    with transaction.atomic():
        existing = Mottak.objects.filter(melding_id=melding_id).first()
        if existing is not None:
            raise Duplicate(existing)
        try:
            with transaction.atomic():
                mottak = Mottak.objects.create(
                    melding_id=melding_id,
                    kilde=kilde,
                    meldingstype=record.meldingstype,
                    avsender_id=avsender_id,
                    svar_til=svar_til,
                    tjeneste=tjeneste,
                    kommunenummer=record.kommunenummer,
                    kommunenavn=record.kommunenavn,
                    egen_kommune=egen,
                    offentlig=record.offentlig,
                    sendingstidspunkt=record.sendingstidspunkt,
                    sha256=checksum,
                    innhold=innhold,
                    pdf=pdf,
                    pdf_sha256=sha256(pdf) if pdf is not None else "",
                    registrert_av=user if getattr(user, "pk", None) else None,
                )
        except IntegrityError:
            raise Duplicate(Mottak.objects.get(melding_id=melding_id)) from None
        touched = []
        for nr, barn in enumerate(record.barn):
            melding, existed, fnr = _melding_for_child(tjeneste, record, barn, mottatt, kommune, today)
            MottakMelding.objects.create(mottak=mottak, melding=melding, barn_nr=nr, eksisterende_sak=existed)
            log(
                "create",
                "Mottok digital bekymringsmelding",
                sak_id=melding.sak_id,
                obj=melding,
                data={"melding_id": melding_id, "kilde": kilde, "barn_nr": nr, "mottatt": mottatt},
            )
            if existed:
                touched.append(melding.sak_id)
            casework_link.record(mottak, melding, record, barn, fnr=fnr)
        changed(touched)
        for hook in BEFORE_COMMIT:
            hook(mottak)
    return mottak


def store_from_json(
    raw: bytes,
    *,
    tjeneste: Tjeneste,
    meldingstype: str | None = None,
    melding_id: str | None = None,
    pdf: bytes | None = None,
    kilde: str = Kilde.FIL,
    user: Any = None,
) -> Mottak:
    """Validate and store a bekymringsmelding.json (file import and API). Raises ``InvalidMessage``."""
    import uuid

    from barnevern.formats.fiks import message

    data = message.loads(raw)
    record = message.parse(data, meldingstype)
    return store_report(
        record,
        tjeneste=tjeneste,
        melding_id=melding_id or str(uuid.uuid4()),
        kilde=kilde,
        checksum=sha256(raw),
        innhold=data,
        pdf=pdf,
        user=user,
    )


@transaction.atomic
def mark_dead_letter_handled(dod: DodMelding, user: Any, merknad: str) -> DodMelding:
    """The leader records what was done with a message that could not be received (a dead
    letter): it is marked «behandlet» with the note and who handled it, audited."""
    merknad = merknad.strip()
    if not merknad:
        raise IntakeError("Skriv hva som er gjort med meldingen.")
    dod.status = DodMelding.Status.BEHANDLET
    dod.merknad = merknad
    dod.behandlet_av = user
    dod.save(update_fields=["status", "merknad", "behandlet_av"])
    log(
        "update",
        f"Behandlet melding {dod.melding_id} som ikke kunne tas imot",
        obj=dod,
        data={"merknad": merknad},
    )
    return dod
