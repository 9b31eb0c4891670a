"""Report pages: the leder makes, writes, issues; Kommune sees public editions; downloads are frozen."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from barnevern.organisation.models import Kommune
from barnevern.reports import services
from barnevern.reports.models import Plikt, Rapport, RapportUtgave, Versjon


@pytest.fixture
def issued(org, personas, today, fast_pdf):
    """Nord-Østerdal 2022: a public edition for the service, one for Tynset, and an internal one."""
    no = org["nord-osterdal"]
    result = {}
    for key, kommune, versjon in (
        ("tjeneste", None, Versjon.OFFENTLIG),
        ("tynset", Kommune.objects.get(nummer="3427"), Versjon.OFFENTLIG),
        ("alvdal", Kommune.objects.get(nummer="3428"), Versjon.OFFENTLIG),
        ("intern", None, Versjon.INTERN),
    ):
        rapport, _ = services.get_or_create_draft(no, 2022, kommune, versjon, personas["leder"])
        result[key] = services.issue(rapport, personas["leder"], today)
    return result


def test_leder_makes_writes_and_issues_a_report(client, personas, today):
    client.force_login(personas["leder"])
    assert client.get(reverse("reports:index")).status_code == 200
    response = client.post(reverse("reports:create"), {"ar": "2022", "kommune": "", "versjon": "offentlig"})
    rapport = Rapport.objects.get()
    assert response["Location"] == reverse("reports:draft", args=[rapport.pk])

    text = "<script>alert(1)</script> Første avsnitt\nlinje to\n\n- punkt én\n- punkt to"
    response = client.post(
        reverse("reports:edit", args=[rapport.pk]),
        {
            "revisjon": rapport.revisjon,
            "utfordringer": text,
            "tiltak": "",
            "samarbeid": "",
            "veien_videre": "",
            "utenfor_antall": "1057",
            "utenfor_grunnlag": "15,5 % av 16–66 år",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("reports:draft", args=[rapport.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Første avsnitt<br>linje to" in page
    assert "<li>punkt én</li>" in page
    assert "om lag 24\u00a0milliarder kroner" in page  # 1 057 × 23 mill., an estimate: not to the øre
    assert "311\u00a0000" not in page
    assert "Arne Holte, Folkehelseinstituttet" in page
    assert "Offentlig versjon" in page
    assert 'role="img"' in page

    calc = client.get(reverse("reports:draft", args=[rapport.pk]), {"personer": "10"}).content.decode()
    assert "= 230\u00a0millioner kroner" in calc
    bad = client.get(reverse("reports:draft", args=[rapport.pk]), {"personer": "-1"}).content.decode()
    assert "bv-r-error" in bad

    assert client.get(reverse("reports:issue", args=[rapport.pk])).status_code == 200  # confirmation page
    response = client.post(reverse("reports:issue", args=[rapport.pk]))
    utgave = RapportUtgave.objects.get()
    assert response["Location"] == reverse("reports:edition", args=[utgave.pk])
    assert utgave.nummer == 1
    assert "Utgave nr. 1" in client.get(response["Location"]).content.decode()


def test_stale_form_is_refused_with_a_message(client, personas, org, today):
    rapport, _ = services.get_or_create_draft(org["nord-osterdal"], 2022, None, Versjon.INTERN)
    services.update_text(rapport, personas["leder"], 1, {"tiltak": "Først"})
    client.force_login(personas["leder"])
    fields = {"revisjon": 1, "utfordringer": "", "tiltak": "Sent", "samarbeid": "", "veien_videre": ""}
    response = client.post(reverse("reports:edit", args=[rapport.pk]), {**fields, "utenfor_antall": ""})
    assert response.status_code == 400
    assert "endret av noen andre" in response.content.decode()
    rapport.refresh_from_db()
    assert rapport.tiltak == "Først"


def test_duties_are_saved_and_shown(client, personas, org, today):
    rapport, _ = services.get_or_create_draft(org["oppdal-rennebu"], 2022, None, Versjon.OFFENTLIG)
    client.force_login(personas["annen_leder"])
    url = reverse("reports:duties", args=[rapport.pk])
    assert client.get(url).status_code == 200
    data = {}
    for code in ("forebyggingsplan", "tilstandsrapport"):
        for nr in ("5021", "5022"):
            data |= {f"{code}__{nr}__svar": "nei", f"{code}__{nr}__dato": "", f"{code}__{nr}__kommentar": ""}
    data |= {
        "beredskap__alle__svar": "ja",
        "beredskap__alle__dato": "2022-01-01",
        "beredskap__alle__kommentar": "",
    }
    data |= {"barnevernvakt__alle__svar": "ja", "barnevernvakt__alle__dato": "2022-01-32"}
    response = client.post(url, data | {"barnevernvakt__alle__kommentar": "Egen vakt"})
    assert response.status_code == 400  # 32 January: nothing stored
    assert not Plikt.objects.exists()
    data["barnevernvakt__alle__dato"] = ""
    assert client.post(url, data | {"barnevernvakt__alle__kommentar": "Egen vakt"}).status_code == 302
    assert Plikt.objects.count() == 6
    assert Plikt.objects.get(kode="barnevernvakt").kommentar == "Egen vakt"
    page = client.get(reverse("reports:draft", args=[rapport.pk])).content.decode()
    assert "Egen vakt" in page
    assert "Rennebu" in page


def test_downloads_are_byte_identical(client, personas, issued):
    client.force_login(personas["leder"])
    utgave = issued["tjeneste"]
    first = client.get(reverse("reports:edition_pdf", args=[utgave.pk]))
    second = client.get(reverse("reports:edition_pdf", args=[utgave.pk]))
    assert first.content == second.content
    assert first.content.startswith(b"%PDF")
    assert hashlib.sha256(first.content).hexdigest() == utgave.pdf_sha256 == second["ETag"].strip('"')
    html1 = client.get(reverse("reports:edition_html", args=[utgave.pk]))
    html2 = client.get(reverse("reports:edition_html", args=[utgave.pk]))
    assert html1.content == html2.content
    assert hashlib.sha256(html1.content).hexdigest() == utgave.html_sha256
    assert "attachment" in html1["Content-Disposition"]


def test_who_sees_which_report(client, personas, issued):
    def status(user: str, name: str, utgave: str) -> int:
        client.force_login(personas[user])
        return client.get(reverse(name, args=[issued[utgave].pk])).status_code

    for utgave in issued:
        assert status("leder", "reports:edition", utgave) == 200
        assert status("sb", "reports:edition", utgave) == 403
        assert status("okonomi", "reports:edition_pdf", utgave) == 403
        assert status("annen_leder", "reports:edition", utgave) == 403
    # Kommune (Alvdal): public editions for Alvdal and the whole service, not Tynset's, not internal
    assert status("kommune", "reports:edition", "tjeneste") == 200
    assert status("kommune", "reports:edition_pdf", "alvdal") == 200
    assert status("kommune", "reports:edition", "tynset") == 403
    assert status("kommune", "reports:edition_pdf", "intern") == 403
    client.force_login(personas["kommune"])
    listing = client.get(reverse("reports:index")).content.decode()
    assert listing.count("/rapport/utgave/") == 4  # two editions, a view and a PDF link each
    assert client.get(reverse("reports:draft", args=[issued["tjeneste"].rapport_id])).status_code == 403
    client.force_login(personas["sb"])
    assert client.get(reverse("reports:index")).status_code == 403
    client.force_login(personas["annen_leder"])
    assert client.get(reverse("reports:draft", args=[issued["tjeneste"].rapport_id])).status_code == 404
