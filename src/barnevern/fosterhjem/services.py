"""Every change to foster homes goes through here: checked against the rules, written in one
transaction, and audited (``audit.services.log``; with the child's case id where a child is
concerned). Errors are :class:`FosterhjemError` with a Norwegian message naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.casework import services as casework
from barnevern.casework.services import CaseworkError
from barnevern.display import day_text
from barnevern.errors import UserError
from barnevern.fosterhjem import models as fm
from barnevern.locking import update_if_unchanged
from barnevern.rules.fosterhjem import (
    BVR_CATEGORY_KIND,
    FosterHomeError,
    HomeKind,
    HomeStatus,
    StatusChange,
    check_status_change,
    status_on,
)
from barnevern.rules.identity import InvalidIdentityNumber, parse_fodselsnummer

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste

FOSTER_HOME_CATEGORIES = ("2.1", "2.2", "2.4", "2.5", "2.6", "2.99")
"""BVR Tiltak categories a municipal foster home can be linked to (2.3 are state homes)."""


class FosterhjemError(UserError):
    """A change that is not allowed; ``message`` is Norwegian, ``field`` names the form field."""


class Conflict(FosterhjemError):
    def __init__(self) -> None:
        super().__init__(
            "Noen andre har endret dette etter at du åpnet det. Last siden på nytt og prøv igjen."
        )


def _not_future(day: date | None, today: date, field: str, what: str) -> None:
    if day is not None and day > today:
        raise FosterhjemError(f"{what} kan ikke være frem i tid.", field)


def history(home: fm.Fosterhjem) -> list[StatusChange]:
    return [
        StatusChange(HomeStatus(s.status), s.dato, s.begrunnelse)
        for s in home.statuser.order_by("dato", "pk")
    ]


def training_completed(home: fm.Fosterhjem) -> date | None:
    """When the required training was completed (the latest required course's completion,
    once every required course is completed; ``None`` while one is not)."""
    required = list(home.opplaeringer.filter(kreves=True).values_list("fullfort", flat=True))
    if not required or any(day is None for day in required):
        return None
    return max(day for day in required if day is not None)


def current_status(home: fm.Fosterhjem, on: date) -> HomeStatus | None:
    return status_on(history(home), on)


@transaction.atomic
def create_home(
    tjeneste: Tjeneste,
    user: User | None,
    *,
    navn: str,
    art: str,
    kommunenummer: str,
    utredning_fra: date,
    today: date,
    adresse: str = "",
    postnummer: str = "",
    poststed: str = "",
    merknad: str = "",
) -> fm.Fosterhjem:
    """Register a home; its history starts «under utredning» on ``utredning_fra``."""
    if not navn.strip():
        raise FosterhjemError("Skriv navnet på fosterhjemmet (husstanden).", "navn")
    if art not in set(HomeKind):
        raise FosterhjemError("Ukjent type fosterhjem.", "art")
    _not_future(utredning_fra, today, "utredning_fra", "Utredningen")
    home = fm.Fosterhjem.objects.create(
        tjeneste=tjeneste,
        navn=navn.strip(),
        art=art,
        kommunenummer=kommunenummer,
        adresse=adresse,
        postnummer=postnummer,
        poststed=poststed,
        merknad=merknad,
    )
    fm.Statusendring.objects.create(
        fosterhjem=home, status=HomeStatus.ASSESSMENT.value, dato=utredning_fra, registrert_av=user
    )
    log("create", f"Registrerte fosterhjem {home.pk}", obj=home, data={"art": art, "kommune": kommunenummer})
    return home


EDITABLE = ("navn", "art", "adresse", "postnummer", "poststed", "kommunenummer", "merknad")


@transaction.atomic
def update_home(home: fm.Fosterhjem, user: User | None, versjon: int, **fields: Any) -> fm.Fosterhjem:
    changes = {k: v for k, v in fields.items() if k in EDITABLE}
    if "navn" in changes and not str(changes["navn"]).strip():
        raise FosterhjemError("Skriv navnet på fosterhjemmet (husstanden).", "navn")
    update_if_unchanged(home, versjon, Conflict, **changes)
    home.refresh_from_db()
    log("update", f"Endret fosterhjem {home.pk}", obj=home, data={"felt": sorted(changes)})
    return home


@transaction.atomic
def change_status(
    home: fm.Fosterhjem, user: User | None, *, status: str, dato: date, begrunnelse: str = "", today: date
) -> fm.Statusendring:
    """A new entry in the status history, if the rules allow it (approval only after training)."""
    locked = fm.Fosterhjem.objects.select_for_update().get(pk=home.pk)
    _not_future(dato, today, "dato", "Datoen")
    try:
        new = StatusChange(HomeStatus(status), dato, begrunnelse)
    except ValueError:
        raise FosterhjemError("Ukjent status.", "status") from None
    try:
        check_status_change(history(locked), new, training_completed=training_completed(locked))
    except FosterHomeError as exc:
        raise FosterhjemError(exc.message, exc.field) from None
    entry = fm.Statusendring.objects.create(
        fosterhjem=locked, status=status, dato=dato, begrunnelse=begrunnelse.strip(), registrert_av=user
    )
    update_if_unchanged(locked, locked.versjon, Conflict)  # open forms of the home see the change
    log(
        "update",
        f"Fosterhjem {home.pk}: status «{entry.get_status_display()}» fra {day_text(dato)}",
        obj=home,
    )
    return entry


@transaction.atomic
def record_training(
    home: fm.Fosterhjem,
    user: User | None,
    *,
    kurs: str,
    today: date,
    leverandor: str = "",
    startet: date | None = None,
    fullfort: date | None = None,
    nasjonale_anbefalinger: bool = True,
    kreves: bool = True,
) -> fm.Opplaering:
    if not kurs.strip():
        raise FosterhjemError("Skriv hvilken opplæring det gjelder.", "kurs")
    _not_future(startet, today, "startet", "Startdatoen")
    _not_future(fullfort, today, "fullfort", "Fullføringsdatoen")
    if startet and fullfort and fullfort < startet:
        raise FosterhjemError("Opplæringen kan ikke være fullført før den startet.", "fullfort")
    training = fm.Opplaering.objects.create(
        fosterhjem=home,
        kurs=kurs.strip(),
        leverandor=leverandor,
        startet=startet,
        fullfort=fullfort,
        nasjonale_anbefalinger=nasjonale_anbefalinger,
        kreves=kreves,
    )
    log("create", f"Fosterhjem {home.pk}: registrerte opplæring", obj=training, data={"fullfort": fullfort})
    return training


@transaction.atomic
def complete_training(training: fm.Opplaering, user: User | None, *, fullfort: date, today: date) -> None:
    _not_future(fullfort, today, "fullfort", "Fullføringsdatoen")
    if training.startet and fullfort < training.startet:
        raise FosterhjemError("Opplæringen kan ikke være fullført før den startet.", "fullfort")
    fm.Opplaering.objects.filter(pk=training.pk).update(fullfort=fullfort)
    training.fullfort = fullfort
    log(
        "update",
        f"Fosterhjem {training.fosterhjem_id}: opplæring fullført {day_text(fullfort)}",
        obj=training,
    )


@transaction.atomic
def record_check(
    home: fm.Fosterhjem, user: User | None, *, art: str, dato: date, today: date, gjelder: str = ""
) -> fm.Kontroll:
    """A check done on ``dato`` (kind and date only; the content is never stored)."""
    if art not in fm.Kontroll.Art.values:
        raise FosterhjemError("Ukjent kontroll.", "art")
    _not_future(dato, today, "dato", "Datoen")
    check = fm.Kontroll.objects.create(
        fosterhjem=home, art=art, dato=dato, gjelder=gjelder, registrert_av=user
    )
    log("create", f"Fosterhjem {home.pk}: registrerte {check.get_art_display().lower()}", obj=check)
    return check


@transaction.atomic
def record_counselling(
    home: fm.Fosterhjem,
    user: User | None,
    *,
    dato: date,
    art: str,
    tema: str,
    today: date,
    timer: Decimal | None = None,
    gitt_av: str = "",
) -> fm.Veiledning:
    if art not in fm.Veiledning.Art.values:
        raise FosterhjemError("Ukjent type veiledning.", "art")
    if not tema.strip():
        raise FosterhjemError("Skriv temaet for veiledningen.", "tema")
    _not_future(dato, today, "dato", "Datoen")
    if timer is not None and timer <= 0:
        raise FosterhjemError("Timer må være mer enn null.", "timer")
    entry = fm.Veiledning.objects.create(
        fosterhjem=home, dato=dato, art=art, tema=tema.strip(), timer=timer, gitt_av=gitt_av
    )
    log("create", f"Fosterhjem {home.pk}: registrerte {entry.get_art_display().lower()}", obj=entry)
    return entry


def _check_tiltak(sak: cm.Sak, tiltak: cm.Tiltak | None) -> None:
    if tiltak is None:
        return
    if tiltak.sak_id != sak.pk or tiltak.er_slettet:
        raise FosterhjemError("Tiltaket hører ikke til denne saken.", "tiltak")
    if tiltak.kategori_kode.strip() not in FOSTER_HOME_CATEGORIES:
        raise FosterhjemError(
            f"Tiltaket har kategori {tiltak.kategori_kode}, som ikke er et kommunalt fosterhjem "
            f"(BVR-kategori {', '.join(FOSTER_HOME_CATEGORIES)}).",
            "tiltak",
        )


@transaction.atomic
def place_child(
    home: fm.Fosterhjem,
    user: User | None,
    *,
    sak: cm.Sak,
    innflytting: date,
    today: date,
    tiltak: cm.Tiltak | None = None,
    akutt: bool = False,
    nettverk_vurdert: date | None = None,
    nettverk_vurdering: str = "",
) -> fm.Fosterhjemsplassering:
    """The child of ``sak`` moves into ``home`` (linked to the BVR placement ``tiltak``).

    An approved (or paused) home becomes «i bruk» from the move-in. The consideration of
    family and network is recorded per placement (kinship homes need it written down).
    """
    if sak.tjeneste_id != home.tjeneste_id:
        raise FosterhjemError("Saken hører til en annen tjeneste.", "sak")
    _check_tiltak(sak, tiltak)
    _not_future(innflytting, today, "innflytting", "Innflyttingen")
    _not_future(nettverk_vurdert, today, "nettverk_vurdert", "Vurderingen")
    if nettverk_vurdert and not nettverk_vurdering.strip():
        raise FosterhjemError("Skriv vurderingen av familie og nære nettverk.", "nettverk_vurdering")
    overlapping = fm.Fosterhjemsplassering.objects.filter(sak=sak, innflytting__lte=innflytting).exclude(
        utflytting__lt=innflytting
    )
    if overlapping.exists():
        raise FosterhjemError(
            "Barnet bor allerede i et fosterhjem på denne datoen; avslutt den plasseringen først.",
            "innflytting",
        )
    placement = fm.Fosterhjemsplassering.objects.create(
        fosterhjem=home,
        sak=sak,
        tiltak=tiltak,
        innflytting=innflytting,
        akutt=akutt,
        nettverk_vurdert=nettverk_vurdert,
        nettverk_vurdering=nettverk_vurdering.strip(),
    )
    for parent in home.fosterforeldre.filter(aktiv=True):
        _as_party(placement, parent, today)
    changes = history(home)
    current = status_on(changes, innflytting)
    latest = max((c.day for c in changes), default=date.min)
    if current in (HomeStatus.APPROVED, HomeStatus.PAUSED) and innflytting >= latest:
        fm.Statusendring.objects.create(
            fosterhjem=home,
            status=HomeStatus.IN_USE.value,
            dato=innflytting,
            registrert_av=user,
            begrunnelse="Barn flyttet inn.",
        )
    log(
        "create",
        f"Plasserte barn i fosterhjem {home.pk}",
        sak_id=sak.pk,
        obj=placement,
        data={"akutt": akutt},
    )
    return placement


def _locked_placement(placement: fm.Fosterhjemsplassering, versjon: int | None) -> fm.Fosterhjemsplassering:
    locked = fm.Fosterhjemsplassering.objects.select_for_update().get(pk=placement.pk)
    if versjon is not None and locked.versjon != versjon:
        raise Conflict()
    return locked


@transaction.atomic
def update_placement(
    placement: fm.Fosterhjemsplassering, user: User | None, versjon: int | None, *, today: date, **fields: Any
) -> fm.Fosterhjemsplassering:
    """Record the move-out, the network consideration or the child's consent to reduced
    supervision (D13)."""
    locked = _locked_placement(placement, versjon)
    allowed = ("utflytting", "akutt", "nettverk_vurdert", "nettverk_vurdering", "tilsyn_samtykke", "tiltak")
    changes = {k: v for k, v in fields.items() if k in allowed}
    for name in ("utflytting", "nettverk_vurdert", "tilsyn_samtykke"):
        _not_future(changes.get(name), today, name, "Datoen")
    out = changes.get("utflytting", locked.utflytting)
    if out is not None and out < locked.innflytting:
        raise FosterhjemError("Utflytting kan ikke være før innflytting.", "utflytting")
    if (
        changes.get("nettverk_vurdert")
        and not str(changes.get("nettverk_vurdering", locked.nettverk_vurdering)).strip()
    ):
        raise FosterhjemError("Skriv vurderingen av familie og nære nettverk.", "nettverk_vurdering")
    if "tiltak" in changes:
        _check_tiltak(locked.sak, changes["tiltak"])
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.versjon += 1
    locked.save()
    log(
        "update",
        f"Endret fosterhjemsplassering {locked.pk}",
        sak_id=locked.sak_id,
        obj=locked,
        data={"felt": sorted(changes)},
    )
    return locked


@transaction.atomic
def add_agreement(
    placement: fm.Fosterhjemsplassering,
    user: User | None,
    *,
    start: date,
    godtgjoring: Decimal,
    utgiftsdekning: Decimal,
    today: date,
    slutt: date | None = None,
    signert: date | None = None,
    forsterkning: Decimal = Decimal("0"),
    vilkar: str = "",
) -> fm.Avtale:
    """A foster-home agreement; agreements of one placement may not overlap."""
    _not_future(signert, today, "signert", "Signeringsdatoen")
    if start < placement.innflytting:
        raise FosterhjemError(
            f"Avtalen kan ikke starte før innflyttingen ({day_text(placement.innflytting)}).", "start"
        )
    if slutt is not None and slutt < start:
        raise FosterhjemError("Avtalen kan ikke slutte før den starter.", "slutt")
    for name, value in (
        ("godtgjoring", godtgjoring),
        ("utgiftsdekning", utgiftsdekning),
        ("forsterkning", forsterkning),
    ):
        if value < 0:
            raise FosterhjemError("Beløpet kan ikke være negativt.", name)
    for other in placement.avtaler.all():
        other_end = other.slutt or date.max
        if start <= other_end and (slutt or date.max) >= other.start:
            raise FosterhjemError(
                f"Avtalen overlapper avtalen fra {day_text(other.start)}; sett sluttdato på den først.",
                "start",
            )
    agreement = fm.Avtale.objects.create(
        plassering=placement,
        start=start,
        slutt=slutt,
        signert=signert,
        godtgjoring=godtgjoring,
        utgiftsdekning=utgiftsdekning,
        forsterkning=forsterkning,
        vilkar=vilkar,
    )
    log(
        "create",
        f"Registrerte fosterhjemsavtale for plassering {placement.pk}",
        sak_id=placement.sak_id,
        obj=agreement,
    )
    return agreement


@transaction.atomic
def end_agreement(agreement: fm.Avtale, user: User | None, *, slutt: date) -> fm.Avtale:
    if slutt < agreement.start:
        raise FosterhjemError("Avtalen kan ikke slutte før den starter.", "slutt")
    fm.Avtale.objects.filter(pk=agreement.pk).update(slutt=slutt)
    agreement.slutt = slutt
    log(
        "update",
        f"Satte sluttdato på fosterhjemsavtale {agreement.pk}",
        sak_id=agreement.plassering.sak_id,
        obj=agreement,
    )
    return agreement


@transaction.atomic
def add_follow_up_plan(
    placement: fm.Fosterhjemsplassering,
    user: User | None,
    *,
    dato: date,
    beskrivelse: str,
    today: date,
    evalueres: date | None = None,
) -> fm.Oppfolgingsplan:
    _not_future(dato, today, "dato", "Plandatoen")
    if not beskrivelse.strip():
        raise FosterhjemError(
            "Skriv hva oppfølgingen og veiledningen av fosterfamilien skal være.", "beskrivelse"
        )
    if evalueres is not None and evalueres < dato:
        raise FosterhjemError("Evalueringsdatoen kan ikke være før planen.", "evalueres")
    plan = fm.Oppfolgingsplan.objects.create(
        plassering=placement, dato=dato, evalueres=evalueres, beskrivelse=beskrivelse.strip()
    )
    log(
        "create",
        f"Registrerte oppfølgingsplan for fosterfamilien (plassering {placement.pk})",
        sak_id=placement.sak_id,
        obj=plan,
    )
    return plan


def _as_party(placement: fm.Fosterhjemsplassering, parent: fm.Fosterforelder, today: date) -> None:
    """The foster parent as a party (role «fosterforelder») in the placed child's case."""
    home = placement.fosterhjem
    try:
        part = casework.add_party(
            placement.sak,
            rolle="fosterforelder",
            today=today,
            navn=parent.navn,
            fodselsnummer=parent.fodselsnummer,
            adresse=home.adresse,
            postnummer=home.postnummer,
            poststed=home.poststed,
            telefon=parent.telefon,
            epost=parent.epost,
        )
    except CaseworkError as exc:
        raise FosterhjemError(exc.message, exc.field) from None
    placement.parter.add(part)


