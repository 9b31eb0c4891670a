"""Who reported a melding: public melders (with a duty to inform) and private melders.

The second feedback to the melder (D2, «etter undersøkelse») is owed only to melders with a
duty to inform the child welfare service (opplysningsplikt): public authorities, bodies doing
tasks for the state or a municipality, and the professions with a duty of confidentiality named
in the acts (bvl. 1992 § 6-4; the 2021 paragraph was not found, see ``docs/deadlines.md``).
Sør-Varanger kommune, «Opplysningsplikt til barnevernet»: the duty applies to «alle som
arbeider i offentlige instanser og tjenester, samt for organisasjoner og private som utfører
arbeid eller tjeneste for stat, fylkeskommune eller kommune» and to professions such as «leger,
sykepleiere, psykologer, tannleger, jordmødre og fysioterapeuter»; helsedirektoratet on
helsepersonelloven § 33 (health personnel). Bufdir, «Tilbakemelding til den som har meldt
bekymring til barnevernstjenesten»: «Dersom bekymringsmeldingen kommer fra melder som omfattes
av barnevernloven § 6-4 første og sjette ledd, skal barnevernstjenesten i tillegg informere
melder om det er åpnet undersøkelsessak. Hvis det er åpnet undersøkelse, skal melder få ny
tilbakemelding … innen tre uker etter at undersøkelsene er avsluttet».

BVR records who reported in ``Melding/Melder/@Kode`` (SSB code list «Melder», schema v4).
The code list does not say public or private; this table is our reading of it:

* private (no duty): 1 the child, 2 parents, 3 other family, 4 other private persons,
  21 voluntary organisations and sports clubs, 23 anonymous;
* public (duty to inform): every other code — the child welfare service and its emergency
  service, NAV, police, kindergarten, school, PPT, health services and health personnel
  (12–15, 24, 25; helsepersonell have the duty by helsepersonelloven § 33), family counselling,
  addiction services, crisis centres, reception centres/UDI, outreach and youth clubs
  (municipal), and «other public bodies» (22).

A melding with several melders is public when any of them is. A service can override the
classification per melding in the case system (the ``casework`` parties record whether a
melder is public).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["PRIVATE_MELDER_CODES", "PUBLIC_MELDER_CODES", "is_public_melder", "melder_kind"]

PRIVATE_MELDER_CODES = frozenset({"1", "2", "3", "4", "21", "23"})
PUBLIC_MELDER_CODES = frozenset(
    {
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "22",
        "24",
        "25",
    }
)


def melder_kind(code: str) -> str:
    """``"offentlig"``, ``"privat"`` or ``"ukjent"`` (a code not in SSB's list)."""
    code = str(code).strip()
    if code in PUBLIC_MELDER_CODES:
        return "offentlig"
    if code in PRIVATE_MELDER_CODES:
        return "privat"
    return "ukjent"


def is_public_melder(codes: Iterable[str]) -> bool:
    """True when any of the melding's melder codes is a public melder."""
    return any(melder_kind(code) == "offentlig" for code in codes)
