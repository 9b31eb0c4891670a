"""Half-year settlement statements: gather the ledger, call the rules, freeze a snapshot.

``compute`` gathers the half-year's common costs (by category), client-related costs (by
municipality and category; the municipality is the child's residence on the cost date,
stored on each ``Klientkostnad``), payments on account, and the key in force, and calls
``rules.settlement.settle_half_year``. The result and every input are stored as a JSON
snapshot on ``Oppgjor``; the HTML page, the PDF, the XLSX file and ``--json`` all read the
snapshot, so an approved statement prints the same figures forever.

Approval numbers the statement (1, 2, 3 … per service) and freezes it. A correction is a
new draft that refers to the approved statement it corrects.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from barnevern.audit.services import log
from barnevern.economy import models as em
from barnevern.economy.keys import key_on, kommune_names
from barnevern.organisation.models import Tjeneste
from barnevern.rules.allocation import AllocationError
from barnevern.rules.money import ORE, split_by_weights
from barnevern.rules.settlement import COMMON_COST_CATEGORIES, HalfYear, SettlementError, settle_half_year

SNAPSHOT_VERSION = 1
SHARE_UNIT = Decimal("0.001")
ZERO = Decimal("0.00")


class StatementError(ValueError):
    """A statement action that is not allowed; the message is Norwegian."""


def money(value: Decimal) -> str:
    """Amounts in the snapshot and the JSON: NOK with two decimals, as a string."""
    return f"{value.quantize(ORE):.2f}"


def _sum_by(rows: Any, *keys: str) -> dict[Any, Decimal]:
    """Exact Decimal sums in Python (database float sums are not trusted with money)."""
    totals: dict[Any, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        group = tuple(row[k] for k in keys)
        totals[group if len(group) > 1 else group[0]] += row["belop"]
    return dict(totals)


def gather(tjeneste: Tjeneste, half: HalfYear) -> dict[str, Any]:
    """The inputs of a half-year from the ledger (no figure is computed here)."""
    start, end = half.start, half.end
    common_rows = em.Felleskostnad.objects.filter(tjeneste=tjeneste, maned__range=(start, end)).values(
        "kategori__kode", "kategori__navn", "kategori__rekkefolge", "belop"
    )
    labels = {r["kategori__kode"]: (r["kategori__rekkefolge"], r["kategori__navn"]) for r in common_rows}
    common = _sum_by(common_rows, "kategori__kode")
    client_rows = em.Klientkostnad.objects.filter(tjeneste=tjeneste, dato__range=(start, end)).values(
        "kommunenummer", "kategori__navn", "belop"
    )
    client: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for (kommune, category), amount in sorted(
        _sum_by(client_rows, "kommunenummer", "kategori__navn").items()
    ):
        client[kommune][category] = amount
    paid_rows = em.Innbetaling.objects.filter(tjeneste=tjeneste, dato__range=(start, end)).values(
        "kommunenummer", "belop"
    )
    ordered = sorted(common, key=lambda k: labels[k])
    return {
        "common": {k: common[k] for k in ordered},
        "common_labels": {k: labels[k][1] for k in ordered},
        "client": dict(client),
        "paid": dict(sorted(_sum_by(paid_rows, "kommunenummer").items())),
        "rows": {
            "felleskostnader": len(common_rows),
            "klientkostnader": len(client_rows),
            "innbetalinger": len(paid_rows),
        },
    }


def compute(tjeneste: Tjeneste, period: HalfYear | str, now: datetime | None = None) -> dict[str, Any]:
    """The settlement of ``period`` as a JSON-ready snapshot; raises ``StatementError``."""
    try:
        half = HalfYear.parse(period) if isinstance(period, str) else period
        key = key_on(tjeneste, half.start)
        inputs = gather(tjeneste, half)
        result = settle_half_year(
            half,
            host=tjeneste.vertskommune.nummer,
            key=key,
            common_costs=inputs["common"],
            client_costs=inputs["client"],
            paid=inputs["paid"],
        )
    except (SettlementError, AllocationError) as exc:
        raise StatementError(str(exc)) from None
    names = kommune_names(list(key.weights))
    shares = split_by_weights(Decimal("1.000"), key.weights, unit=SHARE_UNIT)
    labels = {**COMMON_COST_CATEGORIES, **inputs["common_labels"]}
    return {
        "version": SNAPSHOT_VERSION,
        "period": str(half),
        "label": half.label,
        "start": half.start.isoformat(),
        "end": half.end.isoformat(),
        "service": {"slug": tjeneste.slug, "navn": tjeneste.navn, "orgnr": tjeneste.organisasjonsnummer},
        "host": result.host,
        "kommuner": names,
        "key": {
            "basis": key.basis.value,
            "note": key.note,
            "valid_from": key.valid_from.isoformat(),
            "valid_to": key.valid_to.isoformat() if key.valid_to else None,
            "reference_date": key.reference_date.isoformat() if key.reference_date else None,
            "weights": {k: str(v) for k, v in key.weights.items()},
            "shares": {k: f"{v:.3f}" for k, v in shares.items()},
            "percent": key.percent_display_all(),
        },
        "inputs": {
            "common_costs": {k: money(v) for k, v in inputs["common"].items()},
            "common_labels": {k: labels.get(k, k) for k in inputs["common"]},
            "client_costs": {k: {c: money(a) for c, a in v.items()} for k, v in inputs["client"].items()},
            "paid": {k: money(v) for k, v in inputs["paid"].items()},
            "rows": inputs["rows"],
        },
        "members": [
            {
                "kommune": m.municipality,
                "navn": names.get(m.municipality, m.municipality),
                "is_host": m.is_host,
                "share_percent": m.share_percent,
                "common_share": money(m.common_share),
                "client_costs": money(m.client_costs),
                "paid": money(m.paid),
                "balance": money(m.balance),
                "lines": [
                    {"kind": x.kind.value, "category": x.category, "text": x.text, "amount": money(x.amount)}
                    for x in m.lines
                ],
            }
            for m in result.members
        ],
        "totals": {
            "common_total": money(result.common_total),
            "client_total": money(result.client_total),
            "host_outlay": money(result.host_outlay),
            "due_to_host": money(result.due_to_host),
        },
        "computed_at": (now or timezone.now()).isoformat(timespec="seconds"),
    }


def cli_json(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The documented ``barnevern settlement --json`` shape, from a snapshot."""
    key = snapshot["key"]
    return {
        "period": snapshot["period"],
        "key": {k: {"population": _number(w), "share": key["shares"][k]} for k, w in key["weights"].items()},
        "municipalities": {
            m["kommune"]: {f: m[f] for f in ("common_share", "client_costs", "paid", "balance")}
            for m in snapshot["members"]
        },
    }


