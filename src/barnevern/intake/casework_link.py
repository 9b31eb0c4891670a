"""Parties, the first journal entry and the original PDF of a received report, in ``casework``.

Until the ``casework`` app (issue 17) has landed, the report's parties and text stay in
``Mottak.innhold`` (the JSON as received) and the PDF in ``Mottak.pdf``; the intake pages show
them from there. ``record`` is the one place that will write them to casework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from barnevern.cases.models import Melding
    from barnevern.formats.fiks.message import Barn, Bekymringsmelding
    from barnevern.intake.models import Mottak


def record(mottak: Mottak, melding: Melding, report: Bekymringsmelding, barn: Barn) -> None:
    """Write the parties, journal entry and document of one child's melding (inside the store)."""
    return None


def forwarded(mottak: Mottak, melding: Melding, til_kommune: str, begrunnelse: str) -> None:
    """Journal the forwarding of one child's melding (inside the forwarding transaction)."""
    return None
