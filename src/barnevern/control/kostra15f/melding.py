"""15F rules on Melding, Melder and Saksinnhold.

Source: KOSTRA-KP ``individrule/Melding*.kt``, ``Melder02.kt``, ``Saksinnhold02.kt``
(``ssb-barnevern.md`` §2.1). Where code and specification disagree the code is followed, on
purpose and tested:

* Melding K2c fires only when Konklusjon ≠ 1 (the specification says only when = 1). SSB's test
  file ``Testfil_04_FEIL`` (journal «Melding K 2c») has Konklusjon 2 and expects the error.
* Melding K3 warns when SluttDato is more than 8 days after StartDato (the legal 7 days plus the
  day of grace Bufdir asked for); the specification says «8 or more days».
* Melding K4/K5 apply to meldinger concluded in the reporting year or later (the specification's
  «before forrige telledato» would only check meldinger from earlier years).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from barnevern.control.base import Severity
from barnevern.control.kostra15f._base import Context15F, Hit, fmt, rule15f, who
from barnevern.control.kostra15f._family import (
    avsluttet_men_apen,
    end_after_individ_end,
    start_after_end,
    start_before_individ_start,
)
from barnevern.formats.kostra15f import Individ15F, Kode15F, Melding15F

MAX_BEHANDLINGSTID = timedelta(days=8)  # 7 days (bvl.) + 1 day grace agreed with Bufdir


@rule15f("Melding K2a", Severity.ERROR, "Meldingens startdato er etter sluttdato")
def melding_k2a(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_after_end(ind, ind.meldinger, "melding")


@rule15f("Melding K2c", Severity.ERROR, "Meldingens sluttdato er etter individets sluttdato")
def melding_k2c(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    """Melding K2c, as KOSTRA-KP's code: only meldinger whose Konklusjon is not 1 (henlagt)."""
    yield from end_after_individ_end(ind, ind.meldinger, "melding", when=lambda m: m.konklusjon != "1")


@rule15f("Melding K2d", Severity.ERROR, "Avslutta3112 = 1 krever avsluttede meldinger")
def melding_k2d(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from avsluttet_men_apen(ind, ctx, ind.meldinger, "melding", "meldinger")


@rule15f("Melding K2e", Severity.ERROR, "Meldingens startdato er før individets startdato")
def melding_k2e(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    yield from start_before_individ_start(ind, ind.meldinger, "melding")


@rule15f("Melding K3", Severity.WARNING, "Behandlingstiden for meldingen er over fristen")
def melding_k3(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for m in ind.meldinger:
        if m.slutt_dato and m.slutt_dato > m.start_dato + MAX_BEHANDLINGSTID:
            days = (m.slutt_dato - m.start_dato).days
            yield Hit(
                f"{who(ind, f'melding {m.id}')}: Fristoverskridelse på behandlingstid for "
                f"melding ({fmt(m.start_dato)} -> {fmt(m.slutt_dato)}, {days} dager; fristen "
                "er 7 dager). Kontroller datoene.",
                m.line,
                m.id,
            )


def _konkludert(m: Melding15F, ctx: Context15F) -> bool:
    return m.slutt_dato is not None and m.slutt_dato.year >= ctx.year and m.konklusjon in ("1", "2")


@rule15f("Melding K4", Severity.ERROR, "Konkludert melding mangler melder")
def melding_k4(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for m in ind.meldinger:
        if _konkludert(m, ctx) and not m.melder:
            yield Hit(
                f"{who(ind, f'melding {m.id}')}: Konkludert melding mangler melder(e). "
                "Registrer hvem som meldte.",
                m.line,
                m.id,
            )


@rule15f("Melding K5", Severity.ERROR, "Konkludert melding mangler saksinnhold")
def melding_k5(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    for m in ind.meldinger:
        if _konkludert(m, ctx) and not m.saksinnhold:
            yield Hit(
                f"{who(ind, f'melding {m.id}')}: Konkludert melding mangler saksinnhold. "
                "Registrer saksinnholdet.",
                m.line,
                m.id,
            )


def _uten_presisering(
    ind: Individ15F, koder: list[tuple[Melding15F, Kode15F]], wanted: set[str], noun: str
) -> Iterator[Hit]:
    for m, kode in koder:
        if kode.kode in wanted and not (kode.presisering or "").strip():
            yield Hit(
                f"{who(ind, f'melding {m.id}')}: {noun} med kode ({kode.kode}) mangler "
                "presisering. Skriv en presisering.",
                kode.line,
                m.id,
            )


@rule15f("Melder K2", Severity.ERROR, "Melder med kode 22 mangler presisering")
def melder_k2(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    koder = [(m, k) for m in ind.meldinger for k in m.melder]
    yield from _uten_presisering(ind, koder, {"22"}, "Melder")


@rule15f("Saksinnhold K2", Severity.ERROR, "Saksinnhold med kode 18 eller 19 mangler presisering")
def saksinnhold_k2(ind: Individ15F, ctx: Context15F) -> Iterator[Hit]:
    koder = [(m, k) for m in ind.meldinger for k in m.saksinnhold]
    yield from _uten_presisering(ind, koder, {"18", "19"}, "Saksinnhold")
