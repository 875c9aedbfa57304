"""Pantry Desk core: the stock ledger, intake and everything that prints or exports, without Qt."""

__version__ = "0.1.0"
