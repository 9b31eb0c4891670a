"""Demo organisation: the two services of the seeds with their municipalities."""

from __future__ import annotations

from datetime import date

from barnevern.organisation.models import Befolkning, Kommune, Medlemskap, Team, Tjeneste

KOMMUNER = {
    "3424": "Rendalen",
    "3426": "Tolga",
    "3427": "Tynset",
    "3428": "Alvdal",
    "3429": "Folldal",
    "5021": "Oppdal",
    "5022": "Rennebu",
}

# Inhabitants 0–17 per municipality and year. Oppdal/Rennebu 2021 are the seeds' figures
# (1 500 and 497); the others are round, invented approximations for the demo.
POPULATION_0_17 = {
    "3427": {2019: 1280, 2020: 1270, 2021: 1262, 2022: 1255, 2023: 1250},
    "3428": {2019: 520, 2020: 515, 2021: 508, 2022: 500, 2023: 495},
    "3429": {2019: 260, 2020: 255, 2021: 250, 2022: 246, 2023: 240},
    "3424": {2019: 300, 2020: 292, 2021: 286, 2022: 280, 2023: 275},
    "3426": {2019: 290, 2020: 286, 2021: 281, 2022: 276, 2023: 272},
    "5021": {2019: 1520, 2020: 1510, 2021: 1500, 2022: 1495, 2023: 1490},
    "5022": {2019: 505, 2020: 500, 2021: 497, 2022: 493, 2023: 490},
}

TJENESTER = (
    {
        "slug": "nord-osterdal",
        "navn": "Barnevernstjenesten i Nord-Østerdal",
        "organisasjonsnummer": "991000003",
        "vert": "3427",
        "medlemmer": ["3427", "3428", "3429", "3424", "3426"],
        "avtale_signert": None,
        "avtale_i_kraft": date(2012, 1, 1),
        "rettsgrunnlag": "Kommuneloven § 20-2 (administrativt vertskommunesamarbeid)",
        "team": ["Saksbehandlerteam", "Familieveilederteam", "Omsorgsteam"],
    },
    {
        "slug": "oppdal-rennebu",
        "navn": "Barnevernstjenesten for Oppdal og Rennebu",
        "organisasjonsnummer": "987654007",
        "vert": "5021",
        "medlemmer": ["5021", "5022"],
        "avtale_signert": date(2009, 12, 17),
        "avtale_i_kraft": date(2010, 1, 1),
        "rettsgrunnlag": "Kommuneloven § 20-2 (administrativt vertskommunesamarbeid)",
        "team": ["Saksbehandlerteam", "Tiltaksteam"],
    },
)


def _spread(total: int) -> list[int]:
    """Split a 0–17 total over 18 ages so that they sum to it."""
    base, rest = divmod(total, 18)
    return [base + (1 if age < rest else 0) for age in range(18)]


def load(today: date) -> None:
    kommuner = {
        nummer: Kommune.objects.get_or_create(
            nummer=nummer, gyldig_fra=date(2020, 1, 1), defaults={"navn": navn}
        )[0]
        for nummer, navn in KOMMUNER.items()
    }
    for spec in TJENESTER:
        tjeneste, _ = Tjeneste.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "navn": spec["navn"],
                "organisasjonsnummer": spec["organisasjonsnummer"],
                "vertskommune": kommuner[spec["vert"]],
                "avtale_signert": spec["avtale_signert"],
                "avtale_i_kraft": spec["avtale_i_kraft"],
                "rettsgrunnlag": spec["rettsgrunnlag"],
            },
        )
        for nummer in spec["medlemmer"]:
            Medlemskap.objects.get_or_create(
                tjeneste=tjeneste, kommune=kommuner[nummer], fra=spec["avtale_i_kraft"]
            )
        for navn in spec["team"]:
            Team.objects.get_or_create(tjeneste=tjeneste, navn=navn)
    rows = []
    for nummer, years in POPULATION_0_17.items():
        for year, total in years.items():
            for age, count in enumerate(_spread(total)):
                rows.append(Befolkning(kommune=kommuner[nummer], ar=year, alder=age, antall=count))
    Befolkning.objects.bulk_create(rows, ignore_conflicts=True)
