"""KOSTRA skjema 15F («Individ» format): typed records, a reader, and the mapping to BVR records.

15F is the older annual file per municipality (``KostraBarnevern.xsd`` = ``Avgiver.xsd`` +
``Individ.xsd``; ``ssb-barnevern.md`` §1.5), still used by Visma Familia and DIPS Barnevern.

* :mod:`.model` — dataclasses mirroring the XSD, so SSB's 15F control rules
  (``barnevern.control.kostra15f``) are written against the file as SSB sees it;
* :mod:`.reader` — :func:`read_15f` (a parsed tree → :class:`Kostra15FFile`);
* :mod:`.to_bvr` — :func:`to_deliveries`: every ``Individ`` as a BVR-shaped ``Delivery``, the one
  language the rest of Barnevern speaks.

Usage::

    tree = xmlsafe.parse_file(path)
    deliveries = to_deliveries(read_15f(tree, path.name))
"""

from barnevern.formats.kostra15f.model import (
    Avgiver15F,
    Flytting15F,
    Individ15F,
    Kode15F,
    Kostra15FError,
    Kostra15FFile,
    Lovhjemmel15F,
    Melding15F,
    Plan15F,
    Tiltak15F,
    Undersokelse15F,
)
from barnevern.formats.kostra15f.reader import (
    local_name,
    read_15f,
    read_avgiver,
    read_individ,
    top_elements,
)
from barnevern.formats.kostra15f.to_bvr import NAMESPACE_15F, to_deliveries

__all__ = [
    "NAMESPACE_15F",
    "Avgiver15F",
    "Flytting15F",
    "Individ15F",
    "Kode15F",
    "Kostra15FError",
    "Kostra15FFile",
    "Lovhjemmel15F",
    "Melding15F",
    "Plan15F",
    "Tiltak15F",
    "Undersokelse15F",
    "local_name",
    "read_15f",
    "read_avgiver",
    "read_individ",
    "to_deliveries",
    "top_elements",
]
