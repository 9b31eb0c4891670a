"""``/api/v1/``: the integration API (django-ninja, OpenAPI at ``/api/v1/openapi.json``).

A face: every endpoint parses, asks ``accounts.policy`` whether the integration's token may do this
on this service, calls the same query or service function the pages and commands use, and returns
JSON. Every call is audited (``barnevern.api.middleware``); a read of a child's data also writes a row
for that case. Errors are 4xx with ``{"feil": "<Norwegian>", "detaljer": [...]}``. docs/api.md.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from barnevern.accounts import policy
from barnevern.api import tokens
from barnevern.api.models import Integrasjon, Scope
from barnevern.audit.actor import Actor, current_actor
from barnevern.audit.middleware import client_ip
from barnevern.audit.services import log
from barnevern.organisation.models import Tjeneste, find_tjeneste


class RateLimited(Exception):
    pass


class TokenAuth(HttpBearer):
    openapi_description = (
        "Integrasjonsnøkkel: `Authorization: Bearer bv_…` (lages med `barnevern api-token create`)."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Integrasjon | None:
        integ = tokens.find(token)
        if integ is None:
            return None
        setattr(request, "integrasjon", integ)  # for the audit middleware  # noqa: B010
        current_actor.set(Actor(None, f"api:{integ.navn}", f"api {client_ip(request)}"))
        if not tokens.take(integ):
            raise RateLimited
        return integ


api = NinjaAPI(
    title="Barnevern API",
    version="1",
    description=(
        "Integrasjons-API for Barnevern. Hver integrasjon har en nøkkel knyttet til én tjeneste og et sett "
        "scopes. Alle kall logges. Feil gis som 4xx med `feil` (norsk tekst) og `detaljer`."
    ),
    urls_namespace="api-v1",
    auth=TokenAuth(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


class Feil(Schema):
    feil: str
    detaljer: list[str] = []


def _error(request: HttpRequest, status: int, feil: str, detaljer: list[str] | None = None) -> HttpResponse:
    return api.create_response(request, {"feil": feil, "detaljer": detaljer or []}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 401, "Mangler eller ugyldig integrasjonsnøkkel (Authorization: Bearer …).")


@api.exception_handler(RateLimited)
def _limited(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(
        request, 429, "For mange kall: grensen for denne integrasjonen er nådd. Prøv igjen om ett minutt."
    )
    response["Retry-After"] = "60"
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, str(exc) or "Integrasjonen har ikke tilgang til dette.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, str(exc) or "Finnes ikke.")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = []
    for err in exc.errors:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "payload", "query", "path"))
        details.append(f"«{where}»: {_pydantic_nb(err)}")
    return _error(request, 422, "Ugyldig forespørsel.", details)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


def _pydantic_nb(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    return {
        "missing": "mangler",
        "date_from_datetime_parsing": "må være en dato (ÅÅÅÅ-MM-DD)",
        "date_parsing": "må være en dato (ÅÅÅÅ-MM-DD)",
        "int_parsing": "må være et heltall",
        "uuid_parsing": "må være en UUID",
        "dict_type": "må være et JSON-objekt",
        "string_type": "må være tekst",
    }.get(kind, err.get("msg", "ugyldig verdi"))


def _service(request: HttpRequest, ident: str, scope: str) -> Tjeneste:
    try:
        tjeneste = find_tjeneste(ident)
    except Tjeneste.DoesNotExist:
        raise Http404(f"Fant ingen tjeneste «{ident}».") from None
    policy.require_integration(request.auth, scope, tjeneste.pk)  # type: ignore[attr-defined]
    return tjeneste


# ---- deadline worklist ---------------------------------------------------------------------


class Frist(Schema):
    sak_id: str
    journalnummer: str
    kommune: str | None
    rule: str
    paragraph: str
    title: str
    due: date
    status: str
    days: int
    part: str
    element_type: str
    element_id: str | None
    unverified: bool


class Fristliste(Schema):
    tjeneste: str
    dato: date
    antall: dict[str, int]
    frister: list[Frist]


@api.get(
    "/tjenester/{tjeneste}/frister",
    response={200: Fristliste, 401: Feil, 403: Feil, 404: Feil, 422: Feil, 429: Feil},
    summary="Fristlisten for tjenesten (scope frister:les)",
    tags=["frister"],
)
def frister(request: HttpRequest, tjeneste: str, dato: date | None = None, kommune: str | None = None) -> Any:
    from barnevern.quality.casedata import service_cases
    from barnevern.quality.queries import rows_for, service_config
    from barnevern.quality.worklist import counts, row_json

    t = _service(request, tjeneste, Scope.FRISTER)
    today = dato or timezone.localdate()
    rows = rows_for(service_cases(t, owners=False), today, service_config(t, today), kommune=kommune)
    return {
        "tjeneste": t.slug,
        "dato": today,
        "antall": counts(rows),
        "frister": [{**row_json(r), "element_id": r.item.element_id} for r in rows],
    }


# ---- published statistics ------------------------------------------------------------------


class Statistikk(Schema):
    tjeneste: str
    periode: str
    publisert: bool
    kommuner: dict[str, str]
    per_kommune: dict[str, dict[str, Any]]
    totalt: dict[str, Any]
    prikket_kommuner: int
    merknad: str


@api.get(
    "/tjenester/{tjeneste}/statistikk",
    response={200: Statistikk, 401: Feil, 403: Feil, 404: Feil, 422: Feil, 429: Feil},
    summary="Publiserte (prikkede) tall for et år eller halvår (scope statistikk:les)",
    tags=["statistikk"],
)
def statistikk(
    request: HttpRequest, tjeneste: str, ar: int, halvar: int | None = None, kommune: str | None = None
) -> Any:
    from barnevern.rules.periods import Period, PeriodError
    from barnevern.stats.queries import StatsError, indicator_table

    t = _service(request, tjeneste, Scope.STATISTIKK)
    try:
        period = Period.half(ar, halvar) if halvar else Period.year(ar)
        result = indicator_table(t, period, kommune=kommune, published=True)
    except (PeriodError, StatsError, ValueError) as exc:
        raise HttpError(422, str(exc)) from None
    data = result.to_json()
    return {
        "tjeneste": t.slug,
        "periode": period.code,
        "publisert": True,
        "kommuner": result.municipalities,
        "per_kommune": data["municipalities"],
        "totalt": data["total"],
        "prikket_kommuner": result.suppressed_municipalities,
        "merknad": "«:» = prikket (små tall). " + (result.note() or "ingen tall er prikket"),
    }


# ---- create a melding ----------------------------------------------------------------------


class NyMelding(Schema):
    bekymringsmelding: dict[str, Any]
    meldingstype: str | None = None
    melding_id: str | None = None
    pdf_base64: str | None = None


class LagretMelding(Schema):
    sak_id: str
    journalnummer: str
    melding_id: str
    eksisterende_sak: bool


class Mottatt(Schema):
    melding_id: str
    meldingstype: str
    egen_kommune: bool
    meldinger: list[LagretMelding]


@api.post(
    "/tjenester/{tjeneste}/meldinger",
    response={201: Mottatt, 401: Feil, 403: Feil, 404: Feil, 409: Feil, 413: Feil, 422: Feil, 429: Feil},
    summary="Registrer en bekymringsmelding i Fiks-formatet (scope meldinger:skriv)",
    tags=["meldinger"],
)
def ny_melding(request: HttpRequest, tjeneste: str, payload: NyMelding) -> Any:
    import json

    from barnevern.formats.fiks.message import InvalidMessage
    from barnevern.intake.models import Kilde
    from barnevern.intake.services import Duplicate, store_from_json

    t = _service(request, tjeneste, Scope.MELDINGER)
    pdf = None
    if payload.pdf_base64:
        try:
            pdf = base64.b64decode(payload.pdf_base64, validate=True)
        except (binascii.Error, ValueError):
            raise HttpError(422, "«pdf_base64» er ikke gyldig base64.") from None
        if not pdf.startswith(b"%PDF"):
            raise HttpError(422, "«pdf_base64» er ikke en PDF.")
    raw = json.dumps(payload.bekymringsmelding, ensure_ascii=False).encode()
    try:
        mottak = store_from_json(
            raw,
            tjeneste=t,
            meldingstype=payload.meldingstype,
            melding_id=payload.melding_id,
            pdf=pdf,
            kilde=Kilde.API,
        )
    except InvalidMessage as exc:
        return Status(422, {"feil": "Bekymringsmeldingen er ugyldig.", "detaljer": exc.errors})
    except Duplicate as exc:
        return Status(
            409, {"feil": f"Meldingen {exc.mottak.melding_id} er allerede registrert.", "detaljer": []}
        )
    rows = list(mottak.meldinger.select_related("melding__sak"))
    return Status(
        201,
        {
            "melding_id": mottak.melding_id,
            "meldingstype": mottak.meldingstype,
            "egen_kommune": mottak.egen_kommune,
            "meldinger": [
                {
                    "sak_id": str(r.melding.sak_id),
                    "journalnummer": r.melding.sak.journalnummer,
                    "melding_id": str(r.melding_id),
                    "eksisterende_sak": r.eksisterende_sak,
                }
                for r in rows
            ],
        },
    )


# ---- a case's timeline ---------------------------------------------------------------------


class Hendelse(Schema):
    dato: date
    type: str
    tittel: str
    detaljer: list[str]
    element_id: str | None
    apen: bool


class Tidslinje(Schema):
    sak_id: str
    journalnummer: str
    hendelser: list[Hendelse]


@api.get(
    "/saker/{sak_id}/tidslinje",
    response={200: Tidslinje, 401: Feil, 403: Feil, 404: Feil, 422: Feil, 429: Feil},
    summary="En saks tidslinje (scope saker:tidslinje; bare saker i integrasjonens tjeneste)",
    tags=["saker"],
)
def tidslinje(request: HttpRequest, sak_id: UUID) -> Any:
    """The case page's one stream (``casework.stream``): BVR events, journal entries, letters and
    incoming documents, by date. Journal texts and document contents are not included: titles,
    types and dates only (the case page holds the rest)."""
    from barnevern.cases.mapping import sak_to_record
    from barnevern.cases.models import Sak
    from barnevern.casework import queries as cwq
    from barnevern.casework import stream

    sak = Sak.objects.filter(pk=sak_id, er_slettet=False).first()
    if sak is None:
        raise Http404("Fant ingen sak med denne id-en.")
    policy.require_integration(request.auth, Scope.TIDSLINJE, sak.tjeneste_id)  # type: ignore[attr-defined]
    items = stream.build(sak_to_record(sak), list(cwq.journal_qs(sak)), cwq.documents(sak))
    log("view", "Viste sakens tidslinje via API", sak_id=sak.pk, obj=sak, data={"hendelser": len(items)})
    return {
        "sak_id": str(sak.pk),
        "journalnummer": sak.journalnummer,
        "hendelser": [_item(it) for it in items],
    }


def _item(it: Any) -> dict[str, Any]:
    if it.event is not None:
        e = it.event
        return {
            "dato": e.day,
            "type": e.kind,
            "tittel": e.title,
            "detaljer": list(e.details),
            "element_id": e.element_id,
            "apen": e.open,
        }
    if it.entry is not None:
        kind, details = "journal", [it.entry.get_type_display()]
    else:
        kind, details = it.kind, [it.doc.get_retning_display()] if it.doc is not None else []
    return {
        "dato": it.day,
        "type": kind,
        "tittel": it.title,
        "detaljer": details,
        "element_id": None,
        "apen": False,
    }
