"""Every rule's wordings: contiguous periods, known sources, and a search note for every ⚠."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from barnevern.rules.deadlines.model import LAW_CHANGE
from barnevern.rules.deadlines.sources import SOURCES, source_line
from barnevern.rules.deadlines.statutory import BVL1992_END, FHF2023_ADOPTED, RULES


@pytest.mark.parametrize("rule", sorted(RULES, key=lambda r: int(r[1:])))
def test_wordings_cover_time_without_gaps_or_overlaps(rule: str) -> None:
    wordings = RULES[rule].wordings
    assert wordings[0].valid_from is None
    assert wordings[-1].valid_to is None
    for before, after in zip(wordings, wordings[1:], strict=False):
        assert before.valid_to is not None
        assert after.valid_from == before.valid_to + timedelta(days=1)


@pytest.mark.parametrize("rule", sorted(RULES, key=lambda r: int(r[1:])))
def test_every_wording_names_known_sources_and_every_gap_names_its_search(rule: str) -> None:
    for wording in RULES[rule].wordings:
        assert wording.sources
        assert all(key in SOURCES for key in wording.sources)
        assert wording.paragraph
        assert wording.text_nb
        if not wording.verified:
            assert "Søkt" in wording.searched_nb
            assert len(wording.searched_nb) > 80
            assert "ikke funnet" in wording.paragraph


@pytest.mark.parametrize(
    ("rule", "day", "paragraph"),
    [
        ("D1", BVL1992_END, "bvl. 1992 § 4-2 første ledd"),
        ("D1", LAW_CHANGE, "bvl. § 2-1 første ledd"),
        ("D4", LAW_CHANGE, "bvl. § 2-2 tredje ledd"),
        ("D9", date(2026, 6, 1), "bvl. § 4-4, jf. § 6-2"),  # after the 2025 amendment of ch. 6
        ("D12", FHF2023_ADOPTED - timedelta(days=1), "fosterhjemsforskriften (2003) § 7"),
        ("D12", FHF2023_ADOPTED, "fosterhjemsforskriften (2023) § 10, jf. bvl. § 9-11"),
        ("D13", date(2023, 6, 1), "fosterhjemsforskriften (2003) §§ 8–9"),
        ("D14", date(2020, 12, 31), "bvl. 1992 § 1-3"),
    ],
)
def test_wording_in_force_on_a_day(rule: str, day: date, paragraph: str) -> None:
    assert RULES[rule].paragraph_on(day) == paragraph


def test_source_line_names_title_url_and_kind() -> None:
    line = source_line("BUFDIR-MELDER")
    assert "tre uker" in line
    assert "bufdir.no" in line
    assert line.endswith("(offisiell)")
    assert {s.kind for s in SOURCES.values()} <= {"lovtekst", "offisiell", "sekundær", "referanse"}


def test_docs_list_every_source_and_every_rule() -> None:
    from pathlib import Path

    text = (Path(__file__).parents[3] / "docs" / "deadlines.md").read_text("utf-8")
    missing = [key for key in SOURCES if f"| {key} |" not in text]
    assert missing == []
    for rule in RULES:
        assert f"| {rule} |" in text
