"""PostgreSQL session settings the query plans rely on (docs/performance.md)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_sessions_plan_for_ssd_and_whole_cursors():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        random_page_cost = cursor.fetchone()[0]
        cursor.execute("SHOW cursor_tuple_fraction")
        fraction = cursor.fetchone()[0]
    assert float(random_page_cost) == pytest.approx(1.1)
    assert float(fraction) == 1.0
