"""Demo staff: Nord-Østerdal as in the seeds («14 ansatte – 12,8 årsverk», barnevernspedagoger,
sosionomer, førskolelærer, jurist, merkantil; saksbehandlerteam, familieveilederteam, omsorgsteam),
and a smaller Oppdal/Rennebu. Names and careers are invented.

Nord-Østerdal uses Bufdir's variant of the competence requirement, Oppdal/Rennebu the seeds'
variant (30 credits), so the two services show the difference. Sick leave rises month by month
(the seeds: «økt arbeidspress og sykefravær»). Demo users (``demo.USERS``) are linked to their
employee rows. Idempotent: a service that already has employees is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from barnevern.accounts.models import User
from barnevern.demo import register
from barnevern.organisation.models import Team, Tjeneste
from barnevern.staff.models import (
    Ansatt,
    Erfaring,
    Innstilling,
    Stilling,
    Sykefravaer,
    Utdanning,
    Vakanse,
    Videreutdanning,
)


@dataclass(frozen=True)
class Person:
    navn: str
    stillingstype: str
    profesjon: str
    team: str
    start: date
    stillinger: tuple[tuple[date | None, str], ...]  # (from, percent); None = from start
    utdanning: tuple[tuple[str, str, int, bool, str], ...] = ()  # niva, fagfelt, år, planlagt, tekst
    videre: tuple[tuple[int, str, int, bool], ...] = ()  # studiepoeng, emne, år, planlagt
    erfaring: tuple[tuple[date, date, str], ...] = ()
    bruker: str = ""
    extra: dict[str, object] = field(default_factory=dict)


FULL = ((None, "100"),)

NORD_OSTERDAL = (
    # Saksbehandlerteam: 7 employees, 6.4 FTE
    Person(
        "Ingrid Haugen",
        "leder",
        "barnevernspedagog",
        "Saksbehandlerteam",
        date(2014, 3, 1),
        FULL,
        (
            ("bachelor", "barnevern", 2006, False, "Barnevernspedagog, Høgskolen i Innlandet"),
            ("master", "barnevern", 2011, False, "Master i barnevern, NTNU"),
        ),
        bruker="leder.no",
    ),
    Person(
        "Torstein Rye",
        "fagleder",
        "sosionom",
        "Saksbehandlerteam",
        date(2010, 8, 15),
        FULL,
        (("bachelor", "sosialt_arbeid", 2004, False, "Sosionom, Høgskolen i Lillehammer"),),
        ((30, "Barnevernfaglig videreutdanning", 2016, False),),
    ),
    Person(
        "Per Moen",
        "saksbehandler",
        "barnevernspedagog",
        "Saksbehandlerteam",
        date(2020, 1, 6),
        FULL,
        (("bachelor", "barnevern", 2019, False, "Barnevernspedagog, VID"),),
        ((15, "Barnesamtalen", 2024, False), (15, "Juss i barnevernet", 2027, True)),
        bruker="sb.no",
    ),
    Person(
        "Kari Bakken",
        "saksbehandler",
        "sosionom",
        "Saksbehandlerteam",
        date(2021, 8, 16),
        ((None, "80"), (date(2024, 1, 1), "100")),
        (("master", "sosialt_arbeid", 2021, False, "Master i sosialt arbeid, Nord universitet"),),
        bruker="sb2.no",
    ),
    Person(
        "Sunniva Brekken",
        "saksbehandler",
        "barnevernspedagog",
        "Saksbehandlerteam",
        date(2024, 8, 12),
        FULL,
        (
            ("bachelor", "barnevern", 2024, False, "Barnevernspedagog, Høgskolen i Innlandet"),
            ("master", "barnevern", 2029, True, "Master i barnevern (deltid), NTNU"),
        ),
    ),
    Person(
        "Eirik Nyhus",
        "jurist",
        "jurist",
        "Saksbehandlerteam",
        date(2022, 2, 1),
        ((None, "60"),),
        (("master", "juss", 2015, False, "Master i rettsvitenskap, UiO"),),
    ),
    Person(
        "Liv Tangen",
        "merkantil",
        "merkantil",
        "Saksbehandlerteam",
        date(2008, 5, 1),
        ((None, "80"),),
        (("annet", "annet", 1996, False, "Kontor- og administrasjonsfag"),),
    ),
    # Familieveilederteam: 3 employees, 2.4 FTE
    Person(
        "Hanne Sørli",
        "familieveileder",
        "forskolelarer",
        "Familieveilederteam",
        date(2012, 9, 1),
        FULL,
        (("bachelor", "pedagogikk", 1998, False, "Førskolelærer, Høgskolen i Hedmark"),),
    ),
    Person(
        "Ole Kjelstad",
        "familieveileder",
        "barnevernspedagog",
        "Familieveilederteam",
        date(2017, 1, 2),
        FULL,
        (("bachelor", "barnevern", 2016, False, "Barnevernspedagog, Høgskolen i Innlandet"),),
    ),
    Person(
        "Geir Holøyen",
        "familieveileder",
        "barnevernspedagog",
        "Familieveilederteam",
        date(2019, 4, 1),
        ((None, "60"), (date(2025, 1, 1), "40")),
        (("bachelor", "barnevern", 2010, False, "Barnevernspedagog, Dronning Mauds Minne"),),
    ),
    # Omsorgsteam: 4 employees, 4.0 FTE
    Person(
        "Marte Vingelen",
        "saksbehandler",
        "sosionom",
        "Omsorgsteam",
        date(2025, 3, 1),
        FULL,
        (("bachelor", "sosialt_arbeid", 2022, False, "Sosionom, NTNU"),),
        erfaring=((date(2022, 8, 1), date(2025, 2, 28), "Veileder, NAV Tynset"),),
    ),
    Person(
        "Silje Os",
        "saksbehandler",
        "barnevernspedagog",
        "Omsorgsteam",
        date(2023, 1, 2),
        FULL,
        (("bachelor", "barnevern", 2018, False, "Barnevernspedagog, VID"),),
        ((30, "Traumebevisst omsorg", 2028, True),),
        ((date(2018, 8, 1), date(2022, 12, 31), "Miljøterapeut, barneverninstitusjon"),),
    ),
    Person(
        "Randi Tolgen",
        "saksbehandler",
        "annet",
        "Omsorgsteam",
        date(2005, 6, 1),
        FULL,
        (("annet", "annet", 2001, False, "Fagbrev barne- og ungdomsarbeider"),),
        ((15, "Fosterhjemsarbeid", 2019, False),),
        extra={
            "unntak": True,
            "unntak_notat": "Unntak for stilling i Folldal: stillingen er lyst ut tre "
            "ganger uten kvalifiserte søkere (vanskelig å rekruttere).",
        },
    ),
    Person(
        "Anders Kvikne",
        "saksbehandler",
        "barnevernspedagog",
        "Omsorgsteam",
        date(2026, 8, 10),
        FULL,
        (("bachelor", "barnevern", 2026, False, "Barnevernspedagog, Høgskolen i Innlandet"),),
    ),
)

OPPDAL_RENNEBU = (
    Person(
        "Marit Dahl",
        "leder",
        "sosionom",
        "Saksbehandlerteam",
        date(2011, 1, 3),
        FULL,
        (("master", "sosialt_arbeid", 2009, False, "Master i sosialt arbeid, NTNU"),),
        bruker="leder.or",
    ),
    Person(
        "Jon Berg",
        "saksbehandler",
        "barnevernspedagog",
        "Saksbehandlerteam",
        date(2013, 8, 1),
        FULL,
        (("bachelor", "barnevern", 2012, False, "Barnevernspedagog, DMMH"),),
        ((30, "Barnevernfaglig videreutdanning", 2019, False),),
        bruker="sb.or",
    ),
    Person(
        "Guro Skjerve",
        "saksbehandler",
        "sosionom",
        "Saksbehandlerteam",
        date(2021, 9, 1),
        FULL,
        (("bachelor", "sosialt_arbeid", 2021, False, "Sosionom, NTNU"),),
        ((30, "Barnevernfaglig videreutdanning", 2027, True),),
    ),
    Person(
        "Bjørn Rennan",
        "saksbehandler",
        "barnevernspedagog",
        "Saksbehandlerteam",
        date(2018, 9, 1),
        FULL,
        (("master", "barnevern", 2018, False, "Master i barnevern, NTNU"),),
    ),
    Person(
        "Solveig Innset", "merkantil", "merkantil", "Saksbehandlerteam", date(2015, 2, 1), ((None, "60"),)
    ),
    Person(
        "Ane Bjørkli",
        "familieveileder",
        "barnevernspedagog",
        "Tiltaksteam",
        date(2016, 1, 4),
        FULL,
        (("bachelor", "barnevern", 2015, False, "Barnevernspedagog, DMMH"),),
    ),
    Person("Kristian Sæter", "miljoarbeider", "annet", "Tiltaksteam", date(2023, 3, 1), ((None, "50"),)),
)

SICK_LEAVE = {  # the twelve months before today, oldest first (rising)
    "nord-osterdal": ("4.8", "5.1", "5.0", "5.9", "6.3", "6.8", "7.4", "7.1", "8.2", "9.0", "9.6", "10.4"),
    "oppdal-rennebu": ("6.2", "6.0", "6.9", "7.3", "7.0", "7.8", "8.5", "8.1", "9.2", "9.8", "10.9", "11.6"),
}
SETTINGS = {"nord-osterdal": ("bufdir", 15), "oppdal-rennebu": ("seeds_30sp", 15)}


def _months_before(today: date, n: int) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _ in range(n):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    return months[::-1]


def _load_people(tjeneste: Tjeneste, people: tuple[Person, ...]) -> None:
    teams = {t.navn: t for t in Team.objects.filter(tjeneste=tjeneste)}
    users = {u.username: u for u in User.objects.filter(tjeneste=tjeneste)}
    for p in people:
        ansatt = Ansatt.objects.create(
            tjeneste=tjeneste,
            navn=p.navn,
            stillingstype=p.stillingstype,
            profesjon=p.profesjon,
            team=teams.get(p.team),
            start_dato=p.start,
            bruker=users.get(p.bruker) if p.bruker else None,
            **p.extra,  # type: ignore[arg-type]
        )
        Stilling.objects.bulk_create(
            Stilling(ansatt=ansatt, fra_dato=fra or p.start, prosent=Decimal(pct))
            for fra, pct in p.stillinger
        )
        Utdanning.objects.bulk_create(
            Utdanning(ansatt=ansatt, niva=niva, fagfelt=felt, ar=ar, planlagt=planlagt, beskrivelse=tekst)
            for niva, felt, ar, planlagt, tekst in p.utdanning
        )
        Videreutdanning.objects.bulk_create(
            Videreutdanning(ansatt=ansatt, studiepoeng=sp, emne=emne, ar=ar, planlagt=planlagt)
            for sp, emne, ar, planlagt in p.videre
        )
        Erfaring.objects.bulk_create(
            Erfaring(ansatt=ansatt, fra_dato=fra, til_dato=til, beskrivelse=tekst)
            for fra, til, tekst in p.erfaring
        )


@register("staff")
def load(today: date) -> None:
    for slug, people in (("nord-osterdal", NORD_OSTERDAL), ("oppdal-rennebu", OPPDAL_RENNEBU)):
        tjeneste = Tjeneste.objects.filter(slug=slug).first()
        if tjeneste is None or Ansatt.objects.filter(tjeneste=tjeneste).exists():
            continue
        variant, level = SETTINGS[slug]
        Innstilling.objects.update_or_create(
            tjeneste=tjeneste, defaults={"kompetansevariant": variant, "saksmengde_varsel": level}
        )
        _load_people(tjeneste, people)
        Sykefravaer.objects.bulk_create(
            Sykefravaer(tjeneste=tjeneste, maned=month, prosent=Decimal(pct))
            for month, pct in zip(_months_before(today, 12), SICK_LEAVE[slug], strict=True)
        )
        if slug == "nord-osterdal":
            Vakanse.objects.create(
                tjeneste=tjeneste,
                team=Team.objects.filter(tjeneste=tjeneste, navn="Saksbehandlerteam").first(),
                stillingstype="saksbehandler",
                prosent=Decimal("100"),
                fra_dato=today - timedelta(days=75),
                merknad="Lyst ut to ganger uten kvalifiserte søkere",
            )
