"""Ledger import in two phases: validate every row into typed values, then store all at once.

Phase 1 (:func:`validate`) reads the file (``readers``), finds the header row, and turns
every row into typed values, collecting Norwegian errors that name the row and the column
(«Rad 14, kolonne «Beløp»: «12,3,4» er ikke et gyldig beløp»). Phase 2 (:func:`store`)
runs only when there are no errors, in one ``transaction.atomic()``: all rows or none.

Client-related costs are attributed to the municipality where the child lived on the
cost date (``SakRecord.kommune_on`` from the case's ``Bosted``) when a journal number is
given; otherwise the «Kommune» column decides.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from barnevern.audit.services import log
from barnevern.economy import models as em
from barnevern.economy.readers import ReadError, read_rows
from barnevern.organisation.models import Kommune, Tjeneste
from barnevern.rules.money import MoneyError, parse_nok, to_ore

Kind = em.Importbunt.Art
MAX_ERRORS = 200
HEADER_SEARCH_ROWS = 20
FLOAT_NOISE = Decimal("0.000001")


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    header: str  # default column header
    required: bool = True


FIELDS: dict[str, tuple[Field, ...]] = {
    Kind.FELLES: (
        Field("maned", "Måned"),
        Field("kategori", "Kategori"),
        Field("belop", "Beløp"),
        Field("tekst", "Tekst", False),
    ),
    Kind.KLIENT: (
        Field("dato", "Dato"),
        Field("kategori", "Kategori"),
        Field("belop", "Beløp"),
        Field("tekst", "Tekst", False),
        Field("kommune", "Kommune", False),
        Field("journalnummer", "Journalnummer", False),
    ),
    Kind.BUDSJETT: (Field("ar", "År"), Field("kategori", "Kategori"), Field("belop", "Beløp")),
    Kind.INNBETALING: (
        Field("dato", "Dato"),
        Field("kommune", "Kommune"),
        Field("belop", "Beløp"),
        Field("tekst", "Tekst", False),
    ),
}
FIELD_LABELS = {f.name: f.header for fields in FIELDS.values() for f in fields}


class ImportFailure(ValueError):
    """The import cannot go ahead; the message is Norwegian."""


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Rad {self.row}" + (f", kolonne «{self.column}»" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(slots=True)
class Validated:
    kind: str
    filename: str
    sha256: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    saker: dict[str, Any] = field(default_factory=dict)  # journalnummer -> Sak

    @property
    def ok(self) -> bool:
        return not self.errors


class CellError(ValueError):
    pass


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def _slug(text: str) -> str:
    """«Opplæring» -> «opplaering»: how category codes are spelt."""
    return _norm(text).replace("æ", "ae").replace("ø", "o").replace("å", "a").replace(" ", "_")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_amount(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"«{value}» er ikke et gyldig beløp")
    if isinstance(value, int | Decimal | float):
        amount = Decimal(str(value))
        # A spreadsheet formula may leave binary noise (1234.5600000000001): accept it when it
        # is within a millionth of a whole øre; real fractions of an øre are refused.
        tolerance = FLOAT_NOISE if isinstance(value, float) else Decimal(0)
        if abs(to_ore(amount) - amount) > tolerance:
            raise CellError(f"«{value}» har mer enn to desimaler (øre)")
        return to_ore(amount)
    text = _text(value)
    if not text:
        raise CellError("beløpet mangler")
    try:
        return to_ore(parse_nok(text))
    except MoneyError:
        raise CellError(f"«{text}» er ikke et gyldig beløp") from None


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%Y%m%d")


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        raise CellError("datoen mangler")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(f"«{text}» er ikke en gyldig dato (skriv dd.mm.åååå)")


_MONTH_PATTERNS = (
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), (1, 2)),  # 2022-07
    (re.compile(r"^(\d{1,2})[-/.](\d{4})$"), (2, 1)),  # 07.2022
    (re.compile(r"^(\d{4})(\d{2})$"), (1, 2)),  # 202207
)


def parse_month(value: Any) -> date:
    if isinstance(value, datetime | date):
        return parse_date(value).replace(day=1)
    text = _text(value)
    if not text:
        raise CellError("måneden mangler")
    for pattern, (y, m) in _MONTH_PATTERNS:
        match = pattern.match(text)
        if match and 1 <= int(match.group(m)) <= 12:
            return date(int(match.group(y)), int(match.group(m)), 1)
    try:
        return parse_date(text).replace(day=1)
    except CellError:
        raise CellError(f"«{text}» er ikke en gyldig måned (skriv mm.åååå)") from None


def parse_year(value: Any) -> int:
    text = _text(value)
    if not re.fullmatch(r"\d{4}", text) or not 2000 <= int(text) <= 2100:
        raise CellError(f"«{text}» er ikke et gyldig år" if text else "året mangler")
    return int(text)


class Lookups:
    """Categories, member municipalities and cases of the service, loaded once."""

    def __init__(self, tjeneste: Tjeneste) -> None:
        self.tjeneste = tjeneste
        self.categories = list(em.Kostnadskategori.objects.all())
        self.host = tjeneste.vertskommune.nummer
        numbers = tjeneste.kommunenumre()
        self.kommuner = dict(Kommune.objects.filter(nummer__in=numbers).values_list("nummer", "navn"))

    def category(self, value: Any, art: str | None) -> em.Kostnadskategori:
        text = _text(value)
        if not text:
            raise CellError("kategorien mangler")
        wanted = _norm(text)
        for c in self.categories:
            if c.kode == _slug(text) or wanted == _norm(c.navn) or text in [str(k) for k in c.kontoer]:
                if art and c.art != art:
                    kind = "en felleskostnad" if art == em.Kostnadskategori.Art.FELLES else "klientrettet"
                    raise CellError(f"«{text}» er en kategori av annen art, ikke {kind}")
                return c
        known = ", ".join(c.kode for c in self.categories if not art or c.art == art)
        raise CellError(f"«{text}» er ikke en kjent kostnadskategori (kjente: {known})")

    def kommune(self, value: Any) -> str:
        text = _text(value)
        if not text:
            raise CellError("kommunen mangler")
        match = re.match(r"^(\d{3,4})\b", text)
        nummer = (
            match.group(1).zfill(4)
            if match
            else next((n for n, navn in self.kommuner.items() if _norm(navn) == _norm(text)), "")
        )
        if nummer not in self.kommuner:
            members = ", ".join(f"{n} {navn}" for n, navn in self.kommuner.items())
            raise CellError(f"«{text}» er ikke en kommune i tjenesten ({members})")
        return nummer


def _header_index(rows: list[tuple[int, list[Any]]], wanted: dict[str, Field]) -> tuple[int, dict[str, int]]:
    required = {name: f for name, f in wanted.items() if f.required}
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = {_norm(c): i for i, c in enumerate(cells) if _norm(c)}
        if all(_norm(f.header) in headers for f in required.values()):
            index = {
                name: headers[_norm(f.header)] for name, f in wanted.items() if _norm(f.header) in headers
            }
            return position, index
    first = next((cells for _, cells in rows if any(_text(c) for c in cells)), [])
    found = ", ".join(f"«{_text(c)}»" for c in first if _text(c)) or "ingen"
    need = ", ".join(f"«{f.header}»" for f in required.values())
    raise ImportFailure(
        f"Fant ikke kolonnene {need} i de første {HEADER_SEARCH_ROWS} radene. Fant: {found}. "
        "Velg eller lag et kolonneoppsett som passer filen."
    )


def mapped_fields(kind: str, mapping: em.Kolonneoppsett | None) -> dict[str, Field]:
    columns = mapping.kolonner if mapping else {}
    return {
        f.name: Field(f.name, (columns.get(f.name) or f.header).strip(), f.required) for f in FIELDS[kind]
    }


def validate(
    tjeneste: Tjeneste, kind: str, data: bytes, filename: str, mapping: em.Kolonneoppsett | None = None
) -> Validated:
    """Phase 1: every row into typed values, or errors naming row and column."""
    if kind not in FIELDS:
        raise ImportFailure(f"Ukjent importtype «{kind}»; bruk common, client, budget eller payment.")
    result = Validated(kind, filename, hashlib.sha256(data).hexdigest())
    earlier = em.Importbunt.objects.filter(tjeneste=tjeneste, art=kind, sha256=result.sha256).first()
    if earlier is not None:
        raise ImportFailure(
            f"Filen er allerede importert {earlier.importert:%d.%m.%Y} (som «{earlier.filnavn}»); "
            "ingenting er lagret."
        )
    try:
        rows = read_rows(data, filename)
    except ReadError as exc:
        raise ImportFailure(str(exc)) from None
    wanted = mapped_fields(kind, mapping)
    header_pos, index = _header_index(rows, wanted)
    lookups = Lookups(tjeneste)
    parsers = _parsers(kind, lookups)
    for number, cells in rows[header_pos + 1 :]:
        if not any(_text(c) for c in cells):
            continue
        values: dict[str, Any] = {"_row": number, "_bad": set()}
        for name, column in index.items():
            raw = cells[column] if column < len(cells) else None
            try:
                values[name] = parsers[name](raw)
            except CellError as exc:
                values["_bad"].add(name)
                result.errors.append(RowError(number, wanted[name].header, str(exc)))
        result.rows.append(values)
        if len(result.errors) >= MAX_ERRORS:
            break
    _check_rows(result, lookups, wanted)
    result.errors.sort(key=lambda e: e.row)
    if not result.rows and result.ok:
        raise ImportFailure("Filen har ingen rader under kolonneoverskriftene.")
    return result


def _parsers(kind: str, lookups: Lookups) -> dict[str, Callable[[Any], Any]]:
    art = {Kind.FELLES: em.Kostnadskategori.Art.FELLES, Kind.KLIENT: em.Kostnadskategori.Art.KLIENT}.get(kind)

    def optional_text(value: Any) -> str:
        text = _text(value)
        if len(text) > 200:
            raise CellError("teksten er lengre enn 200 tegn")
        return text

    return {
        "maned": parse_month,
        "dato": parse_date,
        "ar": parse_year,
        "belop": parse_amount,
        "kategori": lambda v: lookups.category(v, art),
        "kommune": lambda v: lookups.kommune(v) if _text(v) or kind == Kind.INNBETALING else "",
        "journalnummer": _text,
        "tekst": optional_text,
    }


def _check_rows(result: Validated, lookups: Lookups, wanted: dict[str, Field]) -> None:
    """Row rules that need more than one cell: host payments, client attribution, budgets."""
    if result.kind == Kind.INNBETALING:
        for row in result.rows:
            if row.get("kommune") == lookups.host:
                result.errors.append(
                    RowError(
                        row["_row"],
                        wanted["kommune"].header,
                        "vertskommunen betaler ikke a konto til seg selv",
                    )
                )
    if result.kind == Kind.BUDSJETT:
        seen: dict[tuple[int, int], int] = {}
        for row in result.rows:
            if row["_bad"] & {"ar", "kategori"}:
                continue
            key = (row["ar"], row["kategori"].pk)
            if key in seen:
                result.errors.append(
                    RowError(
                        row["_row"],
                        wanted["kategori"].header,
                        f"budsjettet for {row['kategori'].kode} {row['ar']} står også i rad {seen[key]}",
                    )
                )
            seen[key] = row["_row"]
    if result.kind == Kind.KLIENT:
        _attribute_client_costs(result, lookups, wanted)


def _attribute_client_costs(result: Validated, lookups: Lookups, wanted: dict[str, Field]) -> None:
    from barnevern.cases.models import Sak
    from barnevern.cases.queries import iter_records

    numbers = {row.get("journalnummer", "") for row in result.rows} - {""}
    saker = {
        s.journalnummer: s
        for s in Sak.objects.filter(tjeneste=lookups.tjeneste, er_slettet=False, journalnummer__in=numbers)
    }
    records = {
        r.journalnummer: r for r in iter_records(Sak.objects.filter(pk__in=[s.pk for s in saker.values()]))
    }
    result.saker = saker
    kommune_col = wanted["kommune"].header
    for row in result.rows:
        journal = row.get("journalnummer", "")
        given = row.get("kommune", "")
        if row["_bad"] & {"dato", "kommune", "journalnummer"}:
            continue
        if journal:
            if journal not in saker:
                result.errors.append(
                    RowError(
                        row["_row"],
                        wanted["journalnummer"].header,
                        f"finner ingen sak med journalnummer «{journal}» i tjenesten",
                    )
                )
                continue
            lived = records[journal].kommune_on(row["dato"])
            if lived is None and not given:
                result.errors.append(
                    RowError(row["_row"], kommune_col, "saken har ikke registrert bosted; oppgi kommunen")
                )
                continue
            if lived is not None and given and lived != given:
                result.errors.append(
                    RowError(
                        row["_row"],
                        kommune_col,
                        f"barnet bodde i {lived} {lookups.kommuner.get(lived, '')} "
                        f"{row['dato']:%d.%m.%Y}, ikke i {given}",
                    )
                )
                continue
            row["kommune"] = lived or given
            if row["kommune"] not in lookups.kommuner:
                result.errors.append(
                    RowError(
                        row["_row"],
                        kommune_col,
                        f"barnet bodde i {row['kommune']}, som ikke er med i tjenesten",
                    )
                )
        elif not given:
            result.errors.append(
                RowError(row["_row"], kommune_col, "oppgi kommunen eller journalnummeret til saken")
            )


def store(tjeneste: Tjeneste, validated: Validated, user: Any = None) -> em.Importbunt:
    """Phase 2: all rows in one transaction, with an audit row; nothing if anything fails."""
    if not validated.ok:
        raise ImportFailure("Filen har feil; ingenting er lagret.")
    kind = validated.kind
    try:
        with transaction.atomic():
            bunt = em.Importbunt.objects.create(
                tjeneste=tjeneste,
                art=kind,
                filnavn=validated.filename[:255],
                sha256=validated.sha256,
                rader=len(validated.rows),
                importert_av=user if getattr(user, "pk", None) else None,
            )
            _create_rows(tjeneste, validated, bunt)
            log(
                "import",
                f"Importerte {len(validated.rows)} rader ({bunt.get_art_display().lower()}) "
                f"fra {validated.filename}"[:200],
                obj=bunt,
                data={"art": kind, "rader": len(validated.rows), "sha256": validated.sha256},
            )
            for sak in {id(s): s for s in validated.saker.values()}.values():
                log("import", f"Klientkostnad knyttet til sak {sak.journalnummer}", sak_id=sak.pk, obj=sak)
    except IntegrityError:
        raise ImportFailure("Filen er allerede importert; ingenting er lagret.") from None
    return bunt


def _create_rows(tjeneste: Tjeneste, v: Validated, bunt: em.Importbunt) -> None:
    if v.kind == Kind.FELLES:
        em.Felleskostnad.objects.bulk_create(
            em.Felleskostnad(
                tjeneste=tjeneste,
                maned=r["maned"],
                kategori=r["kategori"],
                belop=r["belop"],
                tekst=r.get("tekst", ""),
                bunt=bunt,
            )
            for r in v.rows
        )
    elif v.kind == Kind.KLIENT:
        em.Klientkostnad.objects.bulk_create(
            em.Klientkostnad(
                tjeneste=tjeneste,
                sak=v.saker.get(r.get("journalnummer", "")),
                kommunenummer=r["kommune"],
                dato=r["dato"],
                kategori=r["kategori"],
                belop=r["belop"],
                tekst=r.get("tekst", ""),
                bunt=bunt,
            )
            for r in v.rows
        )
    elif v.kind == Kind.INNBETALING:
        em.Innbetaling.objects.bulk_create(
            em.Innbetaling(
                tjeneste=tjeneste,
                dato=r["dato"],
                kommunenummer=r["kommune"],
                belop=r["belop"],
                tekst=r.get("tekst", ""),
                bunt=bunt,
            )
            for r in v.rows
        )
    else:
        for r in v.rows:
            em.Budsjett.objects.update_or_create(
                tjeneste=tjeneste, ar=r["ar"], kategori=r["kategori"], defaults={"belop": r["belop"]}
            )


@dataclass(frozen=True, slots=True)
class ImportResult:
    errors: tuple[str, ...]
    rows: int
    bunt: em.Importbunt | None
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_ledger(
    tjeneste: Tjeneste,
    kind: str,
    data: bytes,
    filename: str,
    *,
    mapping: em.Kolonneoppsett | None = None,
    user: Any = None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate, then (unless ``dry_run`` or there are errors) store everything."""
    try:
        validated = validate(tjeneste, kind, data, filename, mapping)
    except ImportFailure as exc:
        return ImportResult((str(exc),), 0, None, dry_run)
    if not validated.ok:
        errors = [str(e) for e in validated.errors]
        if len(errors) >= MAX_ERRORS:
            errors.append(f"Stoppet etter {MAX_ERRORS} feil.")
        return ImportResult(tuple(errors), len(validated.rows), None, dry_run)
    if dry_run:
        return ImportResult((), len(validated.rows), None, True)
    try:
        bunt = store(tjeneste, validated, user)
    except ImportFailure as exc:
        return ImportResult((str(exc),), 0, None)
    return ImportResult((), len(validated.rows), bunt)
