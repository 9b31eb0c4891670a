"""The tests themselves: one fact per assertion, so a failure says which fact failed."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_assert_a_and_b():
    """``assert a and b`` hides which half failed: write two assertions."""
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            test = node.test if isinstance(node, ast.Assert) else None
            if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
                found.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert len(list(TESTS.rglob("test_*.py"))) > 50  # the walk found the tests
    assert found == [], "split these into one assertion each: " + ", ".join(found)
