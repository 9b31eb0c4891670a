"""The layer contracts in ``.importlinter`` (docs/architecture.md), checked on every test run.

import-linter reads every import of ``src/barnevern`` (function-local ones and those under
``TYPE_CHECKING`` too) and checks three contracts: the layers (arrows only point down), no
Django in the pure core, and no import cycles inside a package. A broken contract prints
the offending import chain above the failed assertion.
"""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold(capsys):
    code = lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert " 0 broken" in report, report
    assert code == 0, report


def test_every_app_is_a_layer():
    """A new Django app must join the layers (``exhaustive`` also refuses an unlisted module)."""
    from django.conf import settings

    config = (ROOT / ".importlinter").read_text(encoding="utf-8")
    layers = config.split("layers =", 1)[1].split("[importlinter:", 1)[0]
    listed = {name.strip("() ") for line in layers.splitlines() for name in line.split(":")}
    apps = {app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("barnevern.")}
    assert apps, "no barnevern app in INSTALLED_APPS"
    assert apps <= listed, f"apps missing from .importlinter: {sorted(apps - listed)}"


def test_readme_and_docs_link_only_inside_the_repository():
    """A clone must be readable on its own: relative links resolve to files of the repository."""
    import re

    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    links = 0
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            resolved = (page.parent / target).resolve()
            assert resolved.is_relative_to(ROOT), f"{page.name} links outside the repository: {target}"
            assert resolved.exists(), f"{page.name} links to a missing file: {target}"
            links += 1
    assert links > 10


def test_one_clock_for_the_views():
    """Pages ask ``barnevern.clock.today()``; no module keeps its own ``_today`` copy."""
    src = ROOT / "src" / "barnevern"
    copies = [p.relative_to(src) for p in src.rglob("*.py") if "def _today(" in p.read_text(encoding="utf-8")]
    assert (src / "clock.py").exists()
    assert copies == []


def test_one_optimistic_lock():
    """Versions are stepped by ``barnevern.locking.update_if_unchanged`` only."""
    src = ROOT / "src" / "barnevern"
    own = [
        p.relative_to(src)
        for p in src.rglob("*.py")
        if "migrations" not in p.parts and 'F("versjon") + 1' in p.read_text(encoding="utf-8")
    ]
    assert 'F(field) + 1' in (src / "locking.py").read_text(encoding="utf-8")
    assert own == []


def test_one_list_of_month_names():
    """Norwegian month names come from ``barnevern.display`` (``MONTHS``, ``month_text``)."""
    src = ROOT / "src" / "barnevern"
    copies = [
        p.relative_to(src)
        for p in src.rglob("*.py")
        if p.name != "display.py" and '"desember"' in p.read_text(encoding="utf-8")
    ]
    assert '"desember"' in (src / "display.py").read_text(encoding="utf-8")
    assert copies == []
