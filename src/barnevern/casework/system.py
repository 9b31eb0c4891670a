"""Journal entries written by the system for events registered in the case register.

When a person registers a BVR event (a melding, its conclusion, an undersøkelse and its
conclusion, a vedtak, a tiltak and its end, a plan), the journal gets an entry of type
``system`` saying so, dated on the event and linked to the element. Each event is written
once (``system_nokkel``).

The case register sends ``cases.signals.saker_endret`` after every change; for a change of
one case made by a person (not ``barnevern import`` or a restore) this module compares, after
the commit, the case's elements with the system entries and writes the missing ones. Bulk imports of national
files are not casework done in Barnevern and write none (the timeline shows their events).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.dispatch import receiver

from barnevern.audit.actor import current_actor
from barnevern.cases import models as cm
from barnevern.cases.signals import saker_endret
from barnevern.rules import codes


def _title(list_key: str, kode: str) -> str:
    try:
        return codes.title(list_key, kode)
    except Exception:  # noqa: BLE001 - an unknown code still gets an entry
        return kode


def events(sak_id: Any) -> list[tuple[str, str, Any, Any, str]]:
    """(key, element type, element id, date, title) of every registered event of a case."""
    out: list[tuple[str, str, Any, Any, str]] = []
    for mel in cm.Melding.objects.filter(sak_id=sak_id, er_slettet=False):
        out.append((f"melding:{mel.pk}", "melding", mel.pk, mel.start_dato, "Melding registrert"))
        if mel.konklusjon_kode and mel.konklusjon_dato:
            title = f"Melding konkludert: {_title('melding_konklusjon', mel.konklusjon_kode)}"
            out.append((f"melding-konklusjon:{mel.pk}", "melding", mel.pk, mel.konklusjon_dato, title))
    for und in cm.Undersokelse.objects.filter(sak_id=sak_id, er_slettet=False):
        out.append((f"undersokelse:{und.pk}", "undersokelse", und.pk, und.start_dato, "Undersøkelse startet"))
        if und.konklusjon_kode and und.konklusjon_dato:
            title = f"Undersøkelse konkludert: {_title('undersokelse_konklusjon', und.konklusjon_kode)}"
            out.append(
                (f"undersokelse-konklusjon:{und.pk}", "undersokelse", und.pk, und.konklusjon_dato, title)
            )
    for ved in cm.Vedtak.objects.filter(sak_id=sak_id, er_slettet=False):
        out.append((f"vedtak:{ved.pk}", "vedtak", ved.pk, ved.start_dato, "Vedtak registrert"))
    for til in cm.Tiltak.objects.filter(sak_id=sak_id, er_slettet=False):
        title = _title("kategori", til.kategori_kode)
        out.append((f"tiltak:{til.pk}", "tiltak", til.pk, til.start_dato, f"Tiltak iverksatt: {title}"))
        if til.slutt_dato:
            out.append(
                (f"tiltak-slutt:{til.pk}", "tiltak", til.pk, til.slutt_dato, f"Tiltak avsluttet: {title}")
            )
    for plan in cm.Plan.objects.filter(sak_id=sak_id, er_slettet=False):
        title = f"Plan registrert: {_title('plantype', plan.plantype)}"
        out.append((f"plan:{plan.pk}", "plan", plan.pk, plan.start_dato, title))
    return out


def record_events(sak_id: Any) -> int:
    """Write the system entries a case is missing; returns how many were written."""
    from barnevern.accounts.models import User
    from barnevern.casework import models as m

    have = set(
        m.Journalnotat.objects.filter(sak_id=sak_id)
        .exclude(system_nokkel="")
        .values_list("system_nokkel", flat=True)
    )
    missing = [e for e in events(sak_id) if e[0] not in have]
    if not missing:
        return 0
    actor = current_actor.get()
    user = User.objects.filter(pk=actor.user_id).first() if actor and actor.user_id else None
    name = (user.get_full_name() or user.username) if user else "System"
    for key, kind, element_id, dato, tittel in missing:
        entry = m.Journalnotat(
            sak_id=sak_id,
            type=m.Journalnotat.Type.SYSTEM,
            dato=dato,
            tittel=tittel[:200],
            element_type=kind,
            element_id=element_id,
            system_nokkel=key,
            forfatter=user,
            forfatter_navn=name,
        )
        entry.kjede = entry.id
        entry.save()
    return len(missing)


@receiver(saker_endret, dispatch_uid="casework_system_entries")
def _on_change(sender: Any, sak_ids: list[str], **kwargs: Any) -> None:
    actor = current_actor.get()
    if len(sak_ids) != 1 or (actor is not None and ("import" in actor.source or "restore" in actor.source)):
        return
    sak_id = sak_ids[0]
    # After the commit: the writer may add more of the same change after sending the signal
    # (concluding a melding opens the undersøkelse after ``changed``).
    transaction.on_commit(lambda: _safe_record(sak_id))


def _safe_record(sak_id: str) -> None:
    try:
        with transaction.atomic():
            if cm.Sak.objects.filter(pk=sak_id).exists():
                record_events(sak_id)
    except IntegrityError:  # another request wrote the same event at the same moment
        pass
