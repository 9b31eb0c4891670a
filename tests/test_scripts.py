"""The set-up scripts fail loudly: a failing step names itself and how to fix it, in Norwegian."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_bash(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "script.sh"
    path.write_text(script, encoding="utf-8")
    return subprocess.run(["bash", str(path)], capture_output=True, text=True, timeout=60, check=False)


def test_a_failing_command_substitution_in_an_assignment_is_reported(tmp_path):
    """The bug class of issue 15: `stamp=...$( [ "$DEV" = 1 ] && echo -dev )` with DEV=0 ended
    bootstrap silently under `set -e`."""
    done = run_bash(
        f"SCRIPT=prøve\nsource {ROOT}/scripts/lib/steps.sh\nDEV=0\n"
        'step "Lage stempelfil" "Gjør det slik i stedet."\n'
        'stamp="x$( [ "$DEV" = 1 ] && echo -dev )"\necho aldri her\n',
        tmp_path,
    )
    assert done.returncode == 1
    assert "aldri her" not in done.stdout
    assert "FEIL i prøve, steget «Lage stempelfil»" in done.stderr
    assert "(linje 5)" in done.stderr
    assert "Slik retter du det: Gjør det slik i stedet." in done.stderr


def test_a_failing_command_keeps_its_exit_code(tmp_path):
    done = run_bash(
        f"SCRIPT=prøve\nsource {ROOT}/scripts/lib/steps.sh\nstep 'Kopiere'\nfalse || exit 3\n", tmp_path
    )
    assert done.returncode == 3
    done = run_bash(f"SCRIPT=prøve\nsource {ROOT}/scripts/lib/steps.sh\nstep 'Liste'\nls /finnes/ikke\n", tmp_path)
    assert done.returncode == 2
    assert "FEIL i prøve, steget «Liste»: kommandoen «ls /finnes/ikke»" in done.stderr


def test_bootstrap_refuses_an_unknown_option_with_a_message():
    done = subprocess.run(
        [str(ROOT / "scripts" / "bootstrap"), "--devv"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1
    assert "ukjent valg «--devv»" in done.stderr
    assert "Bruk scripts/bootstrap eller scripts/bootstrap --dev." in done.stderr


def test_every_set_up_script_uses_the_error_trap():
    for name in ("scripts/bootstrap", "scripts/run-demo", "scripts/test", "scripts/lock", ".ci/run"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "lib/steps.sh" in text, f"{name} does not source scripts/lib/steps.sh"
        assert "\nstep " in text or "  step " in text, f"{name} names no step"
