"""Statutory deadlines D1–D14, one function per rule.

Each rule's wordings over time, with the paragraph and ledd, the period in force and the
sources read, are in :data:`RULES` (``RuleSpec.wordings``; sources in
:mod:`barnevern.rules.deadlines.sources`, listed in ``docs/deadlines.md``). Each function takes
the triggering date(s) and a :class:`DeadlineConfig` and returns a :class:`Deadline` citing the
wording in force on the event date (barnevernloven 1992 before 2023-01-01, barnevernsloven 2021
from then; the foster-home regulations of 2003, then 2023). SSB's day arithmetic comes from
``reference/ssb-barnevern.md`` §2 (BVR Melding K3, Undersøkelse K11).

A wording whose paragraph could not be found after a real search carries
``unverified=True`` (the worklist's «⚠ ikke verifisert regel»; ``Wording.searched_nb`` says
what was searched); rules whose reading is a setting in :class:`DeadlineConfig` carry
``configurable=True``.
"""

from __future__ import annotations

from datetime import date, timedelta

from barnevern.rules.dates import Arithmetic, Span, add_days, add_span, add_years
from barnevern.rules.deadlines.model import (
    LAW_CHANGE,
    Deadline,
    DeadlineConfig,
    InvestigationStart,
    RuleSpec,
    law_on,
)
from barnevern.rules.deadlines.sources import Wording

__all__ = [
    "AFTERCARE_AGE_CHANGE",
    "BVL1992_END",
    "DEFAULT_CONFIG",
    "FEEDBACK_AFTER_TITLE",
    "FHF2023_ADOPTED",
    "UNVERIFIED_NOTE",
    "RULES",
    "d1_melding_review",
    "d2_feedback_after_investigation",
    "d2_feedback_to_reporter",
    "d3_investigation",
    "d4_investigation_plan",
    "d5_measure_plan",
    "d5_plan_evaluation",
    "d6_care_plan",
    "d7_care_order_execution",
    "d8_emergency_placement",
    "d9_emergency_behaviour",
    "d10_emergency_support",
    "d11_emergency_appeal",
    "d12_follow_up_visit",
    "d13_supervision_visit",
    "d14_aftercare_age_limit",
]

DEFAULT_CONFIG = DeadlineConfig()

BVL1992_END = date(2022, 12, 31)
"""Last day of barnevernloven 1992; barnevernsloven 2021 applies from :data:`LAW_CHANGE`."""
AFTERCARE_AGE_CHANGE = date(2021, 1, 1)
"""From this date aftercare may run to 25 (before: 23)."""
FHF2023_ADOPTED = date(2023, 10, 13)
"""Forskrift om fosterhjem 2023 adopted (regjeringen.no). Its in-force date was not found in
the sources read; wordings switch on the adoption date, the earliest day it can apply."""

_NOT_FOUND_2021 = (
    "Søkt (des. 2026) i lagrede kopier av juridika.no/lovdata.no (lovteksten 2021: bare kapittel 1 "
    "tilgjengelig), Prop. 133 L (2020–2021) kap. 6, 8 og 10, bufdir.no, regjeringen.no og "
    "stortinget.no etter"
)

