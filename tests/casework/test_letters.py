"""Letters: draft from the case, edit, approval by a second person, locked PDF/A with checksum."""

from __future__ import annotations

import hashlib
import re
import zlib
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from barnevern.casework import letters as L
from barnevern.casework import models as m
from barnevern.casework import services as s
from barnevern.casework.queries import letters_sent

TODAY = date(2026, 11, 23)


def pdf_metadata(pdf: bytes) -> str:
    """The XMP metadata of a PDF (its streams inflated), to read the PDF/A identification."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)).decode("utf-8", "replace"))
        except zlib.error:
            out.append(match.group(1).decode("latin-1"))
    return next((s for s in out if "pdfaid" in s), "")


@pytest.fixture
def parter(sak):
    return {
        "melder": s.add_party(
            sak,
            rolle="melder_offentlig",
            navn="Helsesykepleier Hansen",
            organisasjon="Alvdal helsestasjon",
            adresse="Postboks 1",
            postnummer="2560",
            poststed="ALVDAL",
            today=TODAY,
        ),
        "mor": s.add_party(
            sak,
            rolle="mor",
            navn="Mona Testesen",
            foreldreansvar=True,
            adresse="Storvegen 2",
            postnummer="2560",
            poststed="ALVDAL",
            today=TODAY,
        ),
    }


def test_acknowledgement_drafted_sent_as_pdfa(sak, personas, parter):
    dok = L.draft_letter(
        sak, "kvittering_melder", user=personas["sb"], today=TODAY, mottaker=parter["melder"]
    )
    assert "02.11.2026" in dok.innhold
    assert "i kraft av stillingen" in dok.innhold
    assert not dok.krever_godkjenning
    assert dok.element_type == "melding"
    dok = L.update_draft(dok, user=personas["sb"], innhold=dok.innhold + "\n\nEkstra linje.", versjon=1)
    dok = L.finalize(dok, user=personas["sb"], today=TODAY)
    pdf = bytes(dok.fil.innhold)
    assert pdf.startswith(b"%PDF-")
    assert dok.fil.sjekksum == hashlib.sha256(pdf).hexdigest()
    xmp = pdf_metadata(pdf)
    assert "pdfaid:part" in xmp
    assert "2" in xmp.split("pdfaid:part")[1][:6]
    assert dok.fil.format_variant == "pdf/a-2b"
    assert dok.laast
    assert dok.sendt_dato == TODAY
    with pytest.raises(s.CaseworkError):
        L.update_draft(dok, user=personas["sb"], innhold="endret", versjon=None)
    sent = letters_sent([sak.pk])
    assert [(x.kode, x.sendt_dato) for x in sent[sak.pk]] == [("kvittering_melder", TODAY)]


def test_vedtak_needs_second_person_and_gets_klagefrist(sak, personas, parter):
    dok = L.draft_letter(
        sak,
        "vedtak_hjelpetiltak",
        user=personas["sb"],
        today=TODAY,
        mottaker=parter["mor"],
        data={"tiltak": "Foreldreveiledning (ICDP) i seks måneder", "begrunnelse": "Fordi."},
    )
    assert dok.krever_godkjenning
    assert "Foreldreveiledning" in dok.innhold
    with pytest.raises(s.CaseworkError, match="godkjennes"):
        L.finalize(dok, user=personas["sb"], today=TODAY)
    L.submit_for_approval(dok, user=personas["sb"])
    with pytest.raises(PermissionDenied):
        L.approve(dok, user=personas["sb"], today=TODAY)
    dok = L.approve(dok, user=personas["leder"], today=TODAY)
    assert dok.laast
    assert dok.godkjent_av == personas["leder"]
    assert dok.data["klagefrist"] == "2026-12-14"


def test_leader_edits_template_as_new_version(sak, personas, parter):
    with pytest.raises(PermissionDenied):
        L.save_template(personas["sb"], "innkalling_mote", innhold="x", krever_godkjenning=False)
    with pytest.raises(s.CaseworkError, match="feil"):
        L.save_template(personas["leder"], "innkalling_mote", innhold="{% if %}", krever_godkjenning=False)
    mal = L.save_template(
        personas["leder"],
        "innkalling_mote",
        innhold="Møte om {{ barn.fornavn }} {{ data.tid }}.",
        krever_godkjenning=True,
    )
    assert mal.versjon == 1
    assert (
        L.save_template(personas["leder"], "innkalling_mote", innhold="v2", krever_godkjenning=False).versjon
        == 2
    )
    assert m.Brevmal.objects.filter(kode="innkalling_mote").count() == 2
    L.save_template(
        personas["leder"],
        "innkalling_mote",
        innhold="Møte om {{ barn.fornavn }} {{ data.tid }}.",
        krever_godkjenning=True,
    )
    dok = L.draft_letter(
        sak,
        "innkalling_mote",
        user=personas["sb"],
        today=TODAY,
        mottaker=parter["mor"],
        data={"tid": "1. desember kl. 10"},
    )
    assert dok.innhold == "Møte om Testine 1. desember kl. 10."
    assert dok.mal_versjon == 3
    assert dok.krever_godkjenning


def test_every_default_template_renders(sak, personas, parter):
    for kode in L.KINDS:
        dok = L.draft_letter(sak, kode, user=personas["sb"], today=TODAY, mottaker=parter["mor"])
        assert dok.innhold.strip()
        assert "{{" not in dok.innhold


def test_other_case_worker_cannot_draft(sak, personas):
    with pytest.raises(PermissionDenied):
        L.draft_letter(sak, "kvittering_melder", user=personas["sb2"], today=TODAY)
