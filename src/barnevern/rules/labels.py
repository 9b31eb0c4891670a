"""Short Norwegian display labels for SSB's BVR codes, legal bases and municipalities.

SSB's code-list titles (``barnevern.rules.codes``, from ``Kodelister.md`` of
statisticsnorway/barn-barnevern-xsd) are written for the register, not for a case page:
«Ikke henlagt – konklusjonsdato melding (eventuelt 7 dager etter mottatt melding) er
startdato undersøkelse», and markdown such as «*(tidligere BVL1992 § 4-5)*» with literal
asterisks. This module keeps SSB's title for exports (:func:`ssb_label`) and gives pages a
short label a case worker would write (:func:`display`). No Django here; the template filters
``kode``, ``kode_ssb``, ``hjemmel`` and ``kommune`` (``organisation.templatetags.kodeverk``)
sit on top.

API (announced in /work/TEAM.md):

* ``display(list_key, code)`` → «Undersøkelse åpnet»; unknown codes come back as the code;
* ``display_with_code(list_key, code)`` → «2 Undersøkelse åpnet» (forms, exports for people);
* ``ssb_label(list_key, code)`` → SSB's title unchanged (XML, CSV, control reports);
* ``clean_title(title)`` → SSB's title without markdown asterisks, «(krever presisering)» and
  long explanatory parentheses (the fallback for codes without a short label);
* ``lovhjemmel_label(lov, kapittel, paragraf, ledd=())`` → «bvl. § 4-2», «bvl. 1992 § 4-6
  annet ledd», «barneloven § 43»; ``hjemmel_label(lovhjemmel)`` does the same for a
  ``barnevern.records.Lovhjemmel`` (or anything with those attributes);
* ``kommune_label(nummer, navn)`` → «3428 Alvdal» (the number alone only when no name is known).

``DISPLAY`` holds a label for every code of the lists shown on pages (:data:`PAGE_LISTS`);
a test checks that none is missing, none has asterisks and none is longer than 50 characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from barnevern.rules import codes

__all__ = [
    "DISPLAY",
    "LAW_NAMES",
    "PAGE_LISTS",
    "clean_title",
    "display",
    "display_with_code",
    "hjemmel_label",
    "kommune_label",
    "lovhjemmel_label",
    "ssb_label",
]

PAGE_LISTS: tuple[str, ...] = (
    "melder",
    "saksinnhold",
    "melding_konklusjon",
    "medvirkning",
    "utvidet_frist",
    "undersokelse_konklusjon",
    "plantype",
    "kategori",
    "opphevelse",
    "vedtak_status",
    "krav_konklusjon",
    "ettervern_konklusjon",
    "arsak_fra",
    "flytting_til",
    "kjonn",
    "lov",
    "tilsyn_hyppighet",
    "oppfolging_hyppighet",
)
"""Code lists whose codes appear on pages (case page, worklist, forms, reports)."""

DISPLAY: dict[str, dict[str, str]] = {
    "melder": {
        "1": "Barnet selv",
        "2": "Foreldre/foresatte",
        "3": "Familie ellers",
        "4": "Annen privatperson",
        "5": "Barnevernstjenesten",
        "6": "NAV",
        "7": "Barnevernsvakt",
        "8": "Politi",
        "9": "Barnehage",
        "10": "Helsestasjon/skolehelsetjeneste",
        "11": "Skole",
        "12": "PPT",
        "13": "Psykisk helsevern barn og unge",
        "14": "Psykisk helsevern voksne",
        "15": "Lege/sykehus/tannlege",
        "24": "Lege/sykehus",
        "25": "Tannlege",
        "16": "Familievernkontor",
        "17": "Rustjeneste",
        "18": "Krisesenter",
        "19": "Asylmottak/UDI",
        "20": "Utekontakt/fritidsklubb",
        "21": "Frivillig organisasjon/idrettslag",
        "22": "Annen offentlig instans",
        "23": "Anonym",
    },
    "saksinnhold": {
        "1": "Foreldres somatiske sykdom",
        "2": "Foreldres psykiske problemer",
        "3": "Foreldres rusmisbruk",
        "4": "Manglende foreldreferdigheter",
        "20": "Manglende beskyttelse av barnet",
        "21": "Manglende stimulering og regulering",
        "22": "Manglende sensitivitet og tilgjengelighet",
        "23": "Manglende oppfølging av barnehage/skole",
        "24": "Konflikt mellom foreldre som bor hver for seg",
        "28": "Manglende oppfølging av helsetjenester",
        "29": "Foreldres kognitive vansker",
        "31": "Foreldres vedvarende lavinntekt",
        "5": "Foreldres kriminalitet",
        "6": "Høy grad av konflikt hjemme",
        "7": "Vold i hjemmet",
        "8": "Manglende grunnleggende omsorg",
        "9": "Fysisk vold mot barnet",
        "10": "Psykisk vold mot barnet",
        "11": "Seksuelle overgrep mot barnet",
        "12": "Barnet mangler omsorgsperson",
        "13": "Barnets nedsatte funksjonsevne",
        "14": "Barnets psykiske problemer",
        "15": "Barnets rusmisbruk",
        "16": "Barnets atferd/kriminalitet",
        "17": "Barnets relasjonsvansker",
        "25": "Barnets atferd",
        "26": "Barnets kriminelle handlinger",
        "27": "Menneskehandel",
        "30": "Barnets kognitive vansker",
        "32": "Negativ sosial kontroll",
        "33": "Ung voksen uten dagaktivitet",
        "34": "Ung voksen uten støtte fra familien",
        "35": "Ung voksen uten nettverk",
        "36": "Behov for hjelp mot andre tjenester",
        "18": "Andre forhold ved foreldre/familien",
        "19": "Andre forhold ved barnets situasjon",
        "1.3.11": "Barn som begår straffbare handlinger",
        "2.4.01": "Æresrelatert vold og negativ sosial kontroll",
        "2.4.03": "Alvorlige konflikter mellom foreldre",
        "2.4.07": "Seksuelle overgrep og seksuell utnyttelse",
        "2.4.09": "Vold og overgrep fra jevnaldrende",
        "3.2.02": "Fattigdom",
        "3.3.04": "Minoritetsspråklige familier",
    },
    "melding_konklusjon": {
        "1": "Henlagt",
        "2": "Undersøkelse åpnet",
        "3": "Henlagt – aktive tiltak",
        "4": "Tatt inn i pågående undersøkelse",
        "5": "Henlagt – flyttet utenlands",
        "6": "Henlagt – flyttet til ukjent sted",
        "7": "Overført – flyttet til annen kommune",
        "8": "Overført til annen etat",
        "9": "Henlagt – annen lov",
        "10": "Henlagt – andre grunner",
    },
    "medvirkning": {
        "1.1": "Samtale med barnet",
        "1.2": "Gjennom representant",
        "1.3": "Observasjon",
        "1.4": "Andre uttrykk",
        "2.1": "Ikke fått anledning",
        "2.2": "Barnet ønsket ikke",
    },
    "utvidet_frist": {"1": "Innvilget", "2": "Avslått"},
    "undersokelse_konklusjon": {
        "1": "Vedtak om tiltak",
        "2": "Begjæring til nemnda",
        "3": "Henlagt – barnevernets vurdering",
        "4": "Henlagt – partene ønsket ikke tiltak",
        "5": "Henlagt – flytting",
        "6": "Henlagt – henvist til annen instans",
        "7": "Henlagt – flyttet utenlands",
        "8": "Henlagt – flyttet til ukjent sted",
        "9": "Henlagt – flyttet til annen kommune",
    },
    "plantype": {
        "1": "Tiltaksplan (§ 8-1)",
        "2": "Tiltaksplan, atferd (§ 8-4)",
        "3": "Foreløpig omsorgsplan (1992 § 4-15)",
        "4": "Omsorgsplan (§ 8-3)",
        "5": "Tiltaksplan, ettervern (§ 8-5)",
        "6": "Samværsplan (§ 7-6)",
        "7": "Undersøkelsesplan (§ 2-2)",
        "8": "Undersøkelsesplan etter akuttvedtak (§ 8-2)",
    },
    "kategori": {
        "1.1": "Barnevernsinstitusjon",
        "1.2": "Institusjon etter annen lov",
        "1.99": "Annet institusjonstiltak",
        "2.1": "Fosterhjem i familie/nettverk",
        "2.2": "Fosterhjem utenfor familie/nettverk",
        "2.3": "Spesialisert fosterhjem",
        "2.4": "Fosterhjem etter § 6-3 (atferd)",
        "2.5": "Beredskapshjem",
        "2.6": "Midlertidig hjem i familie/nettverk",
        "2.99": "Annet fosterhjemstiltak",
        "3.1": "MST",
        "3.2": "PMTO",
        "3.3": "FFT",
        "3.4": "De utrolige årene",
        "3.5": "ICDP",
        "3.6": "Marte Meo",
        "3.7": "Annet hjemmebasert tiltak",
        "3.8": "Senter for foreldre og barn",
        "3.9": "Råd og veiledning",
        "3.10": "Hjemmekonsulent/miljøarbeider",
        "3.99": "Annet tiltak for foreldreferdigheter",
        "4.1": "Barnehage",
        "4.2": "SFO/aktivitetsskole",
        "4.3": "Fritidsaktiviteter",
        "4.4": "Økonomisk hjelp",
        "4.5": "Besøkshjem/avlastning",
        "4.6": "Støttekontakt",
        "4.7": "Samtalegruppe/barnegruppe",
        "4.8": "Utdanning og arbeid",
        "4.9": "ART",
        "4.99": "Annet tiltak for barnets utvikling",
        "5.1": "Frivillig tilsyn i hjemmet",
        "5.2": "Pålagt tilsyn i hjemmet",
        "5.3": "Tilsyn under samvær",
        "5.4": "Ruskontroll",
        "5.99": "Annet tilsyn/kontroll",
        "6.1": "Familieråd",
        "6.2": "Nettverksmøter",
        "6.3": "Individuell plan",
        "6.4": "Ansvarsgruppe",
        "6.99": "Annet nettverksarbeid/samarbeid",
        "7.1": "Medisinsk undersøkelse og behandling",
        "7.2": "Behandling, særlige opplæringsbehov",
        "7.3": "Psykisk helsehjelp",
        "7.99": "Annen undersøkelse/behandling",
        "8.1": "Økonomisk hjelp til bolig/hybel",
        "8.2": "Bolig med oppfølging",
        "8.3": "Botreningskurs",
        "8.4": "Kommunalt botiltak med døgnbemanning",
        "8.5": "Kommunalt botiltak uten døgnbemanning",
        "8.99": "Annet tiltak (ikke plassering)",
    },
    "opphevelse": {
        "1": "Tilbakeført til foreldrene",
        "2": "Fylt 18 år",
        "3": "Adopsjon",
        "4": "Annet",
    },
    "vedtak_status": {
        "1": "Godkjent",
        "2": "Begjæring sendt nemnda",
        "3": "Bortfalt",
        "4": "Avslått/avsluttet",
    },
    "krav_konklusjon": {"1": "Sendt nemnda", "2": "Krav bortfalt", "9": "Annet"},
    "ettervern_konklusjon": {
        "1": "Takket ja",
        "2": "Takket nei, ønsket annet tiltak",
        "3": "Avsluttet etter eget ønske",
    },
    "arsak_fra": {
        "1.1.1": "Omsorgsplasseringen opphører",
        "1.1.2": "Barnet blir myndig",
        "1.1.3": "Fosterhjemmet dekker ikke behovene",
        "1.1.4": "Behov for annet plasseringssted",
        "1.1.5": "Fosterhjem: andre grunner",
        "1.2.1": "Behov fosterforeldrene ikke kan dekke",
        "1.2.2": "Endring hos fosterforeldrene",
        "1.2.3": "Fosterforeldre: andre grunner",
        "1.3": "Flytter med fosterforeldrene",
        "2.1": "Avsluttet etter plan",
        "2.2": "Institusjonen dekker ikke behovene",
        "2.3": "Behov for annen plassering",
        "2.4": "Myndig, flytter selv ut",
        "2.5": "Barnet trekker samtykket",
        "2.6": "Foreldrene trekker samtykket",
        "2.7": "Ikke medhold i nemnda",
        "2.8": "Uenighet med Bufetat",
        "2.9": "Institusjon: andre grunner",
    },
    "flytting_til": {
        "1": "Fosterhjem i familie/nettverk",
        "2": "Fosterhjem utenfor familie/nettverk",
        "3": "Beredskapshjem",
        "4": "Barnevernsinstitusjon",
        "5": "Bolig med oppfølging",
        "6": "Foreldre",
        "7": "Egen bolig uten oppfølging",
        "8": "Annet bosted",
        "9": "Adresseendring",
    },
    "kjonn": {"0": "Ufødt", "1": "Gutt", "2": "Jente"},
    "lov": {"BVL": "bvl. 1992", "BVL2021": "bvl.", "BL1981": "barneloven"},
    "tilsyn_hyppighet": {"4": "4 i året", "2": "2 i året (redusert)"},
    "oppfolging_hyppighet": {"4": "4 i året", "2": "2 i året (redusert)"},
}

LAW_NAMES = {"BVL": "bvl. 1992", "BVL2021": "bvl.", "BL1981": "barneloven"}
"""How a legal basis is cited on pages: barnevernsloven 2021 plainly as «bvl.», the 1992
act with its year (in force to 2022-12-31), barneloven by name."""

_ORDINALS = {
    "1": "første",
    "2": "annet",
    "3": "tredje",
    "4": "fjerde",
    "5": "femte",
    "6": "sjette",
    "7": "sjuende",
    "8": "åttende",
    "9": "niende",
    "10": "tiende",
}
_MARKDOWN_PAREN = re.compile(r"\s*\*\((.*?)\)\*")
_PRESISERING = re.compile(r"\s*\(krever presisering\)", re.IGNORECASE)
_LONG_PAREN = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")


def _drop_explanation(match: re.Match[str]) -> str:
    """Drop a parenthesis of more than 30 characters unless it spells out an acronym."""
    inner = match.group(0).strip()
    before = match.string[: match.start()].split()
    acronym = bool(before) and before[-1].isupper() and len(before[-1]) >= 2
    return match.group(0) if acronym or len(inner) <= 30 else ""


def clean_title(title: str) -> str:
    """SSB's title made fit for a page: «*(tidligere BVL1992 § 4-5)*» becomes «(tidligere
    bvl. 1992 § 4-5)», «(krever presisering)» and explanations in parentheses longer than
    30 characters are dropped (not the expansion of an acronym, «ICDP (International Child
    Development Program)»), and whitespace is normalised."""
    text = _MARKDOWN_PAREN.sub(lambda m: f" ({m.group(1)})", title)
    text = _PRESISERING.sub("", text)
    text = _LONG_PAREN.sub(_drop_explanation, text)
    text = text.replace("*", "")
    text = text.replace("BVL1992", "bvl. 1992").replace("BVL2021", "bvl.").replace("BVL 2021", "bvl.")
    return re.sub(r"\s+", " ", text).strip(" ;,")


def ssb_label(list_key: str, code: str | None) -> str:
    """SSB's title unchanged, for exports and control reports (``""`` for ``None``)."""
    return codes.title(list_key, code)


