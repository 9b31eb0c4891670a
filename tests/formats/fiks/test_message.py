"""bekymringsmelding.json against KS's schemas: their four examples, and named Norwegian errors."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from importlib import resources

import pytest

from barnevern.formats.fiks import INCOMING_TYPES, message

FILES = {
    "no.ks.fiks.bekymringsmelding.offentlig.v1": "offentligBekymringsmeldingV1.json",
    "no.ks.fiks.bekymringsmelding.offentlig.v2": "offentligBekymringsmeldingV2.json",
    "no.ks.fiks.bekymringsmelding.privat.v1": "privatBekymringsmeldingV1.json",
    "no.ks.fiks.bekymringsmelding.privat.v2": "privatBekymringsmeldingV2.json",
}


def example(meldingstype: str) -> dict:
    text = (
        resources.files("barnevern.formats.fiks").joinpath("examples", FILES[meldingstype]).read_text("utf-8")
    )
    return json.loads(text)


@pytest.mark.parametrize("meldingstype", INCOMING_TYPES)
def test_ks_examples_are_valid_and_read(meldingstype):
    record = message.parse(example(meldingstype), meldingstype)
    assert record.meldingstype == meldingstype
    assert record.kommunenummer == "1201"
    assert record.kommunenavn == "Bergen"
    assert [b.navn for b in record.barn] == ["Barn Barnesen", "Bare Barnet"]
    assert record.sendingstidspunkt.tzinfo is not None
    assert record.melding == "Her kommer selve innholdet i bekymringsmeldingen!"


def test_public_example_in_detail():
    record = message.parse(
        example("no.ks.fiks.bekymringsmelding.offentlig.v2"), "no.ks.fiks.bekymringsmelding.offentlig.v2"
    )
    assert record.offentlig
    assert record.melder.navn == "Navnesen Navn Mellomnavn"
    assert record.melder.rolle == "Lærer"
    assert record.melder.virksomhet == "Lærerskolen"
    assert record.melder.virksomhet_orgnr == "123455789"
    assert [b.fnr for b in record.barn] == ["28071364498", "16081688781"]
    assert record.barn[0].orientert is False
    assert [f.navn for f in record.foresatte] == ["Foresatt Foresatt"]
    assert record.andre_synspunkter == "Her kommer andre synspunkter i bekymringsmeldingen!"
    # "2020-03-16T13:29:33" without offset is Norwegian winter time (UTC+1)
    assert record.sendingstidspunkt.astimezone(UTC) == datetime(2020, 3, 16, 12, 29, 33, tzinfo=UTC)
    text = record.tekst()
    for heading in (
        "Bekymringen:",
        "Historikk:",
        "Andre synspunkter:",
        "Behov for tolk:",
        "Andre hjelpeinstanser:",
    ):
        assert heading in text
    assert "Hvorfor Barn Barnesen ikke er orientert:\nSynes det er vanskelig" in text
    assert message.melder_kode(record) == ("11", "")  # Lærer → Skole


def test_private_example_has_no_fnr_and_private_melder_code():
    record = message.parse(
        example("no.ks.fiks.bekymringsmelding.privat.v2"), "no.ks.fiks.bekymringsmelding.privat.v2"
    )
    assert not record.offentlig
    assert all(b.fnr == "" for b in record.barn)
    assert record.barn[0].antatt_alder == "10"
    assert record.barn[0].relasjon == "Nabo, fritekstfelt"
    assert record.foresatte == ()
    assert message.melder_kode(record) == ("4", "")  # a neighbour: Andre privatpersoner


def test_type_guessed_from_content():
    assert message.parse(example("no.ks.fiks.bekymringsmelding.offentlig.v1")).meldingstype.endswith(
        "offentlig.v2"
    )
    assert message.parse(example("no.ks.fiks.bekymringsmelding.privat.v1")).meldingstype.endswith("privat.v2")


def test_schema_errors_are_norwegian_and_name_the_field():
    data = example("no.ks.fiks.bekymringsmelding.offentlig.v2")
    del data["kommunenummer"]
    data["offentligBarn"][0]["ufoedt"] = "nei"
    data["offentligMelder"]["telefonnummer"] = "ring meg"
    data["foresatte"] = []
    with pytest.raises(message.InvalidMessage) as exc:
        message.parse(data, "no.ks.fiks.bekymringsmelding.offentlig.v2")
    assert "meldingen: mangler påkrevd felt «kommunenummer»." in exc.value.errors
    assert "«offentligBarn[0].ufoedt» skal være sann/usann (true/false)." in exc.value.errors
    assert "«offentligMelder.telefonnummer» har ugyldig form: «ring meg»." in exc.value.errors
    assert "«foresatte» må ha minst 1 element." in exc.value.errors


def test_public_body_under_private_type_is_refused():
    with pytest.raises(message.InvalidMessage) as exc:
        message.parse(
            example("no.ks.fiks.bekymringsmelding.offentlig.v2"), "no.ks.fiks.bekymringsmelding.privat.v2"
        )
    assert any("privatMelder" in e for e in exc.value.errors)


def test_unknown_type_bad_json_and_bad_time():
    with pytest.raises(message.InvalidMessage, match="Ukjent meldingstype"):
        message.parse(example("no.ks.fiks.bekymringsmelding.privat.v2"), "no.ks.fiks.annet.v1")
    with pytest.raises(message.InvalidMessage) as exc:
        message.parse(b'{"kommunenummer": "1201",')
    assert "ikke gyldig JSON (linje 1" in exc.value.errors[0]
    data = example("no.ks.fiks.bekymringsmelding.privat.v2")
    data["sendingstidspunkt"] = "i går"
    with pytest.raises(message.InvalidMessage, match="«sendingstidspunkt» er ikke et gyldig tidspunkt"):
        message.parse(data)


def test_private_report_without_children_is_refused():
    data = example("no.ks.fiks.bekymringsmelding.privat.v2")
    data["privatBarn"] = []  # the schema's "minLength" on an array checks nothing; we do
    with pytest.raises(message.InvalidMessage, match="privatBarn"):
        message.parse(data)


def test_time_with_offset_is_kept():
    data = copy.deepcopy(example("no.ks.fiks.bekymringsmelding.privat.v2"))
    data["sendingstidspunkt"] = "2026-06-01T10:00:00Z"
    assert message.parse(data).sendingstidspunkt == datetime(2026, 6, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rolle", "virksomhet", "expected"),
    [
        ("Pedagogisk leder", "Solsikken barnehage", ("9", "")),
        ("Helsesykepleier", "Tynset helsestasjon", ("10", "")),
        ("Politibetjent", "Innlandet politidistrikt", ("8", "")),
        ("Veileder", "NAV Tynset", ("6", "")),
        ("Fastlege", "Alvdal legekontor", ("24", "")),
        ("Konsulent", "Kulturkontoret", ("22", "Konsulent, Kulturkontoret")),
    ],
)
def test_public_melder_code_first_reading(rolle, virksomhet, expected):
    data = example("no.ks.fiks.bekymringsmelding.offentlig.v2")
    data["offentligMelder"]["rolle"] = rolle
    data["offentligMelder"]["virksomhet"]["navn"] = virksomhet
    assert message.melder_kode(message.parse(data)) == expected
