"""Per-case deadline contributions: the same figures as computing every case, and only the
changed cases computed again."""

from __future__ import annotations

import json
from datetime import date

import pytest

from barnevern.cases import models as cm
from barnevern.cases import signals
from barnevern.cases.queries import service_records, visible_saker
from barnevern.cases.services import store_record
from barnevern.formats.generator import generate
from barnevern.quality import contributions
from barnevern.quality.casedata import service_cases
from barnevern.quality.compliance import compliance
from barnevern.quality.models import ComplianceSummary, FristBidrag
from barnevern.quality.queries import service_config
from tests.quality.builders import TODAY

PERIODS = [
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2026, 1, 1), date(2026, 6, 30)),
    (date(2026, 7, 1), date(2026, 12, 31)),
    (date(2020, 1, 1), date(2030, 12, 31)),
]


@pytest.fixture
def corpus(org):
    tjeneste = org["nord-osterdal"]
    for d in generate(40, 3, year=TODAY.year, municipalities=["3427"], as_of=TODAY):
        store_record(tjeneste, d.sak, delivery_id=d.id, dato_uttrekk=d.dato_uttrekk, source="test")
    return tjeneste


def _direct(tjeneste, start, end, today):
    data = service_cases(tjeneste)
    config = service_config(tjeneste, today).to_rules()
    return compliance(data.records, start, end, today, config, completed=data.completed).summary()


def _without_shares(summary):
    return {
        k: {r: {x: v for x, v in row.items() if x != "share"} for r, row in rules.items()}
        for k, rules in summary.items()
    }


@pytest.mark.parametrize("today", [TODAY, date(2026, 3, 15)])
def test_contributions_give_the_figures_of_computing_every_case(corpus, today):
    config = service_config(corpus, today).to_rules()
    per_case = contributions.service_frister(corpus, today, config)
    assert len(per_case) == 40
    assert sum(len(f) for f in per_case.values()) > 100
    for start, end in PERIODS:
        expected = _without_shares(_direct(corpus, start, end, today))
        assert contributions.summarize(per_case.values(), start, end) == expected
    assert contributions.service_frister(corpus, today, config) == per_case  # read back as kept


def test_only_changed_cases_are_computed_again(corpus):
    config = service_config(corpus, TODAY).to_rules()
    contributions.service_frister(corpus, TODAY, config)
    before = dict(FristBidrag.objects.values_list("sak_id", "endringer"))
    assert len(before) == 40
    changed = cm.Sak.objects.filter(tjeneste=corpus).order_by("journalnummer").first()
    melding = changed.meldinger.order_by("start_dato").first()
    melding.konklusjon_dato, melding.konklusjon_kode = None, ""
    melding.save()
    signals.changed([changed.pk])
    after_change = contributions.service_frister(corpus, TODAY, config)
    after = dict(FristBidrag.objects.values_list("sak_id", "endringer"))
    assert {k for k in after if after[k] != before[k]} == {changed.pk}
    start, end = PERIODS[3]
    assert contributions.summarize(after_change.values(), start, end) == _without_shares(
        _direct(corpus, start, end, TODAY)
    )


def test_another_day_or_other_settings_compute_every_case_again(corpus):
    config = service_config(corpus, TODAY).to_rules()
    contributions.service_frister(corpus, TODAY, config)
    contributions.service_frister(corpus, date(2026, 11, 24), config)
    assert set(FristBidrag.objects.values_list("dato", flat=True)) == {date(2026, 11, 24)}
    other = service_config(corpus, TODAY)
    other.include_feedback = False
    contributions.service_frister(corpus, TODAY, other.to_rules())
    assert FristBidrag.objects.filter(dato=TODAY).count() == 40
    assert not any(
        rule == "D2"
        for f in FristBidrag.objects.values_list("frister", flat=True)
        for _, rule, *_ in json.loads(f)
    )


def test_deleted_cases_are_left_out(corpus):
    config = service_config(corpus, TODAY).to_rules()
    gone = cm.Sak.objects.filter(tjeneste=corpus).order_by("journalnummer").first()
    cm.Sak.objects.filter(pk=gone.pk).update(er_slettet=True)
    signals.changed([gone.pk])
    per_case = contributions.service_frister(corpus, TODAY, config)
    assert str(gone.pk) not in per_case
    assert len(per_case) == 39
    assert len(list(service_records(corpus))) == 39


