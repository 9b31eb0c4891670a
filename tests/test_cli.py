"""The ``barnevern`` command as a Unix tool: ``barnevern ... | head`` ends quietly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BARNEVERN = shutil.which("barnevern", path=str(Path(sys.executable).parent))


@pytest.mark.parametrize("args", [["rules", "--format", "csv"], ["--help"]])
def test_a_closed_pipe_ends_the_command_quietly(args):
    """The reader is gone before the first line (as `| head -0`): no BrokenPipeError traceback,
    the shell's SIGPIPE status 141, as `yes | head` gives."""
    assert BARNEVERN, "the barnevern command is not installed beside this Python"
    proc = subprocess.Popen([BARNEVERN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in stderr
    assert stderr == ""


def test_head_reads_the_first_line_through_a_shell_pipe():
    result = subprocess.run(
        ["bash", "-c", f"'{BARNEVERN}' rules --format csv | head -1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout == "id,severity,format,meaning,source\n"
    assert result.stderr == ""
    assert result.returncode == 0
