"""Pages for digital reports: the list (``/fiks/``), one report, its PDF, forwarding, dead letters.

Access through ``accounts.policy``: a report is shown to whoever may open one of the cases it became
(the leader: all; a case worker: own and unassigned cases); dead letters and reconciliation runs are for
the leader. Every page view is audited; a report's page writes a row on each of its cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases.queries import visible_saker
from barnevern.formats.fiks import message
from barnevern.intake import forward as fw
from barnevern.intake import services
from barnevern.intake.models import Avstemming, DodMelding, Mottak

if TYPE_CHECKING:
    from django.db.models import QuerySet


def _service_id(request: AuthenticatedHttpRequest) -> int:
    tjeneste_id = request.user.tjeneste_id
    if tjeneste_id is None:
        raise PermissionDenied("Brukeren hører ikke til en tjeneste.")
    return int(tjeneste_id)


def _visible(request: AuthenticatedHttpRequest) -> QuerySet[Mottak]:
    user = request.user
    policy.require(policy.can_see_cases(user), "Din rolle gir ikke tilgang til bekymringsmeldinger.")
    qs = Mottak.objects.filter(tjeneste_id=_service_id(request))
    if not policy.is_leder(user):
        qs = qs.filter(meldinger__melding__sak__in=visible_saker(user)).distinct()
    return qs


def _mottak(request: HttpRequest, pk: str) -> Mottak:
    mottak = _visible(request).filter(pk=pk).first()
    if mottak is None:
        if Mottak.objects.filter(pk=pk, tjeneste_id=_service_id(request)).exists():
            raise PermissionDenied("Du har ikke tilgang til sakene denne meldingen gjelder.")
        raise Http404("Fant ikke meldingen.")
    return mottak


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    qs = _visible(request).prefetch_related("meldinger__melding__sak", "kvitteringer")[:200]
    context: dict[str, object] = {"mottak": qs}
    if policy.is_leder(request.user):
        context["dode"] = DodMelding.objects.filter(tjeneste_id=_service_id(request)).order_by(
            "status", "-forste"
        )[:100]
        context["avstemminger"] = Avstemming.objects.filter(tjeneste_id=_service_id(request))[:14]
    log("view", "Viste digitale bekymringsmeldinger", data={"antall": len(qs)})
    return render(request, "intake/index.html", context)


@login_required
def detail(request: AuthenticatedHttpRequest, pk: str) -> HttpResponse:
    mottak = _mottak(request, pk)
    rows = list(mottak.meldinger.select_related("melding__sak"))
    for row in rows:
        log("view", "Viste digital bekymringsmelding", sak_id=row.melding.sak_id, obj=mottak)
    try:
        report = message.parse(mottak.innhold, mottak.meldingstype)
    except message.InvalidMessage:  # stored reports were valid; keep the page working regardless
        report = None
    return render(
        request,
        "intake/detail.html",
        {
            "m": mottak,
            "rows": rows,
            "report": report,
            "kvitteringer": mottak.kvitteringer.all(),
            "kan_videresende": mottak.status == Mottak.Status.MOTTATT,
        },
    )


@login_required
def pdf(request: AuthenticatedHttpRequest, pk: str) -> FileResponse:
    mottak = _mottak(request, pk)
    if mottak.pdf is None:
        raise Http404("Meldingen kom uten PDF.")
    for row in mottak.meldinger.all():
        log(
            "export",
            "Lastet ned PDF-en til en digital bekymringsmelding",
            sak_id=row.melding.sak_id,
            obj=mottak,
        )
    import io

    return FileResponse(
        io.BytesIO(bytes(mottak.pdf)),
        content_type="application/pdf",
        filename=f"bekymringsmelding-{mottak.melding_id[:8]}.pdf",
    )


@login_required
@require_POST
def videresend(request: AuthenticatedHttpRequest, pk: str) -> HttpResponse:
    mottak = _mottak(request, pk)
    try:
        mottak = fw.forward(
            mottak,
            til_kommune=request.POST.get("kommunenummer", ""),
            user=request.user,
            begrunnelse=request.POST.get("begrunnelse", ""),
        )
    except fw.ForwardError as exc:
        messages.error(request, str(exc))
        return redirect("intake:detail", pk=mottak.pk)
    _notify(request, mottak)
    return redirect("intake:detail", pk=mottak.pk)


@login_required
@require_POST
def send_notice(request: AuthenticatedHttpRequest, pk: str) -> HttpResponse:
    """Try again to tell the sender about a forwarding (when the broker was away the first time)."""
    mottak = _mottak(request, pk)
    _notify(request, mottak)
    return redirect("intake:detail", pk=mottak.pk)


def _notify(request: HttpRequest, mottak: Mottak) -> None:
    if not mottak.avsender_id:
        messages.success(
            request, f"Meldingen er registrert som videresendt til kommune {mottak.videresendt_til}."
        )
        return
    try:
        fw.send_notice_now(mottak)
    except Exception:  # the broker or its settings: the forwarding stays recorded, the notice can be retried
        messages.error(
            request,
            "Videresendingen er registrert, men avsenderen kunne ikke varsles nå. Prøv «Send varsel igjen».",
        )
        return
    messages.success(request, f"Videresendt til kommune {mottak.videresendt_til}; avsenderen er varslet.")


@login_required
@require_POST
def dod_behandlet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    policy.require(policy.is_leder(request.user), "Bare leder behandler meldinger som ikke kunne tas imot.")
    dod = get_object_or_404(DodMelding, pk=pk, tjeneste_id=_service_id(request))
    try:
        services.mark_dead_letter_handled(dod, request.user, request.POST.get("merknad", ""))
    except services.IntakeError as exc:
        messages.error(request, str(exc))
        return redirect("intake:index")
    messages.success(request, "Markert som behandlet.")
    return redirect("intake:index")
