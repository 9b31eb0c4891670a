"""Where each deadline rule comes from: its wording per period and the sources read.

A rule can have several wordings: barnevernloven 1992 (LOV-1992-07-17-100) up to 2022-12-31,
barnevernsloven 2021 (lov 18. juni 2021 nr. 97, LOV-2021-06-18-97) from 2023-01-01, the
foster-home regulations of 2003 and 2023, and later amendments. :class:`Wording` records the
paragraph and ledd, the period it was in force, what it says about the time limit, and the
sources that were read for it (keys into :data:`SOURCES`). A deadline picks the wording in force
on its event date (``RuleSpec.wording_on``).

``verified`` is True when a source read states the paragraph and the time limit (an official
source, or a secondary one that quotes the text; :data:`SOURCES` says which kind). When no
source could be found after a real search, ``verified`` is False and ``searched_nb`` says what
was searched; only then does the worklist show «⚠ ikke verifisert regel». The searches were made
in this project's stored copies of public pages (lovdata.no, regjeringen.no, stortinget.no,
bufdir.no, nemnd, Helsetilsynet and municipal pages, law blogs) in December 2026; the full
log is in ``docs/deadlines.md`` («Kilder og søk»).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["SOURCES", "Source", "Wording", "source_line"]


@dataclass(frozen=True, slots=True)
class Source:
    """A document read: ``kind`` is ``lovtekst`` (the law text itself), ``offisiell`` (Lovdata,
    regjeringen, Stortinget, Bufdir, SSB, a nemnd or supervisory authority), ``sekundær`` (a law
    blog, a lawyer's or a municipality's page quoting the rule) or ``referanse`` (this project's
    reference notes)."""

    key: str
    title: str
    url: str
    kind: str = "offisiell"


@dataclass(frozen=True, slots=True)
class Wording:
    """One wording of a rule, in force from ``valid_from`` to ``valid_to`` (both inclusive;
    ``None`` = open)."""

    paragraph: str
    valid_from: date | None
    valid_to: date | None
    text_nb: str
    sources: tuple[str, ...]
    verified: bool = True
    searched_nb: str = ""

    def in_force_on(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


_S = Source
SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        _S(
            "PROP133-8",
            "Prop. 133 L (2020–2021) kap. 8 «Bekymringsmelding og undersøkelse» (pkt. 8.1.1.2 siterer "
            "bvl. 1992 § 4-2 første ledd: «snarest, og senest innen en uke»)",
            "https://www.regjeringen.no/no/dokumenter/prop.-133-l-20202021/id2842271/?ch=8",
        ),
        _S(
            "PROP133-10",
            "Prop. 133 L (2020–2021) kap. 10 «Akuttiltak»",
            "https://www.regjeringen.no/no/dokumenter/prop.-133-l-20202021/id2842271/?ch=10",
        ),
        _S(
            "BUFDIR-MELDER",
            "Bufdir, «Tilbakemelding til den som har meldt bekymring til barnevernstjenesten»: "
            "tilbakemelding senest innen tre uker etter mottak; melder etter bvl. 1992 § 6-4 første "
            "og sjette ledd får også vite om undersøkelse er åpnet, og ny tilbakemelding innen tre "
            "uker etter at undersøkelsen er avsluttet (henlagt eller fulgt opp videre)",
            "https://bufdir.no/fagstotte/produkter/barn_med_nedsatt_funksjonsevne___veileder_barnevern_og_helse__og_omsorgstjenester/bekymringsmelding_fra_helse__og_omsorgstjenesten/tilbakemelding_til_den_som_har_meldt_bekymring_til_barnevernstjenesten/",
        ),
        _S(
            "REGJ-MELDINGER",
            "Regjeringen, tema «Bekymringsmeldinger»: plikt til tilbakemelding, «jf. barnevernloven § 6-7 a»",
            "https://www.regjeringen.no/no/tema/familie-og-barn/barnevern/ansvarsfordelinga-i-barnevernet1/bekymringsmeldinger-til-barnevernet/id2354537/",
        ),
        _S(
            "OTPRP69-7",
            "Ot.prp. nr. 69 (2008–2009) kap. 7 «Plikt for barneverntjenesten til å gi tilbakemelding "
            "til melder» (forarbeidet til bvl. 1992 § 6-7 a)",
            "https://regjeringen.no/no/dokumenter/otprp-nr-69-2008-2009-/id556260/?ch=7",
        ),
        _S(
            "LILLEHAMMER-MELDER",
            "Lillehammer kommune, «Slik følger barnevernet opp bekymringsmeldingen din» (offentlig "
            "melder: ny tilbakemelding innen tre uker etter gjennomført undersøkelse)",
            "https://www.lillehammer.kommune.no/slik-foelger-barnevernet-opp-bekymringsmeldingen-din.6116388-461198.html",
            "sekundær",
        ),
        _S(
            "BUFDIR-SNAREST",
            "Bufdir, «Vurdere meldingen snarest» (snarest og senest innen en uke)",
            "https://www.bufdir.no/fagstotte/produkter/barn_med_nedsatt_funksjonsevne___veileder_barnevern_og_helse__og_omsorgstjenester/bekymringsmelding_fra_helse__og_omsorgstjenesten/vurdere_meldingen_snarest/",
        ),
        _S(
            "HEIM-2-1",
            "Heim kommune, «Gjennomgang av melding» (bvl. § 2-1)",
            "https://www.heim.kommune.no/gjennomgang-av-melding.505895.no.html",
            "sekundær",
        ),
        _S(
            "NYBVL-2-2",
            "nybarnevernlov.no om § 2-1 og § 2-2 (tre måneder fra utløpet av fristen i § 2-1; plan for "
            "undersøkelsen)",
            "https://nybarnevernlov.no/tag/klar-innsikt-i-barnets-situasjon",
            "sekundær",
        ),
        _S(
            "BUFDIR-RUNDSKRIV-5",
            "Bufdir, saksbehandlingsrundskrivet kap. 5 «Barneverntjenestens undersøkelse» (bvl. 1992 § 6-9: "
            "tre måneder, i særlige tilfeller seks)",
            "https://bufdir.no/fagstotte/produkter/saksbehandlingsrundskrivet/5_barneverntjenestens_undersokelse/barneverntjenestens_undersokelse/",
        ),
        _S(
            "ADV-1992-KONKL",
            "barnevernsadvokat.no (1992-loven: tre måneder «fra konklusjonsdato»)",
            "http://barnevernsadvokat.no/index.php?site=default/724/732",
            "sekundær",
        ),
        _S(
            "SSB-PLANTYPE",
            "SSB, BVR kodeliste «Plantype» (schema 4): 1 § 8-1 (tidl. 1992 § 4-5), 3 1992 § 4-15 tredje "
            "ledd, "
            "4 § 8-3 fjerde ledd, 7 § 2-2 tredje ledd, 8 § 8-2 tredje ledd",
            "shared/reference/ssb-barnevern/kodelister/Kodelister.md",
        ),
        _S(
            "Q0982-7",
            "Retningslinjer om hjelpetiltak (Q-0982), kap. 7: tiltaksplan samtidig med vedtaket, «bør som "
            "hovedregel evalueres hvert kvartal»",
            "https://www.regjeringen.no/no/dokumenter/retningslinjer-om-hjelpetiltak-jf.-barnevernloven--4-4/id2482116/?ch=7",
        ),
        _S(
            "BUFDIR-PLANER",
            "Bufdir, Samhandlingsforløp fosterhjem, «Tiltaksplan og omsorgsplan»: planene «bør lages før "
            "barnet flytter inn»",
            "https://www.bufdir.no/fagstotte/produkter/barn_som_flytter_i_fosterhjem___samhandlingsforlop/fase_1_forberedelser/tiltaksplan_og_omsorgsplan/",
        ),
        _S(
            "BRA-4-13",
            "barnerettsadvokater.no, «Barnevernloven § 4-13 med lovkommentar» (vedtak om omsorgsovertakelse "
            "faller bort om det ikke er iverksatt innen seks uker fra vedtakstidspunktet; nemndsleder kan "
            "forlenge ved særlige grunner)",
            "http://www.barnerettsadvokater.no/barnevernloven-13/",
            "sekundær",
        ),
        _S(
            "BVL1992-4-6",
            "Bvl. 1992 § 4-6 gjengitt (fjerde ledd: begjæring «snarest, og senest innen seks uker, men "
            "innen to "
            "uker hvis det gjelder tiltak etter § 4-24»; femte ledd: vedtaket faller bort)",
            "http://www.barnefjern.org/barnevernloven-%c2%a7-4-6/ ; "
            "https://austinlyngmyr.no/artikler/akuttvedtak-etter-barnevernloven/",
            "sekundær",
        ),
        _S(
            "BUFDIR-AKUTT-1992",
            "Bufdir, «Akuttplassering ved tvang etter barnevernloven § 4-6 andre ledd og unntaksvis § "
            "4-25 annet ledd»",
            "https://www.bufdir.no/en/fagstotte/produkter/mindrearige_ofre_for_menneskehandel/tiltak_etter_barnevernloven/akuttplassering_ved_tvang_etter_barnevernloven__4_6_andre_ledd_og_unntaksvis_barnevernloven__4_25_annet_ledd/",
        ),
        _S(
            "BRB-4-2",
            "barnerettsbloggen.no, «Om akuttvedtak» (bvl. § 4-2: begjæring innen seks uker, ellers faller "
            "vedtaket bort; seks måneder når barnet har vanlig bosted i en annen stat)",
            "https://barnerettsbloggen.no/tag/advokat-akuttvedtak/",
            "sekundær",
        ),
        _S(
            "BVHN-AKUTT",
            "Barneverns- og helsenemnda, «Akuttvedtak» (godkjenning snarest, om mulig innen 48 timer)",
            "https://www.bvhn.no/akuttvedtak.568836.no.html",
        ),
        _S(
            "NYBVL-4-4",
            "nybarnevernlov.no, «Barnevernsloven § 4-4: akuttvedtak om plassering i barnevernsinstitusjon» "
            "(begjæring om tiltak etter § 6-2 innen to uker, ellers opphører vedtaket)",
            "https://nybarnevernlov.no/tag/myndighet",
            "sekundær",
        ),
        _S(
            "INNST524L",
            "Innst. 524 L (2024–2025), «Endringer i barnevernsloven mv. (kvalitetsløftet i barnevernet)»: "
            "kap. 6 får ny overskrift og ny § 6-2 «Vedtak om opphold i barnevernsinstitusjon uten samtykke»; "
            "«Oppholdstiden etter akuttvedtak etter § 4-4 skal inngå i den totale oppholdstiden»",
            "https://www.stortinget.no/no/Saker-og-publikasjoner/Publikasjoner/Innstillinger/Stortinget/2024-2025/inns-202425-524l?all=true",
        ),
        _S(
            "LOV-2025-06-20-39",
            "Lov 20. juni 2025 nr. 39 om endringer i barnevernsloven (lovvedtaket etter Innst. 524 L), "
            "gjengitt",
            "https://norgeslover.no/endring.php?id=LTI%2Flov%2F2025-06-20-39",
            "sekundær",
        ),
        _S(
            "REGJ-2026",
            "Regjeringen, «Endringer i lover og regler fra 1.1.2026»: kvalitetsløftet i barnevernet "
            "(kompetansekrav fra 2031 bare for leder og stedfortreder, klagerett på flytting m.m.)",
            "https://www.regjeringen.no/no/dokument/lover_regler/endringer/endringer-i-lover-og-regler-fra-1.1.2026/id3141571",
        ),
        _S(
            "BVL1992-4-6-1",
            "Bvl. 1992 § 4-6 første ledd gjengitt: «de hjelpetiltak som umiddelbart er nødvendige … kan ikke "
            "opprettholdes mot foreldrenes vilje» (ingen frist)",
            "http://www.barnefjern.org/barnevernloven-%c2%a7-4-6/",
            "sekundær",
        ),
        _S(
            "NYBVL-AKUTT",
            "nybarnevernlov.no, akuttvedtak i kapittel 4 (§ 4-1 hjelpetiltak når barnet står uten omsorg; "
            "§ 4-2 regnes som omsorgsovertakelse; godkjenning om mulig innen 48 timer)",
            "https://nybarnevernlov.no/tag/nemnda-risikovurdering",
            "sekundær",
        ),
        _S(
            "WULFF-KLAGE",
            "advokatwulff.no, «Akuttvedtak etter barnevernloven § 4-6 – frist for prøving av klage» "
            "(klage over godkjent akuttvedtak prøves i nemnda innen 1 uke)",
            "https://advokatwulff.no/2015/02/",
            "sekundær",
        ),
        _S(
            "NOU2005-9-18",
            "NOU 2005: 9 kap. 18 «Etterprøving av akuttvedtak» (godkjenning og klage etter 1992-loven)",
            "https://www.regjeringen.no/no/dokumenter/nou-2005-09/id390824/?ch=19",
        ),
        _S(
            "FHF2023-REGJ",
            "Regjeringen, «Forskrift om fosterhjem»: fastsatt 13. oktober 2023 med hjemmel i "
            "barnevernsloven § 9-11 (erstatter forskriften av 18. desember 2003)",
            "https://www.regjeringen.no/no/dokumenter/forskrift-om-fosterhjem/id92232/",
        ),
        _S(
            "NYBVL-FHF10",
            "nybarnevernlov.no, «Oppfølgingsbesøk i fosterhjem»: forskrift om fosterhjem § 10 – besøk så "
            "ofte som nødvendig, minst fire ganger i året, stedlige; kan reduseres når forholdene er gode og "
            "barnet har bodd i fosterhjemmet i mer enn to år",
            "https://nybarnevernlov.no/tag/fosterfamilie-oppfolging",
            "sekundær",
        ),
        _S(
            "FHF2003",
            "Lovdata, FOR-2003-12-18-1659 Forskrift om fosterhjem (i kraft 01.01.2004, hjemmel bvl. 1992 "
            "§ 4-22)",
            "https://lovdata.no/dokument/SF/forskrift/2003-12-18-1659",
        ),
        _S(
            "PROP112-11",
            "Prop. 112 L (2019–2020) kap. 11 «Krav til tilsynsbesøk og oppfølgingsbesøk»: "
            "fosterhjemsforskriften "
            "§ 7 minst 4 besøk i året, kan reduseres til minimum 2; § 9 tilsyn minimum 4 ganger i året, kan "
            "reduseres til minimum 2",
            "https://www.regjeringen.no/no/dokumenter/prop.-112-l-20192020/id2701956/?ch=11",
        ),
        _S(
            "BFD-4-22",
            "Barne- og familiedepartementet, brev 27.04.2005 om bvl. 1992 § 4-22 (forskriften §§ 7–9; "
            "redusert "
            "tilsyn krever barnets samtykke)",
            "https://www.regjeringen.no/no/dokumenter/barnevernloven--4-22-270405/id103053/",
        ),
        _S(
            "REGJ-TILSYN",
            "Regjeringen, «Tilsyn i fosterhjem» (fosterhjemskommunen fører tilsyn; forskriften §§ 8 og 9)",
            "https://www.regjeringen.no/no/tema/familie-og-barn/barnevern/fosterheim-og-fosterheimsavtala/tilsyn-i-fosterhjem/id2339664/",
        ),
        _S(
            "REGJ-OVER18",
            "Regjeringen, «Tiltak i barnevernet for ungdom over 18 år»",
            "https://www.regjeringen.no/no/tema/familie-og-barn/barnevern/tiltak-i-barnevernet-for-ungdom-over-18-/id670234/",
        ),
        _S(
            "PROP84-3",
            "Prop. 84 L (2019–2020) kap. 3 (ettervern til 25 år fra 1. januar 2021)",
            "https://www.regjeringen.no/no/dokumenter/prop.-84-l-20192020/id2698870/?ch=3",
        ),
        _S(
            "REF-FAGSYSTEM",
            "Prosjektets referanse shared/reference/fagsystem.md §2 (bvl. § 3-6 tiltak etter 18 år; Prop. "
            "133 L, "
            "merknad til § 1-2)",
            "shared/reference/fagsystem.md",
            "referanse",
        ),
        _S(
            "DOML-148",
            "Domstolloven §§ 148–149 (fristberegning), gjengitt i straffeloven § 13-kommentar og jusinfo.no",
            "https://lovdata.no/dokument/NL/lov/1915-08-13-5/KAPITTEL_10 ; "
            "https://www.advokat-teigstad.no/straffeloven-13/",
            "sekundær",
        ),
        _S(
            "JURIDIKA-2021",
            "Juridika, Lov 18. juni 2021 nr. 97 om barnevern (lovteksten; § 1-2 første ledd: «Tiltak etter "
            "§ 3-6 kan iverksettes overfor ungdom inntil de har fylt 25 år»)",
            "https://juridika.no/no/lov/2021-06-18-97",
            "lovtekst",
        ),
        _S(
            "JURIDIKA-1992",
            "Juridika, barnevernloven 1992 (opphevet; § 1-3 annet ledd: tiltak kan opprettholdes eller "
            "erstattes «inntil barnet har fylt 25 år»)",
            "https://juridika.no/no/lov/1992-07-17-100",
            "lovtekst",
        ),
        _S(
            "BUFDIR-NYLOV",
            "Bufdir, «Ny barnevernslov» (i kraft 1. januar 2023; fosterhjemsforskriften m.fl. videreført "
            "med tekniske endringer)",
            "https://bufdir.no/fagstotte/barnevern-oppvekst/ny-barnevernslov",
        ),
    )
}


def source_line(key: str) -> str:
    """«title – url (kind)» for docs and docstrings."""
    s = SOURCES[key]
    return f"{s.title} – {s.url} ({s.kind})"
