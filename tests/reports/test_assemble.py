"""Sections: one owning query each, called directly."""

from __future__ import annotations

from barnevern.organisation.models import Kommune
from barnevern.reports.assemble import SECTIONS, assemble, blocks
from barnevern.reports.render import render_html
from tests.reports.conftest import TODAY


def _section(data, key):
    return next(s for s in data["sections"] if s["key"] == key)


def test_every_section_is_built_by_its_owning_query(org):
    data = assemble(org["oppdal-rennebu"], 2022, public=True, today=TODAY)
    assert [s["key"] for s in data["sections"]] == [key for key, _t, _f in SECTIONS]
    economy = _section(data, "okonomi")
    assert economy["title"] == "Ressursbruk og økonomi"
    assert set(economy["data"]) >= {"per_kommune", "budget", "notes", "settlements"}
    html = render_html(data)
    assert html.count('class="bv-chart bv-chart--bar"') >= 3
    assert 'class="bv-chart bv-chart--line"' in html


def test_economy_section_renders_the_documented_shape(org, fake_economy):
    data = assemble(org["oppdal-rennebu"], 2022, public=True, today=TODAY)
    economy = _section(data, "okonomi")["data"]
    assert economy["per_kommune"][0]["total"] == "6600000.50"  # Decimal frozen as a string
    assert economy["copayments"]["placements"] == ":"  # 2 placements = 2 children: suppressed
    html = render_html(data)
    assert "6\u00a0600\u00a0000,50" in html
    assert "75,1 %" in html
    assert "Halvårsoppgjør 2. halvår 2022" in html

    rennebu = Kommune.objects.get(nummer="5022")
    internal = assemble(org["oppdal-rennebu"], 2022, kommune=rennebu, public=False, today=TODAY)
    economy = _section(internal, "okonomi")["data"]
    assert [r["nummer"] for r in economy["per_kommune"]] == ["5022"]
    assert economy["copayments"]["placements"] == 2
    assert internal["meta"]["scope_label"] == "Rennebu kommune"
    assert internal["meta"]["footer"] == "Intern versjon — unntatt offentlighet"


def test_narrative_is_plain_text():
    assert blocks("Ett\nto\n\n\n- a\n– b\n\n<b>x</b>") == [
        {"type": "p", "lines": ["Ett", "to"]},
        {"type": "list", "items": ["a", "b"]},
        {"type": "p", "lines": ["<b>x</b>"]},  # kept as text, escaped when rendered
    ]
    assert blocks("   \n\n") == []
