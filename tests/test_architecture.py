"""The layer contracts in ``.importlinter`` (docs/architecture.md), checked on every test run.

import-linter reads every import of ``src/barnevern`` (function-local ones and those under
``TYPE_CHECKING`` too) and checks three contracts: the layers (arrows only point down), no
Django in the pure core, and no import cycles inside a package. A broken contract prints
the offending import chain above the failed assertion.
"""

from __future__ import annotations

import ast
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
    assert "F(field) + 1" in (src / "locking.py").read_text(encoding="utf-8")
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


# --- thin views: every write goes through a service -------------------------------------------

WRITE_METHODS = {"save", "delete", "create", "bulk_create", "update", "get_or_create", "update_or_create"}
# (views module under src/barnevern, receiver.method) -> why it is not a database write.
NOT_WRITES = {
    ("quality/views.py", "names.update"): "a dict of municipality names built in the view",
}


def _imported_modules(tree: ast.Module) -> set[str]:
    """Names the module binds to imported barnevern *modules* (``from barnevern.x import
    services``, ``import barnevern.x.y as z``): ``services.save(...)`` is a call into a service."""
    src = ROOT / "src"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.asname for a in node.names if a.asname and a.name.startswith("barnevern.")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("barnevern"):
            package = src.joinpath(*(node.module or "").split("."))
            for alias in node.names:
                if (package / f"{alias.name}.py").exists() or (package / alias.name).is_dir():
                    names.add(alias.asname or alias.name)
    return names


def _writes_in(source: str, name: str) -> list[str]:
    """``name:line receiver.method(`` for each write-like call the module makes itself."""
    tree = ast.parse(source)
    services = _imported_modules(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITE_METHODS:
            continue
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and receiver.id in services:
            continue
        call = f"{ast.unparse(receiver)}.{node.func.attr}"
        if (name, call) not in NOT_WRITES:
            found.append(f"{name}:{node.lineno} {call}(")
    return sorted(found, key=lambda f: (f.split(":")[0], int(f.split(":")[1].split()[0])))


def _views_modules() -> list[Path]:
    src = ROOT / "src" / "barnevern"
    return sorted(p for p in src.rglob("*.py") if p.name.startswith("views") or p.name.endswith("_views.py"))


def test_the_write_check_sees_writes_and_lets_service_calls_pass():
    source = (
        "from barnevern.staff import services\n"
        "from barnevern.economy import models as em\n"
        "def view(request, form):\n"
        "    services.save(form.instance)\n"
        "    form.save()\n"
        "    em.Statstilskudd.objects.filter(pk=1).update(tekst='x')\n"
        "    em.Plassering.objects.get_or_create(pk=1)\n"
    )
    assert _writes_in(source, "x/views.py") == [
        "x/views.py:5 form.save(",
        "x/views.py:6 em.Statstilskudd.objects.filter(pk=1).update(",
        "x/views.py:7 em.Plassering.objects.get_or_create(",
    ]


def test_views_write_only_through_services():
    """Views are thin (docs/architecture.md): a database write and the audit row that goes with
    it happen in a service function of the app, in one transaction. A view validates, calls the
    service and shows the result; ``form.save()`` counts as a write."""
    src = ROOT / "src" / "barnevern"
    modules = _views_modules()
    assert len(modules) > 15  # the walk found the views
    found = [
        w
        for path in modules
        for w in _writes_in(path.read_text(encoding="utf-8"), path.relative_to(src).as_posix())
    ]
    assert found == [], "move these writes into the app's services module:\n" + "\n".join(found)
    stale = [key for key in NOT_WRITES if not (src / key[0]).exists()]
    assert stale == []
