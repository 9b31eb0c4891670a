"""Demo KOSTRA data: synthetic SSB files for the demo's municipalities, their groups, counties
and Norway (``demo/data/kostra-*.json``, written by ``demo/data/make_kostra.py``), read with
the same importer as a user's files, and the members' KOSTRA groups.

Every figure in the files is invented and the files say so (``source``, ``note``,
``extension.barnevern.synthetic``); the pages and the report print «syntetiske demotall». The
KOSTRA groups below are **not verified** against SSB (``reference/kostra-ssb.md`` §3 found
none for these municipalities): plausible groups by population size, for the demo only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from barnevern.demo import register

DATA = Path(__file__).resolve().parent / "data"
FILES = (  # the national files first: the small files hold the members' other series
    "kostra-12275-landet.json",
    "kostra-12279-landet.json",
    "kostra-12275.json",
    "kostra-12279.json",
    "kostra-12286.json",
    "kostra-12362.json",
    "kostra-12615.json",
)
GROUPS = {  # kommune → (KOSTRA group, county): assumed for the demo, not checked against SSB
    "3427": ("EKG02", "EKA34"),
    "3428": ("EKG02", "EKA34"),
    "3429": ("EKG14", "EKA34"),
    "3424": ("EKG15", "EKA34"),
    "3426": ("EKG14", "EKA34"),
    "5021": ("EKG02", "EKA50"),
    "5022": ("EKG05", "EKA50"),
}
GROUP_SOURCE = "Demo: antatt gruppe etter folketall, ikke kontrollert mot SSB"
# Inhabitants 0–17 on 1 January 2018 (demo/organisation.py has 2019–2023); invented.
POPULATION_2018 = {
    "3427": 1285,
    "3428": 525,
    "3429": 263,
    "3424": 305,
    "3426": 293,
    "5021": 1525,
    "5022": 508,
}


def _spread(total: int) -> list[int]:
    base, rest = divmod(total, 18)
    return [base + (1 if age < rest else 0) for age in range(18)]


@register("kostra")
def load(today: date) -> None:
    from barnevern.kostra.importing import import_files
    from barnevern.kostra.regions import set_grouping
    from barnevern.organisation.models import Befolkning, Kommune

    kommuner = {k.nummer: k for k in Kommune.objects.filter(nummer__in=list(GROUPS))}
    Befolkning.objects.bulk_create(
        [
            Befolkning(kommune=kommuner[n], ar=2018, alder=age, antall=count)
            for n, total in POPULATION_2018.items()
            for age, count in enumerate(_spread(total))
        ],
        ignore_conflicts=True,
    )
    for nummer, (gruppe, fylke) in GROUPS.items():
        set_grouping(kommuner[nummer], date(2020, 1, 1), gruppe, fylke, user=None, kilde=GROUP_SOURCE)
    import_files([(name, (DATA / name).read_bytes()) for name in FILES])