def display(list_key: str, code: str | None) -> str:
    """The short label of ``code`` for pages; unknown codes come back as the code itself."""
    if code is None or code == "":
        return ""
    code = str(code).strip()
    key = codes.ALIASES.get(list_key, list_key)
    short = DISPLAY.get(key, {}).get(code)
    if short:
        return short
    found = codes.lookup(list_key, code)
    return clean_title(found.title) if found else code


def display_with_code(list_key: str, code: str | None) -> str:
    """«code label», e.g. «2.5 Beredskapshjem» (the code alone when no label is known)."""
    if code is None or code == "":
        return ""
    label = display(list_key, code)
    return f"{code} {label}" if label and label != str(code).strip() else str(code).strip()


def lovhjemmel_label(
    lov: str, kapittel: str, paragraf: str, ledd: Iterable[str] = (), bokstav: Iterable[str] = ()
) -> str:
    """«bvl. § 4-2», «bvl. 1992 § 4-6 annet ledd», «bvl. § 3-1 første og annet ledd»."""
    law = LAW_NAMES.get(lov, lov)
    text = f"{law} § {kapittel}-{paragraf}"
    ledd = [str(x).strip() for x in ledd if str(x).strip()]
    if ledd:
        words = [_ORDINALS.get(x, f"{x}.") for x in ledd]
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]
        text += f" {joined} ledd"
    letters = [str(x).strip() for x in bokstav if str(x).strip()]
    if letters:
        text += " bokstav " + ", ".join(letters)
    return text


def hjemmel_label(lovhjemmel: object | None) -> str:
    """:func:`lovhjemmel_label` for a record with ``lov``, ``kapittel``, ``paragraf``, ``ledd``."""
    if lovhjemmel is None:
        return ""
    return lovhjemmel_label(
        getattr(lovhjemmel, "lov", ""),
        getattr(lovhjemmel, "kapittel", ""),
        getattr(lovhjemmel, "paragraf", ""),
        getattr(lovhjemmel, "ledd", ()) or (),
        getattr(lovhjemmel, "bokstav", ()) or (),
    )


def kommune_label(nummer: str | None, navn: str | None = None) -> str:
    """«3428 Alvdal»; the number alone when no name is known, ``""`` for no number."""
    if not nummer:
        return ""
    nummer = str(nummer).strip()
    return f"{nummer} {navn.strip()}" if navn and navn.strip() else nummer
