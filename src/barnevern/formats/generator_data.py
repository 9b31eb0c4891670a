"""Fixed data for the corpus generator: municipalities and how often each code is used.

Municipalities are real (2024 numbering, rounded population used only as a weight). Their
organisation numbers are synthetic (``97`` + kommunenummer + two digits, valid modulus 11),
except Oslo, Bergen and Trondheim: BVR rule Avgiver K1 names their real, public numbers and
requires a district (bydel) for them.

Code frequencies are rough guesses that give realistic-looking shapes, not statistics. Codes
are only drawn when valid on the element's date (``rules.codes``); codes that require a
presisering get one from the generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from functools import cache

from barnevern.rules.codes import codes

__all__ = ["KOMMUNER", "Kommune", "choose_code", "orgnr_is_valid"]


@dataclass(frozen=True, slots=True)
class Kommune:
    nummer: str
    navn: str
    organisasjonsnummer: str
    innbyggere: int
    bydeler: tuple[tuple[str, str], ...] = ()


_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(first8: str) -> int | None:
    rest = sum(int(d) * w for d, w in zip(first8, _ORGNR_WEIGHTS, strict=True)) % 11
    digit = (11 - rest) % 11
    return None if digit == 10 else digit


def orgnr_is_valid(orgnr: str) -> bool:
    """Nine digits with a correct modulus-11 check digit."""
    if len(orgnr) != 9 or not orgnr.isdigit():
        return False
    return _check_digit(orgnr[:8]) == int(orgnr[8])


def _synthetic_orgnr(kommunenummer: str) -> str:
    for suffix in range(100):
        first8 = f"97{kommunenummer}{suffix:02d}"
        digit = _check_digit(first8)
        if digit is not None:
            return f"{first8}{digit}"
    raise AssertionError("unreachable")


_OSLO_BYDELER = (
    ("01", "Gamle Oslo"), ("02", "Grünerløkka"), ("03", "Sagene"), ("04", "St. Hanshaugen"),
    ("05", "Frogner"), ("06", "Ullern"), ("07", "Vestre Aker"), ("08", "Nordre Aker"),
    ("09", "Bjerke"), ("10", "Grorud"), ("11", "Stovner"), ("12", "Alna"), ("13", "Østensjø"),
    ("14", "Nordstrand"), ("15", "Søndre Nordstrand"),
)  # fmt: skip
_BERGEN_BYDELER = (
    ("01", "Arna"), ("02", "Bergenhus"), ("03", "Fana"), ("04", "Fyllingsdalen"),
    ("05", "Laksevåg"), ("06", "Ytrebygda"), ("07", "Årstad"), ("08", "Åsane"),
)  # fmt: skip
_TRONDHEIM_BYDELER = (("01", "Midtbyen"), ("02", "Østbyen"), ("03", "Lerkendal"), ("04", "Heimdal"))
_CITIES = {
    "0301": ("958935420", _OSLO_BYDELER),
    "4601": ("964338531", _BERGEN_BYDELER),
    "5001": ("942110464", _TRONDHEIM_BYDELER),
}

# kommunenummer, name, rounded population (weight only)
_TABLE = """
0301 Oslo 717000
4601 Bergen 291000
5001 Trondheim 214000
1103 Stavanger 150000
4204 Kristiansand 116000
3301 Drammen 103000
3107 Fredrikstad 85000
1108 Sandnes 83000
5501 Tromsø 78000
3205 Lillestrøm 93000
3201 Bærum 129000
3203 Asker 96000
3207 Nordre Follo 63000
3209 Ullensaker 42000
3105 Sarpsborg 59000
3103 Moss 51000
3101 Halden 32000
3905 Tønsberg 58000
3907 Sandefjord 65000
3909 Larvik 48000
3901 Horten 28000
4003 Skien 56000
4001 Porsgrunn 37000
3303 Kongsberg 28000
3305 Ringerike 31000
1804 Bodø 53000
1833 Rana 26000
1106 Haugesund 38000
1149 Karmøy 43000
1508 Ålesund 58000
1506 Molde 33000
1505 Kristiansund 24000
4203 Arendal 46000
4627 Askøy 30000
4626 Øygarden 39000
4647 Sunnfjord 22000
3403 Hamar 32000
3405 Lillehammer 29000
3407 Gjøvik 31000
3411 Ringsaker 35000
3420 Elverum 22000
3401 Kongsvinger 18000
3424 Rendalen 1700
3426 Tolga 1550
3427 Tynset 5600
3428 Alvdal 2400
3429 Folldal 1500
3430 Os 1900
5006 Steinkjer 24000
5007 Namsos 15000
5021 Oppdal 7100
5022 Rennebu 2500
5028 Melhus 17000
5035 Stjørdal 25000
5037 Levanger 20000
5503 Harstad 25000
5601 Alta 21000
"""


def _kommuner() -> tuple[Kommune, ...]:
    found = []
    for line in _TABLE.strip().splitlines():
        nummer, *name, innbyggere = line.split()
        orgnr, bydeler = _CITIES.get(nummer, (_synthetic_orgnr(nummer), ()))
        found.append(Kommune(nummer, " ".join(name), orgnr, int(innbyggere), bydeler))
    return tuple(found)


KOMMUNER: tuple[Kommune, ...] = _kommuner()

# Virtual list key -> (code list, weights, only the weighted codes?). Unlisted codes weigh 1.
_WEIGHTS: dict[str, tuple[str, dict[str, float], bool]] = {
    "melder": ("melder", {
        "11": 18, "8": 14, "2": 12, "10": 8, "9": 8, "7": 6, "6": 5, "13": 3, "1": 3, "3": 4,
        "4": 3, "5": 3, "12": 2, "14": 2, "15": 4, "24": 4, "25": 0.5, "22": 2, "23": 3,
    }, False),
    "saksinnhold": ("saksinnhold", {
        "6": 5, "7": 4, "8": 4, "22": 3, "21": 3, "25": 3, "14": 3, "2": 3, "3": 3, "24": 3,
        "20": 2, "18": 0.5, "19": 0.5,
        "2.4.03": 4, "2.4.02": 4, "1.3.08": 4, "2.1.02": 3, "2.2.01": 3, "3.1.03": 3,
        "3.1.08": 3, "1.1.02": 3, "2.4.05": 3, "2.4.04": 3,
    }, False),
    "melding_konklusjon_henlagt": ("melding_konklusjon", {
        "1": 10, "10": 8, "7": 3, "8": 2, "9": 1, "5": 0.5, "6": 0.5,
    }, True),
    "undersokelse_konklusjon": ("undersokelse_konklusjon", {
        "1": 40, "2": 5, "3": 30, "4": 10, "5": 2, "6": 6, "7": 1, "8": 1, "9": 3,
    }, True),
    "medvirkning": ("medvirkning", {
        "1.1": 60, "1.2": 8, "1.3": 15, "1.4": 5, "2.1": 5, "2.2": 7,
    }, True),
    "kategori_hjelp": ("kategori", {
        "3.9": 10, "4.3": 8, "4.4": 8, "3.10": 8, "4.6": 7, "4.5": 6, "3.5": 3, "3.2": 3,
        "6.1": 3, "6.4": 3, "7.3": 3, "4.1": 3, "4.2": 3, "3.1": 2, "3.4": 2, "3.6": 2,
        "4.7": 2, "4.8": 2, "5.1": 2, "6.2": 2, "3.3": 1, "3.8": 1, "4.9": 1, "5.3": 1,
        "5.4": 1, "8.1": 1, "8.3": 1, "3.7": 0.5, "4.99": 0.5, "2.1": 1, "2.2": 1,
    }, True),
    "kategori_omsorg": ("kategori", {
        "2.2": 35, "2.1": 30, "1.1": 20, "2.3": 8, "2.5": 3, "2.4": 2, "2.6": 2,
    }, True),
    "kategori_ettervern": ("kategori", {
        "8.1": 5, "4.8": 3, "4.4": 3, "3.10": 2, "4.6": 2, "8.3": 1, "8.5": 1,
    }, True),
    "tiltaksgrunnlag": ("saksinnhold", {}, False),
}  # fmt: skip


@cache
def _table(key: str, on: date) -> tuple[tuple[str, ...], tuple[float, ...]]:
    list_key, weights, only = _WEIGHTS.get(key, (key, {}, False))
    if key == "tiltaksgrunnlag":
        weights = _WEIGHTS["saksinnhold"][1]
    chosen: list[str] = []
    cumulative: list[float] = []
    total = 0.0
    for code in codes(list_key):
        if not code.valid_on(on) or (only and code.code not in weights):
            continue
        total += weights.get(code.code, 1.0)
        chosen.append(code.code)
        cumulative.append(total)
    if not chosen:
        raise LookupError(f"No code of {key!r} is valid on {on}.")
    return tuple(chosen), tuple(cumulative)


def choose_code(rng: random.Random, key: str, on: date) -> str:
    """A code from the (virtual) list ``key`` valid on ``on``, drawn by weight."""
    population, cumulative = _table(key, on)
    return rng.choices(population, cum_weights=cumulative)[0]
