"""Letters: drafted from a template and the case's data, edited, approved by a second person
where the template says so, then locked and stored as PDF with its SHA-256 checksum.

Templates are Django templates in the repository (``templates/casework/brevmaler/<kode>.txt``,
version 0); the leader edits them in the UI, and each save is a new stored version
(``Brevmal``). A template renders the letter's body as plain text with only plain values in
its context (no model objects), so a template cannot reach anything but the case data given.
The layout around the body (sender, recipient, date, reference, the appeal box of a vedtak,
signature) is ``casework/brev_pdf.html``.

PDF: WeasyPrint with ``pdf_variant="pdf/a-2b"`` (PDF/A-2b: embedded fonts, XMP metadata with
the PDF/A identification, an output intent). WeasyPrint writes the variant; Barnevern has no
PDF/A validator (veraPDF) to prove conformance, so the claim is WeasyPrint's (docs/casework.md).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone

from barnevern.accounts import policy
from barnevern.audit.services import log
from barnevern.cases import models as cm
from barnevern.casework import models as m
from barnevern.casework.letterkinds import KINDS, LetterKind
from barnevern.casework.services import CaseworkError, ConflictError, element_ref, store_file
from barnevern.locking import update_if_unchanged
from barnevern.rules import codes
from barnevern.rules.klagefrist import LEGAL_BASIS, klagefrist

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "casework" / "brevmaler"
PDF_VARIANT = "pdf/a-2b"


@cache
def default_source(kode: str) -> str:
    return (TEMPLATE_DIR / f"{kode}.txt").read_text(encoding="utf-8")


def kind(kode: str) -> LetterKind:
    try:
        return KINDS[kode]
    except KeyError:
        raise CaseworkError(f"Ukjent brevtype «{kode}».", "brevtype") from None


def current_template(tjeneste: Any, kode: str) -> tuple[m.Brevmal | None, str, bool, int]:
    """(stored version or None, source, krever_godkjenning, version number) in use."""
    k = kind(kode)
    stored = m.Brevmal.objects.filter(tjeneste=tjeneste, kode=kode).order_by("-versjon").first()
    if stored:
        return stored, stored.innhold, stored.krever_godkjenning, stored.versjon
    return None, default_source(kode), k.krever_godkjenning, 0


def _engine() -> Engine:
    return Engine(
        autoescape=False,
        libraries={},
        builtins=["django.template.defaultfilters", "django.template.defaulttags"],
    )


def check_template(source: str) -> None:
    try:
        _engine().from_string(source)
    except TemplateSyntaxError as exc:
        raise CaseworkError(f"Malen har en feil: {exc}", "innhold") from None


@transaction.atomic
def save_template(
    user: Any, kode: str, *, innhold: str, krever_godkjenning: bool, tittel: str = ""
) -> m.Brevmal:
    """A leader's edit of a template: stored as the next version; old versions stay."""
    policy.require(policy.can_edit_letter_templates(user), "Bare leder kan endre brevmaler.")
    k = kind(kode)
    check_template(innhold)
    last = m.Brevmal.objects.filter(tjeneste=user.tjeneste, kode=kode).aggregate(v=Max("versjon"))["v"] or 0
    mal = m.Brevmal.objects.create(
        tjeneste=user.tjeneste,
        kode=kode,
        versjon=last + 1,
        tittel=(tittel or k.tittel)[:200],
        innhold=innhold,
        krever_godkjenning=krever_godkjenning,
        opprettet_av=user,
    )
    log("update", f"Ny versjon {mal.versjon} av brevmalen «{k.tittel}»", obj=mal)
    return mal


