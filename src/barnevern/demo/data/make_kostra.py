"""Writes the demo's synthetic SSB files (``kostra-*.json`` beside this script).

Run ``python src/barnevern/demo/data/make_kostra.py`` after changing it; the files are committed.
Every figure is invented: the members' counts lie near the demo register's own counts (with a
few deliberate differences), the other regions are round levels with a small trend. The files
have SSB's JSON-stat 2.0 shape (``reference/kostra-ssb.md`` §2) and say in ``source``, ``note``
and ``extension.barnevern.synthetic`` that the figures are synthetic. Cells of 1–2 children
are suppressed (``:``) as SSB does; a few cells are ``..`` or ``.`` on purpose.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
YEARS = [2018, 2019, 2020, 2021, 2022]
UPDATED = "2023-06-15T06:00:00Z"
NOTE = "SYNTETISKE TALL laget for Barnevern-demoen. Dette er ikke SSBs tall."
SOURCE = "Statistisk sentralbyrå (syntetiske demotall, ikke SSBs tall)"
MEMBERS = {
    "3427": "Tynset",
    "3428": "Alvdal",
    "3429": "Folldal",
    "3424": "Rendalen",
    "3426": "Tolga",
    "5021": "Oppdal",
    "5022": "Rennebu",
}
AGGREGATES = {
    "EKG02": "KOSTRA-gruppe 2",
    "EKG05": "KOSTRA-gruppe 5",
    "EKG14": "KOSTRA-gruppe 14",
    "EKG15": "KOSTRA-gruppe 15",
    "EKA34": "Innlandet",
    "EKA50": "Trøndelag",
    "EAKUO": "Landet uten Oslo",
    "EAK": "Landet",
}
POP = {  # inhabitants 0–17, as demo/organisation.py (2018 added by demo/kostra.py)
    "3427": [1285, 1280, 1270, 1262, 1255],
    "3428": [525, 520, 515, 508, 500],
    "3429": [263, 260, 255, 250, 246],
    "3424": [305, 300, 292, 286, 280],
    "3426": [293, 290, 286, 281, 276],
    "5021": [1525, 1520, 1510, 1500, 1495],
    "5022": [508, 505, 500, 497, 493],
}
# The demo register's own counts 2019–2022 (barn med tiltak, avsluttede undersøkelser, meldinger);
# SSB's synthetic counts below start from them.
OWN_TILTAK = {
    "3427": [46, 44, 41, 39, 34],  # 2022: SSB 34, the register 33 (a difference to show)
    "3428": [19, 18, 16, 17, 14],
    "3429": [9, 9, 8, 3, 7],
    "3424": [12, 11, 10, 11, 8],
    "3426": [10, 9, 9, 2, 7],  # 2021: 2 children, suppressed
    "5021": [70, 72, 73, 75, 74],
    "5022": [33, 34, 35, 37, 38],  # 2022: SSB 38, the register 36
}
AGG_POP = {
    "EKG02": 31000,
    "EKG05": 24500,
    "EKG14": 9100,
    "EKG15": 6800,
    "EKA34": 68500,
    "EKA50": 99000,
    "EAKUO": 1005000,
    "EAK": 1128000,
}
AGG_RATE = {
    "EKG02": 37,
    "EKG05": 39,
    "EKG14": 46,
    "EKG15": 42,
    "EKA34": 39,
    "EKA50": 35,
    "EAKUO": 34,
    "EAK": 33,
}  # children 0–17 with measures per 1 000
AGG_NETTO = {
    "EKG02": 12900,
    "EKG05": 13600,
    "EKG14": 15800,
    "EKG15": 16400,
    "EKA34": 13300,
    "EKA50": 12100,
    "EAKUO": 11800,
    "EAK": 11600,
}  # kr per inhabitant 0–17 in 2018
NETTO = {
    "3427": 14100,
    "3428": 12600,
    "3429": 16900,
    "3424": 13300,
    "3426": 15200,
    "5021": 12200,
    "5022": 11300,
}
SHIFT = {
    "3427": 0,
    "3428": 1,
    "3429": -2,
    "3424": 2,
    "3426": -1,
    "5021": 1,
    "5022": -1,
    "EKG02": 2,
    "EKG05": -2,
    "EKG14": 3,
    "EKG15": -3,
    "EKA34": 1,
    "EKA50": -1,
    "EAKUO": 0,
    "EAK": -1,
}
UNDERSOKELSE = {
    "EKG02": "4.4",
    "EKG05": "4.9",
    "EKG14": "5.3",
    "EKG15": "5.0",
    "EKA34": "4.8",
    "EKA50": "4.5",
    "EAKUO": "4.7",
    "EAK": "4.6",
}  # per cent of inhabitants 0–17


def shares(code: str) -> dict[str, Decimal]:
    """Shares of 244/251/252 of the netto expenditure, a little different per region."""
    d = Decimal(SHIFT.get(code, 0)) / 100
    return {"244": Decimal("0.33") + d, "251": Decimal("0.16") - d / 2, "252": Decimal("0.51") - d / 2}


def r(value: Decimal | float, places: int = 0) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def regions() -> dict[str, str]:
    return {**MEMBERS, **AGGREGATES}


def population(code: str, i: int) -> int:
    if code in POP:
        return POP[code][i]
    return int(AGG_POP[code] * (1 - 0.004 * i))


def children(code: str, i: int, all_ages: bool = False) -> int:
    """Children with measures during the year: 0–22 (``all_ages``, as the register counts) or 0–17."""
    if code in OWN_TILTAK:
        total = OWN_TILTAK[code][i]
        return total if all_ages else total - total // 10
    count = int(r(population(code, i) * (AGG_RATE[code] - 0.4 * i) / 1000))
    return int(r(count * Decimal("1.12"))) if all_ages else count


def placed(code: str, i: int) -> int:
    if code == "3429":
        return [3, 3, 2, 0, 3][i]  # Folldal 2020: 2 children placed (suppressed)
    return int(r(children(code, i) * (Decimal("0.27") + Decimal(SHIFT.get(code, 0)) / 100)))


def suppress(value: Decimal | int, code: str) -> tuple[Decimal | int | None, str | None]:
    """Counts 1–2 in a municipality are not shown (SSB's «færre enn 3», synthetic here)."""
    if code in MEMBERS and value in (1, 2):
        return None, ":"
    return value, None


def dataset(
    table: str, title: str, dims: list[tuple[str, str, dict[str, str]]], contents: dict, cell
) -> dict:
    """A JSON-stat 2.0 dataset in SSB's shape; ``cell(coords) -> (value, status)``."""
    ids = ["KOKkommuneregion0000"] + [d for d, _l, _c in dims] + ["ContentsCode", "Tid"]
    cats = (
        [regions()]
        + [c for _d, _l, c in dims]
        + [{k: v[0] for k, v in contents.items()}, {str(y): str(y) for y in YEARS}]
    )
    sizes = [len(c) for c in cats]
    values: list[int | float | None] = []
    status: dict[str, str] = {}

    def walk(prefix: list[str], depth: int) -> None:
        if depth == len(ids):
            value, symbol = cell(dict(zip(ids, prefix, strict=True)))
            if symbol:
                status[str(len(values))] = symbol
            values.append(
                None
                if value is None
                else (
                    float(value)
                    if isinstance(value, Decimal) and value != value.to_integral_value()
                    else int(value)
                )
            )
            return
        for code in cats[depth]:
            walk([*prefix, code], depth + 1)

    walk([], 0)
    dimension = {
        "KOKkommuneregion0000": {
            "label": "region",
            "category": {"index": {c: i for i, c in enumerate(regions())}, "label": regions()},
            "extension": {"elimination": False, "show": "code_value"},
            "link": {
                "describedby": [{"extension": {"KOKkommuneregion0000": "urn:ssb:classification:klass:231"}}]
            },
        },
    }
    for d, label, c in dims:
        dimension[d] = {
            "label": label,
            "category": {"index": {k: i for i, k in enumerate(c)}, "label": c},
            "extension": {"elimination": False, "show": "value"},
        }
    dimension["ContentsCode"] = {
        "label": "statistikkvariabel",
        "category": {
            "index": {k: i for i, k in enumerate(contents)},
            "label": {k: v[0] for k, v in contents.items()},
            "unit": {k: {"base": v[1], "decimals": v[2]} for k, v in contents.items()},
        },
        "extension": {"elimination": False, "show": "value"},
    }
    dimension["Tid"] = {
        "label": "år",
        "category": {
            "index": {str(y): i for i, y in enumerate(YEARS)},
            "label": {str(y): str(y) for y in YEARS},
        },
        "extension": {"elimination": False, "show": "code"},
    }
    return {
        "class": "dataset",
        "version": "2.0",
        "label": f"{table}: {title}",
        "source": SOURCE,
        "updated": UPDATED,
        "note": [NOTE],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["KOKkommuneregion0000"]},
        "id": ids,
        "size": sizes,
        "dimension": dimension,
        "extension": {
            "px": {
                "infofile": "None",
                "tableid": table,
                "decimals": 0,
                "official-statistics": False,
                "aggregallowed": False,
                "language": "no",
                "contents": title,
                "matrix": f"KOSTRA{table}",
            },
            "barnevern": {"synthetic": True, "note": NOTE},
        },
        "value": values,
        "status": status,
    }


