"""BVR rules on ``Vedtak`` (decisions), their ``Krav`` and ``Status``.

Vedtak K2a, K2c, K2e, K2f-K2j, K3, K4, K5, K19, K20.
Source: ``spec/bvr-Kravspesifikasjon.md`` § Vedtak.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from barnevern.control.base import Severity
from barnevern.control.bvr.common import (
    duplicates,
    end_after_sak_end,
    end_of,
    start_after_end,
    start_before_sak_start,
)
from barnevern.control.bvr.context import BvrContext, Hit, bvr_rule, fmt, hit
from barnevern.records import Lovhjemmel, Vedtak, VedtakStatus

KNOWN_LOV = frozenset({"BVL", "BVL2021", "BL1981"})
BVL2021_FROM = date(2023, 1, 1)


@bvr_rule("Vedtak K2a", Severity.ERROR, "Vedtakets startdato er etter sluttdato", needs="vedtak")
def vedtak_k2a(ctx: BvrContext) -> Iterator[Hit]:
    """Vedtak StartDato after Konklusjon/SluttDato."""
    return start_after_end(ctx.vedtak, "Vedtakets startdato")


@bvr_rule(
    "Vedtak K2c",
    Severity.ERROR,
    "Vedtakets sluttdato er etter sakens sluttdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="vedtak",
)
def vedtak_k2c(ctx: BvrContext) -> Iterator[Hit]:
    """Vedtak Konklusjon/SluttDato after the Sak's SluttDato."""
    return end_after_sak_end(ctx, ctx.vedtak, "Vedtakets sluttdato")


@bvr_rule(
    "Vedtak K2e",
    Severity.ERROR,
    "Vedtakets startdato er før sakens startdato (WARNING med MigrertId)",
    migrert_downgrade=True,
    needs="vedtak",
)
def vedtak_k2e(ctx: BvrContext) -> Iterator[Hit]:
    """Vedtak StartDato before the Sak's StartDato."""
    return start_before_sak_start(ctx, ctx.vedtak, "Vedtakets startdato")


@bvr_rule("Vedtak K2f", Severity.ERROR, "Kravets startdato er etter kravets sluttdato", needs="vedtak")
def vedtak_k2f(ctx: BvrContext) -> Iterator[Hit]:
    """Krav StartDato after Krav/Konklusjon/SluttDato."""
    for v in ctx.vedtak:
        for krav in v.krav:
            end = end_of(krav)
            if end and krav.start_dato > end:
                yield hit(
                    v,
                    f"Kravets startdato {fmt(krav.start_dato)} er etter sluttdato {fmt(end)} "
                    f"(krav {krav.id}). Rett en av datoene.",
                )


@bvr_rule("Vedtak K2g", Severity.ERROR, "Kravets sluttdato er etter vedtakets sluttdato", needs="vedtak")
def vedtak_k2g(ctx: BvrContext) -> Iterator[Hit]:
    """Krav/Konklusjon/SluttDato after the Vedtak's SluttDato."""
    for v in ctx.vedtak:
        v_end = end_of(v)
        for krav in v.krav:
            end = end_of(krav)
            if v_end and end and end > v_end:
                yield hit(
                    v,
                    f"Kravets sluttdato {fmt(end)} er etter Vedtakets sluttdato {fmt(v_end)} "
                    f"(krav {krav.id}). Rett en av datoene.",
                )


@bvr_rule("Vedtak K2h", Severity.ERROR, "Kravets startdato er før vedtakets startdato", needs="vedtak")
def vedtak_k2h(ctx: BvrContext) -> Iterator[Hit]:
    """Krav StartDato before the Vedtak's StartDato."""
    for v in ctx.vedtak:
        for krav in v.krav:
            if krav.start_dato < v.start_dato:
                yield hit(
                    v,
                    f"Kravets startdato {fmt(krav.start_dato)} er før vedtakets startdato "
                    f"{fmt(v.start_dato)} (krav {krav.id}). Rett en av datoene.",
                )


@bvr_rule("Vedtak K2i", Severity.INFO, "Status sin endretdato er etter vedtakets sluttdato", needs="vedtak")
def vedtak_k2i(ctx: BvrContext) -> Iterator[Hit]:
    """Status EndretDato after the Vedtak's SluttDato."""
    for v in ctx.vedtak:
        end = end_of(v)
        for status in v.status:
            if end and status.endret_dato > end:
                yield hit(
                    v,
                    f"Status sin endretdato {fmt(status.endret_dato)} er etter Vedtakets "
                    f"sluttdato {fmt(end)} (status {status.id}). Kontroller datoene.",
                )


@bvr_rule("Vedtak K2j", Severity.INFO, "Status sin endretdato er før vedtakets startdato", needs="vedtak")
def vedtak_k2j(ctx: BvrContext) -> Iterator[Hit]:
    """Status EndretDato before the Vedtak's StartDato."""
    for v in ctx.vedtak:
        for status in v.status:
            if status.endret_dato < v.start_dato:
                yield hit(
                    v,
                    f"Status sin endretdato {fmt(status.endret_dato)} er før vedtakets "
                    f"startdato {fmt(v.start_dato)} (status {status.id}). Kontroller datoene.",
                )


