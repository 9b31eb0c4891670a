"""The indicator registry: one definition per published figure.

Sources (see ``reference/ssb-barnevern.md`` §4.1 and ``reference/domain-rules.md`` §2, §7):

* SSB's statistics «Barnevern» and StatBank tables 09050/13939/11600: children with measures
  during the year and per 31.12, split hjelpetiltak/omsorgstiltak (a child with both counts
  once, under omsorgstiltak); meldinger and undersøkelser as events.
* Bufdir's former half-year reporting (halvårsrapportering) and the Kommunemonitor: meldinger
  reviewed within one week, investigations within the deadline, children with plans and
  evaluated plans, follow-up and supervision visits in foster homes.
* KOSTRA/ASSS: «Andel undersøkelser med behandlingstid innen 3 måneder», «Andel barn med
  tiltak per 31.12 med utarbeidet plan».

SSB's exact counting code is not public; the counting rules here are the inferred ones of
``ssb-barnevern.md`` §4.1, stated one sentence each in ``counting_rule_nb`` and in
``docs/statistics.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "INDICATORS",
    "Indicator",
    "Kind",
    "RATE_SUFFIX",
    "count_keys",
    "get",
]

Kind = Literal["event", "children", "share", "rate"]
RATE_SUFFIX = "_per_1000"

SSB_TILTAK = "SSB Barnevern, tabell 09050/13939 (ssb-barnevern.md §4.1)"
SSB_PLASSERING = "SSB Barnevern, tabell 11600 (ssb-barnevern.md §4.1)"
SSB_MELDING = "SSB Barnevern: meldinger i løpet av året (ssb-barnevern.md §4.1)"
SSB_UNDERSOKELSE = "SSB Barnevern: undersøkelser startet/avsluttet (ssb-barnevern.md §4.1)"
BUFDIR = "Bufdir halvårsrapportering (domain-rules.md §2)"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One figure: its key, Norwegian name, kind, counting rule (one sentence) and source.

    ``kind``: ``event`` counts elements, ``children`` counts distinct children, ``share`` is
    ``numerator / denominator`` (both count keys) and ``rate`` is ``numerator`` per 1 000
    inhabitants 0–17 years.
    """

    key: str
    name_nb: str
    kind: Kind
    counting_rule_nb: str
    source: str
    numerator: str | None = None
    denominator: str | None = None
    per_1000: bool = True  # a rate "<key>_per_1000" is derived for this count

    @property
    def is_count(self) -> bool:
        return self.kind in ("event", "children")


def _e(key: str, name: str, rule: str, source: str, *, per_1000: bool = True) -> Indicator:
    return Indicator(key, name, "event", rule, source, per_1000=per_1000)


def _c(key: str, name: str, rule: str, source: str, *, per_1000: bool = True) -> Indicator:
    return Indicator(key, name, "children", rule, source, per_1000=per_1000)


def _s(key: str, name: str, rule: str, source: str, num: str, den: str) -> Indicator:
    return Indicator(key, name, "share", rule, source, numerator=num, denominator=den)


