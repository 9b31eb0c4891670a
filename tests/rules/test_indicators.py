import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from barnevern.rules.dates import Arithmetic
from barnevern.rules.deadlines.model import DeadlineConfig
from barnevern.rules.indicators import (
    HALF_YEAR_OVERVIEW,
    INDICATORS,
    UNKNOWN_KOMMUNE,
    YEARLY_OVERVIEW,
    compute,
    compute_half_year,
    compute_series,
    format_value,
    get,
    series_rows,
)
from barnevern.rules.periods import Period
from tests.rules import factories as f
from tests.rules.factories import OPPDAL, RENNEBU

H2 = Period.half(2022, 2)
D = date


def value(saker, key, period=H2, kommune=None, **kw):
    return compute(saker, period, **kw).value(key, kommune)


# --- registry --------------------------------------------------------------------------------

REQUIRED_KEYS = [
    "meldinger",
    "meldinger_henlagt",
    "meldinger_til_undersokelse",
    "meldinger_gjennomgatt_innen_frist",
    "undersokelser_startet",
    "undersokelser_avsluttet",
    "undersokelser_avsluttet_innen_frist",
    "undersokelser_til_tiltak",
    "barn_med_hjelpetiltak",
    "barn_med_omsorgstiltak",
    "barn_med_tiltak",
    "barn_med_hjelpetiltak_ved_slutt",
    "barn_under_omsorg_ved_slutt",
    "barn_plassert_ved_slutt",
    "barn_frivillig_plassert_ved_slutt",
    "barn_med_tiltaksplan_andel",
    "tiltaksplaner_evaluert_andel",
    "oppfolgingsbesok_oppfylt_andel",
    "tilsynsbesok_oppfylt_andel",
    "meldinger_per_1000",
    "barn_med_tiltak_per_1000",
]


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_required_indicator_is_registered(key):
    ind = get(key)
    assert ind.key == key
    assert ind.name_nb
    assert ind.source
    rule = ind.counting_rule_nb
    assert rule.endswith(".")
    assert not re.search(r"\.\s+[A-ZÆØÅ]", rule)  # one sentence


def test_shares_and_rates_point_at_counts():
    kinds = []
    for ind in INDICATORS.values():
        if ind.kind == "share":
            assert get(ind.numerator).is_count
            assert get(ind.denominator).is_count
        if ind.kind == "rate":
            assert get(ind.numerator).is_count
            assert ind.key == ind.numerator + "_per_1000"
        kinds.append(ind.kind)
    assert "share" in kinds
    assert "rate" in kinds


def test_unknown_key_is_named():
    with pytest.raises(KeyError, match="Ukjent indikator «finnes_ikke»"):
        get("finnes_ikke")


def test_docs_list_every_indicator():
    docs = Path(__file__).resolve().parents[2] / "docs" / "statistics.md"
    text = docs.read_text("utf-8")
    missing = [key for key in INDICATORS if f"`{key}`" not in text]
    assert missing == []


# --- meldinger --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "counted"),
    [
        (D(2022, 6, 30), 0),  # day before the half-year
        (D(2022, 7, 1), 1),  # first day
        (D(2022, 12, 31), 1),  # last day
        (D(2023, 1, 1), 0),
    ],
)
def test_meldinger_by_receipt_date(received, counted):
    assert value([f.sak(meldinger=(f.melding(received),))], "meldinger") == counted


@pytest.mark.parametrize(
    ("kode", "henlagt", "til_undersokelse"),
    [
        ("1", 1, 0),
        ("2", 0, 1),
        ("3", 1, 0),
        ("4", 0, 0),  # melding i pågående undersøkelse
        ("5", 1, 0),
        ("6", 1, 0),
        ("7", 0, 0),  # overført til annen tjeneste
        ("8", 0, 0),  # overført til annen etat
        ("9", 1, 0),
        ("10", 1, 0),
    ],
)
def test_melding_conclusion_split(kode, henlagt, til_undersokelse):
    saker = [f.sak(meldinger=(f.melding(D(2022, 8, 1), D(2022, 8, 3), kode),))]
    table = compute(saker, H2)
    assert table.total["meldinger_henlagt"] == henlagt
    assert table.total["meldinger_til_undersokelse"] == til_undersokelse
    assert table.total["meldinger_gjennomgatt"] == 1


