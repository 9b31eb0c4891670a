"""Demo foster homes: one home for each placed child of the current demo cases in both services,
plus one home still awaiting its training, and one placement whose follow-up plan for the
foster family is overdue.

Everything is invented (household names, addresses) and deterministic. Fees and expense
allowances are KS' guideline rates from 1 July 2023 (grunnstøtte 9 885; utgiftsdekning by the
child's age 6 350 / 7 882 / 8 617 / 9 352 per month; ks.no «Veiledende satser for fosterhjem og
besøkshjem 2023»); the one reinforcement is invented. Costs are booked into the ledger for the
twelve months before ``today``. The reform compensation of Oppdal for 2022 is the seed's figure
(298 000, «ekstra tilskudd … for å møte reformen», seed 002); no other amount is entered.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from barnevern.accounts.models import User
from barnevern.cases import models as cm
from barnevern.demo import register
from barnevern.economy import models as em
from barnevern.fosterhjem import costs, services
from barnevern.fosterhjem import models as fm
from barnevern.organisation.models import Tjeneste
from barnevern.rules.dates import add_years
from barnevern.rules.fosterhjem import BVR_CATEGORY_KIND, HomeKind
from barnevern.rules.identity import synthetic_fnr

FAMILIES = (
    "Haugstad",
    "Bekkelund",
    "Kvernmo",
    "Grindal",
    "Myrvold",
    "Rustad",
    "Engen",
    "Holm",
    "Lien",
    "Solberg",
)
ADULTS = (("Hilde", "2"), ("Terje", "1"), ("Randi", "2"), ("Geir", "1"), ("Siri", "2"), ("Arne", "1"))
STREETS = ("Bakkevegen", "Furulia", "Stasjonsvegen", "Elvebakken", "Granlia", "Skolevegen")
# A municipality outside the service, for a home that lies elsewhere than the care municipality.
OUTSIDE = {"nord-osterdal": ("3430", "Os"), "oppdal-rennebu": ("5025", "Røros")}
GRUNNSTOTTE = Decimal("9885")
UTGIFTSDEKNING = ((5, Decimal("6350")), (10, Decimal("7882")), (14, Decimal("8617")), (99, Decimal("9352")))
KS_SOURCE = "KS, veiledende satser for fosterhjem fra 1.7.2023"


def _expenses(age: int) -> Decimal:
    return next(amount for limit, amount in UTGIFTSDEKNING if age <= limit)


def _age(sak: cm.Sak, on: date) -> int:
    born = sak.personalia.order_by("-start_dato").values_list("fodseldato", flat=True).first()
    if born is None:
        return 10
    years = on.year - born.year
    return years - (1 if add_years(born, years) > on else 0)


def _home_for(
    tjeneste: Tjeneste, tiltak: cm.Tiltak, n: int, rng: random.Random, today: date, leder: User | None
) -> fm.Fosterhjemsplassering:
    move_in = tiltak.start_dato
    kind = BVR_CATEGORY_KIND.get(tiltak.kategori_kode.strip(), HomeKind.ORDINARY)
    if n == 1:
        kind = HomeKind.REINFORCED
    kommuner = tjeneste.kommunenumre()
    where, poststed = OUTSIDE[tjeneste.slug] if n == 2 else (kommuner[n % len(kommuner)], "")
    start = move_in - timedelta(days=150)
    home = services.create_home(
        tjeneste,
        leder,
        navn=f"Familien {FAMILIES[(n + len(tjeneste.slug)) % len(FAMILIES)]}",
        art=kind.value,
        kommunenummer=where,
        adresse=f"{rng.choice(STREETS)} {rng.randint(2, 40)}",
        postnummer="",
        poststed=poststed,
        utredning_fra=start,
        today=today,
    )
    family = home.navn.removeprefix("Familien ")
    for k in range(2):
        first, sex = ADULTS[(2 * n + k) % len(ADULTS)]
        born = date(1970 + rng.randint(0, 15), rng.randint(1, 12), rng.randint(1, 28))
        services.add_foster_parent(
            home, leder, navn=f"{first} {family}", fodselsnummer=synthetic_fnr(born, 10 + n, sex), today=today
        )
    for art, days in (("politiattest", 140), ("helse", 135), ("referanser", 120), ("bolig", 100)):
        services.record_check(
            home,
            leder,
            art=art,
            dato=move_in - timedelta(days=days),
            gjelder="begge fosterforeldre",
            today=today,
        )
    services.change_status(home, leder, status="opplaering", dato=start + timedelta(days=20), today=today)
    services.record_training(
        home,
        leder,
        kurs="Grunnopplæring for fosterforeldre (nasjonale anbefalinger)",
        leverandor="Bufetat",
        startet=start + timedelta(days=20),
        fullfort=move_in - timedelta(days=30),
        today=today,
    )
    services.change_status(home, leder, status="godkjent", dato=move_in - timedelta(days=20), today=today)
    placement = services.place_child(
        home,
        leder,
        sak=tiltak.sak,
        tiltak=tiltak,
        innflytting=move_in,
        nettverk_vurdert=move_in - timedelta(days=160),
        nettverk_vurdering="Familie og nære nettverk er vurdert; ingen kunne ta imot barnet nå.",
        today=today,
    )
    services.add_agreement(
        placement,
        leder,
        start=move_in,
        signert=move_in - timedelta(days=5),
        godtgjoring=GRUNNSTOTTE,
        utgiftsdekning=_expenses(_age(tiltak.sak, move_in)),
        forsterkning=Decimal("40000") if kind is HomeKind.REINFORCED else Decimal("0"),
        vilkar=f"Grunnstøtte og utgiftsdekning etter {KS_SOURCE}."
        + (" Forsterkning: frikjøp av én fosterforelder i 50 %." if kind is HomeKind.REINFORCED else ""),
        today=today,
    )
    if n != 0:  # the first placement's follow-up plan is overdue (the worklist shows it)
        services.add_follow_up_plan(
            placement,
            leder,
            dato=move_in,
            evalueres=move_in + timedelta(days=180),
            beskrivelse="Veiledning hver sjette uke det første året, gruppeveiledning og avlastning "
            "én helg i måneden.",
            today=today,
        )
    for k in range(1, 4):
        day = move_in + timedelta(days=45 * k)
        if day <= today:
            services.record_counselling(
                home,
                leder,
                dato=day,
                art="individuell",
                tema="Tilknytning og hverdagsrutiner",
                timer=Decimal("1.5"),
                gitt_av="Fosterhjemsveileder",
                today=today,
            )
    return placement


def _awaiting_training(tjeneste: Tjeneste, today: date, leder: User | None) -> None:
    home = services.create_home(
        tjeneste,
        leder,
        navn="Familien Østvang" if tjeneste.slug == "nord-osterdal" else "Familien Sæther",
        art=HomeKind.ORDINARY.value,
        kommunenummer=tjeneste.vertskommune.nummer,
        utredning_fra=today - timedelta(days=60),
        today=today,
    )
    services.record_check(
        home,
        leder,
        art="politiattest",
        dato=today - timedelta(days=50),
        gjelder="begge fosterforeldre",
        today=today,
    )
    services.change_status(home, leder, status="opplaering", dato=today - timedelta(days=30), today=today)
    services.record_training(
        home,
        leder,
        kurs="Grunnopplæring for fosterforeldre (nasjonale anbefalinger)",
        leverandor="Bufetat",
        startet=today - timedelta(days=30),
        today=today,
    )


def _book(tjeneste: Tjeneste, today: date) -> None:
    month = today.replace(day=1)
    for _ in range(12):
        month = (month - timedelta(days=1)).replace(day=1)
        costs.book_month(tjeneste, month, today=today)


@register("fosterhjem")
def load(today: date) -> None:
    for tjeneste in Tjeneste.objects.order_by("slug"):
        rng = random.Random(f"barnevern-demo-fosterhjem-{tjeneste.slug}")  # noqa: S311 - demo data
        leder = User.objects.filter(tjeneste=tjeneste, rolle="leder").order_by("username").first()
        measures = (
            cm.Tiltak.objects.filter(
                sak__tjeneste=tjeneste,
                sak__er_slettet=False,
                kategori_kode__in=services.FOSTER_HOME_CATEGORIES,
                er_slettet=False,
                slutt_dato__isnull=True,
                start_dato__gte=today - timedelta(days=800),
                start_dato__lte=today,
            )
            .select_related("sak")
            .order_by("sak__journalnummer", "start_dato")
        )
        for n, tiltak in enumerate(measures):
            _home_for(tjeneste, tiltak, n, rng, today, leder)
        _awaiting_training(tjeneste, today, leder)
        _book(tjeneste, today)
        if tjeneste.slug == "oppdal-rennebu":
            em.Reformkompensasjon.objects.update_or_create(
                tjeneste=tjeneste,
                ar=2022,
                kommunenummer=tjeneste.vertskommune.nummer,
                defaults={
                    "belop": Decimal("298000"),
                    "kilde": "Seed 002 (Oppdal og Rennebu 2023): «ekstra tilskudd nasjonalt for å møte "
                    "reformen, kr. 298.000 for Oppdal»",
                    "status": "unverified",
                    "merknad": "Tjenestens egen oppgave; ikke funnet i statsbudsjettets tabeller.",
                },
            )
