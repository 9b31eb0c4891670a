"""Each role is refused what it must not see and allowed what it should (list, case page, export)."""

from datetime import date

import pytest
from django.urls import reverse

from barnevern.accounts import policy
from barnevern.cases import models as m

# persona -> (case list, own-service case page assigned to sb, export)
EXPECTED = {
    "leder": (200, 200, 200),
    "sb": (200, 200, 200),
    "sb2": (200, 403, 200),  # another case worker: not assigned to this case
    "okonomi": (403, 403, 403),
    "kommune": (403, 403, 403),
    "annen_leder": (200, 403, 200),  # leder of another service
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_role_access_to_case_pages(client, personas, sak, persona):
    client.force_login(personas[persona])
    expected_list, expected_case, expected_export = EXPECTED[persona]
    assert client.get(reverse("cases:list")).status_code == expected_list
    assert client.get(reverse("cases:detail", args=[sak.pk])).status_code == expected_case
    assert client.get(reverse("cases:export")).status_code == expected_export


def test_anonymous_is_sent_to_login(client, sak):
    for url in (reverse("cases:list"), reverse("cases:detail", args=[sak.pk]), reverse("cases:export")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/logg-inn/" in response["Location"]


def test_case_list_shows_only_visible_cases(client, personas, sak, org):
    other = m.Sak.objects.create(
        tjeneste=org["oppdal-rennebu"], journalnummer="2026-9999", start_dato=date(2026, 1, 1)
    )
    client.force_login(personas["sb2"])
    body = client.get(reverse("cases:list")).content.decode()
    assert sak.journalnummer not in body
    assert other.journalnummer not in body
    client.force_login(personas["leder"])
    body = client.get(reverse("cases:list")).content.decode()
    assert sak.journalnummer in body
    assert other.journalnummer not in body


def test_unassigned_case_is_visible_to_every_case_worker(personas, sak):
    sak.saksbehandler = None
    sak.save()
    assert policy.can_open_sak(personas["sb2"], sak)
    assert not policy.can_open_sak(personas["okonomi"], sak)


def test_export_holds_only_visible_cases_and_is_marked(client, personas, sak):
    client.force_login(personas["sb2"])
    body = client.get(reverse("cases:export")).content.decode("utf-8-sig")
    assert "PERSONOPPLYSNINGER" in body.splitlines()[0]
    assert sak.journalnummer not in body
    client.force_login(personas["sb"])
    response = client.get(reverse("cases:export"))
    assert sak.journalnummer in response.content.decode("utf-8-sig")
    assert "personopplysninger" in response["Content-Disposition"]


def test_identity_numbers_are_masked_in_lists(client, personas, sak):
    client.force_login(personas["leder"])
    fnr = sak.personalia.get().fodselsnummer
    body = client.get(reverse("cases:list")).content.decode()
    assert fnr not in body
    assert fnr[:4] in body


def test_kostra_scope_per_role(personas):
    import pytest
    from django.core.exceptions import PermissionDenied

    from barnevern.accounts import policy

    assert policy.kostra_scope(personas["leder"]) == (personas["leder"].tjeneste, None)
    assert policy.kostra_scope(personas["sb"]) == (personas["sb"].tjeneste, None)
    tjeneste, kommune = policy.kostra_scope(personas["kommune"])
    assert kommune.nummer == "3428"  # the Kommune role: its own municipality only
    with pytest.raises(PermissionDenied):
        policy.kostra_scope(personas["okonomi"])
    assert [policy.can_manage_kostra(personas[r]) for r in ("leder", "sb", "okonomi", "kommune")] == [
        True, False, False, False,
    ]
