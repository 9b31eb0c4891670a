"""The letter kinds (brevtyper) Barnevern drafts, with their default template files.

``D2_KINDS`` are the letters that give the melder feedback (tilbakemelding til melder): the
acknowledgement/feedback after the review of the melding, and the feedback after the
investigation. ``quality`` reads sent letters of these kinds (``casework.queries.letters_sent``)
to close the feedback deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["D2_AFTER_INVESTIGATION", "D2_AFTER_REVIEW", "D2_KINDS", "KINDS", "LetterKind"]


@dataclass(frozen=True, slots=True)
class LetterKind:
    kode: str
    tittel: str
    mottakere: tuple[str, ...]  # party roles the letter goes to
    krever_godkjenning: bool = False
    element: str = ""  # BVR element the letter belongs to
    vedtak: bool = False  # an individual decision: legal basis, grounds, appeal deadline


KINDS: dict[str, LetterKind] = {
    k.kode: k
    for k in (
        LetterKind(
            "kvittering_melder",
            "Bekreftelse på mottatt bekymringsmelding",
            ("melder_privat", "melder_offentlig"),
            element="melding",
        ),
        LetterKind(
            "tilbakemelding_melder_gjennomgang",
            "Tilbakemelding til melder etter gjennomgang av meldingen",
            ("melder_offentlig", "melder_privat"),
            element="melding",
        ),
        LetterKind(
            "tilbakemelding_melder_undersokelse",
            "Tilbakemelding til melder etter undersøkelsen",
            ("melder_offentlig",),
            element="undersokelse",
        ),
        LetterKind(
            "varsel_undersokelse",
            "Varsel om undersøkelse",
            ("mor", "far", "medmor", "medfar", "verge"),
            element="undersokelse",
        ),
        LetterKind(
            "konklusjon_undersokelse",
            "Konklusjon av undersøkelsen",
            ("mor", "far", "medmor", "medfar", "verge", "barn"),
            krever_godkjenning=True,
            element="undersokelse",
        ),
        LetterKind(
            "vedtak_hjelpetiltak",
            "Vedtak om hjelpetiltak",
            ("mor", "far", "medmor", "medfar", "verge", "barn"),
            krever_godkjenning=True,
            element="vedtak",
            vedtak=True,
        ),
        LetterKind(
            "innkalling_mote",
            "Innkalling til møte",
            ("mor", "far", "medmor", "medfar", "verge", "barn", "fosterforelder", "annen_tjeneste", "annen"),
        ),
    )
}

D2_AFTER_REVIEW = ("kvittering_melder", "tilbakemelding_melder_gjennomgang")
D2_AFTER_INVESTIGATION = ("tilbakemelding_melder_undersokelse",)
D2_KINDS = D2_AFTER_REVIEW + D2_AFTER_INVESTIGATION