def current_status(vedtak: Vedtak) -> VedtakStatus | None:
    """The latest Status by EndretDato (document order breaks ties)."""
    if not vedtak.status:
        return None
    return max(enumerate(vedtak.status), key=lambda pair: (pair[1].endret_dato, pair[0]))[1]


@bvr_rule("Vedtak K3", Severity.ERROR, "Vedtak med status 3 eller 4 mangler sluttdato", needs="vedtak")
def vedtak_k3(ctx: BvrContext) -> Iterator[Hit]:
    """Current status 3 (Utgår/Bortfalt) or 4 (Avslått/Avsluttet) without Konklusjon/SluttDato.

    The current status is the one with the latest EndretDato: a decision that lapsed and was
    later approved again is not flagged.
    """
    texts = {"3": "'Utgår / Bortfalt etter BVL'", "4": "'Avslått / Avsluttet'"}
    for v in ctx.vedtak:
        status = current_status(v)
        if status and status.kode in texts and end_of(v) is None:
            yield hit(
                v,
                f"Vedtak med status {status.kode} = {texts[status.kode]} mangler sluttdato. "
                "Sett Konklusjon/SluttDato.",
            )


def _hjemler(v: Vedtak) -> tuple[Lovhjemmel, ...]:
    return (v.lovhjemmel, *v.jmfr_lovhjemmel)


@bvr_rule(
    "Vedtak K4",
    Severity.ERROR,
    "Lovhjemmel under vedtak har annen lov enn BVL, BVL2021 og BL1981",
    needs="vedtak",
)
def vedtak_k4(ctx: BvrContext) -> Iterator[Hit]:
    """Lov of Lovhjemmel or JmfrLovhjemmel not in {BVL, BVL2021, BL1981}."""
    for v in ctx.vedtak:
        for hjemmel in _hjemler(v):
            if hjemmel.lov not in KNOWN_LOV:
                yield hit(
                    v,
                    "Lovhjemlene under vedtak inneholder annen verdi for lov enn BVL, BVL2021 "
                    f"eller BL1981. Lov: {hjemmel.lov}.",
                )


def wrong_act(start: date, hjemmel: Lovhjemmel) -> str | None:
    """Message when the act does not match the date (BVL before 2023, BVL2021 from 2023)."""
    if start < BVL2021_FROM and hjemmel.lov == "BVL2021":
        return "Lovhjemmel opprettet før 01. januar 2023 krever lov = 'BVL'."
    if start >= BVL2021_FROM and hjemmel.lov == "BVL":
        return "Lovhjemmel opprettet på 01. januar 2023 eller senere krever lov = 'BVL2021'."
    return None


@bvr_rule("Vedtak K5", Severity.ERROR, "Vedtakets lovhjemmel refererer til feil barnevernlov", needs="vedtak")
def vedtak_k5(ctx: BvrContext) -> Iterator[Hit]:
    """StartDato before 2023 with Lov BVL2021, or from 2023 with Lov BVL (Lovhjemmel only)."""
    for v in ctx.vedtak:
        message = wrong_act(v.start_dato, v.lovhjemmel)
        if message:
            yield hit(v, f"{message} Vedtaket er datert {fmt(v.start_dato)}.")


@bvr_rule(
    "Vedtak K19",
    Severity.INFO,
    "To eller flere vedtak har identisk innhold, men forskjellige identer",
    needs="vedtak",
)
def vedtak_k19(ctx: BvrContext) -> Iterator[Hit]:
    """Vedtak with identical content but different Id."""
    return duplicates(ctx.vedtak, "Vedtak")


@bvr_rule(
    "Vedtak K20",
    Severity.WARNING,
    "Vedtak med status 2 (begjæring oversendt nemnd) skal ha relasjon til OversendelseFylkesnemnd",
    needs="vedtak",
)
def vedtak_k20(ctx: BvrContext) -> Iterator[Hit]:
    """A Vedtak that has had status 2 without a Relasjon to an OversendelseFylkesnemnd.

    A Relasjon in either direction counts. When the Relasjon exists but no such
    OversendelseFylkesnemnd is in the Sak, the second message of the specification is used.
    """
    oversendelser = {o.id for o in ctx.oversendelser}
    for v in ctx.vedtak:
        if not any(s.kode == "2" for s in v.status):
            continue
        targets = set(ctx.related_to("Vedtak", v.id, "OversendelseFylkesnemnd"))
        targets |= set(ctx.related_from("OversendelseFylkesnemnd", "Vedtak", v.id))
        if not targets:
            yield hit(
                v,
                "Vedtak med status 2 = 'Begjæring oversendt nemnd' skal ha relasjon til "
                "OversendelseFylkesnemnd. Registrer oversendelsen og relasjonen.",
            )
        elif not targets & oversendelser:
            yield hit(
                v,
                "OversendelseFylkesnemndVedtak skal finnes for Vedtak med status 2 = "
                "'Begjæring oversendt nemnd'. Relasjonen peker til en oversendelse som ikke "
                "finnes i saken.",
            )
