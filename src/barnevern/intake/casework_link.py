"""Parties, the first journal entry and the original PDF of a received report, in ``casework``.

Called inside ``store_report``'s transaction for each child's melding (so a failure here rolls the
whole report back and nothing is receipted):

- parties (``casework.services.add_party``): the child (with the identity number when the public form
  gave a valid one; not again on a case that already has the child), the melder (``melder_offentlig``
  with the workplace, or ``melder_privat``) and each guardian the form names (role ``annen``, noted as
  "oppgitt som foresatt": the form does not say mother, father or guardian, so the case worker decides);
- the original PDF as an incoming document linked to the melding, whose journal entry carries the
  report's text fields (``store_incoming_document(journal=True, journal_tekst=...)``); without a PDF, a
  journal entry (type "internt_notat", so the case page shows it) with the same text.

``forwarded`` journals a forwarding on each case.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from barnevern.casework import services as cw
from barnevern.casework.models import Journalnotat, Part
from barnevern.formats.fiks.message import OSLO, Adresse

if TYPE_CHECKING:
    from barnevern.cases.models import Melding
    from barnevern.formats.fiks.message import Barn, Bekymringsmelding
    from barnevern.intake.models import Mottak


def _address(a: Adresse | None) -> tuple[str, str, str]:
    """(adresse, postnummer, poststed) for ``add_party``."""
    if a is None:
        return "", "", ""
    return ", ".join(x for x in (a.linje1, a.linje2, a.linje3) if x), a.postnummer, a.poststed


def record(mottak: Mottak, melding: Melding, report: Bekymringsmelding, barn: Barn, fnr: str = "") -> None:
    """Write the parties, journal entry and document of one child's melding (inside the store)."""
    sak = melding.sak
    today = max(timezone.localdate(), melding.start_dato)
    if not (fnr and Part.objects.filter(sak=sak, rolle=Part.Rolle.BARN, fodselsnummer=fnr).exists()):
        cw.add_party(
            sak,
            rolle=Part.Rolle.BARN,
            today=today,
            navn=barn.navn,
            fodselsnummer=fnr,
            telefon=barn.telefon,
            merknad="Ufødt ifølge bekymringsmeldingen." if barn.ufodt else "",
            adresse=_address(barn.adresse)[0],
            postnummer=_address(barn.adresse)[1],
            poststed=_address(barn.adresse)[2],
        )
    m = report.melder
    if report.offentlig:
        cw.add_party(
            sak,
            rolle=Part.Rolle.MELDER_OFFENTLIG,
            today=today,
            navn=m.navn,
            organisasjon=" ".join(
                x
                for x in (m.virksomhet, f"(org.nr. {m.virksomhet_orgnr})" if m.virksomhet_orgnr else "")
                if x
            ),
            telefon=m.telefon,
            epost=m.epost,
            merknad=m.rolle,
            adresse=_address(m.adresse)[0],
            postnummer=_address(m.adresse)[1],
            poststed=_address(m.adresse)[2],
        )
    else:
        cw.add_party(
            sak,
            rolle=Part.Rolle.MELDER_PRIVAT,
            today=today,
            navn=m.navn,
            telefon=m.telefon,
            merknad=f"Relasjon til barnet: {barn.relasjon}" if barn.relasjon else "",
            adresse=_address(m.adresse)[0],
            postnummer=_address(m.adresse)[1],
            poststed=_address(m.adresse)[2],
        )
    for f in report.foresatte:
        cw.add_party(
            sak,
            rolle=Part.Rolle.ANNEN,
            today=today,
            navn=f.navn,
            telefon=f.telefon,
            merknad="Oppgitt som foresatt i bekymringsmeldingen; rolle og foreldreansvar må avklares.",
        )
    kind = "offentlig" if report.offentlig else "privat"
    tekst = (
        f"Digital bekymringsmelding ({kind} melder) fra {m.navn}"
        + (f", {m.rolle}, {m.virksomhet}" if report.offentlig else "")
        + f", sendt {report.sendingstidspunkt.astimezone(OSLO):%d.%m.%Y kl. %H:%M}. "
        f"Melding-id {mottak.melding_id}.\n\n{report.tekst()}"
    )
    pdf = bytes(mottak.pdf) if mottak.pdf is not None else None
    if pdf is not None and not pdf.startswith(b"%PDF"):
        # Never refuse a report for its attachment: the text is the report; the bytes stay in Mottak.
        tekst += (
            "\n\nVedlegget «bekymringsmelding.pdf» er ikke en PDF og er ikke lagt i saken; "
            "det er tatt vare på i mottaket."
        )
        pdf = None
    if pdf is not None:
        cw.store_incoming_document(
            sak,
            content=pdf,
            filnavn="bekymringsmelding.pdf",
            tittel="Bekymringsmelding (original fra den nasjonale portalen)",
            dato=melding.start_dato,
            today=today,
            avsender=f"{m.navn}" + (f", {m.virksomhet}" if m.virksomhet else ""),
            element=melding,
            journal=True,
            journal_tekst=tekst,
        )
    else:
        cw.add_journal_entry(
            sak,
            # not "dokument": the case page hides those behind their document, and there is none
            type=Journalnotat.Type.INTERNT_NOTAT,
            dato=melding.start_dato,
            tittel="Mottatt: bekymringsmelding (digital)",
            tekst=tekst,
            element=melding,
            today=today,
            system_nokkel=f"fiks:{melding.pk}",
        )


def forwarded(mottak: Mottak, melding: Melding, til_kommune: str, begrunnelse: str) -> None:
    """Journal the forwarding of one child's melding (inside the forwarding transaction)."""
    today: date = timezone.localdate()
    cw.add_journal_entry(
        melding.sak,
        type=Journalnotat.Type.SYSTEM,
        dato=today,
        tittel=f"Bekymringsmeldingen er videresendt til kommune {til_kommune}",
        tekst=(
            f"Den digitale bekymringsmeldingen (melding-id {mottak.melding_id}) gjelder en annen kommune "
            f"og er videresendt til kommune {til_kommune}."
            + (f"\n\nBegrunnelse: {begrunnelse.strip()}" if begrunnelse.strip() else "")
        ),
        element=melding,
        today=today,
        system_nokkel=f"fiks-videresendt:{melding.pk}",
    )