def t12275() -> dict:
    ages = {"F000-017": "0-17 år", "F000-022": "0-22 år"}
    funcs = {
        "0": "Tiltak i alt",
        "1": "Tiltak når barnet ikke er plassert (251)",
        "2": "Tiltak når barnet er plassert (252)",
    }
    contents = {
        "KOSbvbarntiltaka0000": ("Barn med barnevernstiltak i løpet av året", "antall", 0),
        "KOSbvbarntiltaka0001": (
            "Barn med barnevernstiltak i løpet av året, i prosent av innbyggere i aldersgruppen",
            "prosent",
            1,
        ),
    }

    def cell(c: dict) -> tuple:
        code, i = c["KOKkommuneregion0000"], YEARS.index(int(c["Tid"]))
        total = children(code, i, all_ages=c["KOKalder0000"] == "F000-022")
        count = {"0": total, "2": placed(code, i), "1": total - placed(code, i)}[c["KOKbvfunksjon0000"]]
        value, symbol = suppress(count, code)
        if c["ContentsCode"] == "KOSbvbarntiltaka0000" or symbol:
            return value, symbol
        inhabitants = population(code, i) * (Decimal("1.27") if c["KOKalder0000"] == "F000-022" else 1)
        return r(Decimal(count) * 100 / inhabitants, 1), None

    return dataset(
        "12275",
        "Barn med barnevernstiltak i løpet av året og per 31. desember, etter region, "
        "alder, funksjon, statistikkvariabel og år",
        [("KOKalder0000", "alder", ages), ("KOKbvfunksjon0000", "funksjon", funcs)],
        contents,
        cell,
    )


