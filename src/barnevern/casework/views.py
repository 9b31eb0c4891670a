"""Thin views for casework: the case page with its one stream, journal, parties, letters,
incoming documents, innsyn and letter templates.

Access: ``cases.queries.get_case`` (through ``accounts.policy``, audited) for every case page;
the casework services and queries check again.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from barnevern import clock
from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.cases import queries as case_queries
from barnevern.cases.mapping import sak_to_record
from barnevern.cases.services import CaseError, ConflictError
from barnevern.casework import forms as f
from barnevern.casework import innsyn, letters, queries, services, stream
from barnevern.casework import models as m
from barnevern.casework.letterkinds import KINDS
from barnevern.exports import Table, to_csv
from barnevern.formfields import add_user_error
from barnevern.rules import codes
from barnevern.rules.identity import mask


def _party_choices(sak: cm.Sak) -> list[tuple[str, str]]:
    return [
        (str(p.pk), f"{p.visningsnavn} ({p.get_rolle_display()})") for p in queries.parties(sak) if p.aktiv
    ]


def _element_choices(sak: cm.Sak) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for mel in sak.meldinger.all():
        out.append((f"melding:{mel.pk}", f"Melding mottatt {mel.start_dato:%d.%m.%Y}"))
    for und in sak.undersokelser.all():
        out.append((f"undersokelse:{und.pk}", f"Undersøkelse startet {und.start_dato:%d.%m.%Y}"))
    for ved in sak.vedtak.all():
        out.append((f"vedtak:{ved.pk}", f"Vedtak {ved.start_dato:%d.%m.%Y}"))
    for til in sak.tiltak.all():
        out.append(
            (
                f"tiltak:{til.pk}",
                f"Tiltak {codes.title('kategori', til.kategori_kode)} {til.start_dato:%d.%m.%Y}",
            )
        )
    for plan in sak.planer.all():
        out.append((f"plan:{plan.pk}", f"Plan {plan.start_dato:%d.%m.%Y}"))
    return out


def _element(value: str) -> tuple[str, str] | None:
    if not value:
        return None
    kind, _, element_id = value.partition(":")
    return kind, element_id


def _sak(request: AuthenticatedHttpRequest, sak_id: Any, audit: bool = False) -> cm.Sak:
    return case_queries.get_case(request.user, sak_id, audit=audit)


@login_required
def case_page(request: AuthenticatedHttpRequest, sak_id: uuid.UUID) -> HttpResponse:
    """The case page: facts, parties, and one stream of events, journal, letters, documents."""
    try:
        sak = _sak(request, sak_id, audit=True)
    except PermissionDenied:
        candidate = cm.Sak.objects.filter(pk=sak_id).first()
        if candidate is not None and policy.can_request_break_glass(request.user, candidate):
            return render(request, "cases/no_access.html", {"sak_id": candidate.pk}, status=403)
        raise
    vis = request.GET.get("vis", "alle")
    if vis not in stream.FILTERS:
        vis = "alle"
    q = request.GET.get("q", "").strip()
    if q:  # a text search shows the matching journal entries only
        vis = "journal"
    record = sak_to_record(sak)
    person = record.current_personalia()
    entries = queries.journal(request.user, sak, search=q, audit=False)
    docs = queries.documents(sak)
    context = {
        "sak": sak,
        "record": record,
        "person": person,
        "fnr": mask(person.fodselsnummer) if person else "",
        "kommune": record.kommune_on(clock.today()),
        "items": stream.build(record, entries, docs, vis),
        "vis": vis,
        "q": q,
        "filters": stream.FILTERS,
        "parter": queries.parties(sak),
        "venter": [d for d in docs if d.status == m.Dokument.Status.TIL_GODKJENNING],
        "kinds": KINDS,
    }
    return render(request, "casework/case.html", context)


@login_required
def journal_new(request: AuthenticatedHttpRequest, sak_id: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id, audit=request.method == "GET")
    initial = {
        "dato": clock.today(),
        "element": request.GET.get("element", ""),
        "type": request.GET.get("type", ""),
    }
    form = f.JournalForm(
        request.POST or None, initial=initial, parter=_party_choices(sak), elementer=_element_choices(sak)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_journal_entry(
                sak,
                type=d["type"],
                dato=d["dato"],
                tittel=d["tittel"],
                tekst=d["tekst"],
                barnets_medvirkning=d["barnets_medvirkning"],
                barnets_synspunkter=d["barnets_synspunkter"],
                parter=d["parter"],
                element=_element(d["element"]),
                forfatter=request.user,
                today=clock.today(),
            )
        except CaseError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Journalnotatet er lagret.")
            return redirect("cases:detail", sak_id=sak.pk)
    return render(
        request, "casework/journal_form.html", {"form": form, "sak": sak, "title": "Skriv journalnotat"}
    )


def _entry(sak: cm.Sak, kjede: uuid.UUID) -> list[m.Journalnotat]:
    versions = list(
        m.Journalnotat.objects.filter(sak=sak, kjede=kjede).prefetch_related("parter").order_by("-versjon")
    )
    if not versions:
        raise Http404("Notatet finnes ikke.")
    return versions


@login_required
def journal_entry(request: AuthenticatedHttpRequest, sak_id: uuid.UUID, kjede: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id)
    versions = _entry(sak, kjede)
    history = policy.can_see_journal_history(request.user, sak)
    log(
        "view",
        f"Leste journalnotat i sak {sak.journalnummer}",
        sak_id=sak.pk,
        obj=versions[0],
        data={"historikk": history},
    )
    docs = (
        m.Dokument.objects.filter(sak=sak, journalnotat_kjede=kjede)
        .select_related("fil")
        .defer("fil__innhold")
    )
    return render(
        request,
        "casework/journal_entry.html",
        {
            "sak": sak,
            "entry": versions[0],
            "older": versions[1:] if history else [],
            "n_older": len(versions) - 1,
            "docs": docs,
        },
    )


@login_required
def journal_correct(request: AuthenticatedHttpRequest, sak_id: uuid.UUID, kjede: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id, audit=request.method == "GET")
    current = _entry(sak, kjede)[0]
    initial = {
        "type": current.type,
        "dato": current.dato,
        "tittel": current.tittel,
        "tekst": current.tekst,
        "barnets_medvirkning": current.barnets_medvirkning,
        "barnets_synspunkter": current.barnets_synspunkter,
        "parter": [str(p.pk) for p in current.parter.all()],
        "element": f"{current.element_type}:{current.element_id}" if current.element_type else "",
        "versjon": current.versjon,
    }
    form = f.KorrigerForm(
        request.POST or None, initial=initial, parter=_party_choices(sak), elementer=_element_choices(sak)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.correct_journal_entry(
                current,
                grunn=d["korreksjon_grunn"],
                versjon=d["versjon"],
                forfatter=request.user,
                today=clock.today(),
                type=d["type"],
                dato=d["dato"],
                tittel=d["tittel"],
                tekst=d["tekst"],
                barnets_medvirkning=d["barnets_medvirkning"],
                barnets_synspunkter=d["barnets_synspunkter"],
                parter=d["parter"],
                element=_element(d["element"]),
            )
        except CaseError as exc:
            add_user_error(form, exc)
        except ConflictError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Notatet er korrigert. Den gamle versjonen er tatt vare på.")
            return redirect("casework:journal_entry", sak_id=sak.pk, kjede=kjede)
    return render(
        request, "casework/journal_form.html", {"form": form, "sak": sak, "title": "Korriger journalnotat"}
    )


@login_required
def journal_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy.require(policy.can_see_cases(request.user), "Din rolle gir ikke tilgang til saker.")
    q = request.GET.get("q", "").strip()
    found = queries.search_journal(request.user, q) if q else []
    return render(request, "casework/journal_search.html", {"q": q, "found": found})


def _party_kwargs(d: dict[str, Any]) -> dict[str, Any]:
    rights = {"ja": True, "nei": False}.get(d.pop("partsrettigheter") or "")
    return {**d, "partsrettigheter": rights}


@login_required
def parties(request: AuthenticatedHttpRequest, sak_id: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id, audit=request.method == "GET")
    form = f.PartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_party(sak, today=clock.today(), **_party_kwargs(dict(form.cleaned_data)))
        except CaseError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Parten er lagt til.")
            return redirect("casework:parties", sak_id=sak.pk)
    rows = [(p, mask(p.fodselsnummer) if p.fodselsnummer else "") for p in queries.parties(sak)]
    return render(request, "casework/parties.html", {"sak": sak, "rows": rows, "form": form})


@login_required
def party_edit(request: AuthenticatedHttpRequest, sak_id: uuid.UUID, part_id: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id, audit=request.method == "GET")
    part = m.Part.objects.filter(sak=sak, pk=part_id).first()
    if part is None:
        raise Http404("Parten finnes ikke.")
    initial = {
        k: getattr(part, k) for k in f.PartForm.base_fields if k not in {"partsrettigheter", "fodselsnummer"}
    }
    initial["partsrettigheter"] = "ja" if part.partsrettigheter else "nei"
    form = f.PartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = _party_kwargs(dict(form.cleaned_data))
        if not d["fodselsnummer"]:
            d.pop("fodselsnummer")
        if d["partsrettigheter"] is None:
            d.pop("partsrettigheter")
        try:
            services.update_party(part, versjon=None, today=clock.today(), **d)
        except CaseError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Parten er endret.")
            return redirect("casework:parties", sak_id=sak.pk)
    return render(request, "casework/form.html", {"form": form, "sak": sak, "title": f"Endre part: {part}"})


@login_required
def letter_new(request: AuthenticatedHttpRequest, sak_id: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id, audit=request.method == "GET")
    form = f.NyttBrevForm(
        request.POST or None, initial={"brevtype": request.GET.get("type", "")}, parter=_party_choices(sak)
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        kode = d.pop("brevtype")
        mottaker_id = d.pop("mottaker")
        mottaker = m.Part.objects.filter(sak=sak, pk=mottaker_id).first() if mottaker_id else None
        data = {k: v for k, v in d.items() if v}
        try:
            dok = letters.draft_letter(
                sak, kode, user=request.user, today=clock.today(), mottaker=mottaker, data=data
            )
        except CaseError as exc:
            add_user_error(form, exc)
        else:
            return redirect("casework:document", sak_id=sak.pk, dok_id=dok.pk)
    return render(
        request,
        "casework/form.html",
        {"form": form, "sak": sak, "title": "Nytt brev", "submit": "Lag utkast"},
    )


@login_required
def document(request: AuthenticatedHttpRequest, sak_id: uuid.UUID, dok_id: uuid.UUID) -> HttpResponse:
    """A document: a letter's draft to edit, approve and send, or a locked document."""
    sak = _sak(request, sak_id)
    dok = (
        m.Dokument.objects.filter(sak=sak, pk=dok_id)
        .select_related("mottaker", "fil")
        .defer("fil__innhold")
        .first()
    )
    if dok is None:
        raise Http404("Dokumentet finnes ikke.")
    form = None
    if not dok.laast:
        form = f.BrevForm(
            request.POST or None,
            initial={
                "tittel": dok.tittel,
                "innhold": dok.innhold,
                "versjon": dok.versjon,
                "mottaker": str(dok.mottaker_id or ""),
            },
            parter=_party_choices(sak),
        )
    if request.method == "POST" and form is not None:
        action = request.POST.get("handling", "lagre")
        try:
            if action == "godkjenn":
                letters.approve(dok, user=request.user, today=clock.today())
                messages.success(request, "Brevet er godkjent, ferdigstilt og lagret som PDF.")
                return redirect("cases:detail", sak_id=sak.pk)
            if form.is_valid():
                d = form.cleaned_data
                mottaker = m.Part.objects.filter(sak=sak, pk=d["mottaker"]).first() if d["mottaker"] else None
                dok = letters.update_draft(
                    dok,
                    user=request.user,
                    innhold=d["innhold"],
                    versjon=d["versjon"],
                    tittel=d["tittel"],
                    mottaker=mottaker,
                )
                if action == "godkjenning":
                    letters.submit_for_approval(dok, user=request.user)
                    messages.success(request, "Brevet er sendt til godkjenning.")
                    return redirect("cases:detail", sak_id=sak.pk)
                if action == "ferdigstill":
                    letters.finalize(dok, user=request.user, today=clock.today())
                    messages.success(request, "Brevet er ferdigstilt, sendt og lagret som PDF.")
                    return redirect("cases:detail", sak_id=sak.pk)
                messages.success(request, "Utkastet er lagret.")
                return redirect("casework:document", sak_id=sak.pk, dok_id=dok.pk)
        except CaseError as exc:
            add_user_error(form, exc)
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
    else:
        log("view", f"Åpnet dokument i sak {sak.journalnummer}: {dok.tittel}", sak_id=sak.pk, obj=dok)
    can_approve = dok.status == m.Dokument.Status.TIL_GODKJENNING and policy.can_approve_document(
        request.user, sak, dok.opprettet_av_id
    )
    return render(
        request, "casework/document.html", {"sak": sak, "dok": dok, "form": form, "can_approve": can_approve}
    )


