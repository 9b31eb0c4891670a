"""The leder's start page: what waits for the leader, not the case worker's deadlines.

* cases not assigned to anyone, each with a one-line assignment form;
* proposed avvik (from breached deadlines) waiting to be confirmed or dismissed;
* emergency accesses (nødtilgang) not yet reviewed;
* caseload per case worker against the service's warning level.

A face: it merges what ``cases``, ``quality``, ``accounts`` and ``staff`` answer; nothing is
counted here.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.models import BreakGlass
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases import models as m
from barnevern.cases.queries import assignable_workers, visible_saker
from barnevern.quality.models import Avvik
from barnevern.rules.labels import kommune_label
from barnevern.staff.queries import caseload

SHOWN = 50


@login_required
def leader_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    policy.require(policy.is_leder(user), "Lederens oversikt er for leder.")
    today = clock.today()
    open_unassigned = (
        visible_saker(user)
        .filter(saksbehandler__isnull=True)
        .filter(Q(slutt_dato__isnull=True) | Q(slutt_dato__gt=today))
        .prefetch_related("bosteder")
        .order_by("start_dato", "journalnummer")
    )
    total = open_unassigned.count()
    names = {k.nummer: k.navn for k in policy.service_of(user).medlemmer_on(today)}
    unassigned = []
    for sak in open_unassigned[:SHOWN]:
        bosteder = sorted(sak.bosteder.all(), key=lambda b: b.fra_dato)
        nummer = bosteder[-1].kommunenummer if bosteder else ""
        unassigned.append(
            {"sak": sak, "kommune": kommune_label(nummer, names.get(nummer)) if nummer else "–"}
        )
    proposed = Avvik.objects.filter(tjeneste=user.tjeneste, status=Avvik.Status.FORESLATT)
    grants = BreakGlass.objects.filter(sak__tjeneste=user.tjeneste, reviewed_at__isnull=True).select_related(
        "user", "sak"
    )
    load = caseload(policy.service_of(user), today)
    biggest = max((r.children for r in load.rows), default=0) or 1
    context = {
        "today": today,
        "unassigned": unassigned,
        "unassigned_total": total,
        "workers": assignable_workers(policy.service_of(user)),
        "proposed": list(proposed.order_by("dato")[:10]),
        "proposed_total": proposed.count(),
        "grants": list(grants.order_by("created")[:10]),
        "grants_total": grants.count(),
        "caseload": load,
        "scale": max(biggest, load.level),
        "open_cases": m.Sak.objects.filter(
            tjeneste=user.tjeneste, er_slettet=False, slutt_dato__isnull=True
        ).count(),
    }
    log("view", "Lederens oversikt", data={"ikke_fordelt": total})
    return render(request, "web/leader.html", context)
