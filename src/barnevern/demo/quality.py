"""Demo data for deadlines and internal control, relative to ``today``.

* a deadline configuration per service (the defaults; proposals from breaches that fell
  due in the last 45 days);
* feedback to the reporter (D2) registered for most meldinger, so the worklist shows the
  few that are missing rather than every melding;
* two extra cases per service, so the worklist always has a deadline due today (a melding
  received a week ago) and one due within days (an investigation near its three months);
* a handful of avvik per service: open, closed, and proposals from breached deadlines.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from barnevern import records as r
from barnevern.accounts.models import User
from barnevern.cases import models as cm
from barnevern.cases.services import store_record
from barnevern.demo import register
from barnevern.organisation.models import Tjeneste
from barnevern.quality import avvik as service
from barnevern.quality import cache as quality_cache
from barnevern.quality.models import Avvik, Fristoppsett, UtfortFrist
from barnevern.rules.dates import add_months
from barnevern.rules.identity import synthetic_fnr

PROPOSAL_WINDOW_DAYS = 45
MISSING_FEEDBACK_EVERY = 6  # every sixth melding lacks registered feedback (shows as D2 overdue)


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _lov(day: date, kapittel: str, paragraf: str) -> r.Lovhjemmel:
    return r.Lovhjemmel("BVL2021" if day >= date(2023, 1, 1) else "BVL", kapittel, paragraf)


def _extra_cases(rng: random.Random, today: date, kommune: str, index: int) -> list[r.SakRecord]:
    """A melding due for review today (D1) and an investigation due in a few days (D3)."""
    cases = []
    received = today - timedelta(days=7)  # D1: received + 1 week = today
    born = date(today.year - 9, 4, 12)
    cases.append(
        r.SakRecord(
            id=_id(rng),
            start_dato=received,
            journalnummer=f"{received.year}-{901 + index * 10:04d}",
            personalia=(r.Personalia(_id(rng), received, synthetic_fnr(born, 41 + index, "2"), born, "2"),),
            meldinger=(
                r.Melding(
                    _id(rng),
                    received,
                    melder=(r.KodeMedPresisering("9"),),
                    saksinnhold=(r.KodeMedPresisering("1.1.02" if received >= date(2026, 1, 1) else "2"),),
                ),
            ),
            bosted=(r.Bosted(received, kommune),),
        )
    )
    # D3 (law arithmetic): received + 7 days + 3 months, due within the next few days.
    start = _investigation_start_due_soon(today) - timedelta(days=7)
    born = date(today.year - 13, 10, 3)
    melding_id, und_id = _id(rng), _id(rng)
    cases.append(
        r.SakRecord(
            id=_id(rng),
            start_dato=start,
            journalnummer=f"{start.year}-{902 + index * 10:04d}",
            personalia=(r.Personalia(_id(rng), start, synthetic_fnr(born, 42 + index, "1"), born, "1"),),
            meldinger=(
                r.Melding(
                    melding_id,
                    start,
                    melder=(r.KodeMedPresisering("11"),),
                    saksinnhold=(r.KodeMedPresisering("1.2.03" if start >= date(2026, 1, 1) else "3"),),
                    konklusjon=r.Konklusjon(start + timedelta(days=5), "2"),
                ),
            ),
            undersokelser=(r.Undersokelse(und_id, start + timedelta(days=5)),),
            planer=(r.Plan(_id(rng), start + timedelta(days=8), "7"),),
            relasjoner=(r.Relasjon(_id(rng), melding_id, "Melding", und_id, "Undersokelse"),),
            bosted=(r.Bosted(start, kommune),),
        )
    )
    return cases


def _investigation_start_due_soon(today: date) -> date:
    """A date ``d`` with ``d`` + 3 months (domstolloven § 148) 5–10 days after ``today``.

    Not every day is three months after another (30 May, 31 July ...), so try a few.
    """
    for ahead in range(5, 11):
        due = today + timedelta(days=ahead)
        for back in range(85, 100):
            candidate = due - timedelta(days=back)
            if add_months(candidate, 3) == due:
                return candidate
    raise ValueError(f"no investigation start found for {today}")  # pragma: no cover


def _feedback(rng: random.Random, tjeneste: Tjeneste, today: date) -> None:
    rows = []
    meldinger = cm.Melding.objects.filter(sak__tjeneste=tjeneste, er_slettet=False).order_by(
        "sak__journalnummer", "start_dato"
    )
    for n, melding in enumerate(meldinger):
        if n % MISSING_FEEDBACK_EVERY == 0:
            continue
        day = melding.start_dato + timedelta(days=rng.randint(3, 24))
        if day > today:
            continue
        rows.append(UtfortFrist(sak_id=melding.sak_id, regel="D2", element_id=str(melding.pk), dato=day))
    UtfortFrist.objects.bulk_create(rows, ignore_conflicts=True)
    quality_cache.changed({row.sak_id for row in rows})  # bulk_create sends no signal


MANUAL = (
    (
        "fravaer",
        40,
        "Sykefravær i mottaksteamet i tre uker; meldinger ble gjennomgått for sent.",
        "Ingen vikar tilgjengelig.",
        "Innleid vikar fra nabotjenesten; rutine for omfordeling.",
        20,
    ),
    (
        "dokumentasjon",
        25,
        "Samtale med barnet ble ikke journalført samme uke.",
        "Uklar rutine for journalføring etter hjemmebesøk.",
        "",
        None,
    ),
    (
        "taushetsplikt",
        70,
        "E-post med saksopplysninger sendt til feil mottaker i kommunen.",
        "Autoutfylling av adresse.",
        "Mottaker har slettet e-posten; rutine for sikker e-post gjennomgått.",
        60,
    ),
    ("samarbeid", 12, "Skolen fikk ikke tilbakemelding om at meldingen var mottatt.", "", "", None),
)


def _avvik(tjeneste: Tjeneste, today: date, sak: cm.Sak | None) -> None:
    leder = User.objects.filter(tjeneste=tjeneste, rolle="leder").order_by("username").first()
    worker = User.objects.filter(tjeneste=tjeneste, rolle="saksbehandler").order_by("username").first()
    for kategori, days_ago, text, cause, action, closed_after in MANUAL:
        created = service.create(
            tjeneste,
            worker or leder,
            dato=today - timedelta(days=days_ago),
            kategori=kategori,
            beskrivelse=text,
            sak=sak if kategori == "dokumentasjon" else None,
            arsak=cause,
            tiltak=action,
            ansvarlig=leder,
        )
        if closed_after is not None:
            service.close(created, leder, created.versjon, lukket_dato=today - timedelta(days=closed_after))


@register("quality")
def load(today: date) -> None:
    for index, tjeneste in enumerate(Tjeneste.objects.order_by("slug")):
        rng = random.Random(f"barnevern-demo-quality-{tjeneste.slug}")  # noqa: S311 - demo data
        Fristoppsett.objects.update_or_create(
            tjeneste=tjeneste, defaults={"avvik_from": today - timedelta(days=PROPOSAL_WINDOW_DAYS)}
        )
        kommune = tjeneste.vertskommune.nummer
        workers = list(User.objects.filter(tjeneste=tjeneste, rolle="saksbehandler").order_by("username"))
        for n, rec in enumerate(_extra_cases(rng, today, kommune, index)):
            sak = store_record(tjeneste, rec, source="demo").sak
            sak.fornavn, sak.etternavn = ("Tuva", "Fristvik") if n == 0 else ("Sander", "Fristvik")
            sak.saksbehandler = workers[0] if workers and n == 1 else None
            sak.save(update_fields=["fornavn", "etternavn", "saksbehandler"])
        _feedback(rng, tjeneste, today)
        first = cm.Sak.objects.filter(tjeneste=tjeneste).order_by("journalnummer").first()
        _avvik(tjeneste, today, first)
        service.propose_from_breaches(tjeneste, today)
        proposal = Avvik.objects.filter(tjeneste=tjeneste, status=Avvik.Status.FORESLATT).order_by(
            "dato", "id"
        )
        leder = User.objects.filter(tjeneste=tjeneste, rolle="leder").order_by("username").first()
        first_proposal = proposal.first()
        if first_proposal is not None and leder is not None and proposal.count() > 2:
            service.dismiss(
                first_proposal,
                leder,
                first_proposal.versjon,
                "Tilbakemeldingen ble gitt muntlig i tide; registrert for sent i systemet.",
            )
