"""Upload BVR/15F files in the browser, see the validation report, then import or discard.

Leder only (``policy.is_leder``). The flow has three steps and never imports on validation:

1. ``/saker/import/`` — upload one or more ``.xml`` files or ``.zip`` archives (limits:
   ``MAX_UPLOAD_BYTES`` in total, ``MAX_UPLOAD_FILES`` files). They are kept in
   ``MEDIA_ROOT/uploads/<user id>/<token>/`` and checked with ``control.pipeline.validate_paths``
   (the same report as ``barnevern validate``, rendered from ``report_json``);
2. ``/saker/import/<token>/`` — the report, and a choice: import or discard;
3. import runs ``cases.importer.Importer`` for the leder's own service (one transaction per
   file, audited per file); the uploaded files are deleted afterwards, as they are on discard.
   Uploads left untouched are deleted after ``KEEP_HOURS``.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from barnevern.accounts import policy
from barnevern.accounts.requests import AuthenticatedHttpRequest
from barnevern.audit.services import log
from barnevern.cases.importer import XSD_RULES, Importer, ImportSummary
from barnevern.control.base import Severity
from barnevern.control.pipeline import validate_paths
from barnevern.control.report import report_json
from barnevern.exports import Table, to_csv

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
MAX_UPLOAD_FILES = 500
MAX_SHOWN_FINDINGS = 500
KEEP_HOURS = 24
ALLOWED_SUFFIXES = (".xml", ".zip")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_ORDER = ("FATAL", "ERROR", "WARNING", "INFO")


def _require_leder(user: Any) -> None:
    policy.require(policy.is_leder(user), _("Bare ledere kan importere filer."))


def _user_root(user: Any) -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads" / str(user.pk)


def _folder(user: Any, token: str) -> Path:
    if not _TOKEN.match(token):
        raise Http404(_("Opplastingen finnes ikke."))
    folder = _user_root(user) / token
    if not (folder / "rapport.json").is_file():
        raise Http404(_("Opplastingen finnes ikke lenger (den er importert, forkastet eller utløpt)."))
    return folder


def _clean_old(user: Any) -> None:
    root = _user_root(user)
    if not root.is_dir():
        return
    limit = time.time() - KEEP_HOURS * 3600
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def _problems(files: list[UploadedFile]) -> list[str]:
    if not files:
        return [_("Velg minst én fil.")]
    problems = []
    if len(files) > MAX_UPLOAD_FILES:
        problems.append(
            _("Du kan laste opp høyst %(n)s filer om gangen; pakk dem i en zip-fil.")
            % {"n": MAX_UPLOAD_FILES}
        )
    total = sum(f.size or 0 for f in files)
    if total > MAX_UPLOAD_BYTES:
        problems.append(
            _("Filene er til sammen %(mb).0f MB; grensen er %(max).0f MB.")
            % {"mb": total / 1024 / 1024, "max": MAX_UPLOAD_BYTES / 1024 / 1024}
        )
    for f in files:
        if not (f.name or "").lower().endswith(ALLOWED_SUFFIXES):
            problems.append(_("«%(name)s» er verken en XML-fil eller en zip-fil.") % {"name": f.name})
    return problems


def _save(files: list[UploadedFile], target: Path) -> None:
    target.mkdir(parents=True)
    for index, upload in enumerate(files, start=1):
        name = get_valid_filename(Path(upload.name or "fil.xml").name) or "fil.xml"
        with (target / f"{index:03d}-{name}").open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)


def _display(name: str, prefix: str) -> str:
    """A finding's file name without the temporary folder and the ordering prefix."""
    if name.startswith(prefix):
        name = name[len(prefix) :]
    return re.sub(r"^\d{3}-", "", name)


