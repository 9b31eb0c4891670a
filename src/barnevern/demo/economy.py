"""Demo economy: a year (2022) of ledger data for Oppdal/Rennebu and a modest half-year for
Nord-Østerdal, budgets, payments on account, key periods, approved 2022 settlements, the
2021/2022 state grant, current placements for the co-payment forecast, and the current
year's ledger up to last month (client costs linked to demo cases).

All amounts are invented but plausible and deterministic (``random.Random`` with fixed
seeds); the key basis (Rennebu 497 / Oppdal 1 500 per 1.1.2021) and the grant (2,35
positions = 1 877 812 kr, reduced by 700 000 kr from 2022) are the seeds' figures.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from barnevern.accounts.models import User
from barnevern.cases.models import Sak
from barnevern.cases.queries import iter_records
from barnevern.demo import register
from barnevern.economy import models as em
from barnevern.economy import settlements
from barnevern.economy.categories import ensure_default_categories
from barnevern.economy.keys import refresh_periods, settings_for
from barnevern.organisation.models import Befolkning, Tjeneste
from barnevern.rules.copayment import MeasureType, MissingRate, monthly_copayment

OSLO = ZoneInfo("Europe/Oslo")

# Monthly common costs: (category, low, high, months with the cost (None = every month)).
COMMON = (
    ("lonn", 540_000, 575_000, None),
    ("reise", 6_000, 14_000, None),
    ("kurs", 8_000, 25_000, (2, 3, 9, 10, 11)),
    ("veiledning", 9_000, 10_500, (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)),
    ("opplaering", 15_000, 40_000, (4, 9, 11)),
    ("kontor", 18_000, 26_000, None),
)
CLIENT = (
    ("hjelpetiltak", "Støttekontakt", 4_000, 9_000),
    ("hjelpetiltak", "Avlastning", 6_000, 15_000),
    ("fosterhjem", "Fosterhjemsgodtgjøring", 18_000, 32_000),
    ("forsterkning", "Forsterkning av fosterhjem", 20_000, 45_000),
    ("sakkyndig", "Sakkyndig utredning", 25_000, 60_000),
    ("sakkyndig", "Tolk", 1_500, 4_000),
    ("kjop_private", "Kjøp av miljøterapeut", 30_000, 55_000),
)
BUDGET_OR = {
    "lonn": 6_750_000,
    "reise": 120_000,
    "kurs": 110_000,
    "veiledning": 115_000,
    "opplaering": 90_000,
    "kontor": 265_000,
    "statstilskudd": -1_177_812,
    "hjelpetiltak": 700_000,
    "fosterhjem": 1_800_000,
    "egenbetaling": 1_100_000,
    "kjop_private": 300_000,
    "sakkyndig": 250_000,
}
GRANT = Decimal("1877812")
GRANT_CUT = Decimal("700000")


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _common_year(tjeneste: Tjeneste, year: int, months: range, rng: random.Random, scale: Decimal) -> None:
    cats = {c.kode: c for c in em.Kostnadskategori.objects.all()}
    rows = []
    for month in months:
        for kode, low, high, only in COMMON:
            if only is not None and month not in only:
                continue
            amount = _amount(rng, low, high) * scale
            if kode == "lonn" and month == 6:
                amount *= Decimal("1.12")  # feriepenger
            if kode == "lonn" and month == 7:
                amount *= Decimal("0.80")
            rows.append(
                em.Felleskostnad(
                    tjeneste=tjeneste,
                    maned=date(year, month, 1),
                    kategori=cats[kode],
                    belop=amount.quantize(Decimal("0.01")),
                    tekst=cats[kode].navn,
                )
            )
    em.Felleskostnad.objects.bulk_create(rows)


def _client_rows(
    tjeneste: Tjeneste, year: int, kommuner: list[str], count: int, rng: random.Random, last_month: int = 12
) -> None:
    cats = {c.kode: c for c in em.Kostnadskategori.objects.all()}
    rows = []
    for _ in range(count):
        kode, text, low, high = rng.choice(CLIENT)
        day = date(year, rng.randint(1, last_month), rng.randint(1, 28))
        rows.append(
            em.Klientkostnad(
                tjeneste=tjeneste,
                kommunenummer=rng.choice(kommuner),
                dato=day,
                kategori=cats[kode],
                belop=_amount(rng, low, high),
                tekst=text,
            )
        )
    em.Klientkostnad.objects.bulk_create(rows)


def _linked_client_costs(tjeneste: Tjeneste, today: date, rng: random.Random) -> None:
    """Current-year client costs linked to demo cases, attributed by the child's residence."""
    cats = {c.kode: c for c in em.Kostnadskategori.objects.all()}
    first = date(today.year, 1, 1)
    last = today.replace(day=1) - timedelta(days=1)
    if last < first:
        return
    saker = {str(s.pk): s for s in Sak.objects.filter(tjeneste=tjeneste, er_slettet=False)}
    records = [r for r in iter_records(Sak.objects.filter(pk__in=list(saker))) if r.tiltak and r.bosted]
    rows = []
    for record in records[:10]:
        start = max(first, min(t.start_dato for t in record.tiltak))
        if start > last:
            continue
        for _ in range(rng.randint(1, 3)):
            day = start + timedelta(days=rng.randint(0, (last - start).days))
            kode, text, low, high = rng.choice(CLIENT[:4])
            rows.append(
                em.Klientkostnad(
                    tjeneste=tjeneste,
                    sak=saker[record.id],
                    kommunenummer=record.kommune_on(day),
                    dato=day,
                    kategori=cats[kode],
                    belop=_amount(rng, low, high),
                    tekst=text,
                )
            )
    em.Klientkostnad.objects.bulk_create(rows)