RULES: dict[str, RuleSpec] = {
    spec.rule: spec
    for spec in (
        RuleSpec(
            "D1",
            "Gjennomgang av melding",
            (
                Wording(
                    "bvl. 1992 § 4-2 første ledd",
                    None,
                    BVL1992_END,
                    "Snarest, og senest innen en uke, gjennomgå innkomne meldinger.",
                    ("PROP133-8", "BUFDIR-SNAREST"),
                ),
                Wording(
                    "bvl. § 2-1 første ledd",
                    LAW_CHANGE,
                    None,
                    "Gjennomgå bekymringsmeldinger snarest og senest innen en uke etter mottak, "
                    "vurdere undersøkelse (§ 2-2) og umiddelbar oppfølging.",
                    ("NYBVL-2-2", "HEIM-2-1", "PROP133-8"),
                ),
            ),
            time_limit_nb="1 uke fra mottak",
        ),
        RuleSpec(
            "D2",
            "Tilbakemelding til melder",
            (
                Wording(
                    "bvl. 1992 § 6-7 a",
                    None,
                    BVL1992_END,
                    "Tilbakemelding til melder senest innen tre uker etter mottak (bekreftelse); melder "
                    "med opplysningsplikt (§ 6-4) får også vite om undersøkelse er åpnet, og ny "
                    "tilbakemelding innen tre uker etter at undersøkelsen er avsluttet.",
                    ("BUFDIR-MELDER", "REGJ-MELDINGER", "OTPRP69-7", "LILLEHAMMER-MELDER"),
                ),
                Wording(
                    "bvl. (2021-paragraf ikke funnet; jf. bvl. 1992 § 6-7 a)",
                    LAW_CHANGE,
                    None,
                    "Samme frister som etter 1992-loven etter Bufdirs veiledning (tre uker etter mottak; "
                    "offentlig melder: tre uker etter avsluttet undersøkelse).",
                    ("BUFDIR-MELDER", "LILLEHAMMER-MELDER"),
                    verified=False,
                    searched_nb=_NOT_FOUND_2021
                    + " «tilbakemelding til melder», «opplysninger til den som har meldt bekymring», "
                    "«§ 13-3»/«§ 13-4», «viderefører § 6-7 a». Fristen på tre uker står i Bufdirs "
                    "veiledning; paragrafen i 2021-loven ble ikke funnet.",
                ),
            ),
            configurable=True,
            time_limit_nb="3 uker fra mottak; offentlig melder også 3 uker etter avsluttet undersøkelse",
        ),
        RuleSpec(
            "D3",
            "Undersøkelse",
            (
                Wording(
                    "bvl. 1992 § 6-9 første ledd, jf. § 4-3",
                    None,
                    BVL1992_END,
                    "Undersøkelse snarest og senest innen tre måneder, i særlige tilfeller seks. "
                    "Praksis regnet ofte fra meldingens konklusjonsdato (innstillingen "
                    "«investigation_start»).",
                    ("BUFDIR-RUNDSKRIV-5", "ADV-1992-KONKL"),
                ),
                Wording(
                    "bvl. § 2-2",
                    LAW_CHANGE,
                    None,
                    "Undersøkelse snarest og senest innen tre måneder etter at fristen i § 2-1 er "
                    "utløpt (mottatt + 1 uke); i særlige tilfeller inntil seks måneder.",
                    ("NYBVL-2-2", "PROP133-8"),
                ),
            ),
            configurable=True,
            time_limit_nb="3 måneder (6 ved innvilget utvidelse) fra mottak + 1 uke",
        ),
        RuleSpec(
            "D4",
            "Undersøkelsesplan",
            (
                Wording(
                    "bvl. 1992: ingen tilsvarende plikt",
                    None,
                    BVL1992_END,
                    "Ingen lovfestet undersøkelsesplan før 2023.",
                    ("SSB-PLANTYPE",),
                ),
                Wording(
                    "bvl. § 2-2 tredje ledd",
                    LAW_CHANGE,
                    None,
                    "Barnevernstjenesten skal utarbeide en plan for undersøkelsen. Loven setter ingen "
                    "egen frist; standard: innen undersøkelsens frist (innstillingen "
                    "«investigation_plan_within»).",
                    ("SSB-PLANTYPE", "NYBVL-2-2"),
                ),
            ),
            configurable=True,
            time_limit_nb="ingen lovfestet frist (konfigurerbar)",
        ),
        RuleSpec(
            "D5",
            "Tiltaksplan for hjelpetiltak",
            (
                Wording(
                    "bvl. 1992 § 4-5",
                    None,
                    BVL1992_END,
                    "Tidsavgrenset tiltaksplan ved vedtak om hjelpetiltak; evalueres regelmessig "
                    "(retningslinjer: som hovedregel hvert kvartal).",
                    ("SSB-PLANTYPE", "Q0982-7"),
                ),
                Wording(
                    "bvl. § 8-1",
                    LAW_CHANGE,
                    None,
                    "Tiltaksplan ved vedtak om hjelpetiltak, evalueres regelmessig. Loven setter ingen "
                    "intervall; standard hvert kvartal etter Q-0982.",
                    ("SSB-PLANTYPE", "Q0982-7"),
                ),
            ),
            configurable=True,
            time_limit_nb="plan ved vedtaket; evaluering hver 3. måned (veiledning, konfigurerbar)",
        ),
        RuleSpec(
            "D6",
            "Omsorgsplan",
            (
                Wording(
                    "bvl. 1992 § 4-15 tredje ledd",
                    None,
                    BVL1992_END,
                    "Foreløpig omsorgsplan ved omsorgsovertakelse, deretter plan for barnets fremtidige "
                    "omsorgssituasjon. Bufdir: planene bør lages før barnet flytter inn.",
                    ("SSB-PLANTYPE", "BUFDIR-PLANER"),
                ),
                Wording(
                    "bvl. § 8-3 fjerde ledd",
                    LAW_CHANGE,
                    None,
                    "Omsorgsplan etter omsorgsovertakelse. Ingen fast frist i kildene som ble lest; "
                    "standard: innen barnet flytter inn (Bufdir), konfigurerbar.",
                    ("SSB-PLANTYPE", "BUFDIR-PLANER"),
                ),
            ),
            configurable=True,
            time_limit_nb="ingen fast frist funnet; standard ved innflytting (konfigurerbar)",
        ),
        RuleSpec(
            "D7",
            "Iverksetting av vedtak om omsorgsovertakelse",
            (
                Wording(
                    "bvl. 1992 § 4-13",
                    None,
                    BVL1992_END,
                    "Vedtaket faller bort om det ikke er iverksatt senest seks uker etter "
                    "vedtakstidspunktet; nemndsleder kan forlenge ved særlige grunner.",
                    ("BRA-4-13",),
                ),
                Wording(
                    "bvl. (2021-paragraf ikke funnet; jf. bvl. 1992 § 4-13)",
                    LAW_CHANGE,
                    None,
                    "Seks uker etter 1992-regelen.",
                    ("BRA-4-13",),
                    verified=False,
                    searched_nb=_NOT_FOUND_2021
                    + " «iverksetting av vedtak om omsorgsovertakelse», «faller bort dersom det ikke "
                    "er iverksatt», «seks uker», «§ 5-5».",
                ),
            ),
            time_limit_nb="6 uker fra nemndas vedtak",
        ),
        RuleSpec(
            "D8",
            "Akuttvedtak om plassering: begjæring til nemnda",
            (
                Wording(
                    "bvl. 1992 § 4-6 fjerde og femte ledd, jf. annet ledd",
                    None,
                    BVL1992_END,
                    "Begjæring om tiltak sendes fylkesnemnda snarest og senest innen seks uker; ellers "
                    "faller vedtaket bort.",
                    ("BVL1992-4-6", "BUFDIR-AKUTT-1992"),
                ),
                Wording(
                    "bvl. § 4-2",
                    LAW_CHANGE,
                    None,
                    "Begjæring om tiltak til barneverns- og helsenemnda innen seks uker fra "
                    "vedtakstidspunktet, ellers faller vedtaket bort; seks måneder når barnet har "
                    "vanlig bosted i en annen stat. Godkjenning om mulig innen 48 timer.",
                    ("BRB-4-2", "BVHN-AKUTT", "NYBVL-AKUTT", "PROP133-10"),
                ),
            ),
            time_limit_nb="6 uker (6 måneder ved bosted i utlandet)",
        ),
        RuleSpec(
            "D9",
            "Akuttvedtak om institusjon (atferd): begjæring til nemnda",
            (
                Wording(
                    "bvl. 1992 § 4-6 fjerde ledd, jf. § 4-25 annet ledd",
                    None,
                    BVL1992_END,
                    "Begjæring innen to uker når det gjelder tiltak etter § 4-24; ellers faller vedtaket "
                    "bort.",
                    ("BVL1992-4-6", "BUFDIR-AKUTT-1992"),
                ),
                Wording(
                    "bvl. § 4-4, jf. § 6-2",
                    LAW_CHANGE,
                    None,
                    "Begjæring om tiltak etter § 6-2 innen to uker, ellers opphører vedtaket. Kapittel 6 "
                    "er endret ved lov 20. juni 2025 nr. 39 (Innst. 524 L (2024–2025)): ny § 6-2 «Vedtak "
                    "om opphold i barnevernsinstitusjon uten samtykke», og oppholdstiden etter akuttvedtak "
                    "etter § 4-4 inngår i den totale oppholdstiden. Endringene som ble lest, endrer ikke "
                    "to-ukersfristen i § 4-4.",
                    ("NYBVL-4-4", "INNST524L", "LOV-2025-06-20-39", "PROP133-10"),
                ),
            ),
            time_limit_nb="2 uker",
        ),
        RuleSpec(
            "D10",
            "Akutt hjelpetiltak",
            (
                Wording(
                    "bvl. 1992 § 4-6 første ledd",
                    None,
                    BVL1992_END,
                    "Hjelpetiltak som umiddelbart er nødvendige; kan ikke opprettholdes mot "
                    "foreldrenes vilje. Ingen frist.",
                    ("BVL1992-4-6-1",),
                ),
                Wording(
                    "bvl. § 4-1",
                    LAW_CHANGE,
                    None,
                    "Akuttvedtak om hjelpetiltak når barnet står uten omsorg. Loven setter ingen frist.",
                    ("NYBVL-AKUTT", "PROP133-10"),
                ),
            ),
            time_limit_nb="ingen lovfestet frist",
        ),
        RuleSpec(
            "D11",
            "Klage over godkjent akuttvedtak: behandling i nemnda",
            (
                Wording(
                    "bvl. 1992 § 7-23",
                    None,
                    BVL1992_END,
                    "Klage over godkjent akuttvedtak prøves i nemnda innen en uke.",
                    ("WULFF-KLAGE", "NOU2005-9-18"),
                ),
                Wording(
                    "bvl. (2021-paragraf ikke funnet; jf. bvl. 1992 § 7-23)",
                    LAW_CHANGE,
                    None,
                    "En uke etter 1992-regelen.",
                    ("WULFF-KLAGE",),
                    verified=False,
                    searched_nb=_NOT_FOUND_2021
                    + " «klage over akuttvedtak», «behandles innen en uke», «kapittel 14».",
                ),
            ),
            time_limit_nb="1 uke fra klagen kom inn",
        ),
        RuleSpec(
            "D12",
            "Oppfølgingsbesøk i fosterhjem",
            (
                Wording(
                    "fosterhjemsforskriften (2003) § 7",
                    None,
                    FHF2023_ADOPTED - timedelta(days=1),
                    "Besøk så ofte som nødvendig, minst fire ganger i året; kan reduseres til minst to "
                    "når barnet har bodd i fosterhjemmet mer enn to år og forholdene er gode.",
                    ("FHF2003", "PROP112-11", "BFD-4-22"),
                ),
                Wording(
                    "fosterhjemsforskriften (2023) § 10, jf. bvl. § 9-11",
                    FHF2023_ADOPTED,
                    None,
                    "Stedlige besøk så ofte som nødvendig, minst fire ganger i året; kan reduseres til "
                    "to når forholdene er gode og barnet har bodd der i mer enn to år.",
                    ("NYBVL-FHF10", "FHF2023-REGJ"),
                ),
            ),
            configurable=True,
            time_limit_nb="4 besøk i året (2 redusert)",
        ),
        RuleSpec(
            "D13",
            "Tilsyn med barn i fosterhjem",
            (
                Wording(
                    "fosterhjemsforskriften (2003) §§ 8–9",
                    None,
                    FHF2023_ADOPTED - timedelta(days=1),
                    "Fosterhjemskommunen fører tilsyn så ofte som nødvendig, minimum fire ganger i året; "
                    "kan reduseres til minimum to (barnet over 15 år, samtykker).",
                    ("FHF2003", "PROP112-11", "BFD-4-22", "REGJ-TILSYN"),
                ),
                Wording(
                    "fosterhjemsforskriften (2023) (tilsynsparagrafen ikke funnet)",
                    FHF2023_ADOPTED,
                    None,
                    "Fire tilsyn i året (to redusert) etter 2003-forskriften; 2023-forskriften har "
                    "bestemmelser om tilsyn, men paragrafen og frekvensen ble ikke funnet.",
                    ("FHF2023-REGJ", "PROP112-11"),
                    verified=False,
                    searched_nb="Søkt (des. 2026) i lagrede kopier av lovdata.no (bare forskriften av 2003 "
                    "finnes), regjeringen.no («Forskrift om fosterhjem»: bare hjemmel og dato), "
                    "nybarnevernlov.no (bare § 10), Helsetilsynet og fosterhjemsforening.no etter "
                    "«tilsyn med barn i fosterhjem», «tilsynsbesøk minimum fire ganger», «fylt 15 år».",
                ),
            ),
            configurable=True,
            time_limit_nb="4 tilsyn i året (2 redusert), til 18 år",
        ),
        RuleSpec(
            "D14",
            "Ettervern: aldersgrense",
            (
                Wording(
                    "bvl. 1992 § 1-3",
                    None,
                    BVL1992_END,
                    "Tiltak kan opprettholdes eller erstattes til barnet har fylt 25 år (23 år før "
                    "2021-01-01) når den unge samtykker.",
                    ("JURIDIKA-1992", "PROP84-3", "REGJ-OVER18"),
                ),
                Wording(
                    "bvl. § 3-6, jf. § 1-2 første ledd",
                    LAW_CHANGE,
                    None,
                    "Tiltak etter § 3-6 kan iverksettes overfor ungdom inntil de har fylt 25 år.",
                    ("JURIDIKA-2021", "REF-FAGSYSTEM", "REGJ-OVER18"),
                ),
            ),
            time_limit_nb="til 25 år (23 før 2021)",
        ),
    )
}


