"""The demo's staff figures: «14 ansatte – 12,8 årsverk» for Nord-Østerdal (the seeds)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from barnevern.accounts.models import User
from barnevern.staff.models import Ansatt, Profesjon
from tests.conftest import TODAY, demo_once

# The tests only read the demo staff: loaded once for the module (org, users, staff).
staff_demo = demo_once("organisation", "users", "staff")


@pytest.fixture
def demo_staff(staff_demo, db):
    from barnevern.organisation.models import Tjeneste

    return {t.slug: t for t in Tjeneste.objects.all()}


def _json(slug: str, *extra: str) -> dict:
    out = StringIO()
    call_command("staff", "--service", slug, "--date", TODAY.isoformat(), "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_nord_osterdal_json_shows_14_employees_and_12_8_fte(demo_staff):
    data = _json("nord-osterdal")
    assert list(data) == ["employees", "fte", "teams", "competence"]
    assert data["employees"] == 14
    assert data["fte"] == "12.8"
    assert set(data["teams"]) == {"Saksbehandlerteam", "Familieveilederteam", "Omsorgsteam"}
    assert sum(t["employees"] for t in data["teams"].values()) == 14
    assert data["teams"]["Saksbehandlerteam"] == {
        "employees": 7,
        "fte": "6.4",
        "vacancies": 1,
        "vacant_fte": "1.0",
    }
    competence = data["competence"]
    assert competence["variant"] == "bufdir"
    assert (
        competence["meets"],
        competence["transition"],
        competence["missing"],
        competence["not_covered"],
    ) == (6, 1, 2, 5)
    assert competence["projected"]["date"] == "2031-01-01"
    assert (competence["projected"]["meets"], competence["projected"]["missing"]) == (8, 0)


def test_variant_can_be_chosen_on_the_command_line(demo_staff):
    data = _json("nord-osterdal", "--variant", "seeds_30sp")
    assert data["competence"]["variant"] == "seeds_30sp"
    assert data["competence"]["missing"] == 5  # 30 credits lacking for several bachelors


def test_demo_has_the_named_professions_and_links_the_demo_users(demo_staff):
    no = demo_staff["nord-osterdal"]
    professions = set(Ansatt.objects.filter(tjeneste=no).values_list("profesjon", flat=True))
    assert {
        Profesjon.BARNEVERNSPEDAGOG,
        Profesjon.SOSIONOM,
        Profesjon.FORSKOLELARER,
        Profesjon.JURIST,
        Profesjon.MERKANTIL,
    } <= professions
    for username in ("leder.no", "sb.no", "sb2.no", "leder.or", "sb.or"):
        assert (
            Ansatt.objects.get(bruker__username=username).tjeneste
            == User.objects.get(username=username).tjeneste
        )


def test_oppdal_rennebu_is_smaller_and_uses_the_seeds_variant(demo_staff):
    data = _json("oppdal-rennebu")
    assert data["employees"] == 7
    assert data["fte"] == "6.1"
    assert data["competence"]["variant"] == "seeds_30sp"


def test_loader_is_idempotent(demo_staff):
    from barnevern.demo import staff

    staff.load(TODAY)
    assert Ansatt.objects.filter(tjeneste=demo_staff["nord-osterdal"]).count() == 14


def test_staff_page_shows_14_employees_and_12_8_fte(client, demo_staff):
    client.force_login(User.objects.get(username="leder.no"))
    page = client.get(reverse("staff:index"), {"dato": TODAY.isoformat()}).content.decode()
    assert '<span class="bv-big">14</span> ansatte' in page
    assert '<span class="bv-big">12,8</span> årsverk' in page
    assert "Saksbehandlerteam" in page
    assert "<svg" in page


def test_text_output_names_the_variant(demo_staff):
    out = StringIO()
    call_command("staff", "--service", "nord-osterdal", "--date", TODAY.isoformat(), stdout=out)
    text = out.getvalue()
    assert "14 ansatte – 12,8 årsverk" in text
    assert "bufdir" in text
    assert "Sykefravær 10.2026: 10,4 %" in text
