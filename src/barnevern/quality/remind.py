"""Daily e-mail reminders: each leder and saksbehandler gets their own due list.

The list is the same worklist as on the web page (``quality.worklist``), scoped by
``cases.queries.visible_saker``: a leder's holds the whole service, a saksbehandler's the
own cases and a line with the number of cases not yet assigned (as the start page). A mail
names cases by journal number only: no names, no identity numbers, no case content (e-mail
is not a safe channel for personal data).
Mail goes through Django's mail backend (``EMAIL_BACKEND``; the console backend by
default). Users without an e-mail address, inactive users and users with nothing due get
no mail. Each mail sent writes an audit row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from barnevern.accounts import policy
from barnevern.audit.actor import Actor
from barnevern.audit.services import log
from barnevern.cases.queries import visible_saker
from barnevern.quality import cache, contributions
from barnevern.quality.avvik import propose_from_breaches
from barnevern.quality.casedata import service_cases
from barnevern.quality.models import Avvik
from barnevern.quality.queries import rows_for, service_config
from barnevern.quality.worklist import WorklistRow, counts

if TYPE_CHECKING:
    from barnevern.accounts.models import User
    from barnevern.organisation.models import Tjeneste

SYSTEM = Actor(None, "", "remind")


@dataclass(frozen=True, slots=True)
class Reminder:
    user: User
    rows: tuple[WorklistRow, ...]
    proposals: int
    message: EmailMessage


def _line(row: WorklistRow) -> str:
    item = row.item
    if row.status == "overdue":
        when = f"forfalt {item.due:%d.%m.%Y} ({item.days} dager over)"
    elif row.status == "due":
        when = f"forfaller i dag {item.due:%d.%m.%Y}"
    else:
        when = f"forfaller {item.due:%d.%m.%Y} (om {item.days} dager)"
    part = f" ({item.part})" if item.part else ""
    flag = " [regel ikke verifisert]" if item.unverified else ""
    return f"- Sak {row.journalnummer}: {item.rule} {item.title_nb}{part}, {item.paragraph}: {when}{flag}"


def compose(
    user: User, rows: Iterable[WorklistRow], today: date, *, proposals: int = 0, unassigned: int = 0
) -> EmailMessage:
    """The reminder mail for one user (journal numbers only, never names or identity numbers).

    ``unassigned``: the number of open cases nobody has yet, told to a case worker (whose own
    list, like the start page, holds the own cases only).
    """
    rows = list(rows)
    summary = counts(rows)
    lines = [
        f"Hei {user.first_name or user.username}.",
        "",
        f"Frister i Barnevern per {today:%d.%m.%Y}: {summary['overdue']} forfalt, "
        f"{summary['due']} forfaller i dag, {summary['upcoming']} forfaller de neste dagene.",
        "",
    ]
    for title, status in (("Forfalt", "overdue"), ("Forfaller i dag", "due"), ("Kommer", "upcoming")):
        chosen = [r for r in rows if r.status == status]
        if chosen:
            lines.append(f"{title}:")
            lines.extend(_line(r) for r in chosen)
            lines.append("")
    if unassigned:
        what = "1 sak" if unassigned == 1 else f"{unassigned} saker"
        lines += [f"{what} i tjenesten er ikke fordelt ennå.", ""]
    if proposals:
        if proposals == 1:
            lines += ["1 foreslått avvik venter på at du bekrefter eller avviser det.", ""]
        else:
            lines += [f"{proposals} foreslåtte avvik venter på at du bekrefter eller avviser dem.", ""]
    lines += [
        "Logg inn i Barnevern for å se sakene. Denne e-posten inneholder bare journalnumre.",
        "",
    ]
    subject = f"Frister i Barnevern {today:%d.%m.%Y}: {summary['overdue']} forfalt, {summary['due']} i dag"
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email])


def reminders(tjeneste: Tjeneste, today: date, *, keep: bool = False) -> list[Reminder]:
    """The mail for every leder and saksbehandler of the service with something due.

    ``keep``: also keep every case's deadlines for the day (``quality.contributions``), read
    here anyway, so that the first compliance figures of the day (annual report,
    statistics) need not read the whole service again.
    """
    from barnevern.accounts.models import Role, User

    config = service_config(tjeneste, today)
    counter = cache.changes()  # before the cases are read
    data = service_cases(tjeneste)
    all_rows = rows_for(data, today, config)
    if keep:
        rules = config.to_rules()
        kept = {
            rec.id: contributions.contribution(rec, today, rules, data.completed.get(rec.id))
            for rec in data.records
        }
        contributions.store(kept, today, cache.fingerprint(rules), counter)
        cache.prune()
    proposals = Avvik.objects.filter(tjeneste=tjeneste, status=Avvik.Status.FORESLATT).count()
    result = []
    users = (
        User.objects.filter(tjeneste=tjeneste, is_active=True, rolle__in=[Role.LEDER, Role.SAKSBEHANDLER])
        .exclude(email="")
        .order_by("username")
    )
    open_ids = {r.id for r in data.records if r.slutt_dato is None or r.slutt_dato > today}
    unassigned = len(data.ids_by_owner.get(None, set()) & open_ids)
    for user in users:
        leder = policy.is_leder(user)
        # as on the start page: a leder gets the whole service, a case worker the own cases
        # and the number of unassigned ones (``quality.views.worklist``)
        scope = visible_saker(user) if leder else visible_saker(user).filter(saksbehandler=user)
        visible = {str(pk) for pk in scope.values_list("id", flat=True)}
        rows = tuple(r for r in all_rows if r.sak_id in visible)
        waiting = proposals if leder else 0
        if not rows and not waiting:
            continue
        message = compose(user, rows, today, proposals=waiting, unassigned=0 if leder else unassigned)
        result.append(Reminder(user, rows, waiting, message))
    return result


def send_reminders(
    tjenester: Iterable[Tjeneste], today: date, *, propose: bool = True, dry_run: bool = False
) -> list[Reminder]:
    """Propose avvik from new breaches (unless ``propose`` is false), then send the mails."""
    sent: list[Reminder] = []
    connection = None if dry_run else get_connection()
    for tjeneste in tjenester:
        if propose and not dry_run:
            propose_from_breaches(tjeneste, today)
        batch = reminders(tjeneste, today, keep=not dry_run)
        if not dry_run and batch:
            connection.send_messages([r.message for r in batch])
            for reminder in batch:
                log(
                    "export",
                    f"Sendte fristpåminnelse til {reminder.user.username} ({len(reminder.rows)} frister)",
                    data={"antall": len(reminder.rows), "dato": today, "til": reminder.user.username},
                    actor=SYSTEM,
                )
        sent.extend(batch)
    return sent
