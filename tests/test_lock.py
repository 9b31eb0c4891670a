"""The lock files (requirements/*.txt, made by scripts/lock) pin every dependency pyproject.toml
names, at a version pyproject.toml allows, with hashes. A dependency added to pyproject.toml
without running scripts/lock fails here with what to do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
FIX = "Run scripts/lock and commit requirements/*.txt together with pyproject.toml (README, Development: Dependencies)."


def pins(lock: Path) -> dict[str, str]:
    text = lock.read_text(encoding="utf-8")
    found = dict(re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", text, flags=re.MULTILINE))
    return {canonicalize_name(name): version for name, version in found.items()}


def requirements(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        reqs += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return reqs


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements/base.txt", ()), ("requirements/dev.txt", ("dev", "prod"))]
)
def test_lock_pins_every_dependency_at_an_allowed_version(lock, extras):
    pinned = pins(ROOT / lock)
    reqs = requirements(*extras)
    assert reqs, "pyproject.toml lists no dependencies"
    for req in reqs:
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req} is in pyproject.toml but not in {lock}. {FIX}"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {name}=={pinned[name]}, which pyproject.toml's {req} does not allow. {FIX}"
        )


def test_base_and_dev_locks_agree_and_carry_hashes():
    base, dev = pins(ROOT / "requirements/base.txt"), pins(ROOT / "requirements/dev.txt")
    assert base, "requirements/base.txt pins nothing"
    for name, version in base.items():
        assert dev.get(name) == version, f"{name}: base.txt {version}, dev.txt {dev.get(name)}. {FIX}"
    for lock in ("requirements/base.txt", "requirements/dev.txt"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        assert text.count("--hash=sha256:") >= len(pins(ROOT / lock)), f"{lock} lacks hashes. {FIX}"
