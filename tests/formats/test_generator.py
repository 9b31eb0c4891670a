import importlib
import pkgutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from barnevern import records as r
from barnevern.formats.bvr_reader import iter_bvr_files
from barnevern.formats.bvr_writer import write_bvr
from barnevern.formats.generator import KOMMUNER, generate, write_corpus
from barnevern.formats.generator_data import choose_code, orgnr_is_valid
from barnevern.formats.generator_errors import INJECTORS
from barnevern.formats.xmlsafe import parse_bytes
from barnevern.formats.xsd import validate_xsd
from barnevern.rules.codes import check_code
from barnevern.rules.identity import is_valid_fodselsnummer, validate_duf

N = 400


@pytest.fixture(scope="module")
def corpus() -> list[r.Delivery]:
    return list(generate(N, seed=42))


def test_same_seed_same_bytes_other_seed_other_bytes():
    first = [write_bvr(d) for d in generate(25, seed=1)]
    assert first == [write_bvr(d) for d in generate(25, seed=1)]
    assert first != [write_bvr(d) for d in generate(25, seed=2)]


def test_every_document_is_valid_v4(corpus):
    assert corpus, "the generated corpus is empty"
    for delivery in corpus:
        errors = validate_xsd(parse_bytes(write_bvr(delivery), "g.xml"), "bvr-v4")
        assert errors == [], (delivery.sak.id, errors[:3])


def test_ids_are_unique_uuid4(corpus):
    ids = [d.id for d in corpus] + [d.sak.id for d in corpus]
    ids += [m.id for d in corpus for m in d.sak.meldinger] + [t.id for d in corpus for t in d.sak.tiltak]
    assert len(ids) == len(set(ids))
    assert all(len(i) == 36 and i[14] == "4" and i[19] in "89ab" for i in ids)


def test_municipalities_are_real_numbers_with_valid_orgnr():
    assert len(KOMMUNER) >= 50
    numbers = {k.nummer for k in KOMMUNER}
    assert {"3424", "3426", "3427", "3428", "3429", "5021", "5022", "0301", "4601", "5001"} <= numbers
    assert len(numbers) == len(KOMMUNER)
    assert all(orgnr_is_valid(k.organisasjonsnummer) for k in KOMMUNER)
    assert {k.nummer for k in KOMMUNER if k.bydeler} == {"0301", "4601", "5001"}


@pytest.mark.parametrize(
    ("orgnr", "valid"),
    [("958935420", True), ("958935421", False), ("95893542", False), ("9589354200", False)],
)
def test_orgnr_check(orgnr, valid):
    assert orgnr_is_valid(orgnr) is valid


def test_cases_are_spread_over_many_municipalities(corpus):
    counts = Counter(d.avgiver.kommunenummer for d in corpus)
    assert len(counts) >= 30
    assert counts.most_common(1)[0][0] == "0301"
    oslo = [d.avgiver for d in corpus if d.avgiver.kommunenummer == "0301"]
    assert all(a.bydelsnummer and a.bydelsnavn for a in oslo)


def test_municipalities_can_be_restricted():
    chosen = {d.avgiver.kommunenummer for d in generate(60, seed=3, municipalities=["3427", "3428"])}
    assert chosen == {"3427", "3428"}
    with pytest.raises(ValueError, match="Ukjent kommunenummer: 9999"):
        list(generate(1, seed=3, municipalities=["9999"]))


def test_identity_numbers_are_synthetic_and_consistent(corpus):
    fnrs = []
    for delivery in corpus:
        (person,) = delivery.sak.personalia
        assert is_valid_fodselsnummer(person.fodselsnummer)
        assert int(person.fodselsnummer[2:4]) > 80  # Test-Norge: month + 80
        assert person.fodselsnummer[:2] == f"{person.fodseldato.day:02d}"
        assert int(person.fodselsnummer[8]) % 2 == (1 if person.kjonn == "1" else 0)
        if person.duf_nummer:
            assert validate_duf(person.duf_nummer)
        fnrs.append(person.fodselsnummer)
    assert len(set(fnrs)) == len(fnrs)


