"""The deadlines package's public API: §1.3 worked examples and properties of whole cases.

Module-level tables live in ``tests/rules/deadlines/`` (mirroring the package).
"""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barnevern import rules
from barnevern.records import (
    KodeMedPresisering,
    Konklusjon,
    Lovhjemmel,
    Melding,
    Oppfolging,
    Plan,
    SakRecord,
    Tiltak,
    Undersokelse,
    Utfort,
    UtvidetFrist,
)
from barnevern.rules.deadlines import (
    Arithmetic,
    DeadlineConfig,
    Status,
    d1_melding_review,
    d3_investigation,
    deadlines_for_sak,
    retrospective,
)

RECEIVED = date(2024, 1, 24)  # a Wednesday (reference/domain-rules.md §1.3)


@pytest.mark.parametrize(
    ("label", "computed", "expected"),
    [
        ("review deadline (D1)", d1_melding_review(RECEIVED).due, date(2024, 1, 31)),
        ("investigation deadline (D3)", d3_investigation(RECEIVED).due, date(2024, 4, 30)),
        (
            "extended deadline",
            d3_investigation(RECEIVED, extension_granted=True).due,
            date(2024, 7, 31),
        ),
        (
            "SSB day arithmetic",
            d3_investigation(RECEIVED, config=DeadlineConfig(arithmetic=Arithmetic.SSB_DAYS)).due,
            date(2024, 4, 30),
        ),
    ],
)
def test_worked_examples(label: str, computed: date, expected: date) -> None:
    assert computed == expected, label


def test_package_never_imports_django() -> None:
    root = Path(rules.__file__).parent
    files = [root / "dates.py", root / "measures.py", *sorted((root / "deadlines").glob("*.py"))]
    assert len(files) > 2  # the deadlines package was found
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "django" for n in names), path


DAYS = st.integers(min_value=0, max_value=400)
START = st.dates(min_value=date(2021, 6, 1), max_value=date(2024, 6, 1))


@st.composite
def cases(draw: st.DrawFn) -> SakRecord:
    meldinger: list[Melding] = []
    undersokelser: list[Undersokelse] = []
    for n in range(draw(st.integers(0, 3))):
        received = draw(START)
        concluded = draw(st.one_of(st.none(), DAYS.map(lambda d, r=received: r + timedelta(d))))
        kode = draw(st.sampled_from(["1", "2", "3"]))
        meldinger.append(
            Melding(
                f"m{n}",
                received,
                konklusjon=Konklusjon(concluded, kode) if concluded else None,
            )
        )
        if concluded and kode == "2" and draw(st.booleans()):
            ended = draw(st.one_of(st.none(), DAYS.map(lambda d, c=concluded: c + timedelta(d))))
            extension = draw(st.sampled_from([None, "1", "2"]))
            undersokelser.append(
                Undersokelse(
                    f"u{n}",
                    concluded,
                    utvidet_frist=UtvidetFrist(concluded, extension) if extension else None,
                    konklusjon=Konklusjon(ended, "1") if ended else None,
                )
            )
    planer = [
        Plan(
            f"p{n}",
            start := draw(START),
            draw(st.sampled_from(["1", "4", "7"])),
            evalueringer=tuple(
                sorted(start + timedelta(d) for d in draw(st.lists(DAYS, max_size=4)))
            ),
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    tiltak = [
        Tiltak(
            f"t{n}",
            start := draw(START),
            Lovhjemmel(*draw(st.sampled_from([("BVL2021", "3", "1"), ("BVL2021", "5", "1")]))),
            KodeMedPresisering(draw(st.sampled_from(["2.2", "2.5", "4.6"]))),
            oppfolging=Oppfolging(
                utfort=tuple(
                    Utfort(f"v{d}", start + timedelta(d)) for d in draw(st.lists(DAYS, max_size=6))
                )
            ),
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    return SakRecord(
        "sak-h",
        date(2021, 1, 1),
        "J-h",
        meldinger=tuple(meldinger),
        undersokelser=tuple(undersokelser),
        planer=tuple(planer),
        tiltak=tuple(tiltak),
    )


CONFIGS = st.sampled_from([DeadlineConfig(arithmetic=mode) for mode in Arithmetic])


@settings(max_examples=60, deadline=None)
@given(cases(), st.dates(min_value=date(2021, 6, 1), max_value=date(2026, 1, 1)), CONFIGS)
def test_every_item_is_consistent(sak: SakRecord, today: date, config: DeadlineConfig) -> None:
    items = deadlines_for_sak(sak, today, config)
    assert all(a.due <= b.due for a, b in zip(items, items[1:], strict=False))
    for item in items:
        assert item.due >= item.start, item
        assert item.days >= 0
        if item.met_on is not None and item.met_on <= today:
            assert item.status in (Status.MET, Status.BREACHED)
            assert item.status == (Status.MET if item.met_on <= item.due else Status.BREACHED)
        else:
            assert item.status in (Status.OVERDUE, Status.DUE, Status.UPCOMING)
    report = retrospective(items, date(2021, 1, 1), date(2026, 12, 31))
    assert len(report.items) == len(items)
