"""``bekymringsmelding.json``: validate against KS's JSON Schemas and read into records.

The four incoming message types are ``no.ks.fiks.bekymringsmelding.{offentlig,privat}.{v1,v2}``;
v2 adds only ``melding.andreSynspunkter`` to the public form (schemas in ``schemas/``, copied unchanged
from ``ks-no/fiks-io-bekymringsmelding-protokoll`` at ``364c1ff``, JSON Schema draft 2019-09).

Two readings of our own, both documented in docs/fiks.md:
- ``sendingstidspunkt`` is declared ``format: date-time`` (RFC 3339, with offset), but KS's own examples
  carry no offset ("2020-03-16T13:29:33"). We accept ISO 8601 with or without offset and read a time
  without offset as Norwegian time (Europe/Oslo). Anything else is refused.
- A file without a message type (``barnevern bekymringsmelding import``) is public when it has
  ``offentligMelder`` and private otherwise, and is validated against v2 (a superset of v1).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from jsonschema import Draft201909Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from barnevern.formats.fiks import INCOMING_TYPES

OSLO = ZoneInfo("Europe/Oslo")
_SCHEMA_FILES = {
    "no.ks.fiks.bekymringsmelding.offentlig.v1": "offentlig.bekymringsmelding.v1.json",
    "no.ks.fiks.bekymringsmelding.offentlig.v2": "v2/offentlig.bekymringsmelding.v2.json",
    "no.ks.fiks.bekymringsmelding.privat.v1": "privat.bekymringsmelding.v1.json",
    "no.ks.fiks.bekymringsmelding.privat.v2": "v2/privat.bekymringsmelding.v2.json",
}
# Both "adresse.json" (v1) and "../adresse.json" (v2) resolve against https://fiks.ks.no/ to this.
_ADRESSE_URI = "https://fiks.ks.no/adresse.json"


class InvalidMessage(ValueError):
    """The message is not a valid bekymringsmelding; ``errors`` are Norwegian, one per finding."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Adresse:
    linje1: str
    linje2: str = ""
    linje3: str = ""
    postnummer: str = ""
    poststed: str = ""

    def tekst(self) -> str:
        lines = [x for x in (self.linje1, self.linje2, self.linje3) if x]
        place = " ".join(x for x in (self.postnummer, self.poststed) if x)
        return ", ".join([*lines, place] if place else lines)


@dataclass(frozen=True, slots=True)
class Melder:
    navn: str
    offentlig: bool
    rolle: str = ""
    telefon: str = ""
    epost: str = ""
    virksomhet: str = ""
    virksomhet_orgnr: str = ""
    adresse: Adresse | None = None


@dataclass(frozen=True, slots=True)
class Barn:
    navn: str
    adresse: Adresse | None
    fnr: str = ""  # public form only
    ufodt: bool = False
    telefon: str = ""
    orientert: bool | None = None
    orientert_grunn: str = ""
    antatt_alder: str = ""  # private form only
    relasjon: str = ""  # private form only: the melder's relation to the child


@dataclass(frozen=True, slots=True)
class Foresatt:
    navn: str
    telefon: str = ""
    orientert: bool | None = None
    orientert_grunn: str = ""


@dataclass(frozen=True, slots=True)
class Bekymringsmelding:
    meldingstype: str
    kommunenummer: str
    kommunenavn: str
    bydelsnummer: str
    bydelsnavn: str
    sendingstidspunkt: datetime  # aware
    leveringskanal: str
    melder: Melder
    barn: tuple[Barn, ...]
    foresatte: tuple[Foresatt, ...]
    melding: str
    historie: str = ""
    andre_synspunkter: str = ""
    behov_for_tolk: str = ""
    andre_hjelpeinstanser: str = ""

    @property
    def offentlig(self) -> bool:
        return ".offentlig." in self.meldingstype

    def tekst(self) -> str:
        """The report's text fields as one journal text, headed in Norwegian, nothing left out."""
        parts = [("Bekymringen", self.melding)]
        parts += [
            ("Historikk", self.historie),
            ("Andre synspunkter", self.andre_synspunkter),
            ("Behov for tolk", self.behov_for_tolk),
            ("Andre hjelpeinstanser", self.andre_hjelpeinstanser),
        ]
        for b in self.barn:
            if b.orientert is False and b.orientert_grunn:
                parts.append((f"Hvorfor {b.navn} ikke er orientert", b.orientert_grunn))
        for f in self.foresatte:
            if f.orientert is False and f.orientert_grunn:
                parts.append((f"Hvorfor {f.navn} ikke er orientert", f.orientert_grunn))
        return "\n\n".join(f"{title}:\n{text.strip()}" for title, text in parts if text and text.strip())


# ---- schemas ------------------------------------------------------------------------------


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("barnevern.formats.fiks").joinpath("schemas", name).read_text("utf-8")
    )
    return data


