"""Daily reconciliation (``barnevern fiks-avstemming --date D``): delivered = stored + set aside, and
every one of them answered.

For one service and one day (Norwegian time) it compares the broker's deliveries (``Levering``, written
before any processing) with what was stored (``Mottak``), set aside (``DodMelding``) and receipted
(``Kvittering``). Any mismatch, above all a ``mottatt`` for a report that is not stored (the 2023
failure), becomes an avvik in the internal-control log and a warning on the leader's start page. The
run itself is kept (``Avstemming``), clean or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from barnevern.audit.services import log
from barnevern.formats.fiks import FEILET, MOTTATT
from barnevern.formats.fiks.message import OSLO
from barnevern.intake.models import Avstemming, DodMelding, Kilde, Kvittering, Levering, Mottak
from barnevern.organisation.models import Tjeneste
from barnevern.quality.models import Avvik


@dataclass(frozen=True, slots=True)
class Result:
    avstemming: Avstemming

    @property
    def ok(self) -> bool:
        return not self.avstemming.avvik


def _day(dato: date) -> tuple[datetime, datetime]:
    start = datetime.combine(dato, time.min, tzinfo=OSLO)
    return start, start + timedelta(days=1)


def reconcile(tjeneste: Tjeneste, dato: date, *, i_koen: int | None = None) -> Result:
    start, end = _day(dato)
    deliveries = Levering.objects.filter(tjeneste=tjeneste, levert__gte=start, levert__lt=end)
    delivered = set(deliveries.values_list("melding_id", flat=True))
    stored = dict(Mottak.objects.filter(melding_id__in=delivered).values_list("melding_id", "avsender_id"))
    dead = dict(DodMelding.objects.filter(melding_id__in=delivered).values_list("melding_id", "avsender_id"))
    receipted = set(
        Kvittering.objects.filter(svar_til__in=list(stored), meldingstype=MOTTATT).values_list(
            "svar_til", flat=True
        )
    )
    failed = set(
        Kvittering.objects.filter(svar_til__in=list(dead), meldingstype=FEILET).values_list(
            "svar_til", flat=True
        )
    )
    problems: list[str] = []
    for mid in sorted(delivered - set(stored) - set(dead)):
        problems.append(
            f"Melding {mid} ble levert, men er verken lagret eller lagt til side "
            "(den kan ligge i køen og prøves igjen – sjekk at fiks-mottak kjører)."
        )
    for mid in sorted(m for m, avsender in stored.items() if avsender and m not in receipted):
        problems.append(f"Melding {mid} er lagret, men mottatt-kvitteringen er ikke sendt.")
    for mid in sorted(m for m, avsender in dead.items() if avsender and m not in failed):
        problems.append(f"Melding {mid} ble avvist, men feilet-kvitteringen er ikke sendt.")
    # The 2023 failure: a receipt for a report that is not in the database.
    sent_today = Kvittering.objects.filter(meldingstype=MOTTATT, sendt__gte=start, sendt__lt=end).filter(
        mottak__isnull=True
    )
    for k in sent_today:
        problems.append(
            f"ALVORLIG: mottatt-kvittering {k.melding_id} er sendt for melding {k.svar_til}, "
            "som ikke er lagret."
        )
    own_today = Mottak.objects.filter(
        tjeneste=tjeneste, kilde=Kilde.FIKS, mottatt__gte=start, mottatt__lt=end
    )
    for mid in sorted(set(own_today.values_list("melding_id", flat=True)) - delivered):
        problems.append(f"Melding {mid} er lagret fra Fiks uten registrert levering.")
    if i_koen:
        problems.append(f"{i_koen} meldinger venter fortsatt i køen.")
    stored_today = own_today.count()
    with transaction.atomic():
        run = Avstemming.objects.create(
            dato=dato,
            tjeneste=tjeneste,
            levert=len(delivered),
            lagret=stored_today,
            kvittert=Kvittering.objects.filter(
                meldingstype=MOTTATT, mottak__tjeneste=tjeneste, sendt__gte=start, sendt__lt=end
            ).count(),
            dode=len(dead),
            avvik=problems,
            i_koen=i_koen,
        )
        if problems:
            run.internkontroll = _avvik(tjeneste, dato, problems)
            run.save(update_fields=["internkontroll"])
        log(
            "create",
            f"Fiks-avstemming {dato:%d.%m.%Y}: {'avvik' if problems else 'i orden'}",
            obj=run,
            data={"levert": run.levert, "lagret": run.lagret, "avvik": len(problems)},
        )
    return Result(run)


def _avvik(tjeneste: Tjeneste, dato: date, problems: list[str]) -> Avvik:
    """One open avvik per service and day; a second run the same day updates its description."""
    beskrivelse = (
        f"Fiks-avstemming {dato:%d.%m.%Y} (automatisk): det som ble levert fra Fiks IO stemmer ikke "
        "med det som "
        "ble lagret og kvittert.\n" + "\n".join(f"- {p}" for p in problems)
    )
    earlier = (
        Avstemming.objects.filter(tjeneste=tjeneste, dato=dato, internkontroll__status=Avvik.Status.APEN)
        .exclude(internkontroll=None)
        .order_by("-id")
        .first()
    )
    if earlier is not None and earlier.internkontroll is not None:
        avvik = earlier.internkontroll
        avvik.beskrivelse = beskrivelse
        avvik.save(update_fields=["beskrivelse", "endret"])
        return avvik
    avvik = Avvik.objects.create(
        tjeneste=tjeneste,
        dato=dato,
        kategori=Avvik.Kategori.DOKUMENTASJON,
        beskrivelse=beskrivelse,
        status=Avvik.Status.APEN,
        kilde=Avvik.Kilde.MANUELL,
    )
    log("create", f"Registrerte avvik {avvik.pk} fra Fiks-avstemming", obj=avvik, data={"dato": dato})
    return avvik


def warnings_for(tjeneste: Tjeneste) -> list[str]:
    """The leader's start-page warnings: the latest reconciliation's mismatches, open dead letters."""
    out = []
    latest = Avstemming.objects.filter(tjeneste=tjeneste).order_by("-dato", "-id").first()
    if latest is not None and latest.avvik:
        out.append(
            f"Fiks-avstemmingen for {latest.dato:%d.%m.%Y} fant {len(latest.avvik)} avvik mellom levert, "
            "lagret "
            "og kvittert. Se avviket i internkontrollen."
        )
    dead = DodMelding.objects.filter(tjeneste=tjeneste, status=DodMelding.Status.APEN).count()
    if dead:
        out.append(f"{dead} digitale bekymringsmeldinger kunne ikke tas imot og venter på behandling.")
    return out
