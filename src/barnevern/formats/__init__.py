"""File formats: safe XML parsing, XSD selection, BVR/15F readers, BVR v4 writer, corpus generator.

Pure Python (no Django). Readers and writer speak ``barnevern.records``, the one language of
BVR-shaped records that every layer shares (it sits below ``rules`` and ``formats``).
"""