def test_extract_date_and_ages(corpus):
    assert corpus, "the generated corpus is empty"
    for delivery in corpus:
        assert delivery.dato_uttrekk.isoformat() == "2026-12-31T23:00:00+01:00"
        born = delivery.sak.personalia[0].fodseldato
        assert born < delivery.sak.start_dato
        assert (date(2026, 12, 31) - born).days < 23 * 366


def relations(sak: r.SakRecord) -> set[tuple[str, str, str, str]]:
    return {(x.fra_type, x.fra_id, x.til_type, x.til_id) for x in sak.relasjoner}


def test_case_shapes_follow_the_relation_rules(corpus):
    assert corpus, "the generated corpus is empty"
    for delivery in corpus:
        sak = delivery.sak
        links = relations(sak)
        vedtak = {v.id: v for v in sak.vedtak}
        for u in sak.undersokelser:
            assert any(f == "Melding" and t == "Undersokelse" and ti == u.id for f, _, t, ti in links)
            if u.konklusjon and u.konklusjon.kode in ("1", "2"):
                assert u.vedtaksgrunnlag
                assert any(fi == u.id and t == "Vedtak" for _, fi, t, _ in links)
        for t in sak.tiltak:
            (vedtak_id,) = [fi for f, fi, tt, ti in links if f == "Vedtak" and ti == t.id]
            hjemmel = vedtak[vedtak_id].lovhjemmel
            assert (t.lovhjemmel.lov, t.lovhjemmel.kapittel, t.lovhjemmel.paragraf) == (
                hjemmel.lov,
                hjemmel.kapittel,
                hjemmel.paragraf,
            )
        for v in sak.vedtak:
            if any(s.kode == "2" for s in v.status):
                assert any(fi == v.id and t == "OversendelseFylkesnemnd" for _, fi, t, _ in links)


def test_realistic_mix(corpus):
    saker = [d.sak for d in corpus]
    meldinger = [m for s in saker for m in s.meldinger if m.konklusjon]
    investigated = sum(m.konklusjon.kode == "2" for m in meldinger) / len(meldinger)
    assert 0.3 < investigated < 0.6
    assert sum(bool(s.tiltak) for s in saker) / len(saker) > 0.15
    tiltak = [t for s in saker for t in s.tiltak]
    assert any(t.tilsyn and t.tilsyn.utfort for t in tiltak)
    assert any(t.oppfolging and t.oppfolging.utfort for t in tiltak)
    assert any(t.opphevelse for t in tiltak)
    assert any(s.flyttinger for s in saker)
    assert any(s.ettervern for s in saker)
    assert any(s.oversendelser for s in saker)
    assert any(s.planer for s in saker)
    assert any(u.medvirkning_type for s in saker for u in s.undersokelser)
    assert any(u.utvidet_frist for s in saker for u in s.undersokelser)
    closed = sum(s.slutt_dato is not None for s in saker) / len(saker)
    assert 0.3 < closed < 0.9


def coded(sak: r.SakRecord):
    """(list, code, date the code must be valid on) for every coded value in a case."""
    for m in sak.meldinger:
        yield from (("melder", k.kode, m.start_dato) for k in m.melder)
        yield from (("saksinnhold", k.kode, m.start_dato) for k in m.saksinnhold)
        if m.konklusjon:
            yield "melding_konklusjon", m.konklusjon.kode, m.konklusjon.slutt_dato
    for u in sak.undersokelser:
        yield from (("vedtaksgrunnlag", k.kode, u.start_dato) for k in u.vedtaksgrunnlag)
        if u.konklusjon:
            yield "undersokelse_konklusjon", u.konklusjon.kode, u.konklusjon.slutt_dato
        if u.medvirkning_type:
            yield "medvirkning", u.medvirkning_type, u.medvirkning_dato
    for p in sak.planer:
        yield "plantype", p.plantype, p.start_dato
    for t in sak.tiltak:
        yield "kategori", t.kategori.kode, t.start_dato
        yield "lov", t.lovhjemmel.lov, t.start_dato
        yield from (("tiltaksgrunnlag", k.kode, t.start_dato) for k in t.tiltaksgrunnlag)
        if t.tilsyn:
            yield from (("tilsyn_hyppighet", h.kode, h.start_dato) for h in t.tilsyn.hyppighet)
        if t.oppfolging:
            yield from (("oppfolging_hyppighet", h.kode, h.start_dato) for h in t.oppfolging.hyppighet)
        if t.opphevelse:
            yield "opphevelse", t.opphevelse.kode, t.konklusjon.slutt_dato
    for v in sak.vedtak:
        yield "lov", v.lovhjemmel.lov, v.start_dato
        yield from (("vedtak_status", s.kode, s.endret_dato) for s in v.status)
    for f in sak.flyttinger:
        yield "arsak_fra", f.arsak_fra.kode, f.slutt_dato
        yield "flytting_til", f.flytting_til.kode, f.slutt_dato
    for e in sak.ettervern:
        if e.konklusjon:
            yield "ettervern_konklusjon", e.konklusjon.kode, e.konklusjon.slutt_dato