def _deadline(
    rule: str,
    start: date,
    due: date | None,
    config: DeadlineConfig,
    *,
    event: date | None = None,
    note_nb: str = "",
    title_nb: str | None = None,
) -> Deadline:
    spec = RULES[rule]
    day = event or start
    wording = spec.wording_on(day)
    if not wording.verified:
        note_nb = " ".join(t for t in (note_nb, UNVERIFIED_NOTE) if t)
    return Deadline(
        rule=rule,
        title_nb=title_nb or spec.title_nb,
        paragraph=wording.paragraph,
        law=law_on(day),
        start=start,
        due=due,
        arithmetic=config.arithmetic,
        unverified=not wording.verified,
        configurable=spec.configurable,
        note_nb=note_nb,
        sources=wording.sources,
    )


def _after(start: date, span: Span, config: DeadlineConfig) -> date:
    return add_span(start, span, config.arithmetic, config.extra_closed_days)


def d1_melding_review(received: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D1: review a melding «snarest og senest innen en uke» after receipt.

    bvl. 2021 § 2-1 første ledd (from 2023-01-01); bvl. 1992 § 4-2 første ledd (to
    2022-12-31). Sources: Prop. 133 L (2020–2021) ch. 8 pt. 8.1.1.2 (quotes the 1992 text),
    nybarnevernlov.no on § 2-1, Heim kommune (§ 2-1), Bufdir «Vurdere meldingen snarest»
    (``sources.SOURCES`` keys PROP133-8, NYBVL-2-2, HEIM-2-1, BUFDIR-SNAREST). Received + 7
    days, no extension. In SSB day mode ``ssb_melding_grace_days`` is added (KOSTRA 15F
    Melding K3 allowed 1).
    """
    span = Span(weeks=1)
    if config.arithmetic is Arithmetic.SSB_DAYS:
        span = Span(days=7 + config.ssb_melding_grace_days)
    return _deadline("D1", received, _after(received, span, config), config)


FEEDBACK_AFTER_TITLE = "Tilbakemelding til offentlig melder etter undersøkelse"
UNVERIFIED_NOTE = (
    "Paragrafen ble ikke funnet ved søk i lovtekst, forskrift og forarbeider (lovdata.no, "
    "juridika.no, regjeringen.no, Bufdir); se «Kilder og søk» i docs/deadlines.md."
)


def d2_feedback_to_reporter(received: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D2 «mottak»: feedback to the melder within 3 weeks of receipt, confirming receipt; a
    public melder (duty to inform, :mod:`barnevern.rules.melder`) is also told whether an
    investigation was opened.

    bvl. 1992 § 6-7 a (Ot.prp. nr. 69 (2008–2009) ch. 7); Bufdir «Tilbakemelding til den som
    har meldt bekymring» (BUFDIR-MELDER); regjeringen.no «Bekymringsmeldinger». ⚠ The 2021
    paragraph was not found after the searches listed in ``RULES["D2"]``; the three weeks are
    Bufdir's current guidance. Example: received Friday 2024-04-26 → due Friday 2024-05-17
    (17 May; with § 149 roll-forward Tuesday 2024-05-21 after Whit Monday).
    """
    return _deadline("D2", received, _after(received, Span(weeks=3), config), config)


def d2_feedback_after_investigation(concluded: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D2 «etter undersøkelse»: a public melder gets new feedback within 3 weeks after the
    investigation is concluded, saying whether the case was dropped (henlagt) or is followed up.

    Same sources as :func:`d2_feedback_to_reporter` (Bufdir: «ny tilbakemelding … innen tre
    uker etter at undersøkelsene er avsluttet, med informasjon om saken er henlagt eller om
    barnevernstjenesten følger opp saken videre»; Lillehammer kommune). Only for melders with
    a duty to inform (bvl. 1992 § 6-4 første og sjette ledd). Example: concluded 2024-04-30 →
    due 2024-05-21.
    """
    due = _after(concluded, Span(weeks=3), config)
    return _deadline("D2", concluded, due, config, title_nb=FEEDBACK_AFTER_TITLE)


def d3_investigation(
    received: date | None,
    *,
    melding_concluded: date | None = None,
    extension_granted: bool = False,
    config: DeadlineConfig = DEFAULT_CONFIG,
) -> Deadline:
    """D3: conclude the investigation «snarest og senest innen tre måneder».

    bvl. 2021 § 2-2 from 2023-01-01 (nybarnevernlov.no on § 2-2; Prop. 133 L ch. 8); 1992:
    § 6-9 første ledd with § 4-3 (Bufdir saksbehandlingsrundskrivet ch. 5). The wording is
    picked by the start of the period (receipt + 7 days): a melding received 2022-12-25 is
    investigated under the 2021 act. «I særlige tilfeller» up to 6 months when an
    extension is granted (BVR ``UtvidetFrist/@Innvilget`` = 1). The period starts at the
    expiry of the one-week review deadline, receipt + 7 days (default), or ⚠ at the
    melding's conclusion date (``InvestigationStart.MELDING_CONCLUDED``, 1992-act practice).
    With no receipt date known the conclusion date is used. Example (§1.3): received
    2024-01-24 → start 2024-01-31 → due 2024-04-30, extended 2024-07-31; SSB: 2024-04-30.
    """
    by_conclusion = config.investigation_start is InvestigationStart.MELDING_CONCLUDED
    if received is not None and not (by_conclusion and melding_concluded is not None):
        start = add_days(received, 7)
    elif melding_concluded is not None:
        start = melding_concluded
    else:
        raise ValueError("d3_investigation needs a receipt or a conclusion date")
    months = 6 if extension_granted else 3
    note = "Utvidet frist innvilget (6 måneder)." if extension_granted else ""
    due = _after(start, Span(months=months), config)
    return _deadline("D3", start, due, config, note_nb=note)


def d4_investigation_plan(
    investigation_start: date,
    investigation_due: date,
    config: DeadlineConfig = DEFAULT_CONFIG,
) -> Deadline:
    """D4: an investigation plan (undersøkelsesplan, BVR Plantype 7) must exist.

    bvl. 2021 § 2-2 tredje ledd (SSB's code list «Plantype» 7: «Undersøkelsesplan etter BVL
    2021 § 2-2, 3. ledd»; nybarnevernlov.no on § 2-2); no 1992 equivalent (plan type 7 is valid
    from 2023-01-01). The law sets no time limit of its own: by default the plan is due by the
    investigation's own deadline (``investigation_due``); set ``investigation_plan_within`` to
    require it within a span of the investigation start.
    """
    within = config.investigation_plan_within
    if within is None:  # never before the investigation itself starts (a very late start)
        due = max(investigation_due, investigation_start)
    else:
        due = _after(investigation_start, within, config)
    return _deadline("D4", investigation_start, due, config)


def d5_measure_plan(measure_start: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D5: a time-limited measure plan (tiltaksplan) when support measures are decided.

    bvl. 2021 § 8-1 from 2023-01-01, 1992: § 4-5 (SSB «Plantype» 1: «Tiltaksplan etter BVL2021
    § 8-1 (tidligere BVL1992 § 4-5)»). No statutory interval; guidance (Retningslinjer om
    hjelpetiltak Q-0982, ch. 7): the plan is made at the same time as the decision
    (``measure_plan_within`` = P0D).
    """
    return _deadline("D5", measure_start, _after(measure_start, config.measure_plan_within, config), config)


def d5_plan_evaluation(previous: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D5: evaluate the measure plan regularly, counted from the plan or the last evaluation.

    bvl. 2021 § 8-1 (1992: § 4-5). The law says «regelmessig»; guidance Q-0982 ch. 7: «bør som
    hovedregel evalueres hvert kvartal» (``plan_evaluation_interval`` = P3M). Example: plan
    2023-11-30 → evaluation due 2024-02-29 (leap year, § 148 month end).
    """
    due = _after(previous, config.plan_evaluation_interval, config)
    return _deadline("D5", previous, due, config, title_nb="Evaluering av tiltaksplan")


def d6_care_plan(placement: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D6: a care plan (omsorgsplan, Plantype 4; 3 = foreløpig until 2022) after a care order.

    bvl. 2021 § 8-3 fjerde ledd (1992: § 4-15 tredje ledd), both from SSB's «Plantype» 3/4.
    The sources read give no fixed time limit; the default follows Bufdir's samhandlingsforløp
    «bør lages før barnet flytter inn»: by the measure's start date (``care_plan_within``).
    """
    return _deadline("D6", placement, _after(placement, config.care_plan_within, config), config)


def d7_care_order_execution(board_decision: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D7: a care order lapses unless carried out within 6 weeks of the board's decision.

    bvl. 1992 § 4-13 (barnerettsadvokater.no's commentary quotes it: six weeks from the
    decision, not from service; the nemnd leader may extend it before it expires). ⚠ The 2021
    paragraph was not found (searches listed in ``RULES["D7"]``).
    """
    return _deadline("D7", board_decision, _after(board_decision, Span(weeks=6), config), config)


def d8_emergency_placement(
    decided: date,
    *,
    residence_abroad: bool = False,
    config: DeadlineConfig = DEFAULT_CONFIG,
) -> Deadline:
    """D8: after an emergency placement the case must be sent to the nemnd within 6 weeks,
    otherwise the decision lapses.

    bvl. 2021 § 4-2 (barnerettsbloggen.no; Barneverns- og helsenemnda «Akuttvedtak»; Prop. 133 L
    ch. 10); 1992: § 4-6 fjerde og femte ledd for decisions under annet ledd (the 1992 text as
    quoted by barnefjern.org and austinlyngmyr.no: «snarest, og senest innen seks uker»). A
    child whose habitual residence is abroad: 6 months (``residence_abroad``). The 48-hour
    approval is not modelled here. Example: decided 2024-03-20 → due 2024-05-01 (1 May; with
    roll-forward 2024-05-02).
    """
    span = Span(months=6) if residence_abroad else Span(weeks=6)
    note = "Barnet har vanlig bosted i utlandet (6 måneder)." if residence_abroad else ""
    return _deadline("D8", decided, _after(decided, span, config), config, note_nb=note)


def d9_emergency_behaviour(decided: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D9: after an emergency institution placement for behaviour the case must be sent
    within 2 weeks, otherwise the decision lapses.

    bvl. 2021 § 4-4, jf. § 6-2 (nybarnevernlov.no on § 4-4: «innen to uker»); 1992: § 4-6
    fjerde ledd («innen to uker hvis det gjelder tiltak etter § 4-24») with § 4-25 annet ledd.
    Chapter 6 was amended by lov 20. juni 2025 nr. 39 after Innst. 524 L (2024–2025): § 6-2 now
    reads «Vedtak om opphold i barnevernsinstitusjon uten samtykke» and time spent under an
    emergency decision under § 4-4 counts towards the total stay. § 4-4 still points to § 6-2
    and the two weeks are unchanged in the texts read, so D9 keeps its arithmetic.
    """
    return _deadline("D9", decided, _after(decided, Span(weeks=2), config), config)


def d10_emergency_support(decided: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D10: emergency support measure (akutt hjelpetiltak): no time limit found (``due`` None).

    bvl. 2021 § 4-1 (nybarnevernlov.no on chapter 4); 1992: § 4-6 første ledd («… kan ikke
    opprettholdes mot foreldrenes vilje», quoted by barnefjern.org). Neither sets a time limit.
    """
    return _deadline("D10", decided, None, config, note_nb="Ingen lovfestet frist funnet.")


def d11_emergency_appeal(appeal_received: date, config: DeadlineConfig = DEFAULT_CONFIG) -> Deadline:
    """D11: an appeal against an approved emergency decision is heard within 1 week.

    bvl. 1992 § 7-23 (advokatwulff.no: «prøves i nemnda innen 1 uke»; NOU 2005: 9 ch. 18 on
    the review of emergency decisions). ⚠ The 2021 paragraph was not found (searches listed in
    ``RULES["D11"]``). BVR does not record appeals, so this rule has no case item.
    """
    return _deadline("D11", appeal_received, _after(appeal_received, Span(weeks=1), config), config)


def d12_follow_up_visit(
    period_start: date, period_end: date, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D12: a required follow-up visit (oppfølgingsbesøk) within a counting period.

    Forskrift om fosterhjem 2023 § 10 (nybarnevernlov.no; adopted 2023-10-13 under bvl. § 9-11,
    regjeringen.no) from :data:`FHF2023_ADOPTED`; before that the 2003 regulations § 7
    (Lovdata FOR-2003-12-18-1659; Prop. 112 L (2019–2020) ch. 11). At least 4 visits a year,
    2 when reduced (BVR ``Oppfolging/Hyppighet`` 4/2). The period is a
    calendar year cut to the placement (see ``barnevern.rules.deadlines.visits``).
    """
    return _deadline("D12", period_start, period_end, config)


def d13_supervision_visit(
    period_start: date, period_end: date, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D13: a required supervision visit (tilsynsbesøk) within a counting period, until 18.

    2003 regulations §§ 8–9 (Lovdata FOR-2003-12-18-1659; Prop. 112 L (2019–2020) ch. 11:
    «minimum 4 ganger i året … reduseres til minimum 2»; BFD's letter of 2005 on § 4-22). ⚠ The
    paragraph of the 2023 regulations on supervision was not found (searches listed in
    ``RULES["D13"]``); the counts of 2003 are kept. BVR ``Tilsyn/Hyppighet`` 4/2.
    """
    return _deadline("D13", period_start, period_end, config)


def d14_aftercare_age_limit(
    birth: date, *, event: date | None = None, config: DeadlineConfig = DEFAULT_CONFIG
) -> Deadline:
    """D14: aftercare measures may run from the 18th birthday until the young person turns 25
    (23 if the 23rd birthday came before 2021-01-01).

    bvl. 2021 § 3-6 with § 1-2 første ledd («Tiltak etter § 3-6 kan iverksettes overfor ungdom
    inntil de har fylt 25 år», juridika.no); 1992: § 1-3 annet ledd (25 from 2021-01-01,
    Prop. 84 L (2019–2020) ch. 3). ``due`` is the birthday on which measures must have
    ended; birthdays are § 148 years (29 February + 25 years = 28 February). ``event`` (e.g.
    the offer date) picks the act cited; default the 18th birthday. No roll-forward.
    """
    start = add_years(birth, 18)
    limit = 23 if add_years(birth, 23) < AFTERCARE_AGE_CHANGE else 25
    due = add_years(birth, limit)
    return _deadline("D14", start, due, config, event=event, note_nb=f"Aldersgrense {limit} år.")
