"""The competence requirement through the model mapping (staff models → rules.competence),
for each variant: master; bachelor + 4 years; bachelor + 4 years + 30 credits; the exception
for hard-to-recruit posts; roles the rule does not cover (domain-rules.md §5, the seeds)."""

from __future__ import annotations

from datetime import date

import pytest

from barnevern.rules.competence import BUFDIR, SEEDS_30SP, SSB, VARIANTS
from barnevern.staff import queries
from barnevern.staff.models import Innstilling
from tests.staff.factories import ansatt

ON = date(2026, 11, 23)
FOUR_YEARS_AGO = date(2022, 11, 1)
TWO_YEARS_AGO = date(2024, 11, 23)
MASTER = (("master", "barnevern", 2015),)
BACHELOR_BV = (("bachelor", "barnevern", 2015),)
BACHELOR_SOC = (("bachelor", "sosialt_arbeid", 2015),)

MEETS, EXC, NOT, NC = "meets", "meets_by_exception", "does_not_meet", "not_covered"
PRE_2026 = [code for code in VARIANTS if code != "kvalitetsloft_2026"]  # the 2026 law: below

CASES = [
    # (description, employee kwargs, {variant: (status, missing)})
    ("master", {"utdanning": MASTER}, {"bufdir": (MEETS, ()), "seeds_30sp": (MEETS, ()), "ssb": (MEETS, ())}),
    (
        "master in social work (SSB wants child welfare)",
        {"utdanning": (("master", "sosialt_arbeid", 2015),)},
        {
            "bufdir": (MEETS, ()),
            "seeds_30sp": (MEETS, ()),
            "ssb": (NOT, ("mangler barnevernfaglig mastergrad eller bachelorgrad",)),
        },
    ),
    (
        "bachelor + 4 years",
        {"utdanning": BACHELOR_BV, "start": FOUR_YEARS_AGO},
        {
            "bufdir": (MEETS, ()),
            "seeds_30sp": (NOT, ("mangler 30 studiepoeng videreutdanning",)),
            "ssb": (NOT, ("mangler 30 studiepoeng videreutdanning",)),
        },
    ),
    (
        "bachelor + 4 years + 30 credits",
        {"utdanning": BACHELOR_BV, "start": FOUR_YEARS_AGO, "videre": ((30, 2020),)},
        {"bufdir": (MEETS, ()), "seeds_30sp": (MEETS, ()), "ssb": (MEETS, ())},
    ),
    (
        "social-work bachelor + 4 years + 30 credits",
        {"utdanning": BACHELOR_SOC, "start": FOUR_YEARS_AGO, "videre": ((30, 2020),)},
        {
            "bufdir": (MEETS, ()),
            "seeds_30sp": (MEETS, ()),
            "ssb": (NOT, ("mangler barnevernfaglig mastergrad eller bachelorgrad",)),
        },
    ),
    (
        "bachelor + 2 years here + 2 years before (experience periods count)",
        {
            "utdanning": BACHELOR_BV,
            "start": TWO_YEARS_AGO,
            "erfaring": ((date(2022, 11, 1), date(2024, 11, 22)),),
        },
        {
            "bufdir": (MEETS, ()),
            "seeds_30sp": (NOT, ("mangler 30 studiepoeng videreutdanning",)),
            "ssb": (NOT, ("mangler 30 studiepoeng videreutdanning",)),
        },
    ),
    (
        "bachelor + 2 years + 15 credits",
        {"utdanning": BACHELOR_BV, "start": TWO_YEARS_AGO, "videre": ((15, 2025),)},
        {
            "bufdir": (NOT, ("mangler 2 år relevant erfaring",)),
            "seeds_30sp": (NOT, ("mangler 2 år relevant erfaring", "mangler 15 studiepoeng videreutdanning")),
            "ssb": (NOT, ("mangler 2 år relevant erfaring", "mangler 15 studiepoeng videreutdanning")),
        },
    ),
    (
        "no degree that counts",
        {"utdanning": (("annet", "annet", 2001),)},
        {
            v: (
                NOT,
                (f"mangler {'barnevernfaglig' if v == 'ssb' else 'relevant'} mastergrad eller bachelorgrad",),
            )
            for v in PRE_2026
        },
    ),
    (
        "exception for a hard-to-recruit post",
        {"utdanning": (("annet", "annet", 2001),), "unntak": True, "unntak_notat": "Vanskelig å rekruttere"},
        {
            v: (
                EXC,
                (f"mangler {'barnevernfaglig' if v == 'ssb' else 'relevant'} mastergrad eller bachelorgrad",),
            )
            for v in PRE_2026
        },
    ),
    (
        "expired exception",
        {"utdanning": (), "unntak": True, "unntak_til": date(2026, 6, 30), "unntak_notat": "x"},
        {
            v: (
                NOT,
                (f"mangler {'barnevernfaglig' if v == 'ssb' else 'relevant'} mastergrad eller bachelorgrad",),
            )
            for v in PRE_2026
        },
    ),
    *[
        (f"role {rolle} not covered", {"rolle": rolle, "utdanning": ()}, dict.fromkeys(PRE_2026, (NC, ())))
        for rolle in ("familieveileder", "miljoarbeider", "merkantil", "jurist", "annet")
    ],
    (
        "familieveileder who exercises authority is covered",
        {"rolle": "familieveileder", "myndighetsoppgaver": True, "utdanning": MASTER},
        dict.fromkeys(PRE_2026, (MEETS, ())),
    ),
    (
        "saksbehandler marked as not exercising authority",
        {"myndighetsoppgaver": False, "utdanning": ()},
        dict.fromkeys(PRE_2026, (NC, ())),
    ),
    *[
        (f"role {rolle} covered", {"rolle": rolle, "utdanning": MASTER}, dict.fromkeys(PRE_2026, (MEETS, ())))
        for rolle in ("leder", "stedfortreder", "fagleder", "saksbehandler")
    ],
    # from 2026-01-01 (kvalitetsløftet): master or equivalent, leader and deputy only
    ("2026: leader with a master", {"rolle": "leder", "utdanning": MASTER}, {"kvalitetsloft_2026": (MEETS, ())}),
    (
        "2026: deputy with a bachelor and experience",
        {"rolle": "stedfortreder", "utdanning": BACHELOR_BV, "start": FOUR_YEARS_AGO},
        {"kvalitetsloft_2026": (NOT, ("mangler relevant mastergrad eller tilsvarende",))},
    ),
    (
        "2026: case worker not covered",
        {"utdanning": (), "myndighetsoppgaver": True},
        {"kvalitetsloft_2026": (NC, ())},
    ),
]