def _payments(tjeneste: Tjeneste, year: int, months: range, amounts: dict[str, int]) -> None:
    em.Innbetaling.objects.bulk_create(
        em.Innbetaling(
            tjeneste=tjeneste,
            dato=date(year, m, 20),
            kommunenummer=k,
            belop=Decimal(a),
            tekst=f"A konto {m:02d}/{year}",
        )
        for m in months
        for k, a in amounts.items()
    )


def _budget(tjeneste: Tjeneste, year: int, amounts: dict[str, int]) -> None:
    cats = {c.kode: c for c in em.Kostnadskategori.objects.all()}
    for kode, amount in amounts.items():
        em.Budsjett.objects.update_or_create(
            tjeneste=tjeneste, ar=year, kategori=cats[kode], defaults={"belop": Decimal(amount)}
        )


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=OSLO)


def _population_up_to(year: int) -> None:
    """Carry the latest demo population forward to ``year`` where no figures exist, so the key
    can be re-set (the organisation demo ships 2019–2023); existing rows are never changed."""
    latest = Befolkning.objects.order_by("-ar").values_list("ar", flat=True).first()
    if latest is None:
        return
    base = list(Befolkning.objects.filter(ar=latest))
    Befolkning.objects.bulk_create(
        [
            Befolkning(kommune_id=b.kommune_id, ar=y, alder=b.alder, antall=b.antall)
            for y in range(latest + 1, year + 1)
            for b in base
        ],
        ignore_conflicts=True,
    )


def _booked_copayments(tjeneste: Tjeneste, today: date) -> None:
    """The current year's co-payments of the institution placement, as the ledger shows them."""
    cat = em.Kostnadskategori.objects.get(kode="egenbetaling")
    for p in em.Plassering.objects.filter(tjeneste=tjeneste, tiltakstype=MeasureType.INSTITUTION):
        month = max(p.start, date(today.year, 1, 1)).replace(day=1)
        while month < today.replace(day=1):
            try:
                line = monthly_copayment(MeasureType.INSTITUTION, month, p.start, placement_end=p.slutt)
            except MissingRate:
                break
            em.Klientkostnad.objects.create(
                tjeneste=tjeneste,
                sak=p.sak,
                kommunenummer=p.kommunenummer,
                dato=month.replace(day=28),
                kategori=cat,
                belop=line.amount,
                tekst=f"Egenbetaling institusjon (Bufetat), {p.referanse}",
            )
            month = (month + timedelta(days=32)).replace(day=1)


def _placements(tjeneste: Tjeneste, today: date, kommuner: list[str]) -> None:
    host, partner = kommuner[0], kommuner[-1]
    sak = Sak.objects.filter(tjeneste=tjeneste, er_slettet=False, bosteder__kommunenummer=partner).first()
    specs = [
        {
            "kommunenummer": partner,
            "sak": sak,
            "tiltakstype": "institusjon",
            "start": today - timedelta(days=200),
            "referanse": "Plassering 1",
        },
        {
            "kommunenummer": host,
            "tiltakstype": "beredskapshjem",
            "start": today - timedelta(days=100),
            "referanse": "Plassering 2",
        },
        {
            "kommunenummer": host,
            "tiltakstype": "senter_foreldre_barn_dogn",
            "start": today - timedelta(days=20),
            "slutt": today + timedelta(days=70),
            "foreldre": 2,
            "barn": 1,
            "opphold": "utredning",
            "referanse": "Plassering 3",
        },
        {
            "kommunenummer": partner,
            "tiltakstype": "spesialisert_fosterhjem",
            "start": date(2021, 6, 1),
            "referanse": "Plassering 4",
        },
    ]
    for spec in specs:
        em.Plassering.objects.create(tjeneste=tjeneste, **spec)