@login_required
def document_file(request: AuthenticatedHttpRequest, sak_id: uuid.UUID, dok_id: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id)
    dok = m.Dokument.objects.filter(sak=sak, pk=dok_id).select_related("fil").first()
    if dok is None or dok.fil is None:
        raise Http404("Dokumentet har ingen fil.")
    log(
        "view",
        f"Lastet ned dokument i sak {sak.journalnummer}: {dok.tittel}",
        sak_id=sak.pk,
        obj=dok,
        data={"sjekksum": dok.fil.sjekksum},
    )
    response = HttpResponse(bytes(dok.fil.innhold), content_type=dok.fil.mimetype)
    response["Content-Disposition"] = f'inline; filename="{dok.fil.filnavn}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def upload(request: AuthenticatedHttpRequest, sak_id: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id, audit=request.method == "GET")
    form = f.OpplastingForm(
        request.POST or None,
        request.FILES or None,
        initial={"dato": clock.today()},
        elementer=_element_choices(sak),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload_file = d["fil"]
        if upload_file.size > services.MAX_UPLOAD_BYTES:
            form.add_error("fil", f"Filen «{upload_file.name}» er større enn 20 MB.")
        else:
            try:
                services.store_incoming_document(
                    sak,
                    content=upload_file.read(),
                    filnavn=upload_file.name,
                    tittel=d["tittel"],
                    dato=d["dato"],
                    avsender=d["avsender"],
                    element=_element(d["element"]),
                    forfatter=request.user,
                    today=clock.today(),
                )
            except CaseError as exc:
                add_user_error(form, exc)
            else:
                messages.success(request, "Dokumentet er lagret og lagt i journalen.")
                return redirect("cases:detail", sak_id=sak.pk)
    return render(
        request,
        "casework/form.html",
        {"form": form, "sak": sak, "title": "Last opp dokument", "multipart": True},
    )


@login_required
def innsyn_view(request: AuthenticatedHttpRequest, sak_id: uuid.UUID) -> HttpResponse:
    sak = _sak(request, sak_id, audit=request.method == "GET")
    parter = queries.parties(sak)
    part = next((p for p in parter if str(p.pk) == request.GET.get("part", "")), None)
    result = None
    if part is not None:
        if request.method == "POST":
            target = request.POST.get("item", "")
            try:
                innsyn.set_exception(
                    request.user,
                    sak,
                    part,
                    target,
                    request.POST.get("hjemmel", ""),
                    request.POST.get("begrunnelse", ""),
                )
            except CaseError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Innsynsvurderingen er lagret.")
            return redirect(f"{request.path}?part={part.pk}")
        if request.GET.get("format") == "csv":
            result = innsyn.for_party(request.user, sak, part)
            table = Table(
                "Innsyn",
                ["Dato", "Dokument eller notat", "Innsyn", "Hjemmel", "Begrunnelse"],
                [[r.dato.isoformat(), r.tittel, "gis", "", ""] for r in result.visible]
                + [
                    [r.dato.isoformat(), r.tittel, "unntatt", r.ground_text, r.begrunnelse]
                    for r in result.withheld
                ],
                personal_data=True,
            )
            log("export", f"Eksporterte innsynsliste for sak {sak.journalnummer}", sak_id=sak.pk, obj=part)
            response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="{table.filename("innsyn-" + sak.journalnummer, "csv")}"'
            )
            return response
        if request.GET.get("format") == "pdf":
            pdf, _ = innsyn.export_pdf(request.user, sak, part, today=clock.today())
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="innsyn-{sak.journalnummer}.pdf"'
            return response
        result = innsyn.for_party(request.user, sak, part)
    return render(
        request,
        "casework/innsyn.html",
        {"sak": sak, "parter": parter, "part": part, "result": result, "grounds": innsyn.GROUNDS},
    )


