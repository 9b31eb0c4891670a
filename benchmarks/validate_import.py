"""Validate and import benchmark on a generated BVR v4 corpus, against plain lxml parsing.

    .venv/bin/python benchmarks/validate_import.py [--saker 10000] [--workdir DIR] [--repeat 3]
                                                   [--postgres URL] [--no-small] [--no-import]

1. writes ``--saker`` synthetic documents with ``formats.generator.write_corpus`` (kept in
   ``--workdir`` and reused when already there), and a corpus of a tenth of the size;
2. reads every file of the corpus once (warm page cache: no step pays for the disk);
3. measures, over the same files (each step in its own child process, started the same way,
   so the peak memory belongs to that step alone):
   * ``parse``    — the baseline: a plain ``lxml.etree.parse(path)`` loop over the corpus's file
     list (sorted, made once by the driver), in one process, with no project code at all: no
     file discovery, no safe parser, no size checks (those are part of what validate costs);
   * ``validate`` — ``control.pipeline.validate_paths`` (safe parse, XSD, every control rule),
     what the ``validate`` command runs in-process;
   * ``import``   — ``cases.importer.Importer`` into a fresh SQLite database (one transaction
     per file, the same checks as validate), and into a fresh PostgreSQL database when
     ``DATABASE_URL`` points to PostgreSQL or ``--postgres URL`` is given;
   parse and validate run ``--repeat`` times, interleaved (parse, validate, parse, validate
   ...), and the best run of each counts (the spread, best–worst, is printed: the machine is
   shared); import runs once;
4. prints, for every step, the wall time and the CPU time of all its processes (the step's own
   plus its worker processes', ``RUSAGE_CHILDREN``), each against the same figure of the
   baseline (targets: validate ≤ 3×, import ≤ 10×; the table says for wall and for CPU whether
   the target is met), per-file cost, files/s and peak memory for N and N/10 (flat memory: the
   two peaks should be close). Wall time against a one-process baseline is what a user waits;
   CPU time is the work done, whatever the number of processes, and is less disturbed by other
   work on a shared machine.

Django is set up in the import step with ``DJANGO_SETTINGS_MODULE=barnevern.settings``,
``BARNEVERN_DATA_DIR`` = a temporary folder, ``BARNEVERN_ENV=test`` (no DEBUG query log),
then ``migrate``; each municipality of the generator gets its own service (journal numbers
are unique per service), and the importer finds it from each file's Avgiver.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGETS = {"validate": 3.0, "import": 10.0}


def _maxrss_mb() -> float:
    """Peak resident memory of this process. Linux: ``VmHWM`` (``ru_maxrss`` is inherited
    across fork/exec, so it would show the driver's peak instead)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


# --- steps, each run in a child process ------------------------------------------------------


def step_parse(file_list: Path) -> dict[str, object]:
    """The baseline: ``lxml.etree.parse(path)`` for every file of the list. No project code."""
    from lxml import etree

    paths = json.loads(file_list.read_text(encoding="utf-8"))
    cpu, started = time.process_time(), time.perf_counter()
    for path in paths:
        etree.parse(path)  # noqa: S320 - our own generated corpus; the baseline is the plain parse
    seconds = time.perf_counter() - started
    return {"files": len(paths), "seconds": seconds, "cpu_seconds": time.process_time() - cpu}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def step_validate(corpus: Path, jobs: int) -> dict[str, object]:
    from barnevern.control.pipeline import validate_paths

    cpu, children, started = time.process_time(), _children_cpu(), time.perf_counter()
    report = validate_paths([corpus], jobs=jobs)
    seconds = time.perf_counter() - started
    # this process and its worker processes together
    cpu_seconds = time.process_time() - cpu + _children_cpu() - children
    counts: dict[str, int] = {}
    for finding in report.findings:
        counts[finding.severity.name] = counts.get(finding.severity.name, 0) + 1
    return {
        "files": report.files,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "findings": counts,
        "jobs": jobs,
    }


def step_import(
    corpus: Path, database_url: str | None, reimport: bool = True, jobs: int = 1
) -> dict[str, object]:
    data_dir = Path(tempfile.mkdtemp(prefix="bv-bench-data-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "barnevern.settings"
    os.environ["BARNEVERN_DATA_DIR"] = str(data_dir)
    os.environ["BARNEVERN_ENV"] = "test"
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from datetime import date

    from django.core.management import call_command
    from django.db import connection

    from barnevern.cases.importer import Importer
    from barnevern.formats.generator import KOMMUNER
    from barnevern.organisation.models import Kommune, Medlemskap, Tjeneste

    try:
        call_command("migrate", verbosity=0, interactive=False)
        # One service per municipality (journal numbers are unique per service), found by the
        # importer from each file's Avgiver, as in a national import without --service.
        for index, k in enumerate(KOMMUNER):
            kommune = Kommune.objects.create(nummer=k.nummer, navn=k.navn)
            tjeneste = Tjeneste.objects.create(
                slug=f"k{k.nummer}", navn=k.navn, organisasjonsnummer=f"9{index:08d}", vertskommune=kommune
            )
            Medlemskap.objects.create(tjeneste=tjeneste, kommune=kommune, fra=date(2000, 1, 1))
        cpu, children = time.process_time(), _children_cpu()
        started = time.perf_counter()
        summary = Importer(jobs=jobs).import_paths([corpus])
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu + _children_cpu() - children
        again_seconds, again_unchanged = None, None
        if reimport:
            again_started = time.perf_counter()
            again_unchanged = Importer(jobs=jobs).import_paths([corpus]).unchanged
            again_seconds = time.perf_counter() - again_started
        return {
            "files": summary.files,
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "jobs": jobs,
            "vendor": connection.vendor,
            "created": summary.created,
            "rejected": len(summary.rejected),
            "elements": summary.elements,
            "reimport_seconds": again_seconds,
            "reimport_unchanged": again_unchanged,
            "first_rejections": [f"{r.name}: {r.reason}" for r in summary.rejected[:3]],
        }
    finally:
        connection.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def child(args: argparse.Namespace) -> None:
    corpus = Path(args.corpus)
    if args.step == "parse":
        result = step_parse(file_list_path(corpus))
    elif args.step == "validate":
        result = step_validate(corpus, args.jobs)
    else:
        result = step_import(corpus, args.database_url, not args.no_reimport, args.jobs)
    result["maxrss_mb"] = round(_maxrss_mb(), 1)
    print(json.dumps(result))


# --- the driver --------------------------------------------------------------------------------


def run_step(
    step: str, corpus: Path, database_url: str | None = None, reimport: bool = True, jobs: int = 1
) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", step, "--corpus", str(corpus), "--jobs", str(jobs)]
    if not reimport:
        command.append("--no-reimport")
    if database_url:
        command += ["--database-url", database_url]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"Steget {step} feilet:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus_for(workdir: Path, n: int, seed: int) -> Path:
    from barnevern.formats.generator import write_corpus

    folder = workdir / f"corpus-{n}-seed{seed}"
    marker = folder / ".complete"
    if marker.exists():
        print(f"Bruker eksisterende korpus {folder} ({n} saker).")
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    written = write_corpus(folder, n, seed)
    marker.write_text(str(written))
    print(f"Skrev {written} filer til {folder} på {time.perf_counter() - started:.1f} s.")
    return folder


class _FreshPostgres:
    """A new, empty database next to the one in ``url``; dropped afterwards."""

    def __init__(self, url: str) -> None:
        self.url = url
        base = urlsplit(url).path.lstrip("/") or "barnevern"
        self.name = f"{base}_bench_{os.getpid()}_{int(time.time())}"

    def __enter__(self) -> str:
        import psycopg

        parts = urlsplit(self.url)
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return urlunsplit(parts._replace(path=f"/{self.name}"))

    def __exit__(self, *exc: object) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')


def file_list_path(corpus: Path) -> Path:
    return corpus.parent / f"{corpus.name}.files.json"


def write_file_list(corpus: Path) -> list[str]:
    """The corpus's XML files, sorted: what the baseline parses (validate walks the folder itself)."""
    paths = sorted(str(p) for p in corpus.rglob("*.xml"))
    file_list_path(corpus).write_text(json.dumps(paths), encoding="utf-8")
    return paths


def warm_cache(corpus: Path) -> int:
    """Read every document once so that no measured step pays for the disk."""
    return sum(len(Path(path).read_bytes()) for path in write_file_list(corpus))


def _best(runs: list[dict[str, object]]) -> dict[str, object]:
    """The fastest run, with the spread of all runs (``worst_seconds``, ``runs``)."""
    best = dict(min(runs, key=lambda r: float(r["seconds"])))  # type: ignore[arg-type]
    best["worst_seconds"] = max(float(r["seconds"]) for r in runs)  # type: ignore[arg-type]
    best["runs"] = len(runs)
    best["cpu_seconds"] = min(float(r["cpu_seconds"]) for r in runs)  # type: ignore[arg-type]
    best["maxrss_mb"] = max(float(r["maxrss_mb"]) for r in runs)  # type: ignore[arg-type]
    return best


def measure(
    corpus: Path,
    postgres: str | None,
    *,
    do_import: bool = True,
    reimport: bool = True,
    repeat: int = 3,
    jobs: int | None = None,
) -> dict[str, dict[str, object]]:
    if jobs is None:  # as the commands: one check process per core
        from barnevern.control.workers import default_jobs

        jobs = default_jobs()
    warm_cache(corpus)
    runs: dict[str, list[dict[str, object]]] = {"parse": [], "validate": []}
    for _ in range(max(1, repeat)):
        for step in ("parse", "validate"):
            runs[step].append(run_step(step, corpus, jobs=jobs))
    results = {step: _best(step_runs) for step, step_runs in runs.items()}
    if results["parse"]["files"] != results["validate"]["files"]:
        raise SystemExit(
            f"Grunnlinjen leste {results['parse']['files']} filer, validate {results['validate']['files']}: "
            "ikke de samme filene."
        )
    if do_import:
        results["import"] = run_step("import", corpus, reimport=reimport, jobs=jobs)
        if postgres:
            with _FreshPostgres(postgres) as url:
                results["import-pg"] = run_step("import", corpus, url, reimport=reimport, jobs=jobs)
    return results


def _verdict(ratio: float, target: float | None) -> str:
    if target is None:
        return ""
    return f"≤{target:g}× " + ("ja" if ratio <= target else "NEI")


def report(n: int, results: dict[str, dict[str, object]]) -> list[str]:
    parse = results["parse"]
    base, base_cpu = float(parse["seconds"]), float(parse["cpu_seconds"])  # type: ignore[arg-type]
    runs = parse.get("runs", 1)
    jobs = results["validate"].get("jobs", 1)
    lines = [
        f"Korpus: {n} saker ({parse['files']} filer); parse/validate: beste av {runs}; "
        f"validate og import med {jobs} kontrollprosess(er) (--jobs); grunnlinje: lxml.etree.parse(sti) "
        "i én prosess over de samme filene"
    ]
    lines.append(
        f"  {'steg':<18}{'vegg s':>8}{'× parse':>9}{'mål':>10}{'CPU s':>8}{'× parse':>9}{'mål':>10}"
        f"{'ms/fil':>8}{'filer/s':>9}{'topp MB':>9}"
    )
    for key, label in (
        ("parse", "lxml.etree.parse"),
        ("validate", "validate"),
        ("import", "import SQLite"),
        ("import-pg", "import PostgreSQL"),
    ):
        if key not in results:
            continue
        r = results[key]
        seconds, cpu = float(r["seconds"]), float(r.get("cpu_seconds") or "nan")  # type: ignore[arg-type]
        files = int(r["files"])  # type: ignore[call-overload]
        target = TARGETS.get(key.split("-")[0])
        ratio, cpu_ratio = seconds / base, cpu / base_cpu
        lines.append(
            f"  {label:<18}{seconds:>8.2f}{ratio:>9.2f}{_verdict(ratio, target):>10}{cpu:>8.2f}"
            f"{cpu_ratio:>9.2f}{_verdict(cpu_ratio, target):>10}{seconds / max(files, 1) * 1000:>8.3f}"
            f"{files / seconds:>9.0f}{float(r['maxrss_mb']):>9.0f}"  # type: ignore[arg-type]
        )
    if "worst_seconds" in results["validate"]:
        worst_ratio = float(results["validate"]["worst_seconds"]) / base  # type: ignore[arg-type]
        best_ratio = float(results["validate"]["seconds"]) / float(parse["worst_seconds"])  # type: ignore[arg-type]
        lines.append(f"  validate × parse (vegg) over alle kjøringer: {best_ratio:.2f}–{worst_ratio:.2f}")
    for key in ("import", "import-pg"):
        if key in results:
            r = results[key]
            again = ""
            if r.get("reimport_seconds") is not None:
                seconds = float(r["reimport_seconds"])  # type: ignore[arg-type]
                again = f"; ny import av samme filer {seconds:.1f} s ({r['reimport_unchanged']} uendret)"
            lines.append(
                f"  {key}: {r['created']} saker opprettet, {r['elements']} elementer, "
                f"{r['rejected']} filer avvist{again}"
            )
            for line in r.get("first_rejections", []):  # type: ignore[union-attr]
                lines.append(f"    avvist: {line}")
    lines.append(f"  funn ved validering: {results['validate'].get('findings')}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--saker", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres", default=None, help="PostgreSQL URL (default: DATABASE_URL if PostgreSQL)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of parse and validate, interleaved; the best counts"
    )
    parser.add_argument("--no-small", action="store_true", help="skip the N/10 run (memory flatness)")
    parser.add_argument("--no-import", action="store_true", help="measure parse and validate only")
    parser.add_argument("--no-reimport", action="store_true", help="skip importing the same files again")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only, even with DATABASE_URL")
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="check processes for validate and import (default: the cores, as the commands)",
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.jobs is None:
        from barnevern.control.workers import default_jobs

        args.jobs = default_jobs()
    if args.child:
        args.step = args.child
        child(args)
        return
    postgres = args.postgres
    env_url = os.environ.get("DATABASE_URL", "")
    if postgres is None and env_url.startswith(("postgres://", "postgresql://")):
        postgres = env_url
    if args.no_postgres:
        postgres = None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bv-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sizes = [args.saker] if args.no_small or args.saker < 10 else [args.saker, args.saker // 10]
    all_lines: list[str] = []
    peaks: dict[int, dict[str, float]] = {}
    for n in sizes:
        corpus = corpus_for(workdir, n, args.seed)
        results = measure(
            corpus,
            postgres,
            do_import=not args.no_import,
            reimport=not args.no_reimport,
            repeat=args.repeat,
            jobs=args.jobs,
        )
        peaks[n] = {k: float(v["maxrss_mb"]) for k, v in results.items()}  # type: ignore[arg-type]
        lines = report(n, results)
        print("\n".join(lines), flush=True)
        all_lines += lines
    if len(sizes) == 2:
        big, small = sizes
        print(f"Toppminne N={big} mot N={small} (MB):")
        for key in peaks[big]:
            print(f"  {key:<10} {peaks[big][key]:>7.0f} mot {peaks[small][key]:>7.0f}")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