def _number(text: str) -> int | str:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else text


def _figures(snapshot: dict[str, Any]) -> tuple[Any, ...]:
    return (snapshot["key"], snapshot["inputs"], snapshot["members"])


def current_for(tjeneste: Tjeneste, period: str) -> em.Oppgjor | None:
    """The approved statement of ``period`` that no approved correction replaces."""
    approved = em.Oppgjor.objects.filter(tjeneste=tjeneste, periode=period, status=em.Oppgjor.Status.GODKJENT)
    corrected = approved.filter(korrigeringer__status=em.Oppgjor.Status.GODKJENT)
    return approved.exclude(pk__in=corrected).order_by("-nummer").first()


def create_draft(
    tjeneste: Tjeneste, period: str, user: Any = None, now: datetime | None = None
) -> em.Oppgjor:
    """A draft for ``period`` (refreshed if one exists); a correction if one is approved."""
    snapshot = compute(tjeneste, period, now)
    period = snapshot["period"]
    draft = em.Oppgjor.objects.filter(
        tjeneste=tjeneste, periode=period, status=em.Oppgjor.Status.UTKAST
    ).first()
    if draft is not None:
        return refresh_draft(draft, snapshot)
    corrects = current_for(tjeneste, period)
    with transaction.atomic():
        draft = em.Oppgjor.objects.create(
            tjeneste=tjeneste,
            periode=period,
            snapshot=snapshot,
            korrigerer=corrects,
            opprettet_av=user if getattr(user, "pk", None) else None,
        )
        what = f"Utkast til oppgjør {period}" + (f" (korrigerer nr. {corrects.nummer})" if corrects else "")
        log("create", what, obj=draft, data={"periode": period})
    return draft