def _oppdal_rennebu(today: date) -> None:
    tjeneste = Tjeneste.objects.get(slug="oppdal-rennebu")
    nokkel = settings_for(tjeneste)
    nokkel.referansedato, nokkel.regulering_ar = date(2021, 1, 1), 2
    nokkel.save()
    refresh_periods(tjeneste, max(today, date(2023, 12, 31)))
    rng = random.Random(5021)
    _common_year(tjeneste, 2022, range(1, 13), rng, Decimal(1))
    cats = {c.kode: c for c in em.Kostnadskategori.objects.all()}
    for month in (6, 12):
        em.Felleskostnad.objects.create(
            tjeneste=tjeneste,
            maned=date(2022, month, 1),
            kategori=cats["statstilskudd"],
            belop=-(GRANT - GRANT_CUT) / 2,
            tekst="Øremerkede stillinger (2,35), halvårlig utbetaling",
        )
    _client_rows(tjeneste, 2022, ["5021", "5021", "5022"], 48, rng)
    for month in range(3, 9):  # an institution placement of a child from Rennebu
        em.Klientkostnad.objects.create(
            tjeneste=tjeneste,
            kommunenummer="5022",
            dato=date(2022, month, 28),
            kategori=cats["egenbetaling"],
            belop=Decimal("170000.00"),
            tekst="Egenbetaling institusjon (Bufetat)",
        )
    _budget(tjeneste, 2022, BUDGET_OR)
    _payments(tjeneste, 2022, range(1, 13), {"5022": 160_000})
    em.Statstilskudd.objects.create(
        tjeneste=tjeneste,
        ar=2021,
        tekst="Øremerkede stillinger (statlige stillingshjemler)",
        stillinger=Decimal("2.35"),
        belop=GRANT,
    )
    em.Statstilskudd.objects.create(
        tjeneste=tjeneste,
        ar=2022,
        tekst="Øremerkede stillinger etter omfordelingen fra 2022",
        stillinger=Decimal("2.35"),
        belop=GRANT,
        reduksjon=GRANT_CUT,
    )
    em.Kolonneoppsett.objects.create(
        tjeneste=tjeneste,
        art="common",
        navn="Visma – felleskostnader",
        kolonner={"maned": "Periode", "kategori": "Art", "belop": "Beløp", "tekst": "Tekst"},
    )
    leder = User.objects.get(username="leder.or")
    for period, approved in (("2022H1", date(2022, 8, 15)), ("2022H2", date(2023, 1, 20))):
        draft = settlements.create_draft(tjeneste, period, leder, now=_at(approved, 9))
        settlements.approve(draft, leder, now=_at(approved, 14))
    if today.year > 2022 and today.month > 1:
        months = range(1, today.month)
        _common_year(tjeneste, today.year, months, rng, Decimal("1.08"))
        _linked_client_costs(tjeneste, today, rng)
        _payments(tjeneste, today.year, months, {"5022": 175_000})
        _budget(
            tjeneste, today.year, {k: int(v * 1.08) for k, v in BUDGET_OR.items() if k != "statstilskudd"}
        )
    _placements(tjeneste, today, ["5021", "5022"])
    _booked_copayments(tjeneste, today)


def _nord_osterdal(today: date) -> None:
    tjeneste = Tjeneste.objects.get(slug="nord-osterdal")
    nokkel = settings_for(tjeneste)
    nokkel.referansedato, nokkel.regulering_ar = date(2022, 1, 1), 2
    nokkel.save()
    refresh_periods(tjeneste, max(today, date(2023, 12, 31)))
    rng = random.Random(3427)
    _common_year(tjeneste, 2022, range(7, 13), rng, Decimal("2.6"))
    members = ["3427", "3428", "3429", "3424", "3426"]
    _client_rows(tjeneste, 2022, members, 20, rng)
    _budget(
        tjeneste,
        2022,
        {
            "lonn": 17_500_000,
            "reise": 300_000,
            "kurs": 250_000,
            "veiledning": 300_000,
            "opplaering": 200_000,
            "kontor": 650_000,
            "hjelpetiltak": 1_800_000,
            "fosterhjem": 4_500_000,
            "sakkyndig": 500_000,
        },
    )
    _payments(
        tjeneste, 2022, range(7, 13), {"3428": 190_000, "3429": 95_000, "3424": 105_000, "3426": 105_000}
    )
    settlements.create_draft(
        tjeneste, "2022H2", User.objects.get(username="leder.no"), now=_at(date(2023, 1, 25), 9)
    )
    em.Plassering.objects.create(
        tjeneste=tjeneste,
        kommunenummer="3428",
        tiltakstype="institusjon",
        start=today - timedelta(days=45),
        referanse="Plassering 1",
    )


@register("economy")
def load(today: date) -> None:
    ensure_default_categories()
    _population_up_to(today.year)
    _oppdal_rennebu(today)
    _nord_osterdal(today)