def t12286() -> dict:
    contents = {
        "KOSbvbarnus0000": ("Barn med undersøkelse", "antall", 0),
        "KOSbvbarnuspinnb0000": ("Prosentdelen barn med undersøkelse ift. innbyggere 0-17 år", "prosent", 1),
    }
    own = {
        "3427": [27, 25, 25, 39, 31],
        "3428": [11, 10, 11, 14, 12],
        "3429": [5, 5, 5, 8, 6],
        "3424": [7, 6, 5, 9, 7],
        "3426": [6, 6, 6, 8, 7],
        "5021": [48, 50, 47, 52, 55],
        "5022": [19, 18, 21, 20, 19],
    }

    def cell(c: dict) -> tuple:
        code, i = c["KOKkommuneregion0000"], YEARS.index(int(c["Tid"]))
        share = Decimal(UNDERSOKELSE.get(code, "4.6")) / 100 - Decimal("0.0005") * i
        count = own[code][i] if code in own else int(r(population(code, i) * share))
        if c["ContentsCode"] == "KOSbvbarnus0000":
            return count, None
        return r(Decimal(count) * 100 / population(code, i), 1), None

    return dataset(
        "12286",
        "Barn med undersøkelse og prosentdelen barn med undersøkelse, etter region, statistikkvariabel og år",
        [],
        contents,
        cell,
    )


