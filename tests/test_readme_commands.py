"""The commands in the README and docs/ run: documentation that cannot rot.

Every line in a fenced code block of ``README.md`` or ``docs/*.md`` that starts with
``barnevern`` or ``scripts/`` is a documented command. Each one is either

- **run** by :func:`test_every_documented_command_runs`, exactly as written, on the demo
  database (``demo.load``, today = 2026-11-23) in a scratch folder that holds the files the
  commands name (:func:`make_files`; ``/tmp/…`` and ``/data/…`` are mapped into that folder),
  in the order the docs give them; it must exit 0 (or a code listed in :data:`EXIT_CODES`) and
  write the file it names (``--pdf F``, ``--xlsx F``, ``--html F``, ``--out D``, ``> F``); or
- **skipped**: listed in :data:`SKIP`, the one skip list, with the reason it cannot run here.
  An entry whose reason starts with "KNOWN BUG" is a command that does not work as documented
  yet: it is still run and must still fail, so that fixing it shows here.

Usage synopses (a line with ``[--option]``, ``[PATH...]`` or ``a|b`` placeholders) are not
commands and are left alone.

When you document a new command: run ``scripts/test --no-setup tests/test_readme_commands.py``.
If it fails, make the command work as written (fix the command or the docs), give it the input
files it names in :func:`make_files`, or add it to :data:`SKIP` with a reason.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import traceback
import zipfile
from pathlib import Path

import pytest

from tests.conftest import TODAY, rolled_back
from tests.paths import ssb

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
THIS = "tests/test_readme_commands.py"

# THE skip list: command exactly as documented (without its trailing "# comment") -> why it is not run here.
SKIP: dict[str, str] = {
    "scripts/run-demo": "CI's first phase (.ci/run, phase_newcomer) runs it from the clean checkout, "
    "logs in with the demo's TOTP code and fetches the start page",
    "scripts/test": "CI runs it in every phase (.ci/run); the suite cannot run itself",
    "scripts/bootstrap --dev": "CI's set-up phase runs it (scripts/test --checks-only)",
    "barnevern fiks-mottak": "the long-running Fiks IO consumer (a systemd service); tests/intake/test_consumer.py "
    "runs the same code against a real RabbitMQ",
    "barnevern fiks-mottak --once": "needs a RabbitMQ and the Fiks account's key (BARNEVERN_FIKS_*); "
    "tests/intake/test_consumer.py::test_command_once_drains_the_queue runs it against a real broker",
    "scripts/fiks-demo": "starts RabbitMQ and writes a key pair in var/fiks (a demo helper); "
    "tests/intake/test_consumer.py sends KS's four examples through a real broker the same way",
    "barnevern generate --saker 100000 --out corpus/ --seed 7": "100,000 files take minutes; the same "
    "command runs at 200-1,000 cases above, and benchmarks/run makes the 100,000-case corpus",
    "barnevern migrate && barnevern collectstatic --noinput && barnevern createsuperuser": "production "
    "set-up: createsuperuser asks for a name and password on a terminal; migrate runs for every test "
    "database and in `barnevern demo`",
    # KNOWN BUG entries are still run, and must still fail: when one works, remove it here.
}
KNOWN_BUG = "KNOWN BUG"

# Exit codes other than 0 that a command may give as documented. `validate` reports on the data:
# 0 clean, 1 warnings, 2 errors ("exit code 0/1/2", README), so any of these means it ran; a
# crash is a traceback and a wrong option exits through argparse with its own message.
VALIDATE_CODES = {0, 1, 2}
EXIT_CODES: dict[str, set[int]] = {
    # SSB's 15F example is from 2020; checked as a 2025 file it has findings, as it should.
    "barnevern validate 15F_2025.xml --year 2025": VALIDATE_CODES,
    "barnevern validate sak.xml --format bvr-v3": VALIDATE_CODES,  # a v4 file forced through v3
    "barnevern validate /data/nasjonalt --jobs 4": VALIDATE_CODES,
    "barnevern validate uttrekk/ fiks-2026-06.zip": VALIDATE_CODES,
    "barnevern validate uttrekk/ --json > rapport.json": VALIDATE_CODES,
    "barnevern validate uttrekk.zip --json > funn.json": VALIDATE_CODES,
    "barnevern validate /tmp/eksport": {0, 1},  # "the export passes the XSD and the rules"
}


SYNOPSIS = re.compile(r"\[--|\[[A-Z]+\.\.\.\]|\[-|\s[a-z]+\|[a-z]+")


def documented_commands(paths: list[Path] | None = None) -> list[tuple[str, str]]:
    """``(where, command)`` for every documented command, in document order, first place only."""
    seen: dict[str, str] = {}
    for path in DOCS if paths is None else paths:
        text = path.read_text(encoding="utf-8")
        for block in re.finditer(r"^```[^\n]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL):
            first_line = text[: block.start(1)].count("\n") + 1
            for offset, raw in logical_lines(block.group(1)):
                line = raw.strip().removeprefix("$ ")
                if not line.startswith(("barnevern", "scripts/")) or SYNOPSIS.search(line):
                    continue
                command = normalise(line)
                seen.setdefault(command, f"{path.relative_to(ROOT)}:{first_line + offset}")
    return [(where, command) for command, where in seen.items()]


def logical_lines(block: str) -> list[tuple[int, str]]:
    """``(line offset, text)`` with lines continued by a trailing backslash joined."""
    lines, start, pending = [], 0, ""
    for offset, raw in enumerate(block.splitlines()):
        if not pending:
            start = offset
        if raw.rstrip().endswith("\\"):
            pending += raw.rstrip()[:-1] + " "
            continue
        lines.append((start, pending + raw))
        pending = ""
    if pending:
        lines.append((start, pending))
    return lines


def normalise(line: str) -> str:
    """The command without its trailing comment, single-spaced (quotes kept as written)."""
    words = shlex.split(line, comments=True)
    return " ".join(shlex.quote(w) if (" " in w or not w) else w for w in words)


def test_the_docs_have_commands_and_the_skip_list_is_current():
    commands = {c: w for w, c in documented_commands()}
    assert len(commands) >= 40, f"only {len(commands)} documented commands found: is the parser broken?"
    assert "barnevern validate /tmp/korpus" in commands
    assert "scripts/run-demo" in commands
    stale = [c for c in SKIP if c not in commands]
    assert not stale, (
        f"{THIS}: these SKIP entries are no longer in README.md or docs/*.md: {stale}. "
        "Remove them (or fix the spelling to match the docs exactly, without the trailing comment)."
    )
    for command, reason in SKIP.items():
        assert len(reason) > 20, f"{THIS}: SKIP[{command!r}] needs a real reason, not {reason!r}"


# ---------------------------------------------------------------------------------------------
# Running them


def make_files(work: Path) -> None:
    """The input files the documented commands name, made from SSB's examples and generated cases."""
    from barnevern.formats.generator import write_corpus

    # Oppdal (5021): not Nord-Østerdal, where `barnevern import /tmp/korpus` has put generated
    # cases with the same journal numbers (the generator numbers from 1 in every corpus).
    write_corpus(work / "uttrekk", 30, 3, municipalities=["5021"])
    with zipfile.ZipFile(work / "uttrekk.zip", "w") as archive:
        for file in sorted((work / "uttrekk").rglob("*.xml")):
            archive.write(file, file.relative_to(work / "uttrekk").as_posix())
    shutil.copy(work / "uttrekk.zip", work / "fiks-2026-06.zip")
    shutil.copy(work / "uttrekk.zip", work / "levering.zip")
    write_corpus(work / "data" / "nasjonalt", 20, 4, municipalities=["3428", "5022"])
    write_corpus(work / "eksport", 10, 5, municipalities=["5022"])
    example = ssb("examples", "constructed", "bvr_v4_sak_example.xml")
    shutil.copy(example, work / "leveranse.xml")
    shutil.copy(example, work / "sak.xml")
    kostra = ssb("examples", "kostra-15f", "Testfil_21_OK_2020_15F_for_3401.xml")
    shutil.copy(kostra, work / "15F_2025_3401.xml")
    shutil.copy(kostra, work / "15F_2025.xml")
    (work / "felles-2022.csv").write_text(
        "Måned;Kategori;Beløp;Tekst\n01.2022;lonn;512 000;Lønn januar\n02.2022;reise;8 450,50;Reiser\n",
        encoding="utf-8",
    )
    (work / "budsjett.csv").write_text("År;Kategori;Beløp\n2023;lonn;6 900 000\n", encoding="utf-8")
    _client_xlsx(work / "klient.xlsx")
    from barnevern.intake.testsender import example as fiks_example
    from barnevern.intake.testsender import pdf_for

    (work / "bekymringsmelding.json").write_bytes(fiks_example("no.ks.fiks.bekymringsmelding.offentlig.v2", "3428"))
    (work / "bekymringsmelding.pdf").write_bytes(pdf_for("Bekymringsmelding"))
    (work / "melding.json").write_bytes(fiks_example("no.ks.fiks.bekymringsmelding.privat.v2", "3428"))
    _kostra_files(work)


