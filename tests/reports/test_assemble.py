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


def test_a_deadline_bvr_cannot_carry_is_not_recorded_rather_than_zero_per_cent(org, monkeypatch):
    """issue 22, point 5: feedback to the melder (D2) is not in imported BVR data; with nothing
    recorded the report says «ikke registrert» with a note, not «0,0 % overholdt, 163 brudd»."""
    from datetime import date

    from django.template.loader import render_to_string

    from barnevern.quality.compliance import RuleCompliance
    from barnevern.reports import assemble as a

    def fake(tjeneste, start, end, today=None):
        row = {"open": 0, "days_over": 0, "share": None}
        return {
            "3427": {
                "D1": RuleCompliance(met=40, breached=3, **row),
                "D2": RuleCompliance(met=0, breached=163, **row),
            }
        }

    monkeypatch.setattr(a, "compliance_summary", fake)
    tjeneste = org["nord-osterdal"]
    scope = a.ReportScope(tjeneste, 2022, None, True, date(2023, 3, 1), None, {"3427": "Tynset"})
    data = a.section_deadlines(scope)
    d2 = next(r for r in data["rows"] if r["rule"] == "D2")
    d1 = next(r for r in data["rows"] if r["rule"] == "D1")
    assert d2["share"] == "ikke registrert"
    assert d2["breached"] == "ikke registrert"
    assert d1["met"] == 40
    assert data["not_recorded"] == ["D2"]
    html = render_to_string("reports/sections/frister.html", {"d": data})
    assert "0,0\u00a0%" not in html
    assert "163" not in html
    assert "finnes ikke i dataene til Barnevernsregisteret" in html
