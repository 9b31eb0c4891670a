"""15F rules on ``Avgiver``: Avgiver K2, K3, K4 and K6 (K0 and K1 are in :mod:`.structure`).

Source: KOSTRA-KP ``avgiverrule/Avgiver0*.kt`` (``ssb-barnevern.md`` §2.1) and the 15F
specification's messages. The region is the form's ``-r`` (kommunenummer + bydel, 6 digits).
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import Context15F, Hit, rule15f
from barnevern.formats.kostra15f import Avgiver15F


@rule15f("Avgiver K2", Severity.ERROR, "Avgiver/@Versjon er ikke rapporteringsåret", scope="avgiver")
def avgiver_k2(avgiver: Avgiver15F, ctx: Context15F) -> Iterator[Hit]:
    if avgiver.versjon != str(ctx.year):
        yield Hit(
            f"Filen inneholder feil rapporteringsår {avgiver.versjon}, forventet {ctx.year}. "
            "Lag uttrekket for riktig år, eller rett Avgiver/@Versjon.",
            line=avgiver.line,
        )


@rule15f("Avgiver K3", Severity.ERROR, "Organisasjonsnummer mangler", scope="avgiver")
def avgiver_k3(avgiver: Avgiver15F, ctx: Context15F) -> Iterator[Hit]:
    if not avgiver.organisasjonsnummer.strip():
        yield Hit(
            "Filen mangler organisasjonsnummer. Fyll ut Avgiver/@Organisasjonsnummer (9 siffer).",
            line=avgiver.line,
        )


@rule15f("Avgiver K4", Severity.ERROR, "Kommunenummer i filen er ikke skjemaets", scope="avgiver")
def avgiver_k4(avgiver: Avgiver15F, ctx: Context15F) -> Iterator[Hit]:
    if avgiver.kommunenummer != ctx.kommunenummer:
        yield Hit(
            "Filen inneholder feil kommunenummer. Forskjellig kommunenummer i skjema "
            f"({ctx.kommunenummer}) og filuttrekk ({avgiver.kommunenummer}). Rett "
            "Avgiver/@Kommunenummer, eller velg riktig kommune.",
            line=avgiver.line,
        )


@rule15f("Avgiver K6", Severity.ERROR, "Kommunenavn mangler", scope="avgiver")
def avgiver_k6(avgiver: Avgiver15F, ctx: Context15F) -> Iterator[Hit]:
    if not avgiver.kommunenavn.strip():
        yield Hit("Filen mangler kommunenavn. Fyll ut Avgiver/@Kommunenavn.", line=avgiver.line)
