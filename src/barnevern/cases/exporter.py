"""Export a service's cases as BVR v4 documents (``barnevern export``), one file per Sak.

Each document is ``formats.bvr_writer.write_bvr`` of the Sak as stored
(``queries.service_records``): a new delivery ``Id`` (UUID4) per export, ``DatoUttrekk`` =
the export moment with seconds and offset, ``ForrigeId`` = the Sak's last delivery id (the one
it was imported with or last exported as), and the new id is stored as the Sak's last delivery,
so the chain SSB checks is kept.

The ``Avgiver`` is the service's organisation number and the municipality the child lives in
on the export date (``SakRecord.kommune_on``) when it is a member; otherwise the host
municipality. Import sets the residence from the Avgiver municipality, so export → import →
export gives the same documents apart from ``Id``, ``DatoUttrekk`` and ``ForrigeId``.
Bydel (district) numbers are not stored and therefore not exported.

Files are written as ``OUT/<sak-id>.xml`` (a temporary name, then renamed, so a reader never
sees a half-written file). The database is updated in one transaction after all files are
written; a Sak that cannot be written (``BvrWriteError``) is reported and keeps its chain.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import transaction

from barnevern import records as r
from barnevern.audit.services import log
from barnevern.cases import models as m
from barnevern.cases.queries import service_records
from barnevern.formats.bvr_writer import DEFAULT_FAGSYSTEM, OSLO, BvrWriteError, write_bvr
from barnevern.organisation.models import Kommune, Tjeneste

__all__ = ["EXPORT_FORMATS", "ExportSummary", "export_service"]

EXPORT_FORMATS = ("bvr-v4",)


@dataclass
class ExportSummary:
    out: Path
    written: int = 0
    failed: list[str] = field(default_factory=list)  # Norwegian messages, one per Sak


class _Avgivere:
    """``Avgiver`` records for a service, per municipality number."""

    def __init__(self, tjeneste: Tjeneste, day: datetime) -> None:
        self.tjeneste = tjeneste
        self.host = tjeneste.vertskommune.nummer
        self.members = set(tjeneste.kommunenumre())
        names: dict[str, str] = {}
        for nummer, navn in (
            Kommune.objects.filter(nummer__in=self.members)
            .order_by("gyldig_fra")
            .values_list("nummer", "navn")
        ):
            names[nummer] = navn  # the latest name wins
        self.names = names
        self.day = day.date()

    def for_sak(self, sak: r.SakRecord) -> r.Avgiver:
        nummer = sak.kommune_on(self.day, self.host) or self.host
        if nummer not in self.members:
            nummer = self.host
        return r.Avgiver(
            organisasjonsnummer=self.tjeneste.organisasjonsnummer,
            kommunenummer=nummer,
            kommunenavn=self.names.get(nummer, nummer),
        )


def export_service(
    tjeneste: Tjeneste, out_dir: str | os.PathLike[str], *, fmt: str = "bvr-v4", now: datetime | None = None
) -> ExportSummary:
    """Write one BVR v4 document per live Sak of ``tjeneste`` under ``out_dir``."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Ukjent eksportformat «{fmt}». Bruk en av: {', '.join(EXPORT_FORMATS)}.")
    moment = (now or datetime.now(OSLO)).replace(microsecond=0)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(out)
    avgivere = _Avgivere(tjeneste, moment)
    last_ids = dict(
        m.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False)
        .values_list("pk", "siste_levering_id")
        .order_by()
    )
    new_ids: dict[uuid.UUID, uuid.UUID] = {}
    for sak in service_records(tjeneste):
        pk = uuid.UUID(sak.id)
        previous = last_ids.get(pk)
        delivery_id = uuid.uuid4()
        delivery = r.Delivery(
            avgiver=avgivere.for_sak(sak),
            sak=sak,
            id=str(delivery_id),
            dato_uttrekk=moment,
            forrige_id=str(previous) if previous else None,
            fagsystem=DEFAULT_FAGSYSTEM,
            source=fmt,
        )
        try:
            data = write_bvr(delivery)
        except BvrWriteError as exc:
            summary.failed.append(f"Sak {sak.id} (journalnummer {sak.journalnummer}): {exc}")
            continue
        target = out / f"{sak.id}.xml"
        partial = target.with_suffix(".xml.part")
        partial.write_bytes(data)
        partial.replace(target)
        new_ids[pk] = delivery_id
        summary.written += 1
    with transaction.atomic():
        saker = [
            m.Sak(pk=pk, siste_levering_id=new, siste_levering_tid=moment) for pk, new in new_ids.items()
        ]
        m.Sak.objects.bulk_update(saker, ["siste_levering_id", "siste_levering_tid"], batch_size=500)
        log(
            "export",
            f"Eksporterte {summary.written} saker som BVR v4",
            data={
                "tjeneste": tjeneste.slug,
                "format": fmt,
                "saker": summary.written,
                "feilet": len(summary.failed),
                "mappe": str(out),
                "dato_uttrekk": moment.isoformat(),
            },
        )
    return summary
