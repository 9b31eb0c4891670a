"""Where the tests find the reference files: ``shared/`` beside the repository.

CI keeps a copy of ``shared/`` next to its clone; in a worktree ``../shared`` is a symlink.
``BARNEVERN_SHARED`` points elsewhere. A missing folder or file fails the importing test module
with a message that says so (no silent skip: CI must never pass because a file went missing)::

    from tests.paths import ssb, shared
    EXAMPLE = ssb("examples", "constructed", "bvr_v4_sak_example.xml")
    SCHEMA = shared("reference", "fiks-bekymringsmelding", "...")
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BARNEVERN_SHARED") or REPO.parent / "shared").absolute()


class ReferenceFileMissing(FileNotFoundError):
    pass


def shared(*parts: str) -> Path:
    """``shared/<parts>``; raises :class:`ReferenceFileMissing` naming what is missing."""
    if not SHARED.is_dir():
        raise ReferenceFileMissing(
            f"The reference folder {SHARED} is missing. The tests read SSB's and others' reference "
            "files from shared/ beside the repository: clone the repository next to shared/ (CI and "
            "the worktrees under /work/wt/ have it as ../shared) or set BARNEVERN_SHARED=/path/to/shared."
        )
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise ReferenceFileMissing(f"Reference file {path} is missing from {SHARED} (is shared/ up to date?).")
    return path


def ssb(*parts: str) -> Path:
    """``shared/reference/ssb-barnevern/<parts>``: SSB's schemas, code lists and example files."""
    return shared("reference", "ssb-barnevern", *parts)
