"""Noark 5 v5.0 archive extract (arkivuttrekk): records, writer, validation. Pure Python.

Arkivverket's schemas (``xsd/``, copied unchanged from ``arkivverket/schemas`` N5/v5.0, see
``xsd/SOURCES.md``) define ``arkivstruktur.xml``, ``endringslogg.xml``, ``loependeJournal.xml``
and ``offentligJournal.xml``; element names are those of ``metadatakatalog.xsd``.
"""
