"""Template markup the HTML parser would silently rewrite.

A ``<p>`` ends where a block element (``<details>``, ``<div>``, ``<form>`` …) starts, so the
case page's «Registrer i saken» menu once broke its row of buttons in two: the buttons after it
fell out of the flex row. Checked on the template source, including what a ``<p>`` includes.
"""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "barnevern"
BLOCK = re.compile(r"<(details|div|form|table|ul|ol|dl|section|h[1-6]|p)\b")
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"')


def _templates() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.html"):
        parts = path.relative_to(SRC).parts
        if "templates" in parts:
            found["/".join(parts[parts.index("templates") + 1 :])] = path
    return found


def test_no_block_element_inside_a_paragraph():
    templates = _templates()
    problems = []
    for name, path in sorted(templates.items()):
        text = path.read_text(encoding="utf-8")
        for match in PARAGRAPH.finditer(text):
            line = text[: match.start()].count("\n") + 1
            inner = match.group(1)
            block = BLOCK.search(inner)
            if block:
                problems.append(f"{name}:{line}: <{block.group(1)}> inside <p>")
            for included in INCLUDE.findall(inner):
                target = templates.get(included)
                if target is not None and BLOCK.search(target.read_text(encoding="utf-8")):
                    problems.append(f"{name}:{line}: {included} (block content) included inside <p>")
    assert len(templates) > 100
    assert problems == []
