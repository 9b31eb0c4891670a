"""Demo status reports for 2022: drafts for both services with the leaders' text adapted from
the seeds, the duties checklist, and one issued edition (Nord-Østerdal 2022, public, nr. 1).

Issuing assembles every figure, so this loader must run after every other demo loader: the
other demo modules are imported (and so registered) before this one registers itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime, time

from django.utils import timezone

from barnevern import demo
from barnevern.accounts.models import User
from barnevern.organisation.models import Kommune, Tjeneste
from barnevern.reports import duties, services
from barnevern.reports.models import Plikt, Rapport, RapportUtgave, Versjon

for _module in sorted(m.name for m in pkgutil.iter_modules(demo.__path__)):
    if _module != __name__.rsplit(".", 1)[-1]:
        importlib.import_module(f"barnevern.demo.{_module}")

YEAR = 2022
ISSUED = date(YEAR + 1, 3, 1)

TEXTS = {
    "nord-osterdal": {
        "utfordringer": (
            "Oppvekstreformen trådte i kraft 1. januar 2022 og gir kommunene et større faglig og "
            "økonomisk ansvar for barnevernet. Det stiller krav til kommunens styring, til ledelsen i "
            "barnevernet og til det samlede familiestøttende arbeidet.\n\n"
            "- Implementering av tiltakene i den strategiske planen\n"
            "- Internkontroll satt i system\n"
            "- Nytt fagsystem\n"
            "- Nasjonalt forløp for barnevern\n"
            "- Kompetansekravene i barnevernet\n"
            "- Personellsituasjonen: tilgang på kvalifiserte arbeidstakere og oppdragstakere"
        ),
        "tiltak": (
            "Tjenesten har arbeidet med oppvekstreformen over flere år:\n\n"
            "- Barnevernskonferanser og ledersamlinger med Statsforvalteren\n"
            "- «Prosjekt omsorgspakka» og møter med Bufetat\n"
            "- Personalmøter, fagdager og faglig påfyll\n"
            "- Ansatte i omsorgsteamet er blitt kursholdere i TBO-F og Trygg base, og kurs er holdt\n"
            "- Regelmessig orientering til kommuneledelsen\n"
            "- Strategisk plan for tverrfaglig samarbeid og forebyggende innsats"
        ),
        "samarbeid": (
            "Økonomien rapporteres månedlig til eierkommunene, og store endringer i kostnadsbildet "
            "rapporteres fortløpende. Tjenesten møter kommunedirektørene og økonomi to ganger i året, "
            "og kommunedirektør og ordfører én gang i året.\n\n"
            "Tjenesten deltar i de tverrfaglige samhandlingsteamene og har tilbudt å legge fram "
            "tilstandsrapporten i alle kommunestyrene."
        ),
        "veien_videre": (
            "Arbeidet med planen for forebyggende arbeid startet sommeren 2022, med samme plan for "
            "alle fem kommunene og bistand fra KS. Planen ses i sammenheng med kompetanseløftet og den "
            "nylig avsluttede piloten i Tynset.\n\n"
            "Tidlig innsats som er godt tilpasset barn, unge og familiers behov er først og fremst en "
            "investering i innbyggernes velferd, men kan også spare kommunene for mer inngripende og "
            "kostbare tiltak senere."
        ),
        "utenfor_antall": 1057,
        "utenfor_grunnlag": (
            "15,5 % av befolkningen 16–66 år er ikke i utdanning eller arbeid (alle fem kommuner)."
        ),
    },
    "oppdal-rennebu": {
        "utfordringer": (
            "Reformen er møtt uten styrking av tjenesten fra stat eller kommune, samtidig som "
            "oppgavene har økt. Underbemanning og sykefravær fører til at noen barn og familier ikke "
            "får rett hjelp til rett tid slik loven krever:\n\n"
            "- Dårligere kvalitet på noen undersøkelsessaker\n"
            "- Manglende evaluering av tiltaksplaner i rett tid\n"
            "- Saker som skal fremmes for barneverns- og helsenemnda blir forsinket\n"
            "- Økt sårbarhet for avvik ved vakanser og alvorlige saker\n"
            "- Manglende samlokalisering med helsestasjon og psykisk helse og rus"
        ),
        "tiltak": (
            "Tjenesten har beholdt bemanningen fra 2021, selv om omfordelingen av øremerkede midler "
            "ga lavere overføringer fra staten.\n\n"
            "- Familiesenter i Oppdal som tverrfaglig lavterskeltilbud til alle barnefamilier\n"
            "- «Sett i Oppdal» og «Sjå me i Rennebu» for kompetanse, samarbeid og tidlig innsats\n"
            "- Statlig finansiert prosjektstilling som interkommunal fosterhjemsveileder"
        ),
        "samarbeid": (
            "Årlige samarbeidsmøter på administrativt nivå viser bred enighet om å beholde og "
            "utvikle den interkommunale tjenesten. Tjenesten deltar i samarbeidsforaene i begge "
            "kommunene: skole, barnehage, psykisk helse og rus, familievernkontor, helsestasjon og BUP."
        ),
        "veien_videre": (
            "Den økonomiske usikkerheten ved institusjons- og fosterhjemsbruk er flyttet fra staten til "
            "kommunene. Kommunene må sikre at kompensasjonen gjennom rammeoverføringene brukes på "
            "barnevernet, og vurdere flere stillinger: nestleder eller fagleder, fosterhjemsveileder "
            "og hjemkonsulent.\n\n"
            "Plan for forebyggende arbeid skal vedtas av kommunestyrene, og kommunestyrene skal få "
            "denne rapporten hvert år."
        ),
        "utenfor_antall": None,
        "utenfor_grunnlag": "",
    },
}

# (duty, municipality number or None, answer, date, comment)
DUTIES = {
    "nord-osterdal": [
        *(
            (
                Plikt.Kode.FOREBYGGINGSPLAN,
                nr,
                Plikt.Svar.NEI,
                None,
                "Felles plan for de fem kommunene; arbeidet startet sommeren 2022.",
            )
            for nr in ("3427", "3424", "3426", "3428", "3429")
        ),
        *(
            (
                Plikt.Kode.TILSTANDSRAPPORT,
                nr,
                Plikt.Svar.NEI,
                None,
                "Tjenesten har tilbudt å legge fram rapporten i kommunestyret.",
            )
            for nr in ("3427", "3424", "3426", "3428", "3429")
        ),
        (Plikt.Kode.BEREDSKAP, None, Plikt.Svar.JA, None, "Tilgjengelig til enhver tid."),
        (Plikt.Kode.BARNEVERNVAKT, None, Plikt.Svar.JA, None, "Interkommunal vakt utenom kontortid."),
    ],
    "oppdal-rennebu": [
        (Plikt.Kode.FOREBYGGINGSPLAN, "5021", Plikt.Svar.NEI, None, "Ikke vedtatt."),
        (Plikt.Kode.FOREBYGGINGSPLAN, "5022", Plikt.Svar.NEI, None, "Ikke vedtatt."),
        (Plikt.Kode.TILSTANDSRAPPORT, "5021", Plikt.Svar.NEI, None, "Ikke ennå gjennomført."),
        (Plikt.Kode.TILSTANDSRAPPORT, "5022", Plikt.Svar.NEI, None, "Ikke ennå gjennomført."),
        (
            Plikt.Kode.BEREDSKAP,
            None,
            Plikt.Svar.JA,
            None,
            "Tilgjengelig til enhver tid; ikke kompensert fra staten.",
        ),
        (
            Plikt.Kode.BARNEVERNVAKT,
            None,
            Plikt.Svar.JA,
            date(2022, 1, 1),
            "Egen barnevernsvakt, om lag ¼ million kroner i året.",
        ),
    ],
}

LEDERE = {"nord-osterdal": "leder.no", "oppdal-rennebu": "leder.or"}


@demo.register("reports")
def load(today: date) -> None:
    for slug, texts in TEXTS.items():
        tjeneste = Tjeneste.objects.get(slug=slug)
        leder = User.objects.filter(username=LEDERE[slug]).first()
        for versjon in (Versjon.OFFENTLIG, Versjon.INTERN):
            rapport, _ = services.get_or_create_draft(tjeneste, YEAR, None, versjon, leder)
            Rapport.objects.filter(pk=rapport.pk, revisjon=1).update(**texts)
        kommuner = {k.nummer: k for k in Kommune.objects.filter(nummer__in=tjeneste.kommunenumre())}
        duties.save_duties(
            tjeneste,
            YEAR,
            [
                (code, kommuner[nr] if nr else None, svar, dato, text)
                for code, nr, svar, dato, text in DUTIES[slug]
            ],
            leder,
        )
    tjeneste = Tjeneste.objects.get(slug="nord-osterdal")
    if not RapportUtgave.objects.filter(tjeneste=tjeneste, ar=YEAR).exists():
        rapport = Rapport.objects.get(tjeneste=tjeneste, ar=YEAR, kommune=None, versjon=Versjon.OFFENTLIG)
        day = min(today, ISSUED)  # issued for the councils' spring meetings after the year
        issued = timezone.make_aware(datetime.combine(day, time(12, 0)))
        leder = User.objects.filter(username=LEDERE["nord-osterdal"]).first()
        services.issue(rapport, leder, day, now=issued)
