"""Short display labels for SSB codes (rules.labels) and the public/private melder table."""

from __future__ import annotations

import pytest

from barnevern.records import Lovhjemmel
from barnevern.rules import codes, labels
from barnevern.rules.melder import PRIVATE_MELDER_CODES, PUBLIC_MELDER_CODES, is_public_melder, melder_kind


@pytest.mark.parametrize("list_key", labels.PAGE_LISTS)
def test_every_code_shown_on_pages_has_a_short_clean_label(list_key):
    for code in codes.codes(list_key):
        shown = labels.display(list_key, code.code)
        assert shown, (list_key, code.code)
        assert "*" not in shown, (list_key, code.code, shown)
        assert "krever presisering" not in shown.lower(), (list_key, code.code, shown)
        assert len(shown) <= 50, (list_key, code.code, shown)


def test_every_list_except_saksinnhold_has_an_explicit_label_for_every_code():
    for list_key in labels.PAGE_LISTS:
        if list_key == "saksinnhold":
            continue
        missing = [c.code for c in codes.codes(list_key) if c.code not in labels.DISPLAY[list_key]]
        assert missing == [], (list_key, missing)


@pytest.mark.parametrize(
    ("list_key", "code", "label"),
    [
        ("melding_konklusjon", "2", "Undersøkelse åpnet"),
        ("melding_konklusjon", "1", "Henlagt"),
        ("plantype", "1", "Tiltaksplan (§ 8-1)"),
        ("kategori", "2.5", "Beredskapshjem"),
        ("kategori", "2.4", "Fosterhjem etter § 6-3 (atferd)"),
        ("melder", "23", "Anonym"),
        ("vedtaksgrunnlag", "3.2.02", "Fattigdom"),  # SSB's title has a typo («Fattogdom»)
        ("saksinnhold", "1.2.01", "Læring"),  # short SSB title used as it is
        ("undersokelse_konklusjon", "4", "Henlagt – partene ønsket ikke tiltak"),
    ],
)
def test_display_labels(list_key, code, label):
    assert labels.display(list_key, code) == label


def test_ssb_label_is_kept_unchanged_for_exports():
    raw = labels.ssb_label("melding_konklusjon", "2")
    assert raw.startswith("Ikke henlagt – konklusjonsdato melding (eventuelt 7 dager")
    assert labels.ssb_label("plantype", "1") == "Tiltaksplan etter BVL2021 § 8-1 *(tidligere BVL1992 § 4-5)*"


def test_unknown_codes_and_none():
    assert labels.display("kategori", "9.9") == "9.9"
    assert labels.display("kategori", None) == ""
    assert labels.display_with_code("kategori", "2.5") == "2.5 Beredskapshjem"
    assert labels.display_with_code("kategori", "9.9") == "9.9"


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        (
            "Tiltaksplan etter BVL2021 § 8-1 *(tidligere BVL1992 § 4-5)*",
            "Tiltaksplan etter bvl. § 8-1 (tidligere bvl. 1992 § 4-5)",
        ),
        ("Andre offentlige instanser (krever presisering)", "Andre offentlige instanser"),
        (
            "Ikke henlagt – konklusjonsdato melding (eventuelt 7 dager etter mottatt melding) er startdato undersøkelse",
            "Ikke henlagt – konklusjonsdato melding er startdato undersøkelse",
        ),
        ("ICDP (International Child Development Program)", "ICDP (International Child Development Program)"),
    ],
)
def test_clean_title(title, clean):
    assert labels.clean_title(title) == clean


@pytest.mark.parametrize(
    ("hjemmel", "text"),
    [
        (Lovhjemmel("BVL2021", "4", "2"), "bvl. § 4-2"),
        (Lovhjemmel("BVL", "4", "6", ("2",)), "bvl. 1992 § 4-6 annet ledd"),
        (Lovhjemmel("BVL2021", "3", "1", ("1", "2")), "bvl. § 3-1 første og annet ledd"),
        (Lovhjemmel("BVL", "4", "12", (), ("a", "d")), "bvl. 1992 § 4-12 bokstav a, d"),
        (Lovhjemmel("BL1981", "4", "3"), "barneloven § 4-3"),
    ],
)
def test_hjemmel_label(hjemmel, text):
    assert labels.hjemmel_label(hjemmel) == text


def test_kommune_label():
    assert labels.kommune_label("3428", "Alvdal") == "3428 Alvdal"
    assert labels.kommune_label("3428", None) == "3428"
    assert labels.kommune_label("", "Alvdal") == ""


def test_melder_table_covers_ssb_list_exactly_once():
    listed = {c.code for c in codes.codes("melder")}
    assert listed == PUBLIC_MELDER_CODES | PRIVATE_MELDER_CODES
    assert not PUBLIC_MELDER_CODES & PRIVATE_MELDER_CODES


@pytest.mark.parametrize(
    ("melder", "public"),
    [
        (["11"], True),  # skole
        (["8"], True),  # politi
        (["24"], True),  # lege/sykehus (2025 code)
        (["2"], False),  # foreldre
        (["23"], False),  # anonym
        (["21"], False),  # frivillig organisasjon
        (["4", "9"], True),  # a neighbour and the kindergarten
        ([], False),
    ],
)
def test_public_melder(melder, public):
    assert is_public_melder(melder) is public


def test_melder_kind_of_an_unknown_code():
    assert melder_kind("99") == "ukjent"
