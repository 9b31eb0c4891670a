from pathlib import Path

import pytest
from lxml import etree

from barnevern.formats import xsd
from barnevern.formats.xmlsafe import parse_bytes, parse_file
from tests.paths import ssb

SAMPLES = Path(__file__).resolve().parent / "samples"


CONSTRUCTED = ssb("examples", "constructed", "bvr_v4_sak_example.xml")


@pytest.mark.parametrize("key", sorted(xsd.SCHEMA_FILES))
def test_every_schema_loads_from_the_package(key):
    assert isinstance(xsd.load_schema(key), etree.XMLSchema)


def test_schemas_are_cached():
    assert xsd.load_schema("bvr-v4") is xsd.load_schema("bvr-v4")


def test_unknown_schema_key_names_the_known_ones():
    with pytest.raises(xsd.UnknownSchema, match="bvr-v4"):
        xsd.load_schema("bvr-v2")


def test_constructed_sample_is_valid_v4_only():
    tree = parse_file(CONSTRUCTED)
    assert xsd.validate_xsd(tree, "bvr-v4") == []
    errors = xsd.validate_xsd(tree, "bvr-v3")
    assert errors  # Kunnskapsmodellen codes and BarnetsMedvirkning are new in v4
    assert all(e.line and e.original for e in errors)
    assert any("BarnetsMedvirkning" in e.message for e in errors)


def test_all_elements_sample_is_valid_v4():
    assert xsd.validate_xsd(parse_file(SAMPLES / "bvr_v4_all_elements.xml"), "bvr-v4") == []


def test_15f_include_is_resolved_and_reports_errors_in_norwegian():
    tree = parse_file(
        ssb(
            "examples",
            "kostra-15f",
            "Testfil_05_FEIL_2020_15F_for_3401_feil_i_melding_mangler_kode.xml",
        )
    )
    errors = xsd.validate_xsd(tree, "15f")
    assert [(e.line, e.message) for e in errors] == [
        (7, "Elementet «Melder» mangler det påkrevde attributtet «Kode».")
    ]