def _file_groups(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings grouped by file, then severity, with whether the file can be imported."""
    by_file: dict[str, list[dict[str, Any]]] = {}
    for finding in data["findings"]:
        by_file.setdefault(finding["file"], []).append(finding)
    files = []
    for name, findings in by_file.items():
        groups = []
        for severity in _ORDER:
            group = [f for f in findings if f["severity"] == severity]
            if group:
                groups.append({"label": Severity[severity].label_nb, "severity": severity, "findings": group})
        xsd = any(f["severity"] == "FATAL" or f["rule"] in XSD_RULES for f in findings)
        errors = any(f["severity"] == "ERROR" for f in findings)
        files.append({"name": name, "groups": groups, "xsd": xsd, "errors": errors and not xsd})
    return files


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_leder(request.user)
    problems: list[str] = []
    if request.method == "POST":
        files = request.FILES.getlist("filer")
        problems = _problems(files)
        if not problems:
            _clean_old(request.user)
            token = secrets.token_urlsafe(24)
            folder = _user_root(request.user) / token
            _save(files, folder / "filer")
            report = report_json(validate_paths([folder / "filer"]))
            prefix = f"{folder / 'filer'}/"
            for finding in report["findings"]:
                finding["file"] = _display(finding["file"], prefix)
            report["names"] = sorted(_display(f"{p}", prefix) for p in (folder / "filer").iterdir())
            (folder / "rapport.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
            log(
                "other",
                f"Kontrollerte {len(files)} opplastede filer før import",
                data={"filer": report["names"], "funn": report["counts"], "token": token[:8]},
            )
            return redirect("cases:upload_review", token=token)
    context = {
        "problems": problems,
        "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024,
        "max_files": MAX_UPLOAD_FILES,
        "keep_hours": KEEP_HOURS,
    }
    return render(request, "cases/upload.html", context, status=400 if problems else 200)


@login_required
@require_http_methods(["GET", "POST"])
def upload_review(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    _require_leder(request.user)
    folder = _folder(request.user, token)
    if request.method == "POST":
        if request.POST.get("handling") == "forkast":
            shutil.rmtree(folder, ignore_errors=True)
            messages.success(request, _("Filene er forkastet. Ingenting er importert."))
            return redirect("cases:upload")
        if request.POST.get("handling") == "importer":
            importer = Importer(request.user.tjeneste, allow_errors=bool(request.POST.get("allow_errors")))
            summary = importer.import_paths([folder / "filer"])
            shutil.rmtree(folder, ignore_errors=True)
            return render(
                request, "cases/upload_result.html", _result_context(summary, f"{folder / 'filer'}/")
            )
    data = json.loads((folder / "rapport.json").read_text(encoding="utf-8"))
    if request.GET.get("format") == "csv":
        return _findings_csv(data)
    files = _file_groups(data)
    shown = sum(len(g["findings"]) for f in files for g in f["groups"])
    if shown > MAX_SHOWN_FINDINGS:
        budget = MAX_SHOWN_FINDINGS
        for f in files:
            for g in f["groups"]:
                g["findings"], budget = g["findings"][: max(budget, 0)], budget - len(g["findings"])
    blocked = sum(1 for f in files if f["xsd"] or f["errors"])
    context = {
        "token": token,
        "report": data,
        "files": files,
        "names": data.get("names", []),
        "blocked": blocked,
        "has_errors": any(f["errors"] for f in files),
        "truncated": shown > MAX_SHOWN_FINDINGS,
        "max_shown": MAX_SHOWN_FINDINGS,
    }
    return render(request, "cases/upload_review.html", context)


def _findings_csv(data: dict[str, Any]) -> HttpResponse:
    """Every finding of the check (the page shows the first ``MAX_SHOWN_FINDINGS``)."""
    table = Table(
        "Kontrollrapport",
        ["Fil", "Alvorlighet", "Regel", "Sak", "Element", "Linje", "Melding"],
        [
            [
                _display(f["file"], ""),
                Severity[f["severity"]].label_nb,
                f["rule"],
                f.get("sak_id") or "",
                f.get("element_id") or "",
                f.get("line") or "",
                f["message"],
            ]
            for f in data["findings"]
        ],
        personal_data=True,
    )
    log("export", "Lastet ned kontrollrapport før import", data={"funn": len(data["findings"])})
    response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename("kontrollrapport", "csv")}"'
    return response


def _result_context(summary: ImportSummary, prefix: str) -> dict[str, Any]:
    rejected = [
        {
            "name": _display(r.name, prefix),
            "reason": r.reason,
            "findings": [dict(f.as_dict(), file=_display(f.file, prefix)) for f in r.findings],
        }
        for r in summary.rejected
    ]
    return {
        "summary": summary,
        "rejected": rejected,
        "gaps": [g.replace(prefix, "") for g in summary.gaps],
        "notes": [n.replace(prefix, "") for n in summary.notes],
    }