def amount(code: str, i: int, funksjon: str) -> Decimal:
    level = NETTO.get(code) or AGG_NETTO[code]
    total = Decimal(population(code, i) * level) * Decimal("1.035") ** i / 1000  # 1000 kr
    if funksjon == "FGK13":
        return r(sum(r(total * s) for s in shares(code).values()))
    return r(total * shares(code)[funksjon])


def t12362() -> dict:
    funcs = {
        "244": "244 Barnevernstjeneste",
        "251": "251 Barneverntiltak når barnet ikke er plassert av barnevernet",
        "252": "252 Barneverntiltak når barnet er plassert av barnevernet",
        "FGK13": "Barnevern (244, 251, 252)",
    }
    arts = {"AGD2": "Netto driftsutgifter"}
    contents = {"KOSbelop0000": ("Beløp (1000 kr)", "1000 kr", 0)}

    def cell(c: dict) -> tuple:
        code, i = c["KOKkommuneregion0000"], YEARS.index(int(c["Tid"]))
        if code == "3424" and i == 0:
            return None, ".."  # Rendalen 2018: not in the file (synthetic gap)
        return amount(code, i, c["KOKfunksjon0000"]), None

    return dataset(
        "12362",
        "Utgifter til tjenesteområdene, etter region, funksjon, art, statistikkvariabel og år",
        [("KOKfunksjon0000", "funksjon", funcs), ("KOKart0000", "art", arts)],
        contents,
        cell,
    )


def t12279() -> dict:
    contents = {
        "KOSndubvinnbygge0000": (
            "Netto driftsutgifter til barnevernstjenesten per innbygger 0-17 år",
            "kr",
            0,
        ),
        "KOSandelndu2440000": ("Andel netto driftsutgifter til saksbehandling (funksjon 244)", "prosent", 1),
        "KOSandelndu2510000": (
            "Andel netto driftsutgifter til tiltak når barnet ikke er plassert (funksjon 251)",
            "prosent",
            1,
        ),
    }

    def cell(c: dict) -> tuple:
        code, i = c["KOKkommuneregion0000"], YEARS.index(int(c["Tid"]))
        if code == "3424" and i == 0:
            return None, ".."
        if code == "EKG15" and i == 0:
            return None, "."  # synthetic: shown as «cannot be given»
        total = amount(code, i, "FGK13")
        key = c["ContentsCode"]
        if key == "KOSndubvinnbygge0000":
            return r(total * 1000 / population(code, i)), None
        funksjon = "244" if key == "KOSandelndu2440000" else "251"
        return r(amount(code, i, funksjon) * 100 / total, 1), None

    return dataset(
        "12279",
        "Nøkkeltall for barnevern, utgifter, etter region, statistikkvariabel og år",
        [],
        contents,
        cell,
    )


