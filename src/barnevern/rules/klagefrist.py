"""Appeal deadline (klagefrist) for an individual decision (enkeltvedtak).

Forvaltningsloven § 29 første ledd: the deadline to appeal is three weeks from the day the
notification of the decision reached the party. Checked (issue 21, December 2026) against
jusinfo.no «Underretning av enkeltvedtak» («Klagefristen er etter forvaltningsloven § 29 tre
uker fra det tidspunkt underretning om vedtaket er kommet frem til vedkommende part») and the
municipal appeal forms of Hjelmeland and Sandefjord («Etter forvaltningslova §29 … innan 3 veker
etter at du har mottatt vedtaksbrevet»); the Lovdata text itself was not in the stored pages.
Barnevernsloven 2021 has no own appeal deadline for the service's decisions on hjelpetiltak;
an appeal goes to statsforvalteren through the service.

Counting: domstolloven § 148 (weeks end on the same weekday) and § 149 (a deadline ending on a
Saturday, Sunday or public holiday moves to the next working day), as ``rules.dates`` does for
the statutory deadlines. The service cannot know when a letter "reached" the party; the
letter states the rule in words and the date computed from the day it was handed out or sent
plus ``delivery_days`` (0 when handed out in a meeting or sent digitally).
"""

from __future__ import annotations

from datetime import date

from barnevern.rules.dates import add_days, add_weeks, roll_forward

__all__ = ["KLAGEFRIST_UKER", "LEGAL_BASIS", "klagefrist"]

KLAGEFRIST_UKER = 3
LEGAL_BASIS = "forvaltningsloven § 29"


def klagefrist(sent: date, *, delivery_days: int = 0) -> date:
    """The last day to appeal a decision sent on ``sent`` that reaches the party after
    ``delivery_days`` days: three weeks, moved to the next working day (§§ 148–149)."""
    if delivery_days < 0:
        raise ValueError("delivery_days cannot be negative")
    reached = add_days(sent, delivery_days)
    return roll_forward(add_weeks(reached, KLAGEFRIST_UKER))
