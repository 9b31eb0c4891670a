"""The default cost categories: those of the Oppdal/Rennebu agreement (seed 002) for common
costs, and the usual kinds of client-related costs. Foster-home costs are booked by the
``fosterhjem`` app: fee and expense allowance under ``fosterhjem``, reinforcement under
``forsterkning`` (kept apart because the reform compensation compares it with the old refund
scheme, ``rules.compensation``).

``kontoer`` are KOSTRA account codes (art) that map to the category on import; a file can
also name the category by code (``lonn``) or name (``Lønn for ansatte``).
"""

from __future__ import annotations

CATEGORIES = [
    # kode, navn, art, kontoer, rekkefølge
    ("lonn", "Lønn for ansatte", "felles", ["010", "020", "030", "040", "050", "090", "099"], 10),
    ("reise", "Reiseutgifter", "felles", ["160", "170"], 20),
    ("kurs", "Kurs", "felles", ["150"], 30),
    ("veiledning", "Veiledning", "felles", [], 40),
    ("opplaering", "Opplæring", "felles", [], 50),
    ("kontor", "Kontorutgifter", "felles", ["100", "120", "130", "140", "200"], 60),
    ("statstilskudd", "Statstilskudd", "felles", ["810"], 70),
    ("hjelpetiltak", "Hjelpetiltak i hjemmet", "klient", [], 110),
    ("fosterhjem", "Fosterhjem (arbeidsgodtgjøring og utgiftsdekning)", "klient", [], 120),
    ("forsterkning", "Forsterkning av fosterhjem", "klient", [], 125),
    ("egenbetaling", "Egenbetaling til staten (Bufetat)", "klient", ["300"], 130),
    ("kjop_private", "Kjøp av tiltak fra private", "klient", ["370"], 140),
    ("sakkyndig", "Sakkyndige, advokat og tolk", "klient", [], 150),
    ("ettervern", "Ettervern", "klient", [], 160),
    ("annet_klient", "Andre klientrettede utgifter", "klient", [], 170),
]


def ensure_default_categories() -> None:
    """Create missing default categories (after ``flush``, e.g. ``barnevern demo --reset``)."""
    from barnevern.economy.models import Kostnadskategori

    for kode, navn, art, kontoer, rekkefolge in CATEGORIES:
        Kostnadskategori.objects.get_or_create(
            kode=kode, defaults={"navn": navn, "art": art, "kontoer": kontoer, "rekkefolge": rekkefolge}
        )