def _kostra_files(work: Path) -> None:
    """SSB tables for `barnevern kostra import`: the demo's synthetic JSON-stat files, an older
    version of one, and CSV downloads with and without their title line."""
    import json

    data = ROOT / "src" / "barnevern" / "demo" / "data"
    for table in ("12275", "12279", "12286", "12362"):
        shutil.copy(data / f"kostra-{table}.json", work / f"{table}.json")
    older = json.loads((data / "kostra-12275.json").read_text(encoding="utf-8"))
    older["updated"] = "2022-06-15T06:00:00Z"
    (work / "12275-2023.json").write_text(json.dumps(older), encoding="utf-8")
    rows = '"region";"statistikkvariabel";"år";"12279: Nøkkeltall for barnevern (K)"\n' + (
        '"3427 Tynset";"KOSandelndu2440000 Andel netto driftsutgifter til funksjon 244";"2022";33,4\n'
    )
    (work / "12279.csv").write_bytes(("12279: Nøkkeltall for barnevern (K)\n" + rows).encode("iso-8859-1"))
    (work / "tabell.csv").write_bytes(rows.encode("iso-8859-1"))


def _client_xlsx(path: Path) -> None:
    """Client costs with the headings of the «Visma – klient» column mapping made in :func:`demo`."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Bilagsdato", "Art", "Sum", "Beskrivelse", "Kommune"])
    sheet.append(["15.03.2022", "hjelpetiltak", "12 500", "Støttekontakt", "5022"])
    sheet.append(["20.03.2022", "hjelpetiltak", "3 200", "Besøkshjem", "5021"])
    book.save(path)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, once for the module, rolled back afterwards."""
    from barnevern import demo as demo_package
    from barnevern.economy.models import Kolonneoppsett
    from barnevern.organisation.models import Tjeneste
    from tests.cases.bvr_files import service_3401

    with rolled_back(django_db_blocker):
        demo_package.load(TODAY)
        service_3401()  # `--service kongsvinger` for SSB's 15F example from Kongsvinger (3401)
        Kolonneoppsett.objects.create(
            tjeneste=Tjeneste.objects.get(slug="oppdal-rennebu"),
            navn="Visma – klient",
            art="client",
            kolonner={"dato": "Bilagsdato", "kategori": "Art", "belop": "Sum", "tekst": "Beskrivelse"},
        )
        yield


