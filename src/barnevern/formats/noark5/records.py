"""Plain records of an archive extract (built by the Django side, written by ``writer``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Party:
    navn: str
    rolle: str
    postadresse: str = ""
    postnummer: str = ""
    poststed: str = ""


@dataclass(frozen=True, slots=True)
class DocObject:
    """One version of a document file (``dokumentobjekt``)."""

    system_id: str
    versjonsnummer: int
    format: str
    filename: str  # path inside the extract, e.g. DOKUMENT/2026-0001/1-1.pdf
    sjekksum: str  # SHA-256 hex of the file's bytes
    filstoerrelse: int
    opprettet: datetime
    opprettet_av: str
    content: bytes = field(repr=False, default=b"")


@dataclass(frozen=True, slots=True)
class Record:
    """A journalpost with one document (``dokumentbeskrivelse``) and its versions."""

    system_id: str
    dokument_system_id: str
    journalaar: int
    journalsekvensnummer: int
    journalpostnummer: int
    journalposttype: str  # "Inngående dokument", "Utgående dokument", "Organinternt dokument uten oppfølging"
    dokumenttype: str
    tittel: str
    offentlig_tittel: str
    journaldato: date
    dokumentets_dato: date
    opprettet: datetime
    opprettet_av: str
    korrespondansepart: str  # name (or "Barneverntjenesten" for internal notes)
    korrespondanseparttype: str  # "Avsender", "Mottaker", "Intern"
    saksbehandler: str
    objects: tuple[DocObject, ...]
    sendt: date | None = None
    mottatt: date | None = None


@dataclass(frozen=True, slots=True)
class Folder:
    """A case (``saksmappe``) under the child's class."""

    system_id: str
    mappe_id: str
    tittel: str
    offentlig_tittel: str
    saksaar: int
    sakssekvensnummer: int
    saksdato: date
    opprettet: datetime
    opprettet_av: str
    avsluttet: datetime
    avsluttet_av: str
    saksstatus: str
    saksansvarlig: str
    parties: tuple[Party, ...]
    records: tuple[Record, ...]


@dataclass(frozen=True, slots=True)
class ChildClass:
    """The child (``klasse`` in a classification by identity number)."""

    system_id: str
    klasse_id: str  # the child's identity number
    tittel: str  # the child's name
    folders: tuple[Folder, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """One line of ``endringslogg.xml``."""

    referanse: str  # systemID of the changed unit
    metadata: str  # the element name changed
    endret: datetime
    endret_av: str
    tidligere: str
    ny: str


@dataclass(frozen=True, slots=True)
class Extract:
    system_id: str
    arkivdel_system_id: str
    klassifikasjon_system_id: str
    arkivskaper_id: str
    arkivskaper_navn: str
    tittel: str
    administrativ_enhet: str
    fra: date
    til: date
    created: datetime
    created_by: str
    classes: tuple[ChildClass, ...]
    changes: tuple[Change, ...]
