"""The deterministic demo: both services of the seeds, users for every role, synthetic cases.

Everything here is invented: names from a short list, Test-Norge identity numbers (month
+ 80), organisation numbers made up with a valid check digit. ``load(today)`` gives the
same database for the same ``today``; cases that should show on the worklist are placed
relative to ``today``.

Other areas add their demo data in a module of this package whose loader is decorated
with ``@register("name")``: every module here is imported, and the loaders run in
registration order after the organisation, users and cases exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.management import call_command
from django.db import transaction

DEMO_PASSWORD = "demo-barnevern-2026"  # noqa: S105 - printed for the demo, never used in production


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    rolle: str
    tjeneste: str
    kommune: str | None = None


USERS = (
    DemoUser("leder.no", "Ingrid", "Haugen", "leder", "nord-osterdal"),
    DemoUser("sb.no", "Per", "Moen", "saksbehandler", "nord-osterdal"),
    DemoUser("sb2.no", "Kari", "Bakken", "saksbehandler", "nord-osterdal"),
    DemoUser("okonomi.no", "Ola", "Sletten", "okonomi", "nord-osterdal"),
    DemoUser("kommune.alvdal", "Anne", "Lie", "kommune", "nord-osterdal", "3428"),
    DemoUser("leder.or", "Marit", "Dahl", "leder", "oppdal-rennebu"),
    DemoUser("sb.or", "Jon", "Berg", "saksbehandler", "oppdal-rennebu"),
    DemoUser("okonomi.or", "Eva", "Rønning", "okonomi", "oppdal-rennebu"),
    DemoUser("kommune.rennebu", "Lars", "Vold", "kommune", "oppdal-rennebu", "5022"),
)

Loader = Callable[[date], None]
LOADERS: list[tuple[str, Loader]] = []


def register(name: str) -> Callable[[Loader], Loader]:
    def decorator(fn: Loader) -> Loader:
        LOADERS.append((name, fn))
        return fn

    return decorator


def reset_database() -> None:
    """Empty every table (keeps the schema)."""
    call_command("flush", interactive=False, verbosity=0)


def is_loaded() -> bool:
    from barnevern.organisation.models import Tjeneste

    return Tjeneste.objects.filter(slug__in=["nord-osterdal", "oppdal-rennebu"]).exists()


def load(today: date) -> None:
    import importlib
    import pkgutil

    from barnevern import demo
    from barnevern.demo import cases, organisation, users

    # Every other module in this package registers its loader with @register on import.
    for module in sorted(m.name for m in pkgutil.iter_modules(demo.__path__)):
        importlib.import_module(f"barnevern.demo.{module}")

    with transaction.atomic():
        organisation.load(today)
        users.load(today)
        cases.load(today)
        for _name, loader in LOADERS:
            loader(today)