def correct(statement: em.Oppgjor, user: Any = None) -> em.Oppgjor:
    if not statement.er_godkjent:
        raise StatementError("Bare godkjente oppgjør kan korrigeres; et utkast kan oppdateres.")
    if current_for(statement.tjeneste, statement.periode) != statement:
        raise StatementError(f"Oppgjør nr. {statement.nummer} er allerede korrigert; korriger det nyeste.")
    return create_draft(statement.tjeneste, statement.periode, user)


def refresh_draft(draft: em.Oppgjor, snapshot: dict[str, Any] | None = None) -> em.Oppgjor:
    if draft.er_godkjent:
        raise StatementError(
            f"Oppgjør nr. {draft.nummer} er godkjent og kan ikke endres; lag en korrigering."
        )
    draft.snapshot = snapshot or compute(draft.tjeneste, draft.periode)
    with transaction.atomic():
        draft.save(update_fields=["snapshot"])
        log("update", f"Oppdaterte utkast til oppgjør {draft.periode}", obj=draft)
    return draft


def delete_draft(draft: em.Oppgjor) -> None:
    with transaction.atomic():
        log("delete", f"Slettet utkast til oppgjør {draft.periode}", obj=draft)
        draft.delete()


def approve(draft: em.Oppgjor, user: Any, now: datetime | None = None) -> em.Oppgjor:
    """Number and freeze a draft; refused when the ledger changed since the draft."""
    if draft.er_godkjent:
        raise StatementError(f"Oppgjør nr. {draft.nummer} er allerede godkjent.")
    fresh = compute(draft.tjeneste, draft.periode)
    if _figures(fresh) != _figures(draft.snapshot):
        raise StatementError(
            "Regnskapet eller nøkkelen er endret siden utkastet ble laget. Oppdater utkastet, "
            "kontroller tallene og godkjenn på nytt."
        )
    if draft.korrigerer_id is None and current_for(draft.tjeneste, draft.periode) is not None:
        raise StatementError(f"{draft.periode} har allerede et godkjent oppgjør; lag en korrigering av det.")
    if draft.korrigerer is not None and current_for(draft.tjeneste, draft.periode) != draft.korrigerer:
        raise StatementError(
            f"Oppgjør nr. {draft.korrigerer.nummer} er allerede korrigert av et annet oppgjør."
        )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                last = em.Oppgjor.objects.filter(tjeneste=draft.tjeneste).aggregate(n=Max("nummer"))["n"]
                draft.nummer = (last or 0) + 1
                draft.status = em.Oppgjor.Status.GODKJENT
                draft.godkjent = now or timezone.now()
                draft.godkjent_av = user
                draft.save()
                log(
                    "update",
                    f"Godkjente oppgjør nr. {draft.nummer} for {draft.periode}",
                    obj=draft,
                    data={"nummer": draft.nummer, "korrigerer": draft.korrigerer_id},
                )
            return draft
        except IntegrityError:
            draft.nummer, draft.status, draft.godkjent = None, em.Oppgjor.Status.UTKAST, None
    raise StatementError("Kunne ikke tildele oppgjørsnummer; prøv igjen.")
