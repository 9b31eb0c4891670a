"""The Noark 5 archive extract of a service: reads the database, builds
``formats.noark5.records``, and lets ``formats.noark5.writer`` write the files.

Included: cases of the service with a journal entry or a finished document dated in the
period. Each finished letter or incoming document is a journalpost with its stored file
(letters as PDF/A-2b; incoming documents as received: PDF, PNG, JPEG or TIFF). Each journal
entry is a journalpost «Organinternt dokument uten oppfølging» whose versions (corrections)
are its dokumentobjekt versions, each written as UTF-8 text; every correction is a line in
``endringslogg.xml``. The journal entry that only says a document came in is not a record of
its own (the document is). Drafts are not archived.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils import timezone

from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.casework import models as m
from barnevern.formats.noark5 import records as r
from barnevern.formats.noark5 import writer

NAMESPACE = uuid.UUID("6f1c2d1e-8a43-4f52-9d7b-0b6f3b0a5e21")
FORMATS = {
    "pdf/a-2b": "PDF/A - ISO 19005-2:2011",
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/tiff": "TIFF",
}
POST_TYPES = {
    "I": ("Inngående dokument", "Avsender"),
    "U": ("Utgående dokument", "Mottaker"),
    "N": ("Organinternt dokument uten oppfølging", "Intern"),
}


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _dt(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def entry_text(e: m.Journalnotat, sak: cm.Sak) -> bytes:
    """A journal entry version as the UTF-8 text file archived for it."""
    lines = [
        f"Journalnotat – sak {sak.journalnummer}",
        f"Type: {e.get_type_display()}",
        f"Dato for hendelsen: {e.dato:%d.%m.%Y}",
        f"Tittel: {e.tittel}",
        f"Skrevet av: {e.forfatter_navn} {timezone.localtime(e.opprettet):%d.%m.%Y %H:%M}",
        f"Versjon: {e.versjon}",
    ]
    if e.korreksjon_grunn:
        lines.append(f"Korrigert fordi: {e.korreksjon_grunn}")
    if e.element_type:
        lines.append(f"Gjelder: {e.get_element_type_display()}")
    parter = ", ".join(p.visningsnavn for p in e.parter.all())
    if parter:
        lines.append(f"Parter: {parter}")
    lines += ["", e.tekst]
    if e.barnets_medvirkning:
        lines += ["", "Barnets medvirkning:", e.barnets_medvirkning]
    if e.barnets_synspunkter:
        lines += ["", "Barnets synspunkter:", e.barnets_synspunkter]
    return ("\n".join(lines).strip() + "\n").encode("utf-8")


def build(tjeneste: Any, fra: date, til: date, *, created_by: str) -> r.Extract:
    now = timezone.now().replace(microsecond=0)
    in_period = Q(dato__gte=fra, dato__lte=til)
    saker = (
        cm.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False)
        .filter(
            Q(journalnotater__in=m.Journalnotat.objects.filter(in_period))
            | Q(dokumenter__in=m.Dokument.objects.filter(in_period, status=m.Dokument.Status.FERDIG))
        )
        .distinct()
        .select_related("saksbehandler")
        .prefetch_related("personalia")
        .order_by("journalnummer")
    )
    pending: list[tuple[cm.Sak, list[tuple[Any, ...]]]] = []
    changes: list[r.Change] = []
    for sak in saker:
        rows: list[tuple[Any, ...]] = []
        versions: dict[uuid.UUID, list[m.Journalnotat]] = {}
        qs = m.Journalnotat.objects.filter(sak=sak).prefetch_related("parter").order_by("kjede", "versjon")
        for e in qs:
            versions.setdefault(e.kjede, []).append(e)
        for kjede, vs in versions.items():
            current = vs[-1]
            if current.type == m.Journalnotat.Type.DOKUMENT or not (fra <= current.dato <= til):
                # the incoming document is its own journalpost
                continue
            rows.append(("journal", current.dato, vs[0].opprettet, kjede, vs))
            for old, new in zip(vs, vs[1:], strict=False):
                changes.append(
                    r.Change(
                        str(kjede),
                        "dokumentobjekt",
                        new.opprettet.replace(microsecond=0),
                        new.forfatter_navn,
                        entry_text(old, sak).decode(),
                        entry_text(new, sak).decode(),
                    )
                )
        docs = (
            m.Dokument.objects.filter(sak=sak, status=m.Dokument.Status.FERDIG, dato__gte=fra, dato__lte=til)
            .exclude(fil=None)
            .select_related("fil", "mottaker", "opprettet_av")
        )
        for d in docs:
            rows.append(("dok", d.sendt_dato or d.dato, d.opprettet, d.pk, d))
        rows.sort(key=lambda x: (x[1], x[2]))
        pending.append((sak, rows))
    # journal sequence numbers per year over the whole extract, in journal-date order
    flat = sorted(
        ((row[1], row[2], i, j) for i, (_, rows) in enumerate(pending) for j, row in enumerate(rows)),
    )
    seq: dict[tuple[int, int], int] = {}
    per_year: dict[int, int] = {}
    for day, _, i, j in flat:
        per_year[day.year] = per_year.get(day.year, 0) + 1
        seq[(i, j)] = per_year[day.year]
    classes: dict[str, list[r.Folder]] = {}
    names: dict[str, str] = {}
    for i, (sak, rows) in enumerate(pending):
        people = sorted(sak.personalia.all(), key=lambda p: p.start_dato)
        fnr = people[-1].fodselsnummer if people else f"ukjent-{sak.pk}"
        names[fnr] = sak.navn or "Ukjent barn"
        records = [_record(sak, row, seq[(i, j)], j + 1) for j, row in enumerate(rows)]
        year, _, number = sak.journalnummer.partition("-")
        closed = sak.slutt_dato is not None or bool(sak.avsluttet)
        parties = tuple(
            r.Party(p.visningsnavn, p.get_rolle_display(), p.adresse, p.postnummer, p.poststed)
            for p in m.Part.objects.filter(sak=sak).order_by("rolle", "navn")
        )
        classes.setdefault(fnr, []).append(
            r.Folder(
                system_id=str(sak.pk),
                mappe_id=sak.journalnummer,
                tittel=f"Barnevernssak – {sak.navn or 'barnet'}",
                offentlig_tittel="Barnevernssak",
                saksaar=int(year) if year.isdigit() else sak.start_dato.year,
                sakssekvensnummer=int(number) if number.isdigit() else i + 1,
                saksdato=sak.start_dato,
                opprettet=sak.opprettet.replace(microsecond=0),
                opprettet_av="Barnevern",
                avsluttet=_dt(sak.slutt_dato) if sak.slutt_dato else now,
                avsluttet_av=created_by,
                saksstatus="Avsluttet" if closed else "Under behandling",
                saksansvarlig=(sak.saksbehandler.get_full_name() if sak.saksbehandler else "")
                or "Ikke fordelt",
                parties=parties,
                records=tuple(records),
            )
        )
    return r.Extract(
        system_id=_uuid("arkiv", tjeneste.pk),
        arkivdel_system_id=_uuid("arkivdel", tjeneste.pk, fra, til),
        klassifikasjon_system_id=_uuid("klassifikasjon", tjeneste.pk),
        arkivskaper_id=tjeneste.organisasjonsnummer or tjeneste.slug,
        arkivskaper_navn=tjeneste.navn,
        tittel=f"{tjeneste.navn} – barnevernssaker",
        administrativ_enhet=tjeneste.navn,
        fra=fra,
        til=til,
        created=now,
        created_by=created_by,
        classes=tuple(
            r.ChildClass(_uuid("klasse", tjeneste.pk, fnr), fnr, names[fnr], tuple(folders))
            for fnr, folders in classes.items()
        ),
        changes=tuple(changes),
    )


def _record(sak: cm.Sak, row: tuple[Any, ...], sekvens: int, nummer: int) -> r.Record:
    kind, day, created, ident, obj = row
    base = f"DOKUMENT/{sak.journalnummer}/{nummer}"
    if kind == "journal":
        vs: list[m.Journalnotat] = obj
        current = vs[-1]
        objects = []
        for v in vs:
            content = entry_text(v, sak)
            objects.append(
                r.DocObject(
                    str(v.pk),
                    v.versjon,
                    "TEXT - UTF-8",
                    f"{base}-v{v.versjon}.txt",
                    hashlib.sha256(content).hexdigest(),
                    len(content),
                    v.opprettet.replace(microsecond=0),
                    v.forfatter_navn or "System",
                    content,
                )
            )
        post_type, part_type = POST_TYPES["N"]
        return r.Record(
            system_id=str(ident),
            dokument_system_id=_uuid("dokumentbeskrivelse", ident),
            journalaar=day.year,
            journalsekvensnummer=sekvens,
            journalpostnummer=nummer,
            journalposttype=post_type,
            dokumenttype="Journalnotat",
            tittel=f"{current.get_type_display()}: {current.tittel}",
            offentlig_tittel=current.get_type_display(),
            journaldato=day,
            dokumentets_dato=current.dato,
            opprettet=created.replace(microsecond=0),
            opprettet_av=vs[0].forfatter_navn or "System",
            korrespondansepart=sak.tjeneste.navn,
            korrespondanseparttype=part_type,
            saksbehandler=current.forfatter_navn or "System",
            objects=tuple(objects),
        )
    d: m.Dokument = obj
    fil = d.fil
    if fil is None:  # excluded by the query in ``build``
        raise ValueError(f"Dokumentet {d.pk} har ingen fil.")
    content = bytes(fil.innhold)
    ext = fil.filnavn.rsplit(".", 1)[-1] if "." in fil.filnavn else "bin"
    post_type, part_type = POST_TYPES.get(d.retning, POST_TYPES["N"])
    author = (d.opprettet_av.get_full_name() or d.opprettet_av.username) if d.opprettet_av else "System"
    if d.retning == m.Dokument.Retning.INN:
        motpart = d.avsender or "Ukjent avsender"
    else:
        motpart = d.mottaker.visningsnavn if d.mottaker else sak.tjeneste.navn
    return r.Record(
        system_id=str(d.pk),
        dokument_system_id=_uuid("dokumentbeskrivelse", d.pk),
        journalaar=day.year,
        journalsekvensnummer=sekvens,
        journalpostnummer=nummer,
        journalposttype=post_type,
        dokumenttype="Vedtak"
        if d.brevtype.startswith("vedtak")
        else ("Brev" if d.retning == "U" else "Dokument"),
        tittel=d.tittel,
        offentlig_tittel=d.tittel if d.brevtype else "Innkommende dokument",
        journaldato=day,
        dokumentets_dato=d.dato,
        opprettet=created.replace(microsecond=0),
        opprettet_av=author,
        korrespondansepart=motpart,
        korrespondanseparttype=part_type,
        saksbehandler=author,
        objects=(
            r.DocObject(
                str(fil.pk),
                1,
                FORMATS.get(fil.format_variant) or FORMATS.get(fil.mimetype, fil.mimetype),
                f"{base}.{ext}",
                fil.sjekksum,
                fil.storrelse,
                fil.opprettet.replace(microsecond=0),
                author,
                content,
            ),
        ),
        sendt=d.sendt_dato if d.retning == "U" else None,
        mottatt=d.dato if d.retning == "I" else None,
    )


def export(
    tjeneste: Any, out: Path, *, fra: date | None = None, til: date | None = None, user: Any = None
) -> dict[str, Any]:
    """Write the extract of ``tjeneste`` to ``out``; audited as an export. Returns a summary."""
    today = timezone.localdate()
    fra = fra or date(1900, 1, 1)
    til = til or today
    if fra > til:
        raise ValueError("Fra-datoen er etter til-datoen.")
    created_by = (user.get_full_name() or user.username) if user else "barnevern archive export"
    ex = build(tjeneste, fra, til, created_by=created_by)
    n_records = sum(len(f.records) for c in ex.classes for f in c.folders)
    if n_records == 0:
        raise ValueError(f"Ingen journalposter for {tjeneste.navn} i perioden {fra} – {til}.")
    files = writer.write(ex, out)
    summary = {
        "saker": sum(len(c.folders) for c in ex.classes),
        "journalposter": n_records,
        "filer": len(files),
        "endringer": len(ex.changes),
    }
    log("export", f"Arkivuttrekk (Noark 5) for {tjeneste.navn} {fra}–{til}", data=summary)
    return summary
