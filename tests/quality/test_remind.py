"""``barnevern remind``: each user's own due list by e-mail, journal numbers only."""

from __future__ import annotations

import re
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from barnevern.audit.models import AuditEntry
from barnevern.quality.models import Avvik


@pytest.fixture
def emails(personas):
    for name in ("leder", "sb", "sb2", "kommune", "okonomi"):
        personas[name].email = f"{name}@demo.invalid"
        personas[name].save(update_fields=["email"])
    return personas


def _remind(*args):
    out = StringIO()
    call_command("remind", "--date", "2026-11-23", *args, stdout=out)
    return out.getvalue()


def test_each_case_role_gets_its_own_list(cases, emails):
    output = _remind("--service", "nord-osterdal")
    by_user = {m.to[0]: m for m in mail.outbox}
    assert set(by_user) == {"leder@demo.invalid", "sb@demo.invalid", "sb2@demo.invalid"}
    sb = by_user["sb@demo.invalid"].body
    assert "Sak 2026-A" in sb
    assert "2026-B" not in sb
    assert "2026-C" not in sb
    assert "1 sak i tjenesten er ikke fordelt ennå." in sb  # as the start page
    assert "D1 Gjennomgang av melding" in sb
    assert "forfalt 17.11.2026 (6 dager over)" in sb
    leder = by_user["leder@demo.invalid"]
    assert all(f"Sak 2026-{x}" in leder.body for x in "ABC")
    assert "2026-E" not in leder.body
    assert leder.subject == "Frister i Barnevern 23.11.2026: 1 forfalt, 1 i dag"
    assert "Sendte 3 påminnelser" in output
    assert AuditEntry.objects.filter(action="export", what__startswith="Sendte fristpåminnelse").count() == 3


def test_mail_has_no_personal_data_beyond_journal_numbers(cases, emails):
    _remind()
    assert mail.outbox
    for message in mail.outbox:
        text = message.subject + message.body
        assert "Hemmelig" not in text
        assert "Barnesen" not in text
        for sak in cases.values():
            fnr = sak.personalia.get().fodselsnummer
            assert fnr not in text
            assert fnr[:6] not in text
        assert not re.search(r"\b\d{11}\b", text)  # nothing that looks like an identity number


def test_dry_run_sends_nothing_and_users_without_address_get_nothing(cases, personas):
    assert "Ville sendt 0 påminnelser" in _remind("--dry-run")
    assert mail.outbox == []


def test_remind_proposes_avvik_first(cases, emails, org):
    from barnevern.quality.queries import service_config

    config = service_config(org["nord-osterdal"])
    config.avvik_from = date(2026, 11, 1)
    config.save()
    _remind("--service", "nord-osterdal")
    assert Avvik.objects.filter(status="foreslatt").count() == 1
    leder = next(m for m in mail.outbox if m.to == ["leder@demo.invalid"])
    assert "1 foreslått avvik venter på at du bekrefter eller avviser det." in leder.body
    sb = next(m for m in mail.outbox if m.to == ["sb@demo.invalid"])
    assert "avvik" not in sb.body
