"""The legal bases a case worker may choose for a Vedtak, a Tiltak or an OversendelseFylkesnemnd.

BVR carries a decision's legal basis as ``Lovhjemmel`` (Lov, Kapittel, Paragraf, Ledd ...). The
XSD accepts any digits, so a typed «BVL2021 § 99-1» (a chapter the act does not have) passed
every check. Here the basis is *chosen* from the decisions the child welfare acts provide,
and only those whose act is in force on the element's date.

Sources:

* the act codes and their validity are SSB's code list ``Lov`` (``rules.codes``, list ``lov``:
  BVL 1992-01-01–2022-12-31, BVL2021 from 2023-01-01; SSB's Vedtak K5 and Tiltak K24 refuse
  the other act);
* the paragraphs are those SSB's own code lists and rules cite (``Kodelister.md``: § 3-7, § 3-8,
  § 5-7, § 5-10, § 6-3 and their 1992 counterparts; the care-order definition in both rule
  specifications: BVL § 4-12, § 4-8 second and third ledd, BVL2021 § 5-1) and the paragraph
  map in ``reference/domain-rules.md`` §1.4 (2021 ↔ 1992: §§ 3-1/3-2 ↔ § 4-4, § 3-6 ↔ § 1-3,
  §§ 4-1 to 4-4 ↔ §§ 4-6, 4-9, 4-25, § 5-1 ↔ § 4-12);
* entries marked ``verified=False`` are paragraphs of the act's structure that no source in
  ``reference/`` quotes (the act text was not at hand); they are offered, and the page says
  «ikke verifisert» next to them, until the law review (issue 21) confirms or removes them.

``nemnd`` marks the measures the county board (barneverns- og helsenemnda) decides, which are
the ones an ``OversendelseFylkesnemnd`` (a request to the board) may cite.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from barnevern.rules import codes
from barnevern.rules.labels import lovhjemmel_label

__all__ = ["HJEMLER", "Hjemmel", "by_key", "check", "choices_on", "key_of", "valid_on"]

VEDTAK, TILTAK, NEMND = "vedtak", "tiltak", "nemnd"


@dataclass(frozen=True, slots=True)
class Hjemmel:
    lov: str
    kapittel: str
    paragraf: str
    tittel: str  # what the decision is, as a case worker says it
    ledd: tuple[str, ...] = ()
    nemnd: bool = False  # decided by the county board on request (OversendelseFylkesnemnd)
    verified: bool = True

    @property
    def key(self) -> str:
        """«BVL2021:5-1», «BVL:4-8:2»: the form value, stable and without spaces."""
        base = f"{self.lov}:{self.kapittel}-{self.paragraf}"
        return f"{base}:{','.join(self.ledd)}" if self.ledd else base

    def valid_on(self, day: date) -> bool:
        found = codes.lookup("lov", self.lov)
        return bool(found and found.valid_on(day))


def _h(
    lov: str,
    kap: str,
    par: str,
    tittel: str,
    *,
    ledd: tuple[str, ...] = (),
    nemnd: bool = False,
    verified: bool = True,
) -> Hjemmel:
    return Hjemmel(lov, kap, par, tittel, ledd, nemnd, verified)


HJEMLER: tuple[Hjemmel, ...] = (
    # Barnevernsloven 2021 (lov 18. juni 2021 nr. 97), in force from 2023-01-01.
    _h("BVL2021", "3", "1", "Hjelpetiltak"),
    _h("BVL2021", "3", "2", "Frivillig plassering utenfor hjemmet"),
    _h("BVL2021", "3", "4", "Pålegg om hjelpetiltak", nemnd=True, verified=False),
    _h("BVL2021", "3", "6", "Tiltak etter fylte 18 år (ettervern)"),
    _h("BVL2021", "3", "7", "Pålegg om medisinsk undersøkelse og behandling", nemnd=True),
    _h("BVL2021", "3", "8", "Pålegg om behandling ved særlige opplæringsbehov", nemnd=True),
    _h("BVL2021", "4", "1", "Akutt hjelpetiltak"),
    _h("BVL2021", "4", "2", "Akuttvedtak om plassering utenfor hjemmet"),
    _h("BVL2021", "4", "3", "Akuttvedtak om plassering (§ 4-3)", verified=False),
    _h("BVL2021", "4", "4", "Akuttvedtak om institusjon ved alvorlige atferdsvansker"),
    _h("BVL2021", "5", "1", "Omsorgsovertakelse", nemnd=True),
    _h("BVL2021", "5", "7", "Oppheving av vedtak om omsorgsovertakelse", nemnd=True),
    _h("BVL2021", "5", "10", "Adopsjon", nemnd=True),
    _h(
        "BVL2021",
        "6",
        "2",
        "Institusjon uten samtykke ved alvorlige atferdsvansker",
        nemnd=True,
        verified=False,
    ),
    _h("BVL2021", "6", "3", "Plassering ved alvorlige atferdsvansker (fosterhjem)", nemnd=True),
    # Barnevernloven 1992 (lov 17. juli 1992 nr. 100), in force until 2022-12-31.
    _h("BVL", "1", "3", "Tiltak etter fylte 18 år (ettervern)"),
    _h("BVL", "4", "4", "Hjelpetiltak"),
    _h("BVL", "4", "6", "Midlertidig vedtak i akuttsituasjon (hjelpetiltak)", ledd=("1",)),
    _h("BVL", "4", "6", "Midlertidig vedtak i akuttsituasjon (plassering)", ledd=("2",)),
    _h("BVL", "4", "8", "Forbud mot flytting av barn i fosterhjem", ledd=("1",), nemnd=True, verified=False),
    _h("BVL", "4", "8", "Omsorgsovertakelse uten at barnet har bodd hos foreldrene", ledd=("2",), nemnd=True),
    _h("BVL", "4", "8", "Omsorgsovertakelse ved fødsel", ledd=("3",), nemnd=True),
    _h("BVL", "4", "9", "Midlertidig vedtak om forbud mot flytting"),
    _h("BVL", "4", "10", "Pålegg om medisinsk undersøkelse og behandling", nemnd=True),
    _h("BVL", "4", "11", "Pålegg om behandling ved særlige opplæringsbehov", nemnd=True),
    _h("BVL", "4", "12", "Omsorgsovertakelse", nemnd=True),
    _h("BVL", "4", "20", "Fratakelse av foreldreansvar og adopsjon", nemnd=True),
    _h("BVL", "4", "21", "Oppheving av vedtak om omsorgsovertakelse", nemnd=True),
    _h(
        "BVL", "4", "24", "Institusjon uten samtykke ved alvorlige atferdsvansker", nemnd=True, verified=False
    ),
    _h("BVL", "4", "25", "Midlertidig vedtak om institusjon ved atferdsvansker"),
    _h("BVL", "4", "26", "Institusjon med samtykke ved atferdsvansker", verified=False),
    _h("BVL", "4", "27", "Plassering ved atferdsvansker (fosterhjem)"),
)

_BY_KEY = {h.key: h for h in HJEMLER}


def by_key(key: str) -> Hjemmel | None:
    return _BY_KEY.get(key)


def key_of(lov: str, kapittel: str, paragraf: str, ledd: Iterable[str] = ()) -> str | None:
    """The key of a stored Lovhjemmel when it is one of ``HJEMLER`` (ledd must match exactly
    for the entries that carry one, and is ignored for the others)."""
    ledd = tuple(str(x).strip() for x in ledd if str(x).strip())
    exact = f"{lov}:{kapittel}-{paragraf}" + (f":{','.join(ledd)}" if ledd else "")
    if exact in _BY_KEY:
        return exact
    plain = f"{lov}:{kapittel}-{paragraf}"
    return plain if plain in _BY_KEY else None


def valid_on(day: date, use: str = VEDTAK) -> tuple[Hjemmel, ...]:
    """The legal bases of an element dated ``day``; ``use`` "nemnd" keeps the board's measures."""
    return tuple(h for h in HJEMLER if h.valid_on(day) and (use != NEMND or h.nemnd))