def test_melding_conclusion_counts_in_the_period_it_was_concluded():
    m = f.melding(D(2022, 6, 28), D(2022, 7, 2), "1")
    h1, h2 = compute_series([f.sak(meldinger=(m,))], [Period.half(2022, 1), H2])
    assert (h1.total["meldinger"], h1.total["meldinger_henlagt"]) == (1, 0)
    assert (h2.total["meldinger"], h2.total["meldinger_henlagt"]) == (0, 1)


@pytest.mark.parametrize(
    ("concluded", "within"),
    [
        (D(2022, 8, 1), 1),  # same day
        (D(2022, 8, 8), 1),  # day 7
        (D(2022, 8, 9), 0),  # day 8
    ],
)
def test_melding_reviewed_within_a_week(concluded, within):
    saker = [f.sak(meldinger=(f.melding(D(2022, 8, 1), concluded, "1"),))]
    table = compute(saker, H2)
    assert table.total["meldinger_gjennomgatt_innen_frist"] == within
    assert table.total["meldinger_gjennomgatt_innen_frist_andel"] == Decimal(within)


def test_melding_day_8_is_within_in_ssb_mode_with_grace_day():
    config = DeadlineConfig(arithmetic=Arithmetic.SSB_DAYS, ssb_melding_grace_days=1)
    saker = [f.sak(meldinger=(f.melding(D(2022, 8, 1), D(2022, 8, 9), "1"),))]
    assert value(saker, "meldinger_gjennomgatt_innen_frist", config=config) == 1


def test_review_share_is_none_without_reviews():
    assert (
        value(
            [f.sak(meldinger=(f.melding(D(2022, 8, 1)),))],
            "meldinger_gjennomgatt_innen_frist_andel",
        )
        is None
    )


# --- undersøkelser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "concluded", "startet", "avsluttet"),
    [
        (D(2022, 6, 1), D(2022, 7, 1), 0, 1),
        (D(2022, 7, 1), None, 1, 0),
        (D(2022, 12, 31), D(2023, 1, 2), 1, 0),
        (D(2022, 5, 1), D(2022, 6, 30), 0, 0),
    ],
)
def test_undersokelser_started_and_concluded(start, concluded, startet, avsluttet):
    table = compute([f.sak(undersokelser=(f.undersokelse(start, concluded),))], H2)
    assert table.total["undersokelser_startet"] == startet
    assert table.total["undersokelser_avsluttet"] == avsluttet


@pytest.mark.parametrize(("kode", "til_tiltak"), [("1", 1), ("2", 1), ("3", 0), ("4", 0), ("5", 0), ("6", 0)])
def test_undersokelser_til_tiltak(kode, til_tiltak):
    u = f.undersokelse(D(2022, 7, 1), D(2022, 9, 1), kode)
    assert value([f.sak(undersokelser=(u,))], "undersokelser_til_tiltak") == til_tiltak


# Worked example (domain-rules.md §1.3): received 2024-01-24 -> due 2024-04-30, extended 2024-07-31.
@pytest.mark.parametrize(
    ("concluded", "extension", "within"),
    [
        (D(2024, 4, 30), None, 1),  # last day of 3 months from receipt + 7 days
        (D(2024, 5, 1), None, 0),
        (D(2024, 5, 1), "2", 0),  # extension refused
        (D(2024, 5, 1), "", 0),  # extension applied for, not decided
        (D(2024, 5, 1), "1", 1),  # extension granted: 6 months
        (D(2024, 7, 31), "1", 1),
        (D(2024, 8, 1), "1", 0),
    ],
)
def test_undersokelse_within_deadline_d3(concluded, extension, within):
    m = f.melding(D(2024, 1, 24), D(2024, 1, 26), "2")
    u = f.undersokelse(D(2024, 1, 26), concluded, "3", extension=extension)
    table = compute(
        [f.sak(meldinger=(m,), undersokelser=(u,), relasjoner=(f.link(m, u),))], Period.year(2024)
    )
    assert table.total["undersokelser_avsluttet_innen_frist"] == within
    assert table.total["undersokelser_avsluttet_innen_frist_andel"] == Decimal(within)