def t12615() -> dict:
    contents = {
        "KOSbvbarnmelding0000": ("Barn med melding", "antall", 0),
        "KOSbvbarnmelding0001": ("Barn med melding ift. innbyggere 0-17 år", "prosent", 1),
    }
    own = {
        "3427": [45, 42, 50, 88, 74],
        "3428": [17, 17, 21, 34, 30],
        "3429": [9, 8, 9, 18, 15],
        "3424": [11, 10, 11, 20, 17],
        "3426": [10, 9, 11, 19, 17],
        "5021": [70, 68, 72, 75, 70],
        "5022": [28, 30, 29, 31, 31],
    }

    def cell(c: dict) -> tuple:
        code, i = c["KOKkommuneregion0000"], YEARS.index(int(c["Tid"]))
        share = Decimal(UNDERSOKELSE.get(code, "4.6")) / 100 - Decimal("0.002") + Decimal("0.0004") * i
        count = own[code][i] if code in own else int(r(population(code, i) * share))
        if c["ContentsCode"] == "KOSbvbarnmelding0000":
            return count, None
        return r(Decimal(count) * 100 / population(code, i), 1), None

    return dataset(
        "12615",
        "Barn med melding og prosentdelen barn med melding, etter region, statistikkvariabel og år",
        [],
        contents,
        cell,
    )


def national(
    table: dict, content: str, fixed: dict[str, str], seed: int, low: float, high: float, places: int
) -> dict:
    """One series of ``table`` for all municipalities: the members as in the small file, and 349
    invented municipalities 9001–9349 («Syntetisk kommune»), so that a rank can be shown."""
    ids = table["id"]
    size = dict(zip(ids, table["size"], strict=True))
    index = {d: table["dimension"][d]["category"]["index"] for d in ids}
    strides = {}
    step = 1
    for d in reversed(ids):
        strides[d] = step
        step *= size[d]
    others = {f"{n}": f"Syntetisk kommune {n}" for n in range(9001, 9350)}
    names = {**MEMBERS, **others, **AGGREGATES}
    values: list[int | float | None] = []
    status: dict[str, str] = {}
    for code in names:
        for year in YEARS:
            if code in others:
                x = (int(code) * 7919 + year * 104729 + seed) % 1000 / 1000
                if (int(code) + year + seed) % 97 == 0:
                    status[str(len(values))] = ":"
                    values.append(None)
                    continue
                values.append(
                    float(r(low + (high - low) * x, places)) if places else int(r(low + (high - low) * x))
                )
                continue
            coords = {"KOKkommuneregion0000": code, **fixed, "ContentsCode": content, "Tid": str(year)}
            flat = sum(index[d][coords[d]] * strides[d] for d in ids)
            values.append(table["value"][flat])
            if str(flat) in table["status"]:
                status[str(len(values) - 1)] = table["status"][str(flat)]
    dims = {d: dict(table["dimension"][d]) for d in ids}
    dims["KOKkommuneregion0000"] = {
        **dims["KOKkommuneregion0000"],
        "category": {"index": {c: i for i, c in enumerate(names)}, "label": names},
    }
    for d, code in {**fixed, "ContentsCode": content}.items():
        cat = dims[d]["category"]
        dims[d] = {
            **dims[d],
            "category": {k: ({code: 0} if k == "index" else {code: v[code]}) for k, v in cat.items()},
        }
    dims["Tid"] = table["dimension"]["Tid"]
    new_ids = ids
    return {
        **table,
        "note": [NOTE, "Landsfil: 349 oppdiktede kommuner (9001–9349) i tillegg til demoens kommuner."],
        "id": new_ids,
        "size": [len(dims[d]["category"]["index"]) for d in new_ids],
        "dimension": dims,
        "value": values,
        "status": status,
    }


if __name__ == "__main__":
    made = {}
    for name, make in (
        ("12275", t12275),
        ("12279", t12279),
        ("12286", t12286),
        ("12362", t12362),
        ("12615", t12615),
    ):
        made[name] = make()
    made["12275-landet"] = national(
        made["12275"],
        "KOSbvbarntiltaka0001",
        {"KOKalder0000": "F000-017", "KOKbvfunksjon0000": "0"},
        1,
        1.8,
        7.5,
        1,
    )
    made["12279-landet"] = national(made["12279"], "KOSndubvinnbygge0000", {}, 2, 6500, 26000, 0)
    for name, data in made.items():
        path = HERE / f"kostra-{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(path, path.stat().st_size)
