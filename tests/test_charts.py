"""SVG charts: accessible, CSP-safe (no style attributes, no script) and deterministic."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from barnevern.charts import Series, bar_chart, line_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


@pytest.mark.parametrize("draw", [bar_chart, line_chart])
def test_chart_is_an_accessible_image(draw):
    svg = draw(
        ["2019", "2020", "2021", "2022"],
        [Series("Meldinger", [92, 109, 194, 164]), Series("Undersøkelser", [71, 55, ":", None])],
        title="Meldinger & undersøkelser <per år>",
        chart_id="t1",
        y_label="Antall",
        x_label="År",
    )
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Meldinger & undersøkelser <per år>"
    assert root.find(f"{SVG}title").text == "Meldinger & undersøkelser <per år>"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Antall" in texts
    assert "År" in texts
    assert "2022" in texts  # axis labels and categories
    assert "Meldinger" in texts
    assert "Undersøkelser" in texts  # legend for two series
    assert ":" in texts
    assert ".." in texts  # suppressed and missing values are marked, not drawn as 0
    assert "style=" not in svg
    assert "<script" not in svg
    assert draw(["a"], [Series("x", [1])], title="t", chart_id="c") == draw(
        ["a"], [Series("x", [1])], title="t", chart_id="c"
    )


def test_bar_values_are_labelled_in_norwegian():
    svg = bar_chart(
        ["Tynset", "Alvdal"], [Series("Per 1 000", ["12.3", Decimal("1234")])], title="t", chart_id="c"
    )
    texts = [t.text for t in _parse(svg).iter(f"{SVG}text")]
    assert "12,3" in texts
    assert "1\u00a0234" in texts
    assert len(list(_parse(svg).iter(f"{SVG}rect"))) == 2


def test_series_length_must_match():
    with pytest.raises(ValueError, match="etiketter"):
        bar_chart(["a", "b"], [Series("x", [1])], title="t", chart_id="c")


@pytest.mark.parametrize(
    ("peak", "top"),
    [
        (Decimal(0), 1),
        (Decimal(3), 3),
        (Decimal(194), 200),
        (Decimal("12.3"), Decimal("12.5")),
        (Decimal("0.7"), Decimal("0.8")),
    ],
)
def test_nice_ticks_cover_the_peak(peak, top):
    ticks = nice_ticks(peak)
    assert ticks[0] == 0
    assert ticks[-1] >= peak
    assert ticks[-1] == top
    assert len(ticks) <= 7
