"""The statutory duties checklist: what the municipality and the service must have in place.

Two duties lie with each member municipality's council, two with the service as a whole:

* plan for the preventive work, adopted by the council itself (bvl. § 3-1, as the seeds cite);
* the council's yearly account of the state of the service (bvl. § 15-3 femte ledd);
* the service is available at all times (beredskap), and an out-of-hours service
  (barnevernvakt), own or shared — the seeds: «Barnevernstjenesten skal være tilgjengelig til
  enhver tid».

Answers (yes/no/not settled, date, comment) are stored per service and year (``Plikt``) and
edited by the leader; a duty with no stored answer is shown as «Ikke avklart».
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction

from barnevern.audit.services import log
from barnevern.reports.models import Plikt

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Kommune, Tjeneste

PER_KOMMUNE = (Plikt.Kode.FOREBYGGINGSPLAN, Plikt.Kode.TILSTANDSRAPPORT)
PER_TJENESTE = (Plikt.Kode.BEREDSKAP, Plikt.Kode.BARNEVERNVAKT)
LEGAL = {
    Plikt.Kode.FOREBYGGINGSPLAN: "bvl. § 3-1",
    Plikt.Kode.TILSTANDSRAPPORT: "bvl. § 15-3 femte ledd",
    Plikt.Kode.BEREDSKAP: "krav om forsvarlig tjeneste",
    Plikt.Kode.BARNEVERNVAKT: "egen eller interkommunal vakt",
}


def slots(tjeneste: Tjeneste, on: date, kommune: Kommune | None = None) -> list[tuple[str, Kommune | None]]:
    """(duty, municipality) pairs of the checklist; municipality None = the whole service."""
    members = [kommune] if kommune is not None else tjeneste.medlemmer_on(on)
    pairs: list[tuple[str, Kommune | None]] = [(code, k) for code in PER_KOMMUNE for k in members]
    pairs += [(code, None) for code in PER_TJENESTE]
    return pairs


def stored(tjeneste: Tjeneste, year: int) -> dict[tuple[str, str | None], Plikt]:
    rows = Plikt.objects.filter(tjeneste=tjeneste, ar=year).select_related("kommune")
    return {(p.kode, p.kommune.nummer if p.kommune_id else None): p for p in rows}


def duty_rows(tjeneste: Tjeneste, year: int, kommune: Kommune | None, on: date) -> list[dict[str, Any]]:
    """The checklist as JSON-ready groups, one per duty, with one row per municipality (or one
    row for the whole service)."""
    found = stored(tjeneste, year)
    groups: dict[str, dict[str, Any]] = {}
    for code, k in slots(tjeneste, on, kommune):
        p = found.get((code, k.nummer if k else None))
        svar = p.svar if p else Plikt.Svar.UAVKLART
        group = groups.setdefault(
            code, {"kode": code, "plikt": str(Plikt.Kode(code).label), "hjemmel": LEGAL[code], "rows": []}
        )
        group["rows"].append(
            {
                "kommune": k.navn if k else "Hele tjenesten",
                "svar": svar,
                "svar_label": str(Plikt.Svar(svar).label),
                "dato": p.dato.isoformat() if p and p.dato else None,
                "kommentar": p.kommentar if p else "",
            }
        )
    return list(groups.values())


def save_duties(
    tjeneste: Tjeneste,
    year: int,
    answers: list[tuple[str, Kommune | None, str, date | None, str]],
    user: User | None = None,
) -> int:
    """Store answers ``(kode, kommune, svar, dato, kommentar)`` all-or-nothing; returns changes."""
    changed = 0
    with transaction.atomic():
        for code, k, svar, dato, kommentar in answers:
            if code not in Plikt.Kode.values or svar not in Plikt.Svar.values:
                raise ValueError(f"Ukjent plikt eller svar: {code!r}, {svar!r}.")
            current = Plikt.objects.filter(tjeneste=tjeneste, ar=year, kommune=k, kode=code).first()
            values = {"svar": svar, "dato": dato, "kommentar": kommentar.strip()}
            if current and all(getattr(current, f) == v for f, v in values.items()):
                continue
            if current is None:
                current = Plikt(tjeneste=tjeneste, ar=year, kommune=k, kode=code)
            for f, v in values.items():
                setattr(current, f, v)
            current.endret_av = user
            current.save()
            changed += 1
        if changed:
            log(
                "update",
                f"Endret lovpålagte plikter {year}",
                obj=tjeneste,
                data={"ar": year, "endret": changed},
            )
    return changed
