"""Demo casework: parties, journal entries, letters and an incoming scan on some demo cases.

All text is synthetic and every name invented; identity numbers are Test-Norge numbers
(``rules.identity.synthetic_fnr``). Per service: three cases assigned to a case worker, two
cases with a vedtak and the newest cases get parties and journal entries; a few get a sent
acknowledgement to the melder, a notice of investigation, vedtak letters waiting for approval
and an incoming scan, so the case page, the letters, innsyn and the archive extract have
something to show.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from barnevern.accounts.models import User
from barnevern.audit.actor import acting
from barnevern.cases import models as cm
from barnevern.casework import letters, services
from barnevern.demo import register
from barnevern.organisation.models import Tjeneste
from barnevern.rules.identity import synthetic_fnr

CASES_PER_SERVICE = 8
MOTHERS = ("Hege", "Lene", "Siri", "Trine", "Mette", "Randi", "Nina", "Guri")
FATHERS = ("Geir", "Rune", "Terje", "Odd", "Arne", "Stig", "Jens", "Tor")
SCHOOLS = ("Tynset barneskole", "Alvdal skule", "Oppdal helsestasjon", "Rennebu barnehage", "Folldal skole")
PNG_SCAN = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)

ENTRIES = (
    (
        "samtale_barn",
        4,
        "Samtale med barnet på skolen",
        "Samtale alene med barnet i et grupperom på skolen. "
        "Barnet var åpent og fortalte om hverdagen hjemme.",
        "Barnet fikk vite hvorfor barneverntjenesten kom, og at det barnet sier kan bli skrevet ned.",
        "Barnet sier at det er fint hjemme, men at det blir mye krangling om kveldene. "
        "Vil gjerne ha noen å snakke med.",
    ),
    (
        "hjemmebesok",
        9,
        "Hjemmebesøk",
        "Avtalt hjemmebesøk. Ryddig bolig. Foreldrene var samarbeidsvillige og "
        "fortalte om en krevende periode med sykdom i familien.",
        "",
        "",
    ),
    (
        "samtale_foreldre",
        12,
        "Samtale med foreldrene",
        "Gjennomgang av bekymringen og videre plan for undersøkelsen. Foreldrene ønsker veiledning.",
        "",
        "",
    ),
    (
        "vurdering",
        15,
        "Vurdering etter hjemmebesøk",
        "Barneverntjenesten vurderer at familien har behov for "
        "foreldreveiledning. Barnets synspunkter er vektlagt.",
        "",
        "",
    ),
    (
        "internt_notat",
        16,
        "Drøfting i team",
        "Saken drøftet i fagteam. Enighet om å tilby hjelpetiltak.",
        "",
        "",
    ),
)


def _when(start: date, days: int, today: date) -> date:
    return min(start + timedelta(days=days), today)


@register("casework")
def load(today: date) -> None:
    with acting(None, "demo"):
        for tjeneste in Tjeneste.objects.order_by("slug"):
            _service(tjeneste, today, random.Random(f"barnevern-demo-casework-{tjeneste.slug}"))  # noqa: S311


def _service(tjeneste: Tjeneste, today: date, rng: random.Random) -> None:
    leder = User.objects.filter(tjeneste=tjeneste, rolle="leder").order_by("username").first()
    live = cm.Sak.objects.filter(tjeneste=tjeneste, er_slettet=False, meldinger__isnull=False).distinct()
    assigned = list(live.exclude(saksbehandler=None).order_by("-start_dato", "journalnummer")[:3])
    taken = [s.pk for s in assigned]
    with_vedtak = list(
        live.filter(vedtak__isnull=False).exclude(pk__in=taken).order_by("-start_dato", "journalnummer")[:2]
    )
    taken += [s.pk for s in with_vedtak]
    newest = list(
        live.exclude(pk__in=taken).order_by("-start_dato", "journalnummer")[: CASES_PER_SERVICE - len(taken)]
    )
    for n, sak in enumerate([*assigned, *with_vedtak, *newest]):
        _case(sak, n, today, rng, leder)


def _case(sak: cm.Sak, n: int, today: date, rng: random.Random, leder: User | None) -> None:
    person = sak.personalia.filter(er_slettet=False).order_by("-start_dato").first()
    melding = sak.meldinger.filter(er_slettet=False).order_by("-start_dato").first()
    if person is None or melding is None:
        return
    worker = sak.saksbehandler or leder
    surname = sak.etternavn or "Demosen"
    services.add_party(
        sak,
        rolle="barn",
        navn=sak.navn or f"Barn {surname}",
        fodselsnummer=person.fodselsnummer,
        foreldreansvar=False,
        today=today,
    )
    mor = services.add_party(
        sak,
        rolle="mor",
        navn=f"{MOTHERS[n % len(MOTHERS)]} {surname}",
        fodselsnummer=synthetic_fnr(date(1983 + n % 10, 1 + n % 12, 3 + n), n % 50, "2"),
        adresse=f"Demovegen {10 + n}",
        postnummer="2500",
        poststed="TYNSET",
        telefon=f"9990{1000 + n}",
        foreldreansvar=True,
        today=today,
    )
    far = services.add_party(
        sak,
        rolle="far",
        navn=f"{FATHERS[n % len(FATHERS)]} {surname}",
        fodselsnummer=synthetic_fnr(date(1980 + n % 10, 1 + (n + 5) % 12, 10 + n), n % 50, "1"),
        adresse=f"Prøvegata {2 + n}",
        postnummer="2560",
        poststed="ALVDAL",
        foreldreansvar=n % 3 != 0,
        today=today,
    )
    melder = services.add_party(
        sak,
        rolle="melder_offentlig",
        navn="Kontaktlærer" if n % 2 else "Helsesykepleier",
        organisasjon=SCHOOLS[n % len(SCHOOLS)],
        adresse="Postboks 1",
        postnummer="2500",
        poststed="TYNSET",
        today=today,
    )
    start = melding.start_dato
    for i, (kind, days, title, text, medvirkning, views) in enumerate(ENTRIES[: 2 + n % 4]):
        day = _when(start, days + i, today)
        services.add_journal_entry(
            sak,
            type=kind,
            dato=day,
            tittel=title,
            tekst=text,
            barnets_medvirkning=medvirkning,
            barnets_synspunkter=views,
            parter=[mor, far] if kind in {"hjemmebesok", "samtale_foreldre"} else [],
            element=melding,
            forfatter=worker,
            today=today,
        )
    if n == 1:
        entry = sak.journalnotater.filter(type="samtale_barn").first()
        if entry:
            services.correct_journal_entry(
                entry,
                grunn="Feil sted for samtalen",
                tekst=entry.tekst.replace("et grupperom", "helsesykepleiers kontor"),
                forfatter=worker,
                today=today,
            )
    if worker is None:
        return
    if n < 3:  # the acknowledgement to the public melder, sent
        dok = letters.draft_letter(sak, "kvittering_melder", user=worker, today=today, mottaker=melder)
        letters.finalize(dok, user=worker, today=today)
    und = sak.undersokelser.filter(er_slettet=False).order_by("-start_dato").first()
    if und is not None and n == 0:
        dok = letters.draft_letter(sak, "varsel_undersokelse", user=worker, today=today, mottaker=mor)
        letters.finalize(dok, user=worker, today=today)
    vedtak = sak.vedtak.filter(er_slettet=False).order_by("-start_dato").first()
    if vedtak is not None and leder is not None:  # a vedtak letter waiting for the leader's approval
        dok = letters.draft_letter(
            sak,
            "vedtak_hjelpetiltak",
            user=worker,
            today=today,
            mottaker=mor,
            element=vedtak,
            data={
                "tiltak": "Foreldreveiledning (ICDP) hver andre uke i seks måneder.",
                "hjemmel": "barnevernsloven § 3-1",
                "begrunnelse": "Undersøkelsen viser at foreldrene trenger støtte i en krevende periode.",
                "barnets_synspunkter": "Barnet ønsker mindre krangling hjemme; dette er vektlagt.",
            },
        )
        letters.submit_for_approval(dok, user=worker)
    if n == 3:
        services.store_incoming_document(
            sak,
            content=PNG_SCAN,
            filnavn="skannet-rapport.png",
            tittel="Rapport fra skolen",
            dato=_when(start, 6, today),
            avsender=melder.organisasjon,
            element=melding,
            forfatter=worker,
            today=today,
        )
    del rng