def test_15f_ok_file_is_valid():
    tree = parse_file(ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml"))
    assert xsd.validate_xsd(tree, "15f") == []


def test_one_individ_can_be_validated_on_its_own():
    tree = parse_file(ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml"))
    individ = tree.getroot().find("Individ")
    assert xsd.validate_xsd(etree.ElementTree(individ), "15f-individ") == []
    assert xsd.is_valid(etree.ElementTree(tree.getroot().find("Avgiver")), "15f-avgiver")


def test_error_str_names_the_line():
    error = xsd.XsdError(3, None, "Noe er feil.", "Something is wrong.")
    assert str(error) == "linje 3: Noe er feil."
    assert str(xsd.XsdError(None, None, "Uten linje.")) == "Uten linje."


BAD = b"""<Barnevern Id="x" DatoUttrekk="2026-01-01">
<Fagsystem Leverandor="ab" Navn="n" Versjon="1" Ukjent="1"/>
<Sak/>
</Barnevern>"""


def test_errors_of_a_broken_document_are_all_reported_with_lines():
    errors = xsd.validate_xsd(parse_bytes(BAD, "bad.xml"), "bvr-v4")
    messages = [(e.line, e.message) for e in errors]
    assert (
        1,
        "Attributtet «Id» på elementet «Barnevern»: verdien «x» er ikke en gyldig UUID (versjon 1–5).",
    ) in messages
    assert (
        1,
        "Attributtet «DatoUttrekk» på elementet «Barnevern»: verdien «2026-01-01» er ikke gyldig; "
        "forventet tidspunkt med sekunder og tidssone, f.eks. 2026-06-30T02:00:00+02:00.",
    ) in messages
    assert (2, "Attributtet «Ukjent» er ikke tillatt på elementet «Fagsystem».") in messages
    assert (
        2,
        "Attributtet «Leverandor» på elementet «Fagsystem»: verdien «ab» har 2 tegn; tillatt er minst 3.",
    ) in messages
    assert (
        3,
        "Elementet «Sak» er ikke tillatt her (feil rekkefølge eller ukjent element); forventet «Avgiver».",
    ) in messages


@pytest.mark.parametrize(
    ("original", "norwegian"),
    [
        (
            "Element 'Melding': This element is not expected. Expected is one of ( Personalia, Undersokelse ).",
            "Elementet «Melding» er ikke tillatt her (feil rekkefølge eller ukjent element); forventet «Personalia», «Undersokelse».",
        ),
        (
            "Element 'Foo': This element is not expected.",
            "Elementet «Foo» er ikke tillatt her (feil rekkefølge eller ukjent element).",
        ),
        (
            "Element 'Tiltak': Missing child element(s). Expected is ( Kategori ).",
            "Elementet «Tiltak» mangler underelement: «Kategori».",
        ),
        (
            "Element 'Melder', attribute 'Kode': [facet 'enumeration'] The value '99' is not an element of the set {'1', '2'}.",
            "Attributtet «Kode» på elementet «Melder»: verdien «99» er ikke en gyldig kode.",
        ),
        (
            "Element 'Avgiver', attribute 'Kommunenummer': [facet 'pattern'] The value '12' is not accepted by the pattern '\\d{4}'.",
            "Attributtet «Kommunenummer» på elementet «Avgiver»: verdien «12» har feil format (mønster \\d{4}).",
        ),
        (
            "Element 'Sak', attribute 'Journalnummer': [facet 'maxLength'] The value 'x' has a length of '40'; this exceeds the allowed maximum length of '36'.",
            "Attributtet «Journalnummer» på elementet «Sak»: verdien «x» har 40 tegn; tillatt er høyst 36.",
        ),
        (
            "Element 'Sak', attribute 'Id': [facet 'length'] The value 'x' has a length of '1'; this differs from the allowed length of '36'.",
            "Attributtet «Id» på elementet «Sak»: verdien «x» har 1 tegn; tillatt er nøyaktig 36.",
        ),
        (
            "Element 'Sak', attribute 'StartDato': '2026-13-01' is not a valid value of the atomic type 'xs:date'.",
            "Attributtet «StartDato» på elementet «Sak»: verdien «2026-13-01» er ikke gyldig; forventet en dato (ÅÅÅÅ-MM-DD).",
        ),
        (
            "Element 'StartDato': 'i går' is not a valid value of the atomic type 'xs:date'.",
            "Elementet «StartDato»: verdien «i går» er ikke gyldig; forventet en dato (ÅÅÅÅ-MM-DD).",
        ),
        (
            "Element 'Sak', attribute 'Avsluttet': 'ja' is not a valid value of the atomic type 'xs:boolean'.",
            "Attributtet «Avsluttet» på elementet «Sak»: verdien «ja» er ikke gyldig; forventet true eller false.",
        ),
        (
            "Element 'Melding': Duplicate key-sequence ['abc'] in unique identity-constraint 'MeldingIdUnique'.",
            "Id «abc» er brukt på flere «Melding»-elementer i samme sak (entydighetskrav MeldingIdUnique).",
        ),
        (
            "Element 'Sak': Character content other than whitespace is not allowed because the content type is 'element-only'.",
            "Elementet «Sak» kan ikke inneholde tekst, bare underelementer.",
        ),
        (
            "Element 'Foo': No matching global declaration available for the validation root.",
            "Rotelementet «Foo» er ikke kjent i skjemaet; filen har feil format.",
        ),
        (
            "Something libxml2 says that we do not know.",
            "Something libxml2 says that we do not know.",
        ),
    ],
)
def test_translation_of_libxml2_messages(original, norwegian):
    assert xsd.translate(original) == norwegian


def test_duplicate_ids_are_reported():
    data = CONSTRUCTED.read_bytes().replace(
        b'<Relasjon Id="10398369-1476-4d28-8286-db41b844737e"',
        b'<Relasjon Id="85301e2e-425d-4de8-b8dc-096eddca8404"',
    )
    errors = xsd.validate_xsd(parse_bytes(data, "dup.xml"), "bvr-v4")
    assert len(errors) == 1
    assert errors[0].message.startswith(
        "Id «85301e2e-425d-4de8-b8dc-096eddca8404» er brukt på flere «Relasjon»-elementer"
    )


def test_include_outside_the_package_is_refused(tmp_path):
    outside = tmp_path / "x.xsd"
    outside.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:include schemaLocation="/etc/passwd"/></xs:schema>'
    )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(xsd._PackageResolver())
    with pytest.raises(OSError, match="utenfor pakken"):
        etree.parse(str(outside), parser=parser)
