"""File formats: BVR-shaped records, safe XML parsing, BVR/15F readers, BVR v4 writer.

Pure Python (no Django). See ``records`` for the one language every layer shares.
"""
