"""The template filters on top of rules.labels: codes, legal bases and municipality names."""

from __future__ import annotations

from django.template import Context, Template

from barnevern.organisation.models import Kommune
from barnevern.records import Lovhjemmel


def render(text: str, **context) -> str:
    return Template("{% load kodeverk %}" + text).render(Context(context))


def test_code_filters():
    assert render('{{ k|kode:"kategori" }}', k="2.5") == "Beredskapshjem"
    assert render('{{ k|kode_nr:"kategori" }}', k="2.5") == "2.5 Beredskapshjem"
    assert render('{{ k|kode_ssb:"kategori" }}', k="2.5") == "Beredskapshjem utenom familie og nære nettverk"
    assert render("{{ h|hjemmel }}", h=Lovhjemmel("BVL", "4", "6", ("2",))) == "bvl. 1992 § 4-6 annet ledd"


def test_kommune_filter_names_the_municipality(db):
    Kommune.objects.create(nummer="3428", navn="Alvdal")
    assert render("{{ n|kommune }}", n="3428") == "3428 Alvdal"
    assert render("{{ n|kommune }}", n="9999") == "9999"
    assert render("{{ n|kommune }}", n="") == ""
    Kommune.objects.filter(nummer="3428").update(navn="Alvdal kommune")
    Kommune.objects.get(nummer="3428").save()  # a save empties the name cache
    assert render("{{ n|kommune }}", n="3428") == "3428 Alvdal kommune"
