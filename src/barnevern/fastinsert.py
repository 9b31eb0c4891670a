"""Fast insert of many unsaved model rows in one statement per table (``insert_rows``).

Used where a batch job writes thousands of rows of one kind: the importer's new cases
(``cases.bulk``) and their audit rows (``audit.services.log_many``).

``insert_rows`` is a lean ``bulk_create``: Django's insert compiler spends more time per value
(``prepare_value``, ``pre_save``, one big statement) than the database spends storing it.
Here each column gets its converter once per table: the field's own ``get_db_prep_save`` for
UUIDs, dates, times, foreign keys and JSON, nothing for text, booleans and integers, which
the drivers take as they are; ``auto_now``/``auto_now_add`` columns get one timestamp per
call. SQLite: ``executemany``. PostgreSQL: ``COPY`` (Django binds parameters on the client,
quoting every value, so ``executemany`` cost more than checking the files). Model ``save()``
and signals are not called (as with ``bulk_create``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

__all__ = ["BATCH_ROWS", "insert_rows"]

BATCH_ROWS = 1000  # rows per ``executemany`` call
_AS_IS = (models.CharField, models.TextField, models.BooleanField, models.IntegerField)


def _columns(
    model: type[models.Model], rows: Sequence[models.Model]
) -> list[tuple[str, Callable[[Any], Any], Any]]:
    """(column, converter, fixed value or None) for every concrete column to insert."""
    now = timezone.now()
    columns = []
    for f in model._meta.concrete_fields:
        if (
            f.primary_key
            and isinstance(f, models.AutoField)
            and all(getattr(r, f.attname) is None for r in rows)
        ):
            continue  # the database numbers the rows
        fixed = None
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed = f.get_db_prep_save(now, connection)
        if isinstance(f, _AS_IS) and not f.is_relation:
            convert: Callable[[Any], Any] = _same
        else:
            convert = _prep(f)
        columns.append((f, convert, fixed))
    return columns


def _same(value: Any) -> Any:
    return value


def _prep(field: models.Field) -> Callable[[Any], Any]:
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: ``connection`` is a thread-local proxy
    target = field.target_field if field.is_relation else field
    if isinstance(target, models.UUIDField) and not db.features.has_native_uuid_field:
        return _uuid_hex  # what UUIDField stores without a native type (SQLite)
    if type(field) is models.DateField and db.vendor == "sqlite":
        return _iso_date

    def convert(value: Any) -> Any:
        return field.get_db_prep_save(value, db)

    return convert


_HEX = frozenset("0123456789abcdef")


def _uuid_hex(value: Any) -> str | None:
    """``uuid.UUID(value).hex``; the canonical text form (as the readers give ids) without
    building a UUID object."""
    if value is None:
        return None
    if type(value) is str and len(value) == 36 and value[8] == value[13] == value[18] == value[23] == "-":
        digits = value.replace("-", "").lower()
        if len(digits) == 32 and _HEX.issuperset(digits):
            return digits
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).hex


def _iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def insert_rows(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Insert unsaved ``rows`` of ``model``: ``COPY`` on PostgreSQL, else ``executemany``,
    ``BATCH_ROWS`` at a time."""
    if not rows:
        return
    columns = _columns(model, rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f, _c, _x in columns)
    if connection.vendor == "postgresql":
        _copy(table, names, columns, rows)
        return
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    values = _values(columns)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_ROWS):
            cursor.executemany(sql, [values(row) for row in rows[start : start + BATCH_ROWS]])


def _values(columns: list[tuple[Any, Callable[[Any], Any], Any]]) -> Callable[[models.Model], list[Any]]:
    """A function giving a row's column values, converted: one ``attrgetter`` for all
    columns, then only the columns that need a converter or a fixed value."""
    get = attrgetter(*(f.attname for f, _c, _x in columns))
    single = len(columns) == 1
    changes = [
        (index, convert, fixed)
        for index, (_f, convert, fixed) in enumerate(columns)
        if fixed is not None or convert is not _same
    ]

    def values(row: models.Model) -> list[Any]:
        out = [get(row)] if single else list(get(row))
        for index, convert, fixed in changes:
            out[index] = fixed if fixed is not None else convert(out[index])
        return out

    return values


def _copy(table: str, names: str, columns: list[Any], rows: Sequence[models.Model]) -> None:
    """PostgreSQL: one ``COPY ... FROM STDIN`` (text format) on Django's own connection, so it
    takes part in the current transaction. Django binds parameters on the client (quoting
    every value), which made ``executemany`` slower than the rules; ``COPY`` streams the rows.
    UUIDs and foreign keys go as they are (the server parses the text)."""
    converters = [
        (f.attname, _same if isinstance(f, models.UUIDField) or f.is_relation else convert, fixed)
        for f, convert, fixed in columns
    ]
    connection.ensure_connection()
    with (
        connection.wrap_database_errors,
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    fixed if fixed is not None else convert(getattr(row, name))
                    for name, convert, fixed in converters
                ]
            )
