"""Importing SSB files: every cell with its status, re-import says what changed, a malformed
file stores nothing, a CSV with decimal commas."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from barnevern.kostra.importing import KostraImportError, import_files
from barnevern.kostra.models import Celle, Innlesing, Region, Tabell, Variabel
from tests.kostra.builder import dumps
from tests.kostra.conftest import t12275


def _cell(region, content, year, funksjon="0"):
    return Celle.objects.get(
        region=region,
        variabel__kode=content,
        ar=year,
        dimensjoner=f"KOKalder0000=F000-017;KOKbvfunksjon0000={funksjon}",
    )


def test_import_keeps_every_cell_and_its_status(db, files):
    [report] = import_files(list(files.items()))
    assert (report.tabell, report.celler, report.nye, report.endrede) == ("12275", 48, 48, 0)
    assert _cell("5021", "KOSbvbarntiltaka0000", 2022).verdi == Decimal(74)
    suppressed = _cell("5022", "KOSbvbarntiltaka0000", 2021)
    assert (suppressed.verdi, suppressed.status) == (None, ":")  # never 0
    not_applicable = _cell("EAK", "KOSbvbarntiltaka0001", 2022, funksjon="2")
    assert (not_applicable.verdi, not_applicable.status) == (None, ".")
    tabell = Tabell.objects.get(tabell_id="12275")
    assert tabell.tittel == "12275: Barn med barnevernstiltak"
    assert tabell.oppdatert.isoformat() == "2023-06-15T06:00:00+00:00"
    assert tabell.dimensjoner["KOKalder0000"]["categories"] == {"F000-017": "0-17 år"}
    var = Variabel.objects.get(tabell=tabell, kode="KOSbvbarntiltaka0001")
    assert (var.enhet, var.desimaler) == ("prosent", 1)
    assert Region.objects.get(kode="EKG02").navn == "KOSTRA-gruppe 2"
    receipt = Innlesing.objects.get()
    assert receipt.filnavn == "12275.json"
    assert len(receipt.sha256) == 64


def test_reimport_of_a_newer_version_replaces_and_says_what_changed(db, files):
    import_files(list(files.items()))
    [same] = import_files(list(files.items()))
    assert (same.nye, same.endrede, same.uendrede) == (0, 0, 48)
    newer = t12275(
        updated="2024-03-01T07:00:00Z",
        change={
            ("5021", "0", "KOSbvbarntiltaka0000", 2022): 76,
            ("5022", "0", "KOSbvbarntiltaka0000", 2021): 35,
        },
    )
    [report] = import_files([("12275-ny.json", dumps(newer))])
    assert (report.nye, report.endrede, report.uendrede) == (0, 2, 46)
    assert (
        "KOSbvbarntiltaka0000 5021 Oppdal 2022 (KOKalder0000=F000-017, KOKbvfunksjon0000=0): 74 → 76"
        in report.endringer
    )
    assert any(
        c.startswith("KOSbvbarntiltaka0000 5022 Rennebu 2021") and c.endswith(": → 35")
        for c in report.endringer
    )
    assert _cell("5021", "KOSbvbarntiltaka0000", 2022).verdi == 76
    assert _cell("5022", "KOSbvbarntiltaka0000", 2021).status == ""
    assert Celle.objects.count() == 48  # replaced, not added
    assert Tabell.objects.get().oppdatert.year == 2024
    assert set(Celle.objects.values_list("innlesing__filnavn", flat=True)) == {"12275-ny.json"}
    # an older file after it is refused, and stores nothing
    with pytest.raises(KostraImportError, match="Filen er eldre \\(oppdatert 2023-06-15\\)"):
        import_files(list(files.items()))
    assert _cell("5021", "KOSbvbarntiltaka0000", 2022).verdi == 76
    [forced] = import_files(list(files.items()), allow_older=True)
    assert forced.endrede == 2


def test_a_malformed_file_stores_nothing_not_even_the_good_ones(db, files):
    broken = t12275()
    broken["value"] = broken["value"][:-3]
    with pytest.raises(KostraImportError) as exc:
        import_files([*files.items(), ("ødelagt.json", dumps(broken))])
    assert str(exc.value).startswith("ødelagt.json: «value» har 45 verdier, men dimensjonene gir 48 celler")
    assert (Celle.objects.count(), Tabell.objects.count(), Innlesing.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["dimension"]["Tid"]["category"].update(index={"2021M01": 0, "2022M01": 1}),
            "ikke et år",
        ),
        (
            lambda d: (
                d.update(id=[i if i != "Tid" else "Måned" for i in d["id"]], role={}),
                d["dimension"].update({"Måned": d["dimension"].pop("Tid")}),
            ),
            "mangler dimensjonen år (Tid)",
        ),
        (lambda d: (d.pop("extension"), d.update(label="Barn med tiltak")), "Fant ikke tabellnummeret"),
    ],
)
def test_structural_problems_name_the_file(db, change, message):
    doc = t12275()
    change(doc)
    with pytest.raises(KostraImportError, match=re.escape(message)):
        import_files([("x.json", json.dumps(doc).encode())])
    assert Celle.objects.count() == 0


def test_csv_with_decimal_commas(db):
    text = (
        "12275: Barn med barnevernstiltak (K) 2015 - 2022\n"
        '"region";"alder";"funksjon";"statistikkvariabel";"år";"12275: Barn med barnevernstiltak (K) 2015 - 2022"\n'
        '"5021 Oppdal";"F000-017 0-17 år";"0 Tiltak i alt";"KOSbvbarntiltaka0001 Prosent";"2022";4,9\n'
        '"5022 Rennebu";"F000-017 0-17 år";"0 Tiltak i alt";"KOSbvbarntiltaka0001 Prosent";"2022";:\n'
    )
    [report] = import_files([("12275.csv", text.encode("iso-8859-1"))])
    assert (report.format, report.celler, report.oppdatert) == ("csv", 2, None)
    assert _cell("5021", "KOSbvbarntiltaka0001", 2022).verdi == Decimal("4.9")
    assert _cell("5022", "KOSbvbarntiltaka0001", 2022).status == ":"
    assert any("KOSbvbarntiltaka0000" in w for w in report.advarsler)  # the count is still missing


def test_a_national_file_and_a_small_file_both_stay(db, files):
    from tests.kostra.conftest import national

    import_files([("landet.json", dumps(national(356))), *files.items()])
    assert (
        Celle.objects.filter(variabel__kode="KOSbvbarntiltaka0001", ar=2022, region__startswith="9").count()
        == 354
    )
    assert Celle.objects.filter(region="EKG02").count() == 8
