"""Done-when: the demo's 2022 reports show the seeds' figures, in the tables and in the PDF.

The whole demo is loaded once for the module (``demo.load``: organisation, users, cases, the
seeds' statistics, staff, economy, quality and this app's drafts and issued edition).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from barnevern.reports.assemble import assemble
from tests.conftest import TODAY, demo_once

NO_SERIES = {
    "meldinger": [92, 109, 194, 164],
    "undersokelser_startet": [71, 55, 69, 73],
    "undersokelser_avsluttet": [52, 52, 78, 63],
    "barn_med_hjelpetiltak": [68, 63, 58, 50],
    "barn_med_omsorgstiltak": [23, 21, 14, 19],
}
OR_H2 = {  # 2nd half 2022 as the seed: (Oppdal, Rennebu)
    "meldinger": (67, 25),
    "undersokelser_avsluttet": (33, 20),
    "barn_med_hjelpetiltak_ved_slutt": (54, 27),
    "barn_frivillig_plassert_ved_slutt": (1, 2),
    "barn_under_omsorg_ved_slutt": (7, 3),
}


demo_db = demo_once()  # the whole demo, once for the module, rolled back after


@pytest.fixture
def services(demo_db, db):
    from barnevern.organisation.models import Tjeneste

    return {t.slug: t for t in Tjeneste.objects.all()}


def _section(data: dict, key: str) -> dict:
    section = next(s for s in data["sections"] if s["key"] == key)
    return section["data"]


def _rows(table: dict) -> dict[str, list]:
    return {r["key"]: [c["v"] for c in r["cells"]] for r in table["rows"]}


def test_nord_osterdal_key_figures_are_the_seeds(services):
    internal = _section(assemble(services["nord-osterdal"], 2022, public=False, today=TODAY), "nokkeltall")
    assert [c["label"] for c in internal["series"]["columns"]] == ["2019", "2020", "2021", "2022"]
    rows = _rows(internal["series"])
    for key, figures in NO_SERIES.items():
        assert rows[key] == figures, key
    assert rows["barn_frivillig_plassert_ved_slutt"][2:] == [11, 11]

    public = _section(assemble(services["nord-osterdal"], 2022, public=True, today=TODAY), "nokkeltall")
    hjelpetiltak = next(r for r in public["series"]["rows"] if r["key"] == "barn_med_hjelpetiltak")
    assert hjelpetiltak["cells"][2] == {"v": 58, "n": "prikket 2 kommuner"}
    by_kommune = next(r for r in public["by_municipality"]["rows"] if r["key"] == "meldinger")
    assert by_kommune["cells"][-1]["v"] == 164  # the service total stays exact


def test_oppdal_rennebu_half_year_is_the_seed(services):
    data = _section(assemble(services["oppdal-rennebu"], 2022, public=False, today=TODAY), "nokkeltall")
    h2 = data["half_years"][1]
    assert [c["label"] for c in h2["columns"]] == ["Oppdal", "Rennebu", "Hele tjenesten"]
    rows = _rows(h2)
    for key, (oppdal, rennebu) in OR_H2.items():
        assert rows[key][:2] == [oppdal, rennebu], key
    public = _rows(
        _section(assemble(services["oppdal-rennebu"], 2022, public=True, today=TODAY), "nokkeltall")[
            "half_years"
        ][1]
    )
    assert public["barn_frivillig_plassert_ved_slutt"][:2] == [":", ":"]  # 1 and 2 children
    assert public["meldinger"][:2] == [67, 25]


def test_demo_drafts_and_issued_edition(services):
    from barnevern.reports.models import Plikt, Rapport, RapportUtgave

    assert Rapport.objects.filter(ar=2022).count() == 4
    assert Plikt.objects.filter(tjeneste=services["oppdal-rennebu"], ar=2022, svar="nei").count() == 4
    utgave = RapportUtgave.objects.get()
    assert (utgave.tjeneste.slug, utgave.ar, utgave.nummer, utgave.versjon) == (
        "nord-osterdal",
        2022,
        1,
        "offentlig",
    )
    vurdering = next(s for s in utgave.data["sections"] if s["key"] == "vurdering")["data"]
    assert any(p["blocks"] for p in vurdering["parts"])


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_issued_pdf_pages_and_text_layer(services, tmp_path):
    from barnevern.reports.models import RapportUtgave

    utgave = RapportUtgave.objects.get()
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(utgave.pdf_bytes())
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 8 <= pages <= 30
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "side")], check=True)
    images = sorted(tmp_path.glob("side-*.png"))
    assert len(images) == pages
    assert all(p.stat().st_size > 1000 for p in images)

    text = _pdf_text(pdf)
    assert "Tilstandsrapport 2022" in text
    assert "Barnevernstjenesten i Nord-Østerdal" in text
    assert f"Side 1 av {pages}" in text
    assert f"Side {pages} av {pages}" in text
    assert text.count("Offentlig versjon") >= pages  # the footer of every page
    assert re.search(r"Meldinger mottatt\s+92\s+109\s+194\s+164\n", text)  # the seed's table
    assert re.search(r"Undersøkelser startet\s+71\s+55\s+69\s+73\n", text)
    # hjelpetiltak 2021: the note «(prikket 2 kommuner)» under the figure, on the next line
    assert re.search(r"Barn med[^\n]*\s68\s+63\s+58\s+50\n[^\n]*\(prikket 2 kommuner\)", text)
    assert "Arne Holte, Folkehelseinstituttet" in text


def test_command_writes_the_internal_pdf_and_html(services, tmp_path):
    from django.core.management import call_command

    pdf, html = tmp_path / "or.pdf", tmp_path / "or.html"
    call_command(
        "report", "--service", "oppdal-rennebu", "--year", "2022", "--pdf", str(pdf), "--date", "2023-03-01"
    )
    text = _pdf_text(pdf)
    assert "Intern versjon — unntatt offentlighet" in text
    lines = [line for line in text.splitlines() if line.strip().startswith("Barn under kommunens omsorg ved")]
    assert any(re.findall(r"\d+", line)[:2] == ["7", "3"] for line in lines)
    call_command(
        "report",
        "--service",
        "oppdal-rennebu",
        "--year",
        "2022",
        "--municipality",
        "5022",
        "--public",
        "--html",
        str(html),
    )
    page = html.read_text()
    assert "Rennebu kommune" in page
    assert "Offentlig versjon" in page
    assert "<style>" in page


def test_economy_from_the_economy_app(services):
    data = _section(assemble(services["oppdal-rennebu"], 2022, public=False, today=TODAY), "okonomi")
    assert [r["navn"] for r in data["per_kommune"]] == ["Oppdal", "Rennebu"]
    assert [r["percent"].replace("\u00a0", " ") for r in data["key"]["rows"]] == [
        "75,1 %",
        "24,9 %",
    ]  # the seed's key
    assert all(s["status"].startswith("godkjent som nr.") for s in data["settlements"])
    assert data["copayments"]["placements"] == 4
    assert data["copayments"]["difference"] == "10800.00"
    no = _section(assemble(services["nord-osterdal"], 2022, public=True, today=TODAY), "okonomi")
    assert len(no["per_kommune"]) == 5


def test_kostra_section_of_the_demo_report(services):
    """Issue 19: the service beside its KOSTRA group, county and Norway, from the demo's synthetic
    SSB files; the service is suppressed in 2021 because SSB suppressed Tolga."""
    internal = _section(assemble(services["nord-osterdal"], 2022, public=False, today=TODAY), "kostra")
    assert internal["synthetic"].startswith("Syntetiske demotall")
    ind = next(i for i in internal["indicators"] if i["key"] == "barn_med_tiltak_per_1000")
    assert [c["label"] for c in ind["table"]["columns"]] == ["2018", "2019", "2020", "2021", "2022"]
    assert "Kilde: SSB tabell 12275, oppdatert 15.06.2023 (syntetiske demotall)" in ind["table"]["caption"]
    rows = {r["key"]: r for r in ind["table"]["rows"]}
    assert list(rows)[:6] == ["tjeneste", "3427", "3424", "3426", "3428", "3429"]
    assert {"EKG02", "EKG14", "EKG15", "EKA34", "EAKUO", "EAK"} <= set(rows)
    assert rows["tjeneste"]["cells"][3]["v"] == ":"
    assert any("Prikket fordi SSB har prikket tallet for Tolga" in f for f in ind["footnotes"])
    assert rows["3427"]["cells"][-1]["n"].startswith("nr. ")
    assert rows["3427"]["cells"][-1]["n"].endswith(" av 352")
    assert [s["name"] for s in ind["chart"]["series"]] == ["Hele tjenesten", "KOSTRA-gruppe 2", "Innlandet", "Landet"]
    own = {r["key"]: [c["v"] for c in r["cells"]] for r in internal["own"]["rows"]}
    assert own["barn_med_tiltak-3427"] == ["34", 33, -1]  # SSB (synthetic) 34, the register 33
    public = _section(assemble(services["nord-osterdal"], 2022, public=True, today=TODAY), "kostra")
    own = {r["key"]: [c["v"] for c in r["cells"]] for r in public["own"]["rows"]}
    assert ":" in {v[1] for v in own.values()}  # the register's small counts are suppressed when public


def test_issued_pdf_has_the_kostra_section_with_its_chart(services, tmp_path):
    from PIL import Image

    from barnevern.reports.models import RapportUtgave

    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(RapportUtgave.objects.get().pdf_bytes())
    pages = _pdf_text(pdf).split("\f")
    start = next(i for i, p in enumerate(pages) if "Sammenligning med andre kommuner (KOSTRA)" in p and "..." not in p)
    text = "\n".join(pages[start : start + 3])
    assert "Syntetiske demotall" in text
    assert "SSB tabell 12275, oppdatert 15.06.2023" in text  # the source and SSB's update date
    assert re.search(r"Hele tjenesten\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+:\s+[\d,]+", text)  # 2021 suppressed
    chart_page = next(i for i in range(start, start + 3) if "KOSTRA-gruppe 2" in pages[i] and "Landet" in pages[i]) + 1
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", str(chart_page), "-l", str(chart_page), "-png", str(pdf), str(tmp_path / "k")],
        check=True,
    )
    [image] = list(tmp_path.glob("k-*.png"))
    data = Image.open(image).convert("RGB").tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3], strict=True))
    blue = sum(1 for r, g, b in pixels if abs(r - 0x00) < 40 and abs(g - 0x62) < 40 and abs(b - 0xBA) < 40)
    orange = sum(1 for r, g, b in pixels if abs(r - 0xC2) < 40 and abs(g - 0x41) < 40 and abs(b - 0x0C) < 40)
    assert blue > 50
    assert orange > 50  # the service's and the KOSTRA group's lines are drawn