def local(word: str, work: Path) -> str:
    """``/tmp/x`` and ``/data/x`` live in the scratch folder."""
    for prefix in ("/tmp/", "/data/"):
        if word.startswith(prefix):
            return str(work / word.lstrip("/"))
    return word


def run(command: str, work: Path) -> tuple[int | str, str, list[Path]]:
    """Run one documented command in this process; ``(exit code or traceback, output, files it names)``."""
    from barnevern import cli

    words = [local(w, work) for w in shlex.split(command, comments=True)]
    target: Path | None = None
    if ">" in words:
        at = words.index(">")
        target, words = work / words[at + 1], words[:at]
    outputs = [
        work / words[i + 1] for i, w in enumerate(words[:-1]) if w in {"--pdf", "--xlsx", "--html", "--out"}
    ]
    if target is not None:
        outputs.append(target)
    stdout, stderr = io.StringIO(), io.StringIO()
    code: int | str = 0
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            cli.main(words)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except Exception:  # a crash is reported with its traceback, as a failure of this command
            code = traceback.format_exc()
    if target is not None:
        target.write_text(stdout.getvalue(), encoding="utf-8")
    return code, stdout.getvalue() + stderr.getvalue(), outputs


@pytest.mark.slow
def test_every_documented_command_runs(demo, db, tmp_path, monkeypatch):
    """Each document's commands in its own scratch folder and on the demo as loaded (its changes
    rolled back after the document), in its order, as a reader would run them."""
    from django.db import transaction

    failures, ran = [], 0
    for doc in DOCS:
        commands = documented_commands([doc])
        if not commands:
            continue
        work = tmp_path / doc.stem
        work.mkdir()
        monkeypatch.chdir(work)
        make_files(work)
        with transaction.atomic():
            for where, command in commands:
                ran += 1
                failures += check(where, command, work)
            transaction.set_rollback(True)
    assert ran >= 40, f"only {ran} documented commands ran"
    assert not failures, (
        f"{len(failures)} documented command(s) do not work as written:\n\n"
        + "\n\n".join(failures)
        + f"\n\nFor each: make the command work as documented (fix the command or the docs), give it the "
        f"input files it names in make_files() in {THIS}, or add it to SKIP there with the reason it "
        "cannot run in a test. Run this test alone: scripts/test --no-setup " + THIS
    )


def check(where: str, command: str, work: Path) -> list[str]:
    """Run one command unless skipped; the failures to report (none when it worked as documented)."""
    known_bug = SKIP.get(command, "").startswith(KNOWN_BUG)
    if command in SKIP and not known_bug:
        return []
    code, output, outputs = run(command, work)
    allowed = EXIT_CODES.get(command, {0})
    if known_bug:
        return (
            []
            if code not in allowed
            else [f"{where}: {command}\n    works now: remove its KNOWN BUG entry from SKIP"]
        )
    if code not in allowed:
        detail = code if isinstance(code, str) else f"exit code {code}, expected {sorted(allowed)}"
        return [f"{where}: {command}\n    {detail}\n    {output.strip()[-800:]}"]
    missing = [str(p) for p in outputs if not p.exists() or (p.is_file() and p.stat().st_size == 0)]
    return [f"{where}: {command}\n    exit 0 but did not write {missing}"] if missing else []