@cache
def _validator(meldingstype: str) -> Draft201909Validator:
    adresse = Resource.from_contents(_load("adresse.json"))
    registry: Registry = Registry().with_resources([(_ADRESSE_URI, adresse), (adresse.id() or "", adresse)])
    return Draft201909Validator(_load(_SCHEMA_FILES[meldingstype]), registry=registry)


def schema(meldingstype: str) -> dict[str, Any]:
    return _load(_SCHEMA_FILES[meldingstype])


def guess_type(data: Any) -> str:
    """The message type of a body that came without one (a file): public or private, v2."""
    if isinstance(data, dict) and "offentligMelder" in data:
        return "no.ks.fiks.bekymringsmelding.offentlig.v2"
    return "no.ks.fiks.bekymringsmelding.privat.v2"


_TYPE_NAMES = {
    "string": "tekst",
    "object": "et objekt",
    "array": "en liste",
    "boolean": "sann/usann (true/false)",
    "integer": "et heltall",
    "number": "et tall",
}


def _where(error: ValidationError) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "meldingen"


def norwegian(error: ValidationError) -> str:
    """One schema finding as a Norwegian sentence naming the field."""
    where = _where(error)
    v, arg = error.validator, error.validator_value
    items: list[Any] = list(arg) if isinstance(arg, list | tuple) else [arg]
    if v == "required":
        missing = [name for name in items if isinstance(error.instance, dict) and name not in error.instance]
        names = ", ".join(f"«{n}»" for n in missing) or str(arg)
        return f"{where}: mangler påkrevd felt {names}."
    if v == "type":
        wanted = " eller ".join(_TYPE_NAMES.get(str(t), str(t)) for t in items)
        return f"«{where}» skal være {wanted}."
    if v == "pattern":
        return f"«{where}» har ugyldig form: «{str(error.instance)[:60]}»."
    if v == "minItems":
        return f"«{where}» må ha minst {arg} element."
    if v == "maxItems":
        return f"«{where}» kan ha høyst {arg} element."
    return f"«{where}»: {error.message}"  # pragma: no cover - a validator the schemas do not use


def parse_time(text: str) -> datetime:
    """``sendingstidspunkt``: ISO 8601; without an offset it is Norwegian time (see module docs)."""
    try:
        value = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidMessage(
            [f"«sendingstidspunkt» er ikke et gyldig tidspunkt: «{str(text)[:40]}»."]
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=OSLO)


def validate(data: Any, meldingstype: str) -> list[str]:
    """Norwegian findings of ``data`` against the schema of ``meldingstype`` (empty = valid)."""
    if meldingstype not in INCOMING_TYPES:
        return [f"Ukjent meldingstype «{meldingstype}»; kjente typer: {', '.join(INCOMING_TYPES)}."]
    errors = sorted(
        _validator(meldingstype).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]
    )
    found = [norwegian(e) for e in errors]
    if not found:
        try:
            parse_time(data["sendingstidspunkt"])
        except InvalidMessage as exc:
            found += exc.errors
    return found


def loads(raw: bytes | str) -> Any:
    """JSON text → Python, with a Norwegian error naming line and column."""
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise InvalidMessage(["bekymringsmelding.json er ikke UTF-8-tekst."]) from None
    except json.JSONDecodeError as exc:
        raise InvalidMessage(
            [
                f"bekymringsmelding.json er ikke gyldig JSON (linje {exc.lineno}, "
                f"kolonne {exc.colno}): {exc.msg}."
            ]
        ) from None


def parse(raw: bytes | str | dict[str, Any], meldingstype: str | None = None) -> Bekymringsmelding:
    """Validate and read one message. Raises ``InvalidMessage`` with every finding."""
    data = raw if isinstance(raw, dict) else loads(raw)
    meldingstype = meldingstype or guess_type(data)
    errors = validate(data, meldingstype)
    if errors:
        raise InvalidMessage(errors)
    return _read(data, meldingstype)


def _adresse(data: dict[str, Any] | None) -> Adresse | None:
    if not data:
        return None
    return Adresse(
        linje1=data.get("adresselinje1", ""),
        linje2=data.get("adresselinje2", ""),
        linje3=data.get("adresselinje3", ""),
        postnummer=data.get("postnummer", ""),
        poststed=data.get("poststed", ""),
    )


