import pytest
from django.db import connection
from django.urls import reverse

from barnevern.audit.models import AppendOnlyError, AuditEntry
from barnevern.audit.services import log, verify_chain


def test_each_case_read_writes_an_audit_row(client, personas, sak):
    client.force_login(personas["leder"])
    before = AuditEntry.objects.filter(sak_id=sak.pk, action="view").count()
    client.get(reverse("cases:detail", args=[sak.pk]))
    client.get(reverse("cases:detail", args=[sak.pk]))
    rows = AuditEntry.objects.filter(sak_id=sak.pk, action="view").order_by("id")
    assert rows.count() == before + 2
    last = rows.last()
    assert last.username == "leder"
    assert last.source.startswith("web ")
    assert sak.journalnummer in last.what


def test_refused_read_writes_no_view_row(client, personas, sak):
    client.force_login(personas["sb2"])
    client.get(reverse("cases:detail", args=[sak.pk]))
    assert not AuditEntry.objects.filter(sak_id=sak.pk, action="view", username="sb2").exists()


def test_changes_are_audited(sak):
    assert AuditEntry.objects.filter(sak_id=sak.pk, action="create").count() == 2  # sak + melding


def test_rows_cannot_be_changed_or_deleted_through_the_product(sak):
    entry = AuditEntry.objects.first()
    entry.what = "endret"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(what="x")


def test_chain_verifies_and_detects_tampering(db):
    for i in range(5):
        log("other", f"hendelse {i}")
    assert verify_chain().ok
    victim = AuditEntry.objects.order_by("id")[2]
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses the tampering itself (trigger); covered below")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET what = %s WHERE id = %s", ["forfalsket", victim.pk])
    result = verify_chain()
    assert not result.ok
    assert result.first_broken_id == victim.pk


@pytest.mark.django_db(transaction=False)
def test_postgresql_refuses_update_in_the_database(db):
    if connection.vendor != "postgresql":
        pytest.skip("database trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    log("other", "hendelse")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET what = 'x'")


def test_log_many_appends_in_order_to_the_same_chain(db):
    from barnevern.audit.services import LogItem, log_many

    log("første", "før bunken")
    sak_id = "0b8f4c7e-1d2a-4e5b-9c6d-7e8f9a0b1c2d"
    log_many(
        [LogItem("import", f"fil {n}", sak_id=sak_id if n == 1 else None, data={"n": n}) for n in range(3)]
    )
    log("siste", "etter bunken")
    rows = list(AuditEntry.objects.order_by("id"))
    assert [r.action for r in rows] == ["første", "import", "import", "import", "siste"]
    assert [r.data.get("n") for r in rows[1:4]] == [0, 1, 2]
    assert str(rows[2].sak_id) == sak_id
    assert rows[1].sak_id is None
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    assert verify_chain().ok