_BASE: tuple[Indicator, ...] = (
    # Meldinger ---------------------------------------------------------------------------
    _e(
        "meldinger",
        "Meldinger mottatt",
        "Meldinger med mottaksdato (StartDato) i perioden, telt i kommunen barnet bodde i på mottaksdatoen.",
        SSB_MELDING,
    ),
    _e(
        "meldinger_gjennomgatt",
        "Meldinger gjennomgått",
        "Meldinger med konklusjonsdato (Konklusjon/SluttDato) i perioden, uansett konklusjon, "
        "telt i kommunen barnet bodde i på konklusjonsdatoen.",
        BUFDIR,
        per_1000=False,
    ),
    _e(
        "meldinger_henlagt",
        "Meldinger henlagt",
        "Meldinger konkludert i perioden med kode 1, 3, 5, 6, 9 eller 10 (henlagt).",
        SSB_MELDING,
    ),
    _e(
        "meldinger_til_undersokelse",
        "Meldinger som førte til undersøkelse",
        "Meldinger konkludert i perioden med kode 2 (ikke henlagt, undersøkelse startet).",
        SSB_MELDING,
    ),
    _e(
        "meldinger_gjennomgatt_innen_frist",
        "Meldinger gjennomgått innen én uke",
        "Meldinger konkludert i perioden senest 7 dager etter mottak (bvl. § 2-1, frist D1).",
        BUFDIR + "; bvl. § 2-1; BVR Melding K3",
        per_1000=False,
    ),
    _s(
        "meldinger_gjennomgatt_innen_frist_andel",
        "Andel meldinger gjennomgått innen én uke",
        "Meldinger gjennomgått innen 7 dager delt på meldinger gjennomgått i perioden.",
        BUFDIR + "; bvl. § 2-1",
        "meldinger_gjennomgatt_innen_frist",
        "meldinger_gjennomgatt",
    ),
    # Undersøkelser -----------------------------------------------------------------------
    _e(
        "undersokelser_startet",
        "Undersøkelser startet",
        "Undersøkelser med StartDato i perioden, telt i kommunen barnet bodde i på startdatoen.",
        SSB_UNDERSOKELSE,
    ),
    _e(
        "undersokelser_avsluttet",
        "Undersøkelser avsluttet",
        "Undersøkelser med konklusjonsdato i perioden, telt i kommunen barnet bodde i på konklusjonsdatoen.",
        SSB_UNDERSOKELSE,
    ),
    _e(
        "undersokelser_avsluttet_innen_frist",
        "Undersøkelser avsluttet innen fristen",
        "Undersøkelser avsluttet i perioden senest 3 måneder (6 ved innvilget utvidet frist) "
        "etter mottak av meldingen + 7 dager (bvl. § 2-2, frist D3).",
        "KOSTRA/ASSS «behandlingstid innen 3 måneder»; " + BUFDIR + "; bvl. § 2-2",
        per_1000=False,
    ),
    _s(
        "undersokelser_avsluttet_innen_frist_andel",
        "Andel undersøkelser avsluttet innen fristen",
        "Undersøkelser avsluttet innen fristen delt på undersøkelser avsluttet i perioden.",
        "KOSTRA/ASSS; Bufdir Kommunemonitor «fristbrudd i undersøkelsessaker»",
        "undersokelser_avsluttet_innen_frist",
        "undersokelser_avsluttet",
    ),
    _e(
        "undersokelser_til_tiltak",
        "Undersøkelser som førte til tiltak",
        "Undersøkelser avsluttet i perioden med kode 1 (vedtak om tiltak) eller 2 (begjæring "
        "til barneverns- og helsenemnda).",
        SSB_UNDERSOKELSE,
    ),
    # Children with measures during the period -------------------------------------------
    _c(
        "barn_med_hjelpetiltak",
        "Barn med hjelpetiltak i perioden",
        "Barn med minst ett tiltak som løper en dag i perioden og ikke noe omsorgstiltak i "
        "perioden, telt én gang i kommunen barnet bodde i på siste dag i perioden det hadde "
        "tiltak.",
        SSB_TILTAK,
    ),
    _c(
        "barn_med_omsorgstiltak",
        "Barn med omsorgstiltak i perioden",
        "Barn med minst ett omsorgstiltak (etter lovhjemmel) som løper en dag i perioden, telt "
        "én gang i kommunen barnet bodde i på siste dag i perioden det hadde tiltak.",
        SSB_TILTAK,
    ),
    _c(
        "barn_med_tiltak",
        "Barn med tiltak i perioden",
        "Summen av barn med hjelpetiltak og barn med omsorgstiltak i perioden (hvert barn én gang).",
        SSB_TILTAK,
    ),
    # Children at the period's last day -----------------------------------------------------
    _c(
        "barn_med_hjelpetiltak_ved_slutt",
        "Barn med hjelpetiltak ved periodens slutt",
        "Barn med minst ett tiltak som løper på periodens siste dag og ikke noe omsorgstiltak "
        "den dagen, telt i kommunen barnet bodde i den dagen.",
        SSB_TILTAK,
    ),
    _c(
        "barn_under_omsorg_ved_slutt",
        "Barn under kommunens omsorg ved periodens slutt",
        "Barn med et omsorgstiltak som løper på periodens siste dag.",
        SSB_TILTAK,
    ),
    _c(
        "barn_med_tiltak_ved_slutt",
        "Barn med tiltak ved periodens slutt",
        "Summen av barn med hjelpetiltak og barn under omsorg på periodens siste dag.",
        SSB_TILTAK,
    ),
    _c(
        "barn_plassert_ved_slutt",
        "Barn med plasseringstiltak ved periodens slutt",
        "Barn med et plasseringstiltak (kategori 1.1, 1.2, 1.99, 2.1–2.6, 2.99, 8.2) som løper "
        "på periodens siste dag, uansett lovhjemmel.",
        SSB_PLASSERING,
    ),
    _c(
        "barn_frivillig_plassert_ved_slutt",
        "Barn plassert frivillig i fosterhjem eller institusjon ved periodens slutt",
        "Barn som ikke er under omsorg, med et plasseringstiltak i institusjon (1.x) eller "
        "fosterhjem (2.x) som er hjelpetiltak og løper på periodens siste dag.",
        SSB_PLASSERING + "; " + BUFDIR,
    ),
    # Plans -----------------------------------------------------------------------------------
    _c(
        "barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt",
        "Barn med hjelpetiltak og tiltaksplan ved periodens slutt",
        "Barn med hjelpetiltak på periodens siste dag som har en tiltaksplan (plantype 1, 2 "
        "eller 5) som løper den dagen.",
        "KOSTRA/ASSS «Andel barn med tiltak per 31.12 med utarbeidet plan»; " + BUFDIR,
        per_1000=False,
    ),
    _s(
        "barn_med_tiltaksplan_andel",
        "Andel barn med hjelpetiltak som har tiltaksplan",
        "Barn med hjelpetiltak og tiltaksplan ved periodens slutt delt på barn med hjelpetiltak "
        "ved periodens slutt.",
        "KOSTRA/ASSS; " + BUFDIR + "; bvl. § 8-1",
        "barn_med_hjelpetiltak_og_tiltaksplan_ved_slutt",
        "barn_med_hjelpetiltak_ved_slutt",
    ),
    _c(
        "barn_med_evalueringspliktig_tiltaksplan",
        "Barn med tiltaksplan som skulle vært evaluert",
        "Barn med hjelpetiltak og tiltaksplan ved periodens slutt der planen startet minst 3 "
        "måneder før periodens slutt.",
        BUFDIR + "; bvl. § 8-1, veileder Q-0982 (kvartalsvis evaluering)",
        per_1000=False,
    ),
    _c(
        "barn_med_evaluert_tiltaksplan",
        "Barn med evaluert tiltaksplan",
        "Barn med evalueringspliktig tiltaksplan der planen har en Evaluering datert i perioden.",
        BUFDIR,
        per_1000=False,
    ),
    _s(
        "tiltaksplaner_evaluert_andel",
        "Andel tiltaksplaner evaluert i perioden",
        "Barn med evaluert tiltaksplan delt på barn med evalueringspliktig tiltaksplan.",
        BUFDIR + "; bvl. § 8-1",
        "barn_med_evaluert_tiltaksplan",
        "barn_med_evalueringspliktig_tiltaksplan",
    ),
    # Visits in foster homes ------------------------------------------------------------------
    _c(
        "barn_med_oppfolgingskrav",
        "Barn i fosterhjem med krav om oppfølgingsbesøk",
        "Barn med fosterhjemstiltak (kategori 2.x) i perioden som etter avtalt hyppighet "
        "(4 eller 2 i året, forholdsmessig for tiden i perioden) skulle hatt minst ett besøk.",
        BUFDIR + "; fosterhjemsforskriften (frist D12)",
        per_1000=False,
    ),
    _c(
        "barn_med_oppfolgingsbesok_oppfylt",
        "Barn i fosterhjem med oppfylt krav om oppfølgingsbesøk",
        "Barn med oppfølgingskrav der antall utførte besøk i perioden minst er det krevde for "
        "hvert fosterhjemstiltak.",
        BUFDIR + "; fosterhjemsforskriften (frist D12)",
        per_1000=False,
    ),
    _s(
        "oppfolgingsbesok_oppfylt_andel",
        "Andel barn i fosterhjem med oppfylt krav om oppfølgingsbesøk",
        "Barn med oppfylt krav om oppfølgingsbesøk delt på barn med oppfølgingskrav.",
        BUFDIR + " (Bufdir rødt/grønt lys-modell)",
        "barn_med_oppfolgingsbesok_oppfylt",
        "barn_med_oppfolgingskrav",
    ),
    _c(
        "barn_med_tilsynskrav",
        "Barn i fosterhjem med krav om tilsynsbesøk",
        "Barn under 18 år med fosterhjemstiltak (2.x) i perioden som etter avtalt hyppighet "
        "skulle hatt minst ett tilsynsbesøk i tiden før 18-årsdagen.",
        BUFDIR + "; fosterhjemsforskriften (frist D13)",
        per_1000=False,
    ),
    _c(
        "barn_med_tilsynsbesok_oppfylt",
        "Barn i fosterhjem med oppfylt krav om tilsynsbesøk",
        "Barn med tilsynskrav der antall utførte tilsynsbesøk i perioden minst er det krevde "
        "for hvert fosterhjemstiltak.",
        BUFDIR + "; fosterhjemsforskriften (frist D13)",
        per_1000=False,
    ),
    _s(
        "tilsynsbesok_oppfylt_andel",
        "Andel barn i fosterhjem med oppfylt krav om tilsynsbesøk",
        "Barn med oppfylt krav om tilsynsbesøk delt på barn med tilsynskrav.",
        BUFDIR + " (Bufdir rødt/grønt lys-modell)",
        "barn_med_tilsynsbesok_oppfylt",
        "barn_med_tilsynskrav",
    ),
)


def _rate(base: Indicator) -> Indicator:
    return Indicator(
        key=base.key + RATE_SUFFIX,
        name_nb=f"{base.name_nb} per 1 000 innbyggere 0–17 år",
        kind="rate",
        counting_rule_nb=f"«{base.name_nb}» × 1 000 delt på innbyggere 0–17 år i kommunen.",
        source=base.source + "; KOSTRA (per innbygger 0–17 år, domain-rules.md §7.1)",
        numerator=base.key,
        denominator="innbyggere_0_17",
        per_1000=False,
    )


INDICATORS: dict[str, Indicator] = {i.key: i for i in _BASE}
INDICATORS.update({r.key: r for r in (_rate(i) for i in _BASE if i.is_count and i.per_1000)})


def get(key: str) -> Indicator:
    """The definition of ``key``; KeyError with a Norwegian message when unknown."""
    try:
        return INDICATORS[key]
    except KeyError:
        raise KeyError(f"Ukjent indikator «{key}».") from None


def count_keys() -> tuple[str, ...]:
    """Keys of every event/children count, in registry order."""
    return tuple(k for k, i in INDICATORS.items() if i.is_count)
