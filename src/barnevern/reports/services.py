"""Changing reports: drafts, the leader's text, and issuing a frozen, numbered edition."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from barnevern.audit.services import log
from barnevern.errors import UserError
from barnevern.locking import update_if_unchanged
from barnevern.organisation.models import Kommune, Tjeneste
from barnevern.reports.assemble import assemble, freeze
from barnevern.reports.models import Rapport, RapportUtgave, Versjon
from barnevern.reports.render import render_html, render_pdf

if TYPE_CHECKING:
    from barnevern.accounts.models import User

NARRATIVE_FIELDS = ("utfordringer", "tiltak", "samarbeid", "veien_videre")
TEXT_FIELDS = (*NARRATIVE_FIELDS, "utenfor_grunnlag")
MAX_TEXT = 20_000
FIRST_YEAR, LAST_YEAR = 2010, 2100


class ReportError(UserError):
    """A report change that cannot be made; ``message`` is Norwegian, ``field`` the form field."""


class ReportConflict(ReportError):
    def __init__(self) -> None:
        super().__init__(
            "Rapporten er endret av noen andre etter at du åpnet den. Last siden på nytt og gjør "
            "endringene igjen."
        )


def check_scope(tjeneste: Tjeneste, year: int, kommune: Kommune | None) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ReportError(f"Året må være mellom {FIRST_YEAR} og {LAST_YEAR}.", "ar")
    if kommune is not None and kommune.nummer not in tjeneste.kommunenumre():
        raise ReportError(f"{kommune.navn} er ikke medlem av {tjeneste.navn}.", "kommune")


def get_or_create_draft(
    tjeneste: Tjeneste, year: int, kommune: Kommune | None, versjon: str, user: User | None = None
) -> tuple[Rapport, bool]:
    """The report for the scope; a new one takes the text of the other version if there is one."""
    check_scope(tjeneste, year, kommune)
    if versjon not in Versjon.values:
        raise ReportError("Ukjent versjon: velg offentlig eller intern.", "versjon")
    found = Rapport.objects.filter(tjeneste=tjeneste, ar=year, kommune=kommune, versjon=versjon).first()
    if found:
        return found, False
    sibling = Rapport.objects.filter(tjeneste=tjeneste, ar=year, kommune=kommune).first()
    copied = {f: getattr(sibling, f) for f in (*TEXT_FIELDS, "utenfor_antall")} if sibling else {}
    try:
        with transaction.atomic():
            rapport = Rapport.objects.create(
                tjeneste=tjeneste, ar=year, kommune=kommune, versjon=versjon, endret_av=user, **copied
            )
            log("create", f"Opprettet {rapport}", obj=rapport, data={"ar": year, "versjon": versjon})
    except IntegrityError:  # created by someone else just now
        return Rapport.objects.get(tjeneste=tjeneste, ar=year, kommune=kommune, versjon=versjon), False
    return rapport, True


def update_text(rapport: Rapport, user: User | None, revisjon: int, changes: dict[str, Any]) -> Rapport:
    """Save the leader's text and the calculator input; an issued report becomes a draft again."""
    for name, value in changes.items():
        if name in TEXT_FIELDS and len(value or "") > MAX_TEXT:
            raise ReportError(f"Teksten er for lang (mer enn {MAX_TEXT} tegn).", name)
        if name not in (*TEXT_FIELDS, "utenfor_antall"):
            raise ReportError(f"Ukjent felt: {name}.")
    with transaction.atomic():
        update_if_unchanged(
            rapport,
            revisjon,
            ReportConflict,
            field="revisjon",
            **changes,
            status=Rapport.Status.UTKAST,
            endret_av=user,
            endret=timezone.now(),
        )
        log("update", f"Endret teksten i {rapport}", obj=rapport, data={"felt": sorted(changes)})
    rapport.refresh_from_db()
    return rapport


def build(rapport: Rapport, today: date) -> dict[str, Any]:
    """The draft's data, assembled live."""
    return assemble(
        rapport.tjeneste,
        rapport.ar,
        kommune=rapport.kommune,
        public=rapport.is_public,
        today=today,
        rapport=rapport,
    )


def issue(rapport: Rapport, user: User | None, today: date, now: datetime | None = None) -> RapportUtgave:
    """Freeze the report as the next numbered edition of its service and year."""
    now = now or timezone.now()
    data = build(rapport, today)
    name = (user.get_full_name() or user.username) if user else "system"
    with transaction.atomic():
        Tjeneste.objects.select_for_update().get(pk=rapport.tjeneste_id)  # serialises the numbering
        last = RapportUtgave.objects.filter(tjeneste=rapport.tjeneste, ar=rapport.ar).aggregate(
            m=Max("nummer")
        )
        nummer = (last["m"] or 0) + 1
        data["meta"]["status"] = Rapport.Status.UTSTEDT.value
        data["meta"]["edition"] = {"nummer": nummer, "utstedt": now.date().isoformat(), "av": name}
        data_json = freeze(data)
        html = render_html(data, standalone=True)
        pdf = render_pdf(data)
        utgave = RapportUtgave.objects.create(
            rapport=rapport,
            tjeneste=rapport.tjeneste,
            ar=rapport.ar,
            kommune=rapport.kommune,
            versjon=rapport.versjon,
            nummer=nummer,
            data_json=data_json,
            html=html,
            pdf=pdf,
            utstedt=now,
            utstedt_av=user,
            utstedt_av_navn=name,
        )
        Rapport.objects.filter(pk=rapport.pk).update(status=Rapport.Status.UTSTEDT, nummer=nummer)
        log(
            "create",
            f"Utstedte tilstandsrapport {rapport.ar} nr. {nummer}",
            obj=utgave,
            data={"versjon": rapport.versjon, "sha256": utgave.pdf_sha256},
        )
    rapport.refresh_from_db()
    return utgave