def test_undersokelse_without_linked_melding_counts_from_its_start():
    u = f.undersokelse(D(2024, 1, 31), D(2024, 4, 30), "3")
    assert value([f.sak(undersokelser=(u,))], "undersokelser_avsluttet_innen_frist", Period.year(2024)) == 1
    late = f.undersokelse(D(2024, 1, 31), D(2024, 5, 1), "3")
    assert (
        value([f.sak(undersokelser=(late,))], "undersokelser_avsluttet_innen_frist", Period.year(2024)) == 0
    )


def test_deadline_share_mixes():
    m1, m2 = f.melding(D(2024, 1, 24), D(2024, 1, 26)), f.melding(D(2024, 1, 24), D(2024, 1, 26))
    u1 = f.undersokelse(D(2024, 1, 26), D(2024, 3, 1))
    u2 = f.undersokelse(D(2024, 1, 26), D(2024, 6, 1))
    u3 = f.undersokelse(D(2024, 1, 26))  # open: not in the denominator
    s = f.sak(meldinger=(m1, m2), undersokelser=(u1, u2, u3), relasjoner=(f.link(m1, u1), f.link(m2, u2)))
    assert value([s], "undersokelser_avsluttet_innen_frist_andel", Period.year(2024)) == Decimal("0.5")


# --- tables, municipalities, rates --------------------------------------------------------------


def test_members_get_rows_and_outsiders_go_to_outside_and_total():
    s_o = f.sak(child=1, kommune=OPPDAL, meldinger=(f.melding(D(2022, 8, 1)),))
    s_x = f.sak(child=2, kommune="5001", meldinger=(f.melding(D(2022, 8, 1)),))
    table = compute([s_o, s_x], H2, municipalities=[OPPDAL, RENNEBU])
    assert table.municipalities == (OPPDAL, RENNEBU)
    assert table.value("meldinger", RENNEBU) == 0
    assert table.outside["meldinger"] == 1
    assert table.total["meldinger"] == 2


def test_without_members_every_municipality_gets_a_row_and_unknown_is_0000():
    s_o = f.sak(child=1, kommune=OPPDAL, meldinger=(f.melding(D(2022, 8, 1)),))
    s_u = f.sak(child=2, bosted=(), meldinger=(f.melding(D(2022, 8, 1)),))
    table = compute([s_o, s_u], H2)
    assert table.municipalities == (UNKNOWN_KOMMUNE, OPPDAL)
    assert table.total["meldinger"] == 2


def test_rates_per_1000_inhabitants_0_17():
    saker = [f.sak(child=i, kommune=OPPDAL, meldinger=(f.melding(D(2022, 8, 1)),)) for i in range(3)]
    saker += [f.sak(child=10, kommune=RENNEBU, meldinger=(f.melding(D(2022, 8, 1)),))]
    pop = {OPPDAL: 1500, RENNEBU: 497}
    table = compute(saker, H2, population=pop, municipalities=[OPPDAL, RENNEBU])
    assert table.value("meldinger_per_1000", OPPDAL) == Decimal("2.0")
    assert table.value("meldinger_per_1000", RENNEBU) == Decimal("2.0")  # 2.012 -> 2.0
    assert table.total["meldinger_per_1000"] == Decimal("2.0")  # 4 / 1997
    partial = compute(saker, H2, population={OPPDAL: 1500}, municipalities=[OPPDAL, RENNEBU])
    assert partial.value("meldinger_per_1000", RENNEBU) is None
    assert partial.total["meldinger_per_1000"] is None
    assert compute(saker, H2).total["meldinger_per_1000"] is None


def test_municipality_figures_add_up_to_total():
    saker = []
    for i in range(12):
        kommune = OPPDAL if i % 3 else RENNEBU
        moved = (
            (D(2015, 3, 14), kommune),
            (D(2022, 10, 1), RENNEBU if kommune == OPPDAL else OPPDAL),
        )
        saker.append(
            f.sak(
                child=i,
                bosted=moved if i % 4 == 0 else None,
                kommune=kommune,
                meldinger=(f.melding(D(2022, 7 + i % 6, 1), D(2022, 7 + i % 6, 5), str(1 + i % 3)),),
                tiltak_=(
                    f.omsorgstiltak(D(2021, 1, 1)) if i % 5 == 0 else f.tiltak(D(2022, 1, 1), kategori="2.2"),
                ),
            )
        )
    table = compute(saker, H2, municipalities=[OPPDAL, RENNEBU])
    counts = [key for key, ind in INDICATORS.items() if ind.is_count]
    assert len(counts) > 10
    for key in counts:
        assert sum(row[key] for row in table.by_municipality.values()) == table.total[key], key


