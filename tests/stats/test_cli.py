"""``barnevern stats``: the JSON shape from the database and from files, CSV/XLSX, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from barnevern.audit.models import AuditEntry
from barnevern.cases.models import Sak
from barnevern.formats.generator import write_corpus
from barnevern.rules.indicators import INDICATORS, get
from barnevern.rules.periods import Period
from barnevern.stats.queries import stats_from_paths
from tests.stats.conftest import MELDINGER, YEAR

TOP = ["period", "municipalities", "total", "suppressed_municipalities"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def assert_shape(data: dict, municipalities: set[str]) -> None:
    assert list(data) == TOP
    assert set(data["municipalities"]) == municipalities
    for row in [*data["municipalities"].values(), data["total"]]:
        assert set(row) == set(INDICATORS)
        for key, value in row.items():
            if value == ":":
                continue
            if get(key).is_count:
                assert isinstance(value, int), (key, value)
                assert not isinstance(value, bool), (key, value)
            else:
                assert value is None or isinstance(value, int | float), (key, value)
    assert isinstance(data["suppressed_municipalities"], int)


def test_json_from_the_database(stats_cases):
    before = AuditEntry.objects.count()
    data = json.loads(run("--service", "nord-osterdal", "--year", str(YEAR), "--json"))
    assert_shape(data, set(MELDINGER))
    assert data["period"] == {"from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31"}
    assert data["municipalities"]["3429"]["meldinger"] == 1
    assert data["total"]["meldinger"] == 26
    assert data["suppressed_municipalities"] == 0
    audit = AuditEntry.objects.order_by("id")[before:]
    assert [(a.action, a.source, a.sak_id) for a in audit] == [("export", "cli", None)]


def test_published_json_and_one_municipality(stats_cases):
    data = json.loads(run("--service", "991000003", "--year", str(YEAR), "--published", "--json"))
    assert data["municipalities"]["3429"]["meldinger"] == ":"
    assert data["municipalities"]["3429"]["meldinger_per_1000"] in (":", None)
    assert data["total"]["meldinger"] == 26
    assert data["suppressed_municipalities"] == 3
    one = json.loads(
        run(
            "--service",
            "nord-osterdal",
            "--year",
            str(YEAR),
            "--half",
            "1",
            "--municipality",
            "3427",
            "--json",
        )
    )
    assert list(one["municipalities"]) == ["3427"]
    assert one["period"] == {"from": f"{YEAR}-01-01", "to": f"{YEAR}-06-30"}
    assert one["total"]["meldinger"] == one["municipalities"]["3427"]["meldinger"] == 8


def test_from_to_and_indicators(stats_cases):
    data = json.loads(
        run(
            "--service",
            "nord-osterdal",
            "--from",
            f"{YEAR}-02-01",
            "--to",
            f"{YEAR}-02-21",
            "--indicators",
            "meldinger",
            "--json",
        )
    )
    assert data["total"] == {"meldinger": 9}  # 1 and 21 February; Folldal has only the first


def test_user_scope_kommune_gets_its_own_published_figures(stats_cases, personas):
    data = json.loads(
        run(
            "--user",
            "kommune",
            "--year",
            str(YEAR),
            "--json",
            "--indicators",
            "meldinger,barn_med_hjelpetiltak",
        )
    )
    assert data["municipalities"] == {"3428": {"meldinger": 5, "barn_med_hjelpetiltak": ":"}}
    with pytest.raises(CommandError, match="ikke tilgang til statistikk"):
        run("--user", "okonomi", "--year", str(YEAR))


def test_human_table_is_norwegian(stats_cases):
    text = run("--service", "nord-osterdal", "--year", str(YEAR), "--published", "--indicators", "meldinger")
    lines = text.splitlines()
    assert lines[0] == "Barnevernstjenesten i Nord-Østerdal – 2025 (publiserte tall, små tall prikket)"
    assert lines[1].split() == [
        "Indikator",
        "3427",
        "Tynset",
        "3424",
        "Rendalen",
        "3426",
        "Tolga",
        "3428",
        "Alvdal",
        "3429",
        "Folldal",
        "Totalt",
    ]
    assert lines[2].split() == [
        "Meldinger",
        "mottatt",
        "10",
        "6",
        ":",
        "5",
        ":",
        "26",
        "(prikket",
        "2",
        "kommuner)",
    ]


def test_csv_and_xlsx_files(stats_cases, tmp_path: Path):
    csv_file, xlsx_file = tmp_path / "s.csv", tmp_path / "s.xlsx"
    run("--service", "nord-osterdal", "--year", str(YEAR), "--published", "--csv", str(csv_file))
    rows = [line.split(";") for line in csv_file.read_text(encoding="utf-8-sig").splitlines()]
    assert rows[0][:4] == ["Indikator", "Nøkkel", "Enhet", "3427 Tynset"]
    assert (rows[0][-2:] == [
        "Totalt",
        "Merknad",
    ])
    meldinger = next(r for r in rows if r[1] == "meldinger")
    assert meldinger[3:] == ["10", "6", ":", "5", ":", "26", "prikket 2 kommuner"]
    run("--service", "nord-osterdal", "--year", str(YEAR), "--xlsx", str(xlsx_file))
    sheet = load_workbook(xlsx_file).active
    values = {row[1]: row for row in sheet.iter_rows(values_only=True)}
    assert values["meldinger"][3:9] == (10, 6, 4, 5, 1, 26)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--service", "nord-osterdal"], "Oppgi perioden"),
        (["--service", "nord-osterdal", "--half", "1"], "--half krever --year"),
        (
            ["--service", "nord-osterdal", "--year", "2025", "--from", "2025-01-01", "--to", "2025-02-01"],
            "enten",
        ),
        (["--service", "nord-osterdal", "--from", "2025-03-01", "--to", "2025-02-01"], "før den begynner"),
        (["--service", "nord-osterdal", "--year", "2025", "--municipality", "5021"], "5021 er ikke medlem"),
        (["--service", "nord-osterdal", "--year", "2025", "--municipality", "34"], "fire siffer"),
        (["--service", "finnes-ikke", "--year", "2025"], "Fant ingen tjeneste"),
        (["--year", "2025"], "Oppgi filer, --service eller --user"),
        (["--service", "nord-osterdal", "--year", "2025", "--indicators", "tull"], "Ukjent indikator: tull"),
    ],
)
def test_clear_norwegian_errors(stats_cases, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


# --- from files ------------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "bvr", 40, 11, year=YEAR, municipalities=["3427", "3428"])
    return tmp_path / "bvr"


def test_json_from_files_without_a_database(corpus):
    data = json.loads(run(str(corpus), "--year", str(YEAR), "--json"))
    assert_shape(data, {"3427", "3428"})
    expected = stats_from_paths([corpus], Period.year(YEAR))
    assert data["total"]["meldinger"] == expected.total["meldinger"] > 0
    assert data["total"]["meldinger_per_1000"] is None  # no population in files
    published = json.loads(run(str(corpus), "--year", str(YEAR), "--published", "--json"))
    assert published["total"]["meldinger"] == data["total"]["meldinger"]


def test_files_and_the_imported_database_give_the_same_figures(corpus, org):
    try:
        call_command("import", str(corpus), "--service", "nord-osterdal", stdout=io.StringIO())
    except SystemExit as done:  # 1 = imported, with ForrigeId gaps
        assert done.code in (0, 1)
    assert Sak.objects.filter(tjeneste=org["nord-osterdal"]).count() == 40
    from_files = json.loads(run(str(corpus), "--year", str(YEAR), "--json"))
    from_db = json.loads(run("--service", "nord-osterdal", "--year", str(YEAR), "--json"))
    counts = [k for k in INDICATORS if get(k).kind != "rate"]
    for kommune in ("3427", "3428"):
        assert {k: from_files["municipalities"][kommune][k] for k in counts} == {
            k: from_db["municipalities"][kommune][k] for k in counts
        }
    assert {k: from_files["total"][k] for k in counts} == {k: from_db["total"][k] for k in counts}


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(CommandError, match="finnes ikke"):
        run(str(tmp_path / "nei.xml"), "--year", "2025")
    with pytest.raises(CommandError, match="enten filer eller"):
        run(str(tmp_path), "--service", "nord-osterdal", "--year", "2025")
