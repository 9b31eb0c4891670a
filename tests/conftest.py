"""Shared fixtures: the demo organisation and one persona per role (healthchecks' alice/bob style)."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

TODAY = date(2026, 11, 23)

# Fixtures through which a test reaches the database (pytest-django blocks every other way;
# django_db_blocker is not here: pytest-django's autouse fixtures request it for every test).
DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_setup",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "admin_user",
    "admin_client",
    "django_user_model",
}


def pytest_addoption(parser):
    parser.addoption(
        "--db-only",
        action="store_true",
        help="run only the tests that use the database (CI's PostgreSQL phase: the pure-Python "
        "tests gain nothing from a second database)",
    )


def uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DB_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--db-only"):
        return
    keep = [item for item in items if uses_database(item)]
    dropped = [item for item in items if not uses_database(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture
def org(db):
    """Both demo services with municipalities, membership and population."""
    from barnevern.demo import organisation
    from barnevern.organisation.models import Tjeneste

    organisation.load(TODAY)
    return {t.slug: t for t in Tjeneste.objects.all()}


@pytest.fixture
def personas(org):
    """One user per role in Nord-Østerdal, plus a leder of the other service."""
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Kommune

    no, orr = org["nord-osterdal"], org["oppdal-rennebu"]
    alvdal = Kommune.objects.get(nummer="3428")

    def make(username: str, rolle: str, tjeneste, kommune=None) -> User:
        user = User.objects.create_user(
            username,
            password="korrekt-hest-batteri-42",
            rolle=rolle,
            tjeneste=tjeneste,
            kommune=kommune,
            first_name=username,
        )
        return user

    return {
        "leder": make("leder", "leder", no),
        "sb": make("sb", "saksbehandler", no),
        "sb2": make("sb2", "saksbehandler", no),
        "okonomi": make("okonomi", "okonomi", no),
        "kommune": make("kommune", "kommune", no, alvdal),
        "annen_leder": make("annen_leder", "leder", orr),
    }


@pytest.fixture
def sak(org, personas):
    """A case in Nord-Østerdal assigned to ``sb`` with one melding."""
    from barnevern.cases import services
    from barnevern.rules.identity import synthetic_fnr

    melding = services.register_melding(
        org["nord-osterdal"],
        services.ChildData(
            synthetic_fnr(date(2015, 3, 14), 0, "2"), "Testine", "Testesen", kommunenummer="3428"
        ),
        mottatt=date(2026, 11, 2),
        melder=[("11", "")],
        saksinnhold=[("1.1.02", "")],
        today=TODAY,
        saksbehandler=personas["sb"],
    )
    return melding.sak


@pytest.fixture
def forking(monkeypatch):
    """Let ``check_documents`` fork its worker processes although pytest-django's live server
    (the browser tests run before the plain tests) has a thread waiting in this process. The
    product never forks beside other threads (``control.workers.usable_jobs``); here the other
    thread is idle and the children only check files. Yields the list of ``jobs`` the worker
    pool was started with, so a test can show that it really forked."""
    from barnevern.control import pipeline

    started: list[int] = []
    real = pipeline.ordered_map

    def counting(fn, tasks, jobs):
        started.append(jobs)
        return real(fn, tasks, jobs)

    monkeypatch.setattr(pipeline, "usable_jobs", lambda jobs: jobs)
    monkeypatch.setattr(pipeline, "ordered_map", counting)
    return started


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """Database access in one transaction that is rolled back at the end (a module's shared data;
    each test's own ``db`` transaction nests inside it as a savepoint). Unlike ``flush`` this
    keeps the rows the migrations made (cost categories, …)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def demo_once(*parts: str):
    """A module-scoped fixture that loads the demo once for the test module: the named parts
    (``barnevern.demo.<part>.load(TODAY)``, in order), or the whole demo (``demo.load``) when
    none are named. Rolled back after the module's last test. For modules whose tests only read
    the demo; a test's own changes are rolled back as usual. Not for live-server (browser)
    tests, which need committed data::

        staff_demo = demo_once("organisation", "users", "staff")

        @pytest.fixture
        def demo_staff(staff_demo, db): ...
    """

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        import importlib

        with rolled_back(django_db_blocker):
            if parts:
                for part in parts:
                    importlib.import_module(f"barnevern.demo.{part}").load(TODAY)
            else:
                importlib.import_module("barnevern.demo").load(TODAY)
            yield

    return fixture