def check(key: str, day: date, use: str = VEDTAK) -> str | None:
    """None when ``key`` may be chosen on ``day``; otherwise a Norwegian message."""
    found = by_key(key)
    if found is None:
        return "Velg en hjemmel fra listen."
    if not found.valid_on(day):
        act = codes.lookup("lov", found.lov)
        name = act.title if act else found.lov
        if act and act.valid_to:
            span = f"gjaldt {act.valid_from:%d.%m.%Y}–{act.valid_to:%d.%m.%Y}"
        else:
            span = f"gjelder fra {act.valid_from:%d.%m.%Y}" if act and act.valid_from else "gjelder ikke"
        return (
            f"Hjemmelen gjelder ikke på datoen {day:%d.%m.%Y}: {name} {span}. "
            "Velg en hjemmel etter loven som gjaldt da."
        )
    if use == NEMND and not found.nemnd:
        return "Dette tiltaket avgjøres ikke av nemnda; velg et tiltak nemnda avgjør."
    return None


def choices_on(day: date, use: str = VEDTAK) -> list[tuple[str, str]]:
    """(key, label) for a form: «bvl. § 5-1 Omsorgsovertakelse», unverified ones marked."""
    return [
        (
            h.key,
            f"{lovhjemmel_label(h.lov, h.kapittel, h.paragraf, h.ledd)} {h.tittel}"
            + ("" if h.verified else " (ikke verifisert)"),
        )
        for h in valid_on(day, use)
    ]