@login_required
def templates_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    policy.require(policy.can_edit_letter_templates(request.user), "Bare leder kan endre brevmaler.")
    rows = []
    for kode, k in KINDS.items():
        _, _, krever, versjon = letters.current_template(request.user.tjeneste, kode)
        rows.append({"kode": kode, "tittel": k.tittel, "versjon": versjon, "krever": krever})
    return render(request, "casework/templates_list.html", {"rows": rows})


@login_required
def template_edit(request: AuthenticatedHttpRequest, kode: str) -> HttpResponse:
    policy.require(policy.can_edit_letter_templates(request.user), "Bare leder kan endre brevmaler.")
    if kode not in KINDS:
        raise Http404("Ukjent brevmal.")
    _, source, krever, versjon = letters.current_template(request.user.tjeneste, kode)
    form = f.MalForm(request.POST or None, initial={"innhold": source, "krever_godkjenning": krever})
    if request.method == "POST" and form.is_valid():
        try:
            letters.save_template(
                request.user,
                kode,
                innhold=form.cleaned_data["innhold"],
                krever_godkjenning=form.cleaned_data["krever_godkjenning"],
            )
        except CaseError as exc:
            add_user_error(form, exc)
        else:
            messages.success(request, "Malen er lagret som ny versjon.")
            return redirect("casework:templates")
    versions = m.Brevmal.objects.filter(tjeneste=request.user.tjeneste, kode=kode).select_related(
        "opprettet_av"
    )
    return render(
        request,
        "casework/template_edit.html",
        {"form": form, "kind": KINDS[kode], "versjon": versjon, "versions": versions},
    )