def _d(day: date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


def case_context(
    sak: cm.Sak, mottaker: m.Part | None, user: Any, data: dict[str, Any], today: date
) -> dict[str, Any]:
    """Plain values a template may use (no model objects)."""
    melding = sak.meldinger.filter(er_slettet=False).order_by("-start_dato").first()
    und = sak.undersokelser.filter(er_slettet=False).order_by("-start_dato").first()
    person = sak.personalia.filter(er_slettet=False).order_by("-start_dato").first()
    return {
        "barn": {
            "navn": sak.navn or "barnet",
            "fornavn": sak.fornavn or "barnet",
            "fodselsar": person.fodseldato.year if person else "",
        },
        "melding": {
            "mottatt": _d(melding.start_dato) if melding else "",
            "undersokelse": bool(melding and melding.konklusjon_kode == "2"),
        },
        "undersokelse": {
            "startet": _d(und.start_dato) if und else "",
            "konklusjon": codes.title("undersokelse_konklusjon", und.konklusjon_kode)
            if und and und.konklusjon_kode
            else "",
            "henlagt": bool(und and und.konklusjon_kode in {"3", "4", "6", "7", "8", "9"}),
        },
        "mottaker": {"navn": mottaker.visningsnavn if mottaker else ""},
        "offentlig_melder": bool(mottaker and mottaker.rolle == m.Part.Rolle.MELDER_OFFENTLIG),
        "saksbehandler": (sak.saksbehandler.get_full_name() if sak.saksbehandler else "")
        or (user.get_full_name() if user else ""),
        "tjeneste": sak.tjeneste.navn,
        "journalnummer": sak.journalnummer,
        "dato": _d(today),
        "data": {k: str(v) for k, v in (data or {}).items()},
    }


def render_body(source: str, context: dict[str, Any]) -> str:
    text = _engine().from_string(source).render(Context(context))
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines)


@transaction.atomic
def draft_letter(
    sak: cm.Sak,
    kode: str,
    *,
    user: Any,
    today: date,
    mottaker: m.Part | None = None,
    data: dict[str, Any] | None = None,
    element: Any = None,
) -> m.Dokument:
    """A new draft from the template in use and the case's data."""
    policy.require_sak(user, sak)
    k = kind(kode)
    if mottaker is not None and mottaker.sak_id != sak.pk:
        raise CaseworkError("Mottakeren er ikke part i denne saken.", "mottaker")
    if mottaker is not None and mottaker.anonym:
        raise CaseworkError("En anonym melder kan ikke få brev.", "mottaker")
    mal, source, krever, versjon = current_template(sak.tjeneste, kode)
    if element is None and k.element:
        if k.element == "melding":
            element = sak.meldinger.filter(er_slettet=False).order_by("-start_dato").first()
        elif k.element == "undersokelse":
            element = sak.undersokelser.filter(er_slettet=False).order_by("-start_dato").first()
        elif k.element == "vedtak":
            element = sak.vedtak.filter(er_slettet=False).order_by("-start_dato").first()
    etype, eid = element_ref(sak, element)
    data = dict(data or {})
    body = render_body(source, case_context(sak, mottaker, user, data, today))
    dok = m.Dokument.objects.create(
        sak=sak,
        retning=m.Dokument.Retning.UT,
        brevtype=kode,
        tittel=k.tittel,
        dato=today,
        mottaker=mottaker,
        mal=mal,
        mal_versjon=versjon,
        innhold=body,
        data=data,
        krever_godkjenning=krever,
        opprettet_av=user,
        element_type=etype,
        element_id=eid,
    )
    log("create", f"Laget utkast: {k.tittel} (sak {sak.journalnummer})", sak_id=sak.pk, obj=dok)
    return dok


def _locked(dok: m.Dokument) -> None:
    if dok.laast:
        raise CaseworkError("Dokumentet er ferdigstilt og kan ikke endres.", "innhold")


@transaction.atomic
def update_draft(
    dok: m.Dokument,
    *,
    user: Any,
    innhold: str,
    versjon: int | None,
    tittel: str | None = None,
    mottaker: m.Part | None = None,
    data: dict[str, Any] | None = None,
) -> m.Dokument:
    """Edit a draft. Editing a letter waiting for approval sends it back to draft."""
    policy.require_sak(user, dok.sak)
    _locked(dok)
    if not innhold.strip():
        raise CaseworkError("Brevet kan ikke være tomt.", "innhold")
    if mottaker is not None and mottaker.sak_id != dok.sak_id:
        raise CaseworkError("Mottakeren er ikke part i denne saken.", "mottaker")
    if versjon is not None:
        update_if_unchanged(dok, versjon, ConflictError)
    dok.innhold = innhold.strip()
    if tittel:
        dok.tittel = tittel.strip()[:200]
    if mottaker is not None:
        dok.mottaker = mottaker
    if data is not None:
        dok.data = {**dok.data, **data}
    dok.status = m.Dokument.Status.UTKAST
    dok.save()
    log("update", f"Endret utkast: {dok.tittel}", sak_id=dok.sak_id, obj=dok)
    return dok