def test_codes_are_valid_on_their_dates(corpus):
    assert corpus, "the generated corpus is empty"
    for delivery in corpus:
        for list_key, code, day in coded(delivery.sak):
            assert check_code(list_key, code, day) is None, (delivery.sak.id, list_key, code, day)


def test_choose_code_only_draws_valid_codes():
    import random

    rng = random.Random(0)
    assert {choose_code(rng, "melder", date(2024, 6, 1)) for _ in range(300)} >= {"15", "11"}
    assert "15" not in {choose_code(rng, "melder", date(2025, 6, 1)) for _ in range(300)}
    assert all("." in choose_code(rng, "saksinnhold", date(2026, 2, 1)) for _ in range(50))


def bvr_rules():
    package = pytest.importorskip("barnevern.control.bvr")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    from barnevern.control.base import REGISTRY
    from barnevern.control.bvr.context import BvrContext

    rules = REGISTRY.rules("bvr")
    if not rules:
        pytest.skip("no BVR control rules registered yet")
    return rules, BvrContext


def test_generated_cases_pass_the_bvr_control_rules(corpus):
    rules, context = bvr_rules()
    findings = []
    for delivery in corpus:
        ctx = context.build(delivery, file="generert.xml")
        for rule in rules:
            findings.extend(f"{f.rule}: {f.message}" for f in rule.check(ctx))
    assert findings == []


def test_error_rate_breaks_exactly_the_named_rule():
    rules, context = bvr_rules()
    broken = [d for d in generate(120, seed=5, error_rate=0.5) if d.extra]
    assert 30 < len(broken) < 90
    assert {d.extra["generator_error"] for d in broken} <= set(INJECTORS)
    for delivery in broken:
        ctx = context.build(delivery, file="feil.xml")
        fired = {f.rule for rule in rules for f in rule.check(ctx)}
        assert delivery.extra["generator_error"] in fired
        assert validate_xsd(parse_bytes(write_bvr(delivery), "feil.xml"), "bvr-v4") == []


def test_error_rate_is_checked():
    with pytest.raises(ValueError, match="mellom 0 og 1"):
        next(generate(1, seed=1, error_rate=1.5))


def test_write_corpus_writes_one_file_per_case_by_municipality(tmp_path):
    assert write_corpus(tmp_path, 30, seed=9) == 30
    files = sorted(tmp_path.glob("*/*.xml"))
    assert len(files) == 30
    read = list(iter_bvr_files([tmp_path]))
    assert {d.sak.id for d in read} == {f.stem for f in files}
    assert all(f.parent.name == d.avgiver.kommunenummer for f, d in zip(files, read, strict=True))


def test_management_command(tmp_path):
    from django.core.management import call_command

    call_command("generate", "--saker", "5", "--out", str(tmp_path), "--seed", "4", verbosity=0)
    assert len(list(Path(tmp_path).glob("*/*.xml"))) == 5


def test_a_2025_corpus_is_valid_against_v3():
    from barnevern.formats.detect import select_bvr_schema

    corpus = list(generate(40, seed=8, year=2025))
    assert len(corpus) == 40
    for delivery in corpus:
        assert select_bvr_schema(parse_bytes(write_bvr(delivery), "g.xml")) == ("bvr-v3", [])