def test_the_summary_of_the_report_is_kept_and_follows_changes(corpus):
    from barnevern.quality.compliance import compliance_summary

    start, end = PERIODS[3]
    first = compliance_summary(corpus, start, end, today=TODAY)
    assert first == _direct(corpus, start, end, TODAY)
    assert ComplianceSummary.objects.count() == 1
    sak = cm.Sak.objects.filter(tjeneste=corpus).order_by("journalnummer").first()
    for melding in sak.meldinger.all():
        melding.konklusjon_dato, melding.konklusjon_kode = None, ""
        melding.save()
    signals.changed([sak.pk])
    assert compliance_summary(corpus, start, end, today=TODAY) == _direct(corpus, start, end, TODAY)


def test_the_nightly_reminders_keep_every_case_for_the_day(cases, org):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from barnevern.quality.compliance import compliance_summary

    call_command("remind", "--date", "2026-11-23", "--service", "nord-osterdal", "--dry-run")
    assert not FristBidrag.objects.exists()  # a dry run writes nothing
    call_command("remind", "--date", "2026-11-23", "--service", "nord-osterdal")
    nord = org["nord-osterdal"]
    assert set(FristBidrag.objects.values_list("sak_id", flat=True)) == set(
        cm.Sak.objects.filter(tjeneste=nord).values_list("id", flat=True)
    )
    with CaptureQueriesContext(connection) as ctx:
        summary = compliance_summary(nord, date(2026, 11, 1), date(2026, 11, 30), today=TODAY)
    assert not any('"cases_melding"' in q["sql"] for q in ctx.captured_queries)
    assert summary == _direct(nord, date(2026, 11, 1), date(2026, 11, 30), TODAY)


def _direct_rows(user, today, **kwargs):
    """The worklist computed from the records, as before any case's deadlines were kept."""
    from barnevern.accounts import policy
    from barnevern.quality.casedata import case_data
    from barnevern.quality.queries import rows_for

    qs = visible_saker(user)
    if kwargs.get("saksbehandler") is not None:
        who = kwargs["saksbehandler"]
        qs = qs.filter(saksbehandler__isnull=True) if who == 0 else qs.filter(saksbehandler_id=who)
    data = case_data(qs, owners=policy.is_leder(user))
    return rows_for(data, today, service_config(user.tjeneste, today), kommune=kwargs.get("kommune"))


def test_worklists_from_kept_deadlines_are_those_computed_from_the_records(corpus, personas):
    from barnevern.quality.queries import user_worklist

    saker = list(cm.Sak.objects.filter(tjeneste=corpus).order_by("journalnummer"))
    for i, sak in enumerate(saker):  # a third each to sb, sb2 and nobody
        sak.saksbehandler = [personas["sb"], personas["sb2"], None][i % 3]
        sak.save(update_fields=["saksbehandler"])
    cases = [
        (personas["leder"], {}),
        (personas["leder"], {"kommune": "3427"}),
        (personas["leder"], {"saksbehandler": 0}),
        (personas["leder"], {"saksbehandler": personas["sb2"].pk}),
        (personas["sb"], {"saksbehandler": personas["sb"].pk}),
        (personas["sb"], {"saksbehandler": 0}),
    ]
    for today in (TODAY, date(2026, 3, 15)):
        for user, kwargs in cases:
            expected = _direct_rows(user, today, **kwargs)
            assert user_worklist(user, today, audit=False, **kwargs) == expected  # computed and kept
            assert user_worklist(user, today, audit=False, **kwargs) == expected  # read back as kept
        assert any(row.saksbehandler == "Ikke fordelt" for row in user_worklist(personas["leder"], today))
    # after a change, the changed case is computed again
    sak = saker[0]
    melding = sak.meldinger.order_by("start_dato").first()
    melding.konklusjon_dato, melding.konklusjon_kode = None, ""
    melding.save()
    signals.changed([sak.pk])
    assert user_worklist(personas["leder"], TODAY, audit=False) == _direct_rows(personas["leder"], TODAY)


def test_leders_first_visit_keeps_what_it_read(corpus, personas, client, monkeypatch):
    monkeypatch.setattr("barnevern.clock.today", lambda: TODAY)
    client.force_login(personas["leder"])
    assert client.get("/frister/").status_code == 200  # reads the whole service (avvik proposals)
    open_ids = set(
        cm.Sak.objects.filter(tjeneste=corpus, slutt_dato__isnull=True).values_list("id", flat=True)
    )
    assert open_ids <= set(FristBidrag.objects.filter(dato=TODAY).values_list("sak_id", flat=True))