@pytest.mark.parametrize(("description", "kwargs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_variant_table_through_models(org, description, kwargs, expected):
    tjeneste = org["nord-osterdal"]
    ansatt(tjeneste, **kwargs)
    assert expected  # a row of the variant table names at least one variant
    for code, (status, missing) in expected.items():
        [row] = queries.employee_rows(tjeneste, ON, VARIANTS[code])
        assert (row.result.status, row.result.missing, row.result.variant) == (status, missing, code), code
        if status != NC:
            assert row.result.deadline == (kwargs.get("unntak_til") if status == EXC else None) or date(
                2031, 1, 1
            )


def test_deadline_is_2031_and_exception_until_is_the_deadline(org):
    tjeneste = org["nord-osterdal"]
    ansatt(tjeneste, "A", utdanning=BACHELOR_BV, start=TWO_YEARS_AGO)
    ansatt(tjeneste, "B", utdanning=(), unntak=True, unntak_til=date(2029, 12, 31), unntak_notat="x")
    a, b = queries.employee_rows(tjeneste, ON, BUFDIR)
    assert a.result.deadline == date(2031, 1, 1)
    assert (b.result.status, b.result.deadline) == (EXC, date(2029, 12, 31))
    assert b.projected.status == NOT  # the exception has run out by 2031-01-01


def test_planned_further_education_counts_in_the_2031_projection(org):
    tjeneste = org["nord-osterdal"]
    ansatt(
        tjeneste,
        utdanning=BACHELOR_BV,
        start=FOUR_YEARS_AGO,
        videre=((15, 2024),),
        planlagt_videre=((15, 2027),),
    )
    [row] = queries.employee_rows(tjeneste, ON, SEEDS_30SP)
    assert row.result.missing == ("mangler 15 studiepoeng videreutdanning",)
    assert row.projected.status == MEETS


def test_planned_master_counts_in_the_projection_but_not_now(org):
    tjeneste = org["nord-osterdal"]
    ansatt(tjeneste, utdanning=(), planlagt_utdanning=(("master", "barnevern", 2029),), start=TWO_YEARS_AGO)
    [row] = queries.employee_rows(tjeneste, ON, SSB)
    assert row.result.status == NOT
    assert (row.projected.status, row.projected.path) == (MEETS, "master")


def test_employee_leaving_before_2031_is_left_out_of_the_projection(org):
    tjeneste = org["nord-osterdal"]
    ansatt(tjeneste, "Blir", utdanning=MASTER)
    ansatt(tjeneste, "Slutter", utdanning=(), slutt=date(2027, 6, 30))
    figures = queries.overview(tjeneste, ON).competence
    assert (figures.now.meets, figures.now.does_not_meet) == (1, 1)
    assert (figures.projected.meets, figures.projected.does_not_meet, figures.projected.covered) == (1, 0, 1)
    assert figures.now.share_compliant == 0.5
    assert figures.projected.share_compliant == 1.0


def test_service_setting_chooses_the_variant_and_the_result_names_it(org):
    tjeneste = org["nord-osterdal"]
    ansatt(tjeneste, utdanning=BACHELOR_BV, start=FOUR_YEARS_AGO)
    assert queries.overview(tjeneste, ON).competence.variant.code == "bufdir"  # default, no row stored
    Innstilling.objects.create(tjeneste=tjeneste, kompetansevariant="seeds_30sp")
    data = queries.overview(tjeneste, ON)
    assert data.competence.variant.code == "seeds_30sp"
    assert data.rows[0].result.variant == "seeds_30sp"
    assert data.rows[0].result.status == NOT
    assert queries.staff_json(data)["competence"]["variant"] == "seeds_30sp"
