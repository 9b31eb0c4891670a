"""A synthetic, realistic BVR v4 corpus: one ``Delivery`` (one Sak) per document.

``generate(n_saker, seed)`` yields deliveries; ``write_corpus(out_dir, n, seed)`` writes them
as ``OUT/<kommunenummer>/<sak-id>.xml``. Everything is deterministic from the seed (ids are
``uuid.UUID(int=rng.getrandbits(128), version=4)``), and memory stays flat.

The data is synthetic: Test-Norge fødselsnumre (month + 80, ``rules.identity.synthetic_fnr``),
invented journal numbers, synthetic organisation numbers (valid modulus 11) except the three
cities with districts, whose real public numbers the Avgiver K1 rule names.

Each case is simulated on a timeline up to ``as_of`` (default 31 December of ``year``; every
document has ``DatoUttrekk`` = ``as_of`` 23:00 Norwegian time):

* a melding (melder and saksinnhold codes valid on the received date) concluded within 7
  days; about half lead to an undersøkelse (``Relasjon`` Melding → Undersokelse) starting on
  the conclusion date, concluded within 3 months or, with a granted extension, within 6;
* conclusion 1 gives a vedtak on hjelpetiltak (Relasjon Undersokelse → Vedtak) and 1–3 tiltak
  (Relasjon Vedtak → Tiltak, same Lovhjemmel as the vedtak) with a tiltaksplan; conclusion 2
  gives a begjæring (Vedtak status 2, OversendelseFylkesnemnd with Relasjon) and, when the board
  agrees, an omsorgstiltak in a foster home or institution with Tilsyn, Oppfolging, an
  omsorgsplan and occasional moves (Flytting); it ends with Opphevelse when the child returns
  home or turns 18, often followed by ettervern;
* later meldinger during active measures (conclusion 3), new episodes, closing of the case.

The generated documents are meant to pass the BVR control rules (ssb-barnevern.md §2.2).
``error_rate`` > 0 deliberately breaks that share of cases, one known rule each; the rule id is
in ``Delivery.extra["generator_error"]``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from barnevern import __version__
from barnevern import records as r
from barnevern.formats.bvr_writer import OSLO, write_bvr
from barnevern.formats.generator_data import KOMMUNER, Kommune, choose_code
from barnevern.formats.generator_errors import inject_error
from barnevern.rules.codes import requires_presisering
from barnevern.rules.identity import synthetic_duf, synthetic_fnr

__all__ = ["FAGSYSTEM", "KOMMUNER", "Kommune", "generate", "write_corpus"]

FAGSYSTEM = r.Fagsystem("Barnevern (syntetiske data)", "Barnevern testdatagenerator", __version__)
BVL2021_FROM = date(2023, 1, 1)
FLYTTING_FROM = date(2022, 1, 1)  # ArsakFra/FlyttingTil and Ettervern codes
EARLIEST_START = date(2022, 1, 1)  # BVR's Vedtak status and visit codes are valid from 2022
PRESISERING = "Se nærmere beskrivelse i saken."
PLACEMENT_MOVE_TO = {"2.1": "1", "2.6": "1", "2.2": "2", "2.3": "2", "2.4": "2", "2.5": "3"}
D = timedelta


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _kode(list_key: str, code: str) -> r.KodeMedPresisering:
    return r.KodeMedPresisering(code, PRESISERING if requires_presisering(list_key, code) else None)


class _Corpus:
    """State shared by all cases of one run: the random stream, counters, serials."""

    def __init__(
        self, seed: int, year: int, as_of: date, kommuner: Sequence[Kommune], error_rate: float
    ) -> None:
        self.rng = random.Random(seed)
        self.year = year
        self.as_of = as_of
        self.kommuner = tuple(kommuner)
        self.cum_weights = []
        total = 0
        for k in self.kommuner:
            total += k.innbyggere
            self.cum_weights.append(total)
        self.error_rate = error_rate
        self.journal: dict[str, int] = {}
        self.fnr_serial: dict[tuple[date, str], int] = {}
        self.duf_serial = 0
        self.uttrekk = datetime(as_of.year, as_of.month, as_of.day, 23, 0, 0, tzinfo=OSLO)

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def fnr(self, born: date, sex: str) -> str:
        key = (born, sex)
        serial = self.fnr_serial.get(key, 0)
        self.fnr_serial[key] = serial + 1
        return synthetic_fnr(born, serial, sex)

    def avgiver(self) -> r.Avgiver:
        k = self.rng.choices(self.kommuner, cum_weights=self.cum_weights)[0]
        bydel_nr = bydel_navn = None
        if k.bydeler:
            bydel_nr, bydel_navn = self.rng.choice(k.bydeler)
        return r.Avgiver(k.organisasjonsnummer, k.nummer, f"{k.navn} kommune", bydel_nr, bydel_navn)

    def journalnummer(self, kommune: str, start: date) -> str:
        seq = self.journal.get(kommune, 0) + 1
        self.journal[kommune] = seq
        return f"{start.year}-{seq:06d}"


class _Case:
    """One Sak, simulated from its first melding up to ``as_of``."""

    def __init__(self, corpus: _Corpus, avgiver: r.Avgiver) -> None:
        self.c = corpus
        self.rng = corpus.rng
        self.as_of = corpus.as_of
        self.avgiver = avgiver
        self.meldinger: list[r.Melding] = []
        self.undersokelser: list[r.Undersokelse] = []
        self.planer: list[r.Plan] = []
        self.tiltak: list[r.Tiltak] = []
        self.vedtak: list[r.Vedtak] = []
        self.ettervern: list[r.Ettervern] = []
        self.oversendelser: list[r.OversendelseFylkesnemnd] = []
        self.flyttinger: list[r.Flytting] = []
        self.relasjoner: list[r.Relasjon] = []

    # --- small helpers ----------------------------------------------------------------------

    def days(self, low: int, high: int) -> timedelta:
        return D(days=self.rng.randint(low, high))

    def relate(self, fra_type: str, fra_id: str, til_type: str, til_id: str) -> None:
        self.relasjoner.append(r.Relasjon(self.c.uid(), fra_id, fra_type, til_id, til_type))

    def codes(self, list_key: str, on: date, low: int, high: int) -> tuple[r.KodeMedPresisering, ...]:
        chosen: list[str] = []
        for _ in range(self.rng.randint(low, high)):
            code = choose_code(self.rng, list_key, on)
            if code not in chosen:
                chosen.append(code)
        return tuple(_kode(list_key, code) for code in chosen)

    def visits(self, start: date, end: date) -> tuple[r.Utfort, ...]:
        found, day = [], start + self.days(20, 60)
        while day <= end:
            found.append(r.Utfort(self.c.uid(), day))
            day += self.days(75, 100)
        return tuple(found)

    def plan(self, plantype: str, start: date, end: date | None, every: int) -> None:
        if start > self.as_of:
            return
        last = min(end or self.as_of, self.as_of)
        evals, day = [], start + D(days=every)
        while day <= last:
            evals.append(day)
            day += self.days(every - 30, every + 30)
        konklusjon = r.Konklusjon(end) if end is not None and end <= self.as_of else None
        self.planer.append(r.Plan(self.c.uid(), start, plantype, tuple(evals), konklusjon))

    # --- the case ---------------------------------------------------------------------------

    def build(self, start: date, born: date) -> r.SakRecord:
        self.born, self.turns18 = born, _years_after(born, 18)
        last_end, running, day, episodes = start, False, start, 0
        while True:
            end = self.episode(day)
            episodes += 1
            if end is None:
                running = True
                break
            last_end = max(last_end, end)
            day = end + self.days(90, 720)
            if episodes >= 3 or self.rng.random() > 0.3 or day > self.as_of:
                break
            if day > self.turns18 - D(days=60):
                break
        slutt = None
        if not running and (self.rng.random() < 0.85 or _age(born, self.as_of) >= 18):
            slutt = min(last_end + self.days(0, 60), self.as_of)
        sex = self.rng.choice("12")
        person = r.Personalia(
            self.c.uid(),
            start,
            self.c.fnr(born, sex),
            born,
            sex,
            duf_nummer=self._duf(),
        )
        kommune = self.avgiver.kommunenummer
        return r.SakRecord(
            id=self.c.uid(),
            start_dato=start,
            journalnummer=self.c.journalnummer(kommune, start),
            slutt_dato=slutt,
            avsluttet=True if slutt else None,
            personalia=(person,),
            meldinger=tuple(self.meldinger),
            undersokelser=tuple(self.undersokelser),
            planer=tuple(self.planer),
            tiltak=tuple(self.tiltak),
            vedtak=tuple(self.vedtak),
            ettervern=tuple(self.ettervern),
            oversendelser=tuple(self.oversendelser),
            flyttinger=tuple(self.flyttinger),
            relasjoner=tuple(self.relasjoner),
            bosted=(r.Bosted(start, kommune),),
        )

    def _duf(self) -> str | None:
        if self.rng.random() >= 0.02:
            return None
        self.c.duf_serial += 1
        return synthetic_duf(self.c.duf_serial)

    def melding(self, day: date, konklusjon: str | None, slutt: date | None = None) -> str:
        melding_id = self.c.uid()
        konkl = r.Konklusjon(slutt, konklusjon) if konklusjon and slutt else None
        melder = self.codes("melder", day, 1, 2)
        innhold = self.codes("saksinnhold", day, 1, 3)
        self.meldinger.append(r.Melding(melding_id, day, melder, innhold, konkl))
        return melding_id

    def episode(self, day: date) -> date | None:
        """A melding received on ``day`` and what follows; the date it all ended, or None."""
        as_of = self.as_of
        if day + D(days=7) > as_of and self.rng.random() < 0.6:
            self.melding(day, None)
            return None
        slutt = min(day + self.days(0, 7), as_of)
        if day < self.turns18 - D(days=200) and self.rng.random() < 0.5:
            melding_id = self.melding(day, "2", slutt)
            return self.undersokelse(melding_id, day, slutt)
        self.melding(day, choose_code(self.rng, "melding_konklusjon_henlagt", slutt), slutt)
        return slutt

    def undersokelse(self, melding_id: str, received: date, start: date) -> date | None:
        rng, c = self.rng, self.c
        extended = rng.random() < 0.1
        end = start + (self.days(95, 170) if extended else self.days(14, 84))
        frist = r.UtvidetFrist(start + self.days(70, 80), "1") if extended else None
        if frist and frist.start_dato > self.as_of:
            frist = None
        medvirkning = start + self.days(3, 13)
        has_medvirkning = medvirkning <= min(end, self.as_of) and medvirkning.year >= 2026
        grunnlag = self.codes("saksinnhold", start, 1, 3)
        konklusjon, code = None, None
        if end <= self.as_of:
            code = choose_code(rng, "undersokelse_konklusjon", end)
            if code == "2" and (end > self.turns18 - D(days=400) or end < BVL2021_FROM <= end + D(days=130)):
                code = "1"  # no care order across the 18th birthday or the 2023 law change
            if code in ("1", "2") and end > self.turns18 - D(days=60):
                code = "3"
            presisering = PRESISERING if code == "5" else None
            konklusjon = r.Konklusjon(end, code, presisering)
        und_id = c.uid()
        self.undersokelser.append(
            r.Undersokelse(
                und_id,
                start,
                grunnlag,
                medvirkning if has_medvirkning else None,
                choose_code(rng, "medvirkning", medvirkning) if has_medvirkning else None,
                frist,
                konklusjon,
            )
        )
        self.relate("Melding", melding_id, "Undersokelse", und_id)
        if start.year >= 2023 and rng.random() < 0.3:
            self.plan("7", start + self.days(1, 10), end if konklusjon else None, 60)
        if konklusjon is None:
            return None
        if code == "1":
            return self.hjelpetiltak(und_id, end)
        if code == "2":
            return self.omsorg(und_id, end)
        return end

    # --- measures ---------------------------------------------------------------------------

    def lovhjemmel(self, day: date, kind: str) -> r.Lovhjemmel:
        if day < BVL2021_FROM:
            return {
                "hjelp": r.Lovhjemmel("BVL", "4", "4", ledd=("2",)),
                "omsorg": r.Lovhjemmel("BVL", "4", "12"),
                "ettervern": r.Lovhjemmel("BVL", "1", "3", ledd=("2",)),
            }[kind]
        if kind == "omsorg":
            return r.Lovhjemmel("BVL2021", "5", "1", ledd=("2",), bokstav=(self.rng.choice("abcd"),))
        return r.Lovhjemmel("BVL2021", "3", "6" if kind == "ettervern" else "1")

    def add_vedtak(
        self, start: date, hjemmel: r.Lovhjemmel, status: list[r.VedtakStatus], end: date | None
    ) -> str:
        vedtak_id = self.c.uid()
        konkl = r.Konklusjon(end) if end is not None and end <= self.as_of else None
        self.vedtak.append(r.Vedtak(vedtak_id, start, hjemmel, tuple(status), konklusjon=konkl))
        return vedtak_id

    def status(self, day: date, code: str) -> r.VedtakStatus:
        return r.VedtakStatus(self.c.uid(), day, code)

    def add_tiltak(self, vedtak_id: str, tiltak: r.Tiltak) -> None:
        self.tiltak.append(tiltak)
        self.relate("Vedtak", vedtak_id, "Tiltak", tiltak.id)

    def hjelpetiltak(self, und_id: str, decided: date) -> date | None:
        rng, as_of = self.rng, self.as_of
        start = min(decided + self.days(0, 14), as_of)
        hjemmel = self.lovhjemmel(start, "hjelp")
        built: list[r.Tiltak] = []
        ends: list[date | None] = []
        used: set[str] = set()
        for _ in range(rng.choices((1, 2, 3), (6, 3, 1))[0]):
            t_start = start + self.days(0, 30)
            if start < BVL2021_FROM <= t_start:
                t_start = start  # keep the measure under the vedtak's law
            if t_start > as_of or t_start >= self.turns18 - D(days=30):
                continue
            kategori = self.hjelp_kategori(t_start, used)
            if kategori is None:
                continue
            used.add(kategori)
            if kategori.startswith("2."):
                used.update(("2.1", "2.2"))  # one placement at a time (Tiltak K9)
            t_end = min(t_start + self.days(90, 730), self.turns18 - D(days=1))
            placement = kategori.startswith("2.")
            oppfolging = None
            if placement:
                oppfolging = r.Oppfolging(
                    (r.Hyppighet(self.c.uid(), t_start, "4"),),
                    self.visits(t_start, min(t_end, as_of)),
                )
            built.append(
                r.Tiltak(
                    self.c.uid(),
                    t_start,
                    hjemmel,
                    _kode("kategori", kategori),
                    tiltaksgrunnlag=self.codes("tiltaksgrunnlag", t_start, 1, 2),
                    oppfolging=oppfolging,
                    konklusjon=r.Konklusjon(t_end) if t_end <= as_of else None,
                )
            )
            ends.append(t_end if t_end <= as_of else None)
        ended = bool(built) and all(ends)
        end = max(e for e in ends if e is not None) if ended else None
        status = [self.status(start, "1")]
        if end is not None:
            status.append(self.status(end, "4"))
        vedtak_id = self.add_vedtak(start, hjemmel, status, end)
        self.relate("Undersokelse", und_id, "Vedtak", vedtak_id)
        for tiltak in built:
            self.add_tiltak(vedtak_id, tiltak)
        if built:
            first = min(t.start_dato for t in built)
            self.plan("1", first + self.days(0, 30), end, 180)
            self.extra_melding(first, end)
        return end if built else (None if start >= as_of - D(days=60) else start)

    def hjelp_kategori(self, day: date, used: set[str]) -> str | None:
        age = _age(self.born, day)
        age_now = _age(self.born, self.as_of)
        for _ in range(5):
            code = choose_code(self.rng, "kategori_hjelp", day)
            if code == "4.1" and (age > 5 or age_now > 7):
                continue
            if code == "4.2" and (age > 10 or age_now > 11):
                continue
            if code not in used:
                return code
        return None

    def extra_melding(self, active_from: date, active_to: date | None) -> None:
        """A later melding while measures are running, concluded «henlagt pga. aktive tiltak»."""
        last = min(active_to or self.as_of, self.as_of) - D(days=8)
        first = active_from + D(days=30)
        if last > first and self.rng.random() < 0.15:
            day = first + D(days=self.rng.randint(0, (last - first).days))
            self.melding(day, "3", day + self.days(0, 7))

    def omsorg(self, und_id: str, begjaering: date) -> date | None:
        rng, c, as_of = self.rng, self.c, self.as_of
        hjemmel = self.lovhjemmel(begjaering, "omsorg")
        status = [self.status(begjaering, "2")]
        decided = begjaering + self.days(30, 120)
        oversendelse_id = c.uid()
        self.oversendelser.append(r.OversendelseFylkesnemnd(oversendelse_id, begjaering, hjemmel))
        if decided > as_of:
            vedtak_id = self.add_vedtak(begjaering, hjemmel, status, None)
            self._link_begjaering(und_id, vedtak_id, oversendelse_id)
            return None
        if rng.random() < 0.12:  # the board does not agree
            status.append(self.status(decided, "4"))
            vedtak_id = self.add_vedtak(begjaering, hjemmel, status, decided)
            self._link_begjaering(und_id, vedtak_id, oversendelse_id)
            return decided
        status.append(self.status(decided, "1"))
        place = min(decided + self.days(0, 7), as_of)
        kategori = choose_code(rng, "kategori_omsorg", place)
        if rng.random() < 0.15:
            end, opphevelse, vedtak_code = place + self.days(365, 1460), "1", "4"
        else:
            end, opphevelse, vedtak_code = self.turns18, "2", "3"
        end = min(end, self.turns18)
        ended = end <= as_of
        if ended:
            status.append(self.status(end, vedtak_code))
        vedtak_id = self.add_vedtak(begjaering, hjemmel, status, end if ended else None)
        self._link_begjaering(und_id, vedtak_id, oversendelse_id)
        last = min(end, as_of)
        tilsyn = None
        if kategori.startswith("2."):
            ansvarlig = self.avgiver.kommunenummer
            if rng.random() < 0.3:
                ansvarlig = rng.choice(c.kommuner).nummer
            hyppighet = [r.Hyppighet(c.uid(), place, "4")]
            if _age(self.born, place) >= 15 and rng.random() < 0.3 and place + D(days=365) < last:
                hyppighet.append(r.Hyppighet(c.uid(), place + D(days=365), "2"))
            tilsyn = r.Tilsyn(
                (r.TilsynAnsvarlig(c.uid(), place, ansvarlig),),
                tuple(hyppighet),
                self.visits(place, last),
            )
        self.add_tiltak(
            vedtak_id,
            r.Tiltak(
                c.uid(),
                place,
                hjemmel,
                _kode("kategori", kategori),
                tiltaksgrunnlag=self.codes("tiltaksgrunnlag", place, 1, 3),
                tilsyn=tilsyn,
                oppfolging=r.Oppfolging((r.Hyppighet(c.uid(), place, "4"),), self.visits(place, last)),
                opphevelse=r.KodeMedPresisering(opphevelse) if ended else None,
                konklusjon=r.Konklusjon(end) if ended else None,
            ),
        )
        self.plan("4", place + self.days(7, 42), end if ended else None, 365)
        if place >= BVL2021_FROM and rng.random() < 0.4:
            self.plan("6", place + self.days(7, 60), end if ended else None, 365)
        self.moves(kategori, place, last, ended, opphevelse)
        self.extra_melding(place, end if ended else None)
        if not ended:
            return None
        if opphevelse == "2" and end >= BVL2021_FROM + D(days=180) and rng.random() < 0.75:
            return self.ettervern_after_18(begjaering, end)
        return end

    def _link_begjaering(self, und_id: str, vedtak_id: str, oversendelse_id: str) -> None:
        self.relate("Undersokelse", und_id, "Vedtak", vedtak_id)
        self.relate("Vedtak", vedtak_id, "OversendelseFylkesnemnd", oversendelse_id)

    def moves(self, kategori: str, place: date, last: date, ended: bool, opphevelse: str) -> None:
        """A move between homes of the same kind, and the move out when the measure ends."""
        rng, c = self.rng, self.c
        to = PLACEMENT_MOVE_TO.get(kategori, "4")
        foster = kategori.startswith("2.")
        span = (last - place).days
        if span > 240 and rng.random() < 0.25:
            day = place + D(days=rng.randint(120, span - 60))
            if day >= FLYTTING_FROM:
                arsak = rng.choice(("1.1.3", "1.1.4", "1.2.1", "1.2.2") if foster else ("2.2", "2.3"))
                self.flyttinger.append(
                    r.Flytting(c.uid(), day, _kode("arsak_fra", arsak), _kode("flytting_til", to))
                )
        if ended and last >= FLYTTING_FROM and rng.random() < 0.6:
            if opphevelse == "2":
                arsak, til = ("1.1.2" if foster else "2.4"), rng.choice(("5", "6", "7"))
            else:
                arsak, til = ("1.1.1" if foster else "2.1"), "6"
            self.flyttinger.append(
                r.Flytting(c.uid(), last, _kode("arsak_fra", arsak), _kode("flytting_til", til))
            )

    def ettervern_after_18(self, earliest: date, care_ended: date) -> date | None:
        rng, c, as_of = self.rng, self.c, self.as_of
        tilbud = max(self.turns18 - self.days(30, 150), earliest, FLYTTING_FROM)
        answered = tilbud + self.days(14, 60)
        ettervern_id = c.uid()
        if answered > as_of:
            self.ettervern.append(r.Ettervern(ettervern_id, tilbud))
            return None
        code = rng.choices(("1", "2", "3"), (7, 1.5, 1.5))[0]
        self.ettervern.append(r.Ettervern(ettervern_id, tilbud, r.Konklusjon(answered, code)))
        if code != "1":
            return max(answered, care_ended)
        start = max(answered, self.turns18)
        if start > as_of:
            return None
        end = min(start + self.days(180, 1095), _years_after(self.born, 23))
        ended = end <= as_of
        hjemmel = self.lovhjemmel(start, "ettervern")
        status = [self.status(start, "1")] + ([self.status(end, "4")] if ended else [])
        vedtak_id = self.add_vedtak(start, hjemmel, status, end if ended else None)
        self.relate("Ettervern", ettervern_id, "Vedtak", vedtak_id)
        t_start = min(start + self.days(0, 14), as_of)
        self.add_tiltak(
            vedtak_id,
            r.Tiltak(
                c.uid(),
                t_start,
                hjemmel,
                _kode("kategori", choose_code(rng, "kategori_ettervern", t_start)),
                konklusjon=r.Konklusjon(end) if ended else None,
            ),
        )
        self.plan("5", t_start, end if ended else None, 180)
        return end if ended else None


# --- public API -----------------------------------------------------------------------------


def _pick_dates(corpus: _Corpus) -> tuple[date, date]:
    """A case's start (first melding) and the child's birth date."""
    rng, as_of = corpus.rng, corpus.as_of
    band = rng.random()
    if band < 0.4:
        back = rng.randint(0, 364)
    elif band < 0.75:
        back = rng.randint(365, 1094)
    else:
        back = rng.randint(1095, 2555)
    earliest = (as_of - EARLIEST_START).days  # Vedtak, Flytting and Ettervern codes: 2022-
    if back > earliest:
        back = rng.randint(0, max(earliest, 0))
    start = as_of - D(days=back)
    age = rng.choices(range(18), weights=(6, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 6))[0]
    born = start - D(days=age * 365 + rng.randint(0, 364))
    oldest = _years_after(as_of, -22) + D(days=rng.randint(1, 300))
    if born < oldest:
        born = oldest
    if born > start - D(days=30):
        born = start - D(days=rng.randint(30, 300))
    return start, born


def generate(
    n_saker: int,
    seed: int,
    *,
    year: int = 2026,
    municipalities: Sequence[str] | None = None,
    as_of: date | None = None,
    error_rate: float = 0.0,
) -> Iterator[r.Delivery]:
    """``n_saker`` synthetic deliveries (one Sak each), deterministic from ``seed``.

    ``municipalities`` restricts the Avgiver to these kommunenummer from ``KOMMUNER``
    (weighted by population); ``as_of`` is the extract date (default 31.12.``year``).
    """
    if not 0.0 <= error_rate <= 1.0:
        raise ValueError("error_rate må være mellom 0 og 1.")
    chosen = KOMMUNER
    if municipalities is not None:
        by_number = {k.nummer: k for k in KOMMUNER}
        unknown = [m for m in municipalities if m not in by_number]
        if unknown:
            raise ValueError(f"Ukjent kommunenummer: {', '.join(unknown)}.")
        chosen = tuple(by_number[m] for m in municipalities)
    corpus = _Corpus(seed, year, as_of or date(year, 12, 31), chosen, error_rate)
    for _ in range(n_saker):
        avgiver = corpus.avgiver()
        start, born = _pick_dates(corpus)
        sak = _Case(corpus, avgiver).build(start, born)
        delivery = r.Delivery(
            avgiver=avgiver,
            sak=sak,
            id=corpus.uid(),
            dato_uttrekk=corpus.uttrekk,
            forrige_id=corpus.uid() if len(sak.meldinger) + len(sak.tiltak) > 1 else None,
            fagsystem=FAGSYSTEM,
            source="bvr-v4",
        )
        if error_rate and corpus.rng.random() < error_rate:
            delivery = inject_error(delivery, corpus.rng)
        yield delivery


def write_corpus(
    out_dir: str | Path,
    n: int,
    seed: int,
    *,
    year: int = 2026,
    municipalities: Sequence[str] | None = None,
    error_rate: float = 0.0,
) -> int:
    """Write ``n`` generated documents under ``out_dir/<kommunenummer>/<sak-id>.xml``.

    Returns the number of files written.
    """
    root = Path(out_dir)
    count = 0
    made: set[str] = set()
    for delivery in generate(n, seed, year=year, municipalities=municipalities, error_rate=error_rate):
        folder = delivery.avgiver.kommunenummer
        if folder not in made:
            (root / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        (root / folder / f"{delivery.sak.id}.xml").write_bytes(write_bvr(delivery))
        count += 1
    return count