@transaction.atomic
def submit_for_approval(dok: m.Dokument, *, user: Any) -> m.Dokument:
    policy.require_sak(user, dok.sak)
    _locked(dok)
    dok.status = m.Dokument.Status.TIL_GODKJENNING
    dok.save(update_fields=["status"])
    log("update", f"Sendte til godkjenning: {dok.tittel}", sak_id=dok.sak_id, obj=dok)
    return dok


def pdf_context(dok: m.Dokument, today: date) -> dict[str, Any]:
    k = KINDS.get(dok.brevtype)
    mottaker = dok.mottaker
    footer = f"{dok.sak.tjeneste.navn} – saksnr. {dok.sak.journalnummer}"
    return {
        "footer": "".join(ch for ch in footer if ch not in '"\\<>&'),  # a CSS string: nothing to break out
        "tittel": dok.tittel,
        "innhold": dok.innhold,
        "dato": dok.sendt_dato or today,
        "journalnummer": dok.sak.journalnummer,
        "tjeneste": dok.sak.tjeneste.navn,
        "mottaker": {
            "navn": mottaker.visningsnavn,
            "organisasjon": mottaker.organisasjon,
            "adresse": mottaker.adresse,
            "postnummer": mottaker.postnummer,
            "poststed": mottaker.poststed,
        }
        if mottaker
        else None,
        "klagefrist": date.fromisoformat(dok.data["klagefrist"])
        if k and k.vedtak and dok.data.get("klagefrist")
        else None,
        "klage_hjemmel": LEGAL_BASIS,
        "saksbehandler": (dok.opprettet_av.get_full_name() or dok.opprettet_av.username)
        if dok.opprettet_av
        else "",
        "godkjent_av": (dok.godkjent_av.get_full_name() or dok.godkjent_av.username)
        if dok.godkjent_av
        else "",
    }


def render_letter_html(dok: m.Dokument, today: date) -> str:
    return render_to_string("casework/brev_pdf.html", pdf_context(dok, today))


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


@transaction.atomic
def finalize(dok: m.Dokument, *, user: Any, today: date) -> m.Dokument:
    """Lock the letter: PDF/A, checksum, sent today. A letter whose template requires approval
    must be approved first (``approve`` does both)."""
    policy.require_sak(user, dok.sak)
    _locked(dok)
    if dok.krever_godkjenning and dok.godkjent_av_id is None:
        raise CaseworkError("Brevet må godkjennes av en annen før det ferdigstilles.", "status")
    k = KINDS.get(dok.brevtype)
    if k and k.mottakere and dok.mottaker is None:
        raise CaseworkError("Velg mottaker før brevet ferdigstilles.", "mottaker")
    dok.sendt_dato = today
    dok.dato = today
    if k and k.vedtak:
        dok.data = {**dok.data, "klagefrist": klagefrist(today).isoformat()}
    pdf = render_pdf(render_letter_html(dok, today))
    fil = store_file(pdf, f"{dok.brevtype or 'brev'}-{today:%Y%m%d}.pdf", "application/pdf", PDF_VARIANT)
    dok.fil = fil
    dok.status = m.Dokument.Status.FERDIG
    dok.ferdigstilt_av = user
    dok.ferdigstilt_tid = timezone.now()
    dok.save()
    log(
        "update",
        f"Ferdigstilte og sendte: {dok.tittel} (sak {dok.sak.journalnummer})",
        sak_id=dok.sak_id,
        obj=dok,
        data={"sjekksum": fil.sjekksum, "format": PDF_VARIANT, "klagefrist": dok.data.get("klagefrist")},
    )
    return dok


@transaction.atomic
def approve(dok: m.Dokument, *, user: Any, today: date) -> m.Dokument:
    """A second person approves the letter, which locks and sends it."""
    policy.require(
        policy.can_approve_document(user, dok.sak, dok.opprettet_av_id),
        "Brevet må godkjennes av en annen enn den som skrev det.",
    )
    _locked(dok)
    if dok.status != m.Dokument.Status.TIL_GODKJENNING:
        raise CaseworkError("Brevet er ikke sendt til godkjenning.", "status")
    dok.godkjent_av = user
    dok.godkjent_tid = timezone.now()
    dok.save(update_fields=["godkjent_av", "godkjent_tid"])
    log("update", f"Godkjente: {dok.tittel}", sak_id=dok.sak_id, obj=dok)
    return finalize(dok, user=user, today=today)