def _current(placements: Any, today: date) -> list[fm.Fosterhjemsplassering]:
    return [p for p in placements if p.utflytting is None or p.utflytting >= today]


@transaction.atomic
def add_foster_parent(
    home: fm.Fosterhjem,
    user: User | None,
    *,
    navn: str,
    today: date,
    fodselsnummer: str = "",
    telefon: str = "",
    epost: str = "",
) -> fm.Fosterforelder:
    """An adult of the household; a party in the case of every child living there now."""
    if not navn.strip():
        raise FosterhjemError("Skriv navnet på fosterforelderen.", "navn")
    number = (fodselsnummer or "").replace(" ", "")
    if number:
        try:
            number = parse_fodselsnummer(number, today=today).value
        except InvalidIdentityNumber as exc:
            raise FosterhjemError(str(exc), "fodselsnummer") from None
    parent = fm.Fosterforelder.objects.create(
        fosterhjem=home, navn=navn.strip(), fodselsnummer=number, telefon=telefon.strip(), epost=epost.strip()
    )
    for placement in _current(home.plasseringer.select_related("sak", "fosterhjem"), today):
        _as_party(placement, parent, today)
    log("create", f"Fosterhjem {home.pk}: registrerte fosterforelder", obj=parent)
    return parent


@transaction.atomic
def save_deadline_settings(
    tjeneste: Tjeneste, user: User | None, *, akutt_frist: str, oppfolgingsplan_frist: str
) -> fm.Innstillinger:
    """Store the service's readings for the deadlines without a fixed time limit (approval and
    training after an acute placement, the follow-up plan), as ISO 8601 spans («P3M»)."""
    from barnevern.rules.dates import Span

    spans = {"akutt_frist": akutt_frist, "oppfolgingsplan_frist": oppfolgingsplan_frist}
    for field, text in spans.items():
        try:
            spans[field] = str(Span.parse(text.strip().upper()))
        except ValueError:
            raise FosterhjemError(
                f"«{text}» er ikke en frist; skriv f.eks. P3M (tre måneder), P6W (seks uker) eller P0D.",
                field,
            ) from None
    saved, _created = fm.Innstillinger.objects.update_or_create(tjeneste=tjeneste, defaults=spans)
    log(
        "update",
        "Fosterhjem: innstillinger for frister",
        obj=saved,
        data={"akutt_frist": saved.akutt_frist, "oppfolgingsplan_frist": saved.oppfolgingsplan_frist},
    )
    return saved


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A kind suggested by a BVR foster-home category (a reinforced home is chosen by hand)."""

    kind: HomeKind | None
    category: str


def kind_for_category(code: str) -> Suggestion:
    return Suggestion(BVR_CATEGORY_KIND.get(code.strip()), code)
