"""BVR rule for the reporting unit (``Barnevern/Avgiver``): Avgiver K1.

Source: ``spec/bvr-Kravspesifikasjon.md`` § Avgiver.
"""

from __future__ import annotations

from collections.abc import Iterator

from barnevern.control.base import Severity
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule

# Municipalities reporting per district (bydel): Oslo, Bergen, Trondheim.
BYDEL_ORGNR = {"958935420": "Oslo", "964338531": "Bergen", "942110464": "Trondheim"}


@bvr_rule(
    "Avgiver K1",
    Severity.ERROR,
    "Oslo, Bergen og Trondheim må oppgi bydelsnummer og bydelsnavn",
)
def avgiver_k1(ctx: BvrContext) -> Iterator[Hit]:
    """Orgnr 958935420, 964338531 or 942110464 requires Bydelsnummer and Bydelsnavn."""
    avgiver = ctx.delivery.avgiver
    city = BYDEL_ORGNR.get(avgiver.organisasjonsnummer.strip())
    if city and not ((avgiver.bydelsnummer or "").strip() and (avgiver.bydelsnavn or "").strip()):
        yield Hit(
            f"Bydelsnummer og/eller Bydelsnavn skal være utfylt for {city} "
            f"(organisasjonsnummer {avgiver.organisasjonsnummer}). Fyll ut Avgiver/@Bydelsnummer "
            "og Avgiver/@Bydelsnavn."
        )
