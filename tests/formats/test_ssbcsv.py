"""SSB's semicolon CSV: decimal commas, ISO-8859-1, a title line, symbols kept; codes required."""

from __future__ import annotations

from decimal import Decimal

import pytest

from barnevern.formats.jsonstat import JsonStatError
from barnevern.formats.ssbcsv import read_ssb_csv

LONG = """12279: Nøkkeltall for barnevern, utgifter (K) 2015 - 2022
"region";"statistikkvariabel";"år";"12279: Nøkkeltall for barnevern, utgifter (K) 2015 - 2022"
"5021 Oppdal";"KOSandelndu2440000 Andel netto driftsutgifter til funksjon 244";"2021";33,4
"5021 Oppdal";"KOSandelndu2440000 Andel netto driftsutgifter til funksjon 244";"2022";:
"EKG02 KOSTRA-gruppe 2";"KOSandelndu2440000 Andel netto driftsutgifter til funksjon 244";"2022";..
"EAK Landet";"KOSandelndu2440000 Andel netto driftsutgifter til funksjon 244";"2022";.
"EAK Landet";"KOSndubvinnbygge0000 Netto driftsutgifter per innbygger 0-17 år";"2022";12 345
"""


def _cells(ds):
    return {c.coords: (c.value, c.status) for c in ds.cells()}


def test_semicolon_csv_with_decimal_commas_and_symbols():
    ds = read_ssb_csv(LONG.encode("iso-8859-1"), name="12279.csv")
    assert ds.table_id == "12279"
    assert ds.format == "csv"
    assert ds.updated is None
    assert ds.ids == ("KOKkommuneregion0000", "ContentsCode", "Tid")
    cells = _cells(ds)
    assert cells[("5021", "KOSandelndu2440000", "2021")] == (Decimal("33.4"), None)
    assert cells[("5021", "KOSandelndu2440000", "2022")] == (None, ":")
    assert cells[("EKG02", "KOSandelndu2440000", "2022")] == (None, "..")
    assert cells[("EAK", "KOSandelndu2440000", "2022")] == (None, ".")
    assert cells[("EAK", "KOSndubvinnbygge0000", "2022")] == (Decimal(12345), None)
    assert len(cells) == 5  # a sparse table: only the cells in the file
    assert ds.dimension("KOKkommuneregion0000").label_of("EKG02") == "KOSTRA-gruppe 2"


def test_utf8_with_bom_and_years_in_the_heading():
    text = (
        '"region";"alder";"statistikkvariabel";"2021";"2022"\n'
        '"3427 Tynset";"F000-017 0-17 år";"KOSbvbarntiltaka0000 Barn med tiltak";41;39\n'
        '"3429 Folldal";"F000-017 0-17 år";"KOSbvbarntiltaka0000 Barn med tiltak";:;7\n'
    )
    ds = read_ssb_csv(b"\xef\xbb\xbf" + text.encode(), table_id="12275", dimension_ids={"alder": "KOKalder0000"})
    assert ds.ids == ("KOKkommuneregion0000", "KOKalder0000", "ContentsCode", "Tid")
    cells = _cells(ds)
    assert cells[("3427", "F000-017", "KOSbvbarntiltaka0000", "2022")] == (Decimal(39), None)
    assert cells[("3429", "F000-017", "KOSbvbarntiltaka0000", "2021")] == (None, ":")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"region";"statistikkvariabel";"år";"x"\n"Tynset";"K0 B";"2022";1\n', "Fant ikke tabellnummeret"),
        (LONG.replace('"5021 Oppdal"', '"Oppdal"'), "linje 3, kolonne «region»: «Oppdal» har ingen regionkode"),
        (LONG.replace("33,4", "33,4,1"), "Linje 3, kolonne «12279: Nøkkeltall"),
        (LONG.replace(";..\n", ";..;\n"), "Linje 5 har 5 felter, men overskriften har 4"),
        (LONG.replace('"2022";:', '"2021";:'), "står to ganger"),
        (LONG.replace('"år"', '"måned"'), "Fant ikke kolonnen «år»"),
        (LONG.replace('"2021";33,4', '"2021K1";33,4'), "«2021K1» er ikke et år"),
        ("", "Filen er tom"),
    ],
)
def test_malformed_csv_names_line_and_column(text, message):
    with pytest.raises(JsonStatError) as exc:
        read_ssb_csv(text.encode(), name="feil.csv")
    assert str(exc.value).startswith("feil.csv: ")
    assert message.lower() in str(exc.value).lower()
