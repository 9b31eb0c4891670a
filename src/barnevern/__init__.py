"""Barnevern: management system for Norwegian municipal child welfare services."""

__version__ = "0.1.0"
