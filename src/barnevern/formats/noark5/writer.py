"""Write a Noark 5 v5.0 arkivuttrekk from ``records.Extract``.

Files (Noark 5 standard, krav 6.4.15–6.4.19; names are case-sensitive):

* ``arkivstruktur.xml`` – arkiv → arkivdel → klassifikasjonssystem (by identity number) →
  klasse per child → saksmappe per case (with its parties) → journalpost per document or
  journal entry → dokumentbeskrivelse → dokumentobjekt per version, with ``sjekksum``
  (SHA-256) and ``referanseDokumentfil`` into ``DOKUMENT/``.
* ``endringslogg.xml`` – corrections of journal entries (old and new text).
* ``loependeJournal.xml`` – every journalpost, with titles.
* ``offentligJournal.xml`` – the public journal, screened: no titles, no names and no identity
  numbers; case and record titles are replaced by a screened public title, and every
  correspondence party is written as «Skjermet» with ``skjermingMetadata``.
* ``arkivuttrekk.xml`` – the package description (ADDML) with every file's SHA-256. ⚠
  Arkivverket's ``addml.xsd`` is not in this repository, so this one file is not validated.

Every case is screened (``skjerming``): offentleglova § 13 with barnevernsloven § 13-1
(taushetsplikt). The XSD requires ``avsluttetDato`` on every folder; an open case gets the
time of the extract, and its ``saksstatus`` says it is still open («Under behandling»).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from barnevern.formats.noark5.records import Extract, Folder, Record

NS = {
    "arkivstruktur": "http://www.arkivverket.no/standarder/noark5/arkivstruktur",
    "endringslogg": "http://www.arkivverket.no/standarder/noark5/endringslogg",
    "loependeJournal": "http://www.arkivverket.no/standarder/noark5/loependeJournal",
    "offentligJournal": "http://www.arkivverket.no/standarder/noark5/offentligJournal",
}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ADDML = "http://www.arkivverket.no/standarder/addml"
SKJERMINGSHJEMMEL = "Offl. § 13, jf. bvl. § 13-1"
TILGANGSRESTRIKSJON = "13"
SCREENED = "Skjermet"


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Builder:
    def __init__(self, ns: str) -> None:
        self.ns = ns

    def el(
        self, parent: etree._Element | None, name: str, value: object = None, **attrs: str
    ) -> etree._Element:
        tag = f"{{{self.ns}}}{name}"
        node = (
            etree.Element(tag, nsmap={None: self.ns, "xsi": XSI})
            if parent is None
            else etree.SubElement(parent, tag)
        )
        for key, val in attrs.items():
            node.set(key, val)
        if value is not None:
            node.text = _text(value)
        return node

    def typed(self, parent: etree._Element, name: str, xsi_type: str) -> etree._Element:
        node = self.el(parent, name)
        node.set(f"{{{XSI}}}type", xsi_type)
        return node


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _skjerming(b: _Builder, parent: etree._Element, *metadata: str) -> None:
    s = b.el(parent, "skjerming")
    b.el(s, "tilgangsrestriksjon", TILGANGSRESTRIKSJON)
    b.el(s, "skjermingshjemmel", SKJERMINGSHJEMMEL)
    for m in metadata:
        b.el(s, "skjermingMetadata", m)


def _journalpost(b: _Builder, parent: etree._Element, r: Record, ex: Extract) -> None:
    jp = b.typed(parent, "registrering", "journalpost")
    b.el(jp, "systemID", r.system_id)
    b.el(jp, "opprettetDato", r.opprettet)
    b.el(jp, "opprettetAv", r.opprettet_av)
    b.el(jp, "arkivertDato", ex.created)
    b.el(jp, "arkivertAv", ex.created_by)
    _skjerming(b, jp, "tittel", "korrespondansepart")
    db = b.el(jp, "dokumentbeskrivelse")
    b.el(db, "systemID", r.dokument_system_id)
    b.el(db, "dokumenttype", r.dokumenttype)
    b.el(db, "dokumentstatus", "Dokumentet er ferdigstilt")
    b.el(db, "tittel", r.tittel)
    b.el(db, "opprettetDato", r.opprettet)
    b.el(db, "opprettetAv", r.opprettet_av)
    b.el(db, "tilknyttetRegistreringSom", "Hoveddokument")
    b.el(db, "dokumentnummer", 1)
    b.el(db, "tilknyttetDato", r.opprettet)
    b.el(db, "tilknyttetAv", r.opprettet_av)
    for o in r.objects:
        do = b.el(db, "dokumentobjekt")
        b.el(do, "systemID", o.system_id)
        b.el(do, "versjonsnummer", o.versjonsnummer)
        b.el(do, "variantformat", "Arkivformat")
        b.el(do, "format", o.format)
        b.el(do, "opprettetDato", o.opprettet)
        b.el(do, "opprettetAv", o.opprettet_av)
        b.el(do, "referanseDokumentfil", o.filename)
        b.el(do, "sjekksum", o.sjekksum)
        b.el(do, "sjekksumAlgoritme", "SHA256")
        b.el(do, "filstoerrelse", o.filstoerrelse)
    b.el(jp, "tittel", r.tittel)
    b.el(jp, "offentligTittel", r.offentlig_tittel)
    kp = b.el(jp, "korrespondansepart")
    b.el(kp, "korrespondanseparttype", r.korrespondanseparttype)
    b.el(kp, "korrespondansepartNavn", r.korrespondansepart)
    b.el(kp, "administrativEnhet", ex.administrativ_enhet)
    b.el(kp, "saksbehandler", r.saksbehandler)
    b.el(jp, "journalaar", r.journalaar)
    b.el(jp, "journalsekvensnummer", r.journalsekvensnummer)
    b.el(jp, "journalpostnummer", r.journalpostnummer)
    b.el(jp, "journalposttype", r.journalposttype)
    b.el(jp, "journalstatus", "Arkivert")
    b.el(jp, "journaldato", r.journaldato)
    b.el(jp, "dokumentetsDato", r.dokumentets_dato)
    if r.mottatt:
        b.el(jp, "mottattDato", datetime.combine(r.mottatt, datetime.min.time()))
    if r.sendt:
        b.el(jp, "sendtDato", datetime.combine(r.sendt, datetime.min.time()))


def _saksmappe(b: _Builder, parent: etree._Element, f: Folder, ex: Extract) -> None:
    sm = b.typed(parent, "mappe", "saksmappe")
    b.el(sm, "systemID", f.system_id)
    b.el(sm, "mappeID", f.mappe_id)
    b.el(sm, "tittel", f.tittel)
    b.el(sm, "offentligTittel", f.offentlig_tittel)
    b.el(sm, "opprettetDato", f.opprettet)
    b.el(sm, "opprettetAv", f.opprettet_av)
    b.el(sm, "avsluttetDato", f.avsluttet)
    b.el(sm, "avsluttetAv", f.avsluttet_av)
    for p in f.parties:
        pe = b.el(sm, "part")
        b.el(pe, "partNavn", p.navn)
        b.el(pe, "partRolle", p.rolle)
        if p.postadresse:
            b.el(pe, "postadresse", p.postadresse)
        if p.postnummer:
            b.el(pe, "postnummer", p.postnummer)
        if p.poststed:
            b.el(pe, "poststed", p.poststed)
    _skjerming(b, sm, "tittel", "part")
    for r in f.records:
        _journalpost(b, sm, r, ex)
    b.el(sm, "saksaar", f.saksaar)
    b.el(sm, "sakssekvensnummer", f.sakssekvensnummer)
    b.el(sm, "saksdato", f.saksdato)
    b.el(sm, "administrativEnhet", ex.administrativ_enhet)
    b.el(sm, "saksansvarlig", f.saksansvarlig)
    b.el(sm, "saksstatus", f.saksstatus)


def arkivstruktur(ex: Extract) -> bytes:
    b = _Builder(NS["arkivstruktur"])
    arkiv = b.el(None, "arkiv")
    b.el(arkiv, "systemID", ex.system_id)
    b.el(arkiv, "tittel", ex.tittel)
    b.el(arkiv, "arkivstatus", "Avsluttet")
    b.el(arkiv, "opprettetDato", ex.created)
    b.el(arkiv, "opprettetAv", ex.created_by)
    b.el(arkiv, "avsluttetDato", ex.created)
    b.el(arkiv, "avsluttetAv", ex.created_by)
    ask = b.el(arkiv, "arkivskaper")
    b.el(ask, "arkivskaperID", ex.arkivskaper_id)
    b.el(ask, "arkivskaperNavn", ex.arkivskaper_navn)
    ad = b.el(arkiv, "arkivdel")
    b.el(ad, "systemID", ex.arkivdel_system_id)
    b.el(ad, "tittel", "Barnevernssaker")
    b.el(ad, "arkivdelstatus", "Avsluttet periode")
    b.el(ad, "opprettetDato", ex.created)
    b.el(ad, "opprettetAv", ex.created_by)
    b.el(ad, "avsluttetDato", ex.created)
    b.el(ad, "avsluttetAv", ex.created_by)
    b.el(ad, "arkivperiodeStartDato", ex.fra)
    b.el(ad, "arkivperiodeSluttDato", ex.til)
    _skjerming(b, ad, "tittel")
    ks = b.el(ad, "klassifikasjonssystem")
    b.el(ks, "systemID", ex.klassifikasjon_system_id)
    b.el(ks, "klassifikasjonstype", "Fødselsnummer")
    b.el(ks, "tittel", "Barnet (fødselsnummer)")
    b.el(ks, "opprettetDato", ex.created)
    b.el(ks, "opprettetAv", ex.created_by)
    for c in ex.classes:
        k = b.el(ks, "klasse")
        b.el(k, "systemID", c.system_id)
        b.el(k, "klasseID", c.klasse_id)
        b.el(k, "tittel", c.tittel)
        b.el(k, "opprettetDato", ex.created)
        b.el(k, "opprettetAv", ex.created_by)
        _skjerming(b, k, "klasseID", "tittel")
        for f in c.folders:
            _saksmappe(b, k, f, ex)
    if not ex.classes:  # the XSD needs one klasse: an empty class says the period had no cases
        k = b.el(ks, "klasse")
        b.el(k, "systemID", ex.klassifikasjon_system_id[:-12] + "000000000000")
        b.el(k, "klasseID", "ingen")
        b.el(k, "tittel", "Ingen saker i perioden")
        b.el(k, "opprettetDato", ex.created)
        b.el(k, "opprettetAv", ex.created_by)
    return _bytes(arkiv)


def endringslogg(ex: Extract) -> bytes:
    b = _Builder(NS["endringslogg"])
    root = b.el(None, "endringslogg")
    changes = ex.changes or ()
    for c in changes:
        e = b.el(root, "endring")
        b.el(e, "referanseArkivenhet", c.referanse)
        b.el(e, "referanseMetadata", c.metadata)
        b.el(e, "endretDato", c.endret)
        b.el(e, "endretAv", c.endret_av)
        b.el(e, "tidligereVerdi", c.tidligere or "–")
        b.el(e, "nyVerdi", c.ny or "–")
    if not changes:  # the XSD needs one endring: the extract itself
        e = b.el(root, "endring")
        b.el(e, "referanseArkivenhet", ex.system_id)
        b.el(e, "referanseMetadata", "arkivstatus")
        b.el(e, "endretDato", ex.created)
        b.el(e, "endretAv", ex.created_by)
        b.el(e, "tidligereVerdi", "Opprettet")
        b.el(e, "nyVerdi", "Avsluttet")
    return _bytes(root)


def _records(ex: Extract) -> Iterable[tuple[Folder, Record]]:
    for c in ex.classes:
        for f in c.folders:
            for r in f.records:
                yield f, r


def _journal(ex: Extract, public: bool) -> bytes:
    b = _Builder(NS["offentligJournal" if public else "loependeJournal"])
    root = b.el(None, "offentligJournal" if public else "loependeJournal")
    rows = sorted(_records(ex), key=lambda fr: (fr[1].journalaar, fr[1].journalsekvensnummer))
    head = b.el(root, "journalhode")
    b.el(head, "journalStartDato", ex.fra)
    b.el(head, "journalSluttDato", ex.til)
    b.el(head, "antallJournalposter", len(rows))
    ask = b.el(head, "arkivskaper")
    b.el(ask, "arkivskaperID", ex.arkivskaper_id)
    b.el(ask, "arkivskaperNavn", ex.arkivskaper_navn)
    for f, r in rows:
        reg = b.el(root, "journalregistrering")
        sm = b.el(reg, "saksmappe")
        b.el(sm, "mappeID", f.mappe_id)
        b.el(sm, "saksaar", f.saksaar)
        b.el(sm, "sakssekvensnummer", f.sakssekvensnummer)
        if public:
            b.el(sm, "offentligTittel", f.offentlig_tittel)
            b.el(sm, "administrativEnhet", ex.administrativ_enhet)
            b.el(sm, "tilgangsrestriksjon", TILGANGSRESTRIKSJON)
            b.el(sm, "skjermingshjemmel", SKJERMINGSHJEMMEL)
        else:
            b.el(sm, "tittel", f.tittel)
            b.el(sm, "offentligTittel", f.offentlig_tittel)
            b.el(sm, "skjermingMetadata", "tittel")
            b.el(sm, "administrativEnhet", ex.administrativ_enhet)
            b.el(sm, "saksansvarlig", f.saksansvarlig)
        jp = b.el(reg, "journalpost")
        b.el(jp, "systemID", r.system_id)
        b.el(jp, "journalaar", r.journalaar)
        b.el(jp, "journalsekvensnummer", r.journalsekvensnummer)
        b.el(jp, "journalpostnummer", r.journalpostnummer)
        if not public:
            b.el(jp, "tittel", r.tittel)
        b.el(jp, "offentligTittel", r.offentlig_tittel)
        b.el(jp, "skjermingMetadata", "tittel")
        b.el(jp, "journaldato", r.journaldato)
        b.el(jp, "dokumentetsDato", r.dokumentets_dato)
        b.el(jp, "administrativEnhet", ex.administrativ_enhet)
        if not public:
            b.el(jp, "saksbehandler", r.saksbehandler)
        b.el(jp, "tilgangsrestriksjon", TILGANGSRESTRIKSJON)
        b.el(jp, "skjermingshjemmel", SKJERMINGSHJEMMEL)
        kp = b.el(jp, "korrespondansepart")
        b.el(kp, "korrespondanseparttype", r.korrespondanseparttype)
        b.el(kp, "korrespondansepartNavn", SCREENED if public else r.korrespondansepart)
        if not public:
            b.el(kp, "skjermingMetadata", "korrespondansepartNavn")
    if not rows:
        raise ValueError("Uttrekket har ingen journalposter i perioden.")
    return _bytes(root)


def loepende_journal(ex: Extract) -> bytes:
    return _journal(ex, public=False)


def offentlig_journal(ex: Extract) -> bytes:
    return _journal(ex, public=True)


def addml(ex: Extract, files: dict[str, bytes]) -> bytes:
    """The package description: every XML file with its SHA-256 (ADDML 8.3 shape, not validated)."""

    def prop(parent: etree._Element, name: str, value: str | None = None) -> etree._Element:
        p = etree.SubElement(parent, f"{{{ADDML}}}property", name=name)
        if value is not None:
            etree.SubElement(p, f"{{{ADDML}}}value").text = value
        return p

    root = etree.Element(f"{{{ADDML}}}addml", nsmap={None: ADDML})
    ds = etree.SubElement(root, f"{{{ADDML}}}dataset", name=ex.tittel)
    ref = etree.SubElement(ds, f"{{{ADDML}}}reference")
    ctx = etree.SubElement(ref, f"{{{ADDML}}}context")
    extra = etree.SubElement(ctx, f"{{{ADDML}}}additionalElements")
    for name, value in (
        ("recordCreators", ex.arkivskaper_navn),
        ("system", "Barnevern"),
        ("archivalDataType", "Noark 5"),
        ("archivalDataVersion", "5.0"),
        ("periodStart", ex.fra.isoformat()),
        ("periodEnd", ex.til.isoformat()),
    ):
        el = etree.SubElement(extra, f"{{{ADDML}}}additionalElement", name=name)
        etree.SubElement(el, f"{{{ADDML}}}value").text = value
    flat = etree.SubElement(ds, f"{{{ADDML}}}flatFiles")
    for name, data in files.items():
        ff = etree.SubElement(flat, f"{{{ADDML}}}flatFile", name=name, definitionReference=name)
        props = etree.SubElement(ff, f"{{{ADDML}}}properties")
        prop(props, "fileName", name)
        if name.endswith(".xml") and name.replace(".xml", ".xsd") != name:
            prop(props, "schema", name.replace(".xml", ".xsd"))
        checksum = prop(props, "checksum")
        sub = etree.SubElement(checksum, f"{{{ADDML}}}properties")
        prop(sub, "algorithm", "SHA256")
        prop(sub, "value", hashlib.sha256(data).hexdigest())
    return _bytes(root)


def write(ex: Extract, out: Path) -> dict[str, str]:
    """Write the extract into ``out`` (created; must be empty). Returns file → SHA-256."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(f"Mappen {out} er ikke tom.")
    files = {
        "arkivstruktur.xml": arkivstruktur(ex),
        "endringslogg.xml": endringslogg(ex),
        "loependeJournal.xml": loepende_journal(ex),
        "offentligJournal.xml": offentlig_journal(ex),
    }
    written: dict[str, str] = {}
    for _, r in _records(ex):
        for o in r.objects:
            path = out / o.filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(o.content)
            written[o.filename] = hashlib.sha256(o.content).hexdigest()
    for name, data in files.items():
        (out / name).write_bytes(data)
        written[name] = hashlib.sha256(data).hexdigest()
    data = addml(ex, files)
    (out / "arkivuttrekk.xml").write_bytes(data)
    written["arkivuttrekk.xml"] = hashlib.sha256(data).hexdigest()
    return written