def _read(data: dict[str, Any], meldingstype: str) -> Bekymringsmelding:
    offentlig = ".offentlig." in meldingstype
    if offentlig:
        m = data["offentligMelder"]
        virksomhet = m["virksomhet"]
        melder = Melder(
            navn=m["personnavn"],
            offentlig=True,
            rolle=m["rolle"],
            telefon=m["telefonnummer"],
            epost=m["epost"],
            virksomhet=virksomhet["navn"],
            virksomhet_orgnr=virksomhet.get("orgnr", ""),
            adresse=_adresse(virksomhet.get("adresse")),
        )
        barn = tuple(
            Barn(
                navn=b["personnavn"],
                adresse=_adresse(b.get("adresse")),
                fnr=b["fnr"].strip(),
                ufodt=b["ufoedt"],
                telefon=b.get("telefonnummer", ""),
                orientert=b["orientert"],
                orientert_grunn=b.get("orientertGrunn", ""),
            )
            for b in data["offentligBarn"]
        )
        foresatte = tuple(
            Foresatt(
                navn=f["personnavn"],
                telefon=f.get("telefonnummer", ""),
                orientert=f["orientert"],
                orientert_grunn=f.get("orientertGrunn", ""),
            )
            for f in data["foresatte"]
        )
        tekst = data["melding"]
        melding, historie, andre = tekst["melding"], tekst["historie"], tekst.get("andreSynspunkter", "")
    else:
        m = data["privatMelder"]
        melder = Melder(
            navn=m["personnavn"],
            offentlig=False,
            telefon=m.get("telefonnummer", ""),
            adresse=_adresse(m.get("adresse")),
        )
        barn = tuple(
            Barn(
                navn=b["personnavn"],
                adresse=_adresse(b.get("adresse")),
                antatt_alder=b.get("antattAlder", ""),
                relasjon=b.get("relasjon", ""),
            )
            for b in data["privatBarn"]
        )
        foresatte = ()
        melding, historie, andre = data["melding"], "", ""
    if not barn:  # the private schema says "minLength" on an array, which checks nothing
        raise InvalidMessage(["«privatBarn» må ha minst 1 element."])
    return Bekymringsmelding(
        meldingstype=meldingstype,
        kommunenummer=data["kommunenummer"],
        kommunenavn=data["kommunenavn"],
        bydelsnummer=data["bydelsnummer"],
        bydelsnavn=data["bydelsnavn"],
        sendingstidspunkt=parse_time(data["sendingstidspunkt"]),
        leveringskanal=data["leveringskanal"],
        melder=melder,
        barn=barn,
        foresatte=foresatte,
        melding=melding,
        historie=historie,
        andre_synspunkter=andre,
        behov_for_tolk=data.get("behovForTolk", ""),
        andre_hjelpeinstanser=data.get("andreHjelpeinstanser", ""),
    )


# ---- BVR melder code -----------------------------------------------------------------------

# BVR /Barnevern/Sak/Melding/Melder/@Kode from the public melder's role and workplace (free text in
# the form). A first reading for the case worker to confirm at the review of the melding; no match
# gives 22 "Andre offentlige instanser" with the role as presisering (the code requires one).
_Keywords = tuple[tuple[tuple[str, ...], str], ...]
_OFFENTLIG_KEYWORDS: _Keywords = (
    (("barnehage",), "9"),
    (("helsestasjon", "helsesøster", "helsesykepleier", "skolehelse", "jordmor"), "10"),
    (("ppt", "pedagogisk-psykologisk"), "12"),
    (("bup", "barne- og ungdomspsykiatri", "psykisk helsevern for barn"), "13"),
    (("lærer", "skole", "rektor", "sfo", "miljøarbeider"), "11"),
    (("politi", "lensmann"), "8"),
    (("nav",), "6"),
    (("barnevernsvakt",), "7"),
    (("barneverntjeneste", "barnevernstjeneste"), "5"),
    (("krisesenter",), "18"),
    (("familievern",), "16"),
    (("asylmottak", "udi"), "19"),
    (("tannlege",), "25"),
    (("lege", "sykehus", "legevakt"), "24"),
    (("fritidsklubb", "utekontakt"), "20"),
)
_PRIVAT_KEYWORDS: _Keywords = (
    (("mor", "far", "forelder", "foreldre", "foresatt", "mamma", "pappa", "stemor", "stefar"), "2"),
    (("bestemor", "bestefar", "besteforelder", "tante", "onkel", "søsken", "bror", "søster", "familie"), "3"),
    (("meg selv", "barnet selv", "jeg er barnet"), "1"),
)


def _short_match(key: str, words: set[str]) -> bool:
    """A short keyword (lege, nav, ppt) as a whole word or the start/end of one (fastlege, legekontor)."""
    return any(w == key or w.startswith(key) or w.endswith(key) for w in words)


def melder_kode(melding: Bekymringsmelding, on_or_after_2025: bool = True) -> tuple[str, str]:
    """(BVR melder code, presisering) as a first reading; see the keyword tables above."""
    if melding.offentlig:
        text = f"{melding.melder.rolle} {melding.melder.virksomhet}".lower()
        words = set(text.replace(",", " ").replace("/", " ").split())
        for keys, code in _OFFENTLIG_KEYWORDS:
            if any(_short_match(k, words) if len(k) <= 4 else (k in text) for k in keys):
                if code in {"24", "25"} and not on_or_after_2025:
                    return "15", ""
                return code, ""
        presisering = ", ".join(x for x in (melding.melder.rolle, melding.melder.virksomhet) if x)
        return "22", presisering or "Offentlig melder"
    relasjon = " ".join(b.relasjon for b in melding.barn).lower()
    words = set(relasjon.replace(",", " ").replace("/", " ").split())
    for keys, code in _PRIVAT_KEYWORDS:
        if any((k in words) if " " not in k else (k in relasjon) for k in keys):
            return code, ""
    return "4", ""