def test_series_equals_separate_computation():
    saker = [
        f.sak(
            child=1,
            meldinger=(f.melding(D(2019, 5, 1)), f.melding(D(2021, 5, 1))),
            tiltak_=(f.tiltak(D(2020, 6, 1)),),
        ),
        f.sak(
            child=2,
            undersokelser=(f.undersokelse(D(2022, 1, 1), D(2022, 2, 1)),),
            tiltak_=(f.omsorgstiltak(D(2019, 1, 1), D(2021, 3, 1)),),
        ),
    ]
    periods = Period.years(2019, 2022)
    series = compute_series(iter(saker), periods)  # a one-shot iterator is enough
    for period, table in zip(periods, series, strict=True):
        assert table == compute(saker, period)
    rows = dict(series_rows(series, YEARLY_OVERVIEW))
    assert rows["Meldinger mottatt"] == [1, 0, 1, 0]
    assert rows["Barn med omsorgstiltak i perioden"] == [1, 1, 1, 0]
    assert rows["Barn med hjelpetiltak i perioden"] == [0, 1, 1, 1]


def test_series_population_per_period():
    s = f.sak(meldinger=(f.melding(D(2021, 5, 1)), f.melding(D(2022, 5, 1))))
    pops = {2021: {OPPDAL: 1000}, 2022: {OPPDAL: 500}}
    t21, t22 = compute_series(
        [s],
        Period.years(2021, 2022),
        population=lambda p: pops[p.start.year],
        municipalities=[OPPDAL],
    )
    assert (t21.total["meldinger_per_1000"], t22.total["meldinger_per_1000"]) == (
        Decimal("1.0"),
        Decimal("2.0"),
    )


def test_half_year_table_like_the_oppdal_rennebu_seed():
    saker = [
        f.sak(
            child=1,
            kommune=RENNEBU,
            meldinger=(f.melding(D(2022, 9, 1)),),
            tiltak_=(f.tiltak(D(2022, 1, 1)),),
        ),
        f.sak(child=2, kommune=OPPDAL, tiltak_=(f.omsorgstiltak(D(2018, 1, 1)),)),
        f.sak(child=3, kommune=OPPDAL, tiltak_=(f.tiltak(D(2022, 1, 1), kategori="2.1"),)),
    ]
    table = compute_half_year(saker, 2022, 2, municipalities=[RENNEBU, OPPDAL])
    assert table.period.label == "2. halvår 2022"
    assert table.period.end_label == "pr. 31.12.2022"
    grid = {key: [table.value(key, k) for k in (RENNEBU, OPPDAL)] for key in HALF_YEAR_OVERVIEW}
    assert grid == {
        "meldinger": [1, 0],
        "undersokelser_avsluttet": [0, 0],
        "barn_med_hjelpetiltak_ved_slutt": [1, 1],
        "barn_frivillig_plassert_ved_slutt": [0, 1],
        "barn_under_omsorg_ved_slutt": [0, 1],
    }


def test_counts_matrix_for_suppression():
    table = compute([f.sak(meldinger=(f.melding(D(2022, 8, 1)),))], H2, municipalities=[OPPDAL, RENNEBU])
    assert table.counts(["meldinger"]) == {"meldinger": {OPPDAL: 1, RENNEBU: 0}}
    with pytest.raises(ValueError, match="er ikke et antall"):
        table.counts(["barn_med_tiltaksplan_andel"])


@pytest.mark.parametrize(
    ("key", "raw", "text"),
    [
        ("meldinger", 1234, "1\u00a0234"),
        ("barn_med_tiltaksplan_andel", Decimal("0.6667"), "66,7\u00a0%"),
        ("meldinger_per_1000", Decimal("44.7"), "44,7"),
        ("barn_med_tiltaksplan_andel", None, ".."),
    ],
)
def test_format_value(key, raw, text):
    assert format_value(key, raw) == text
