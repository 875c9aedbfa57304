"""Printables and exports: rows first (plain lists), then written as CSV/XLSX or drawn as PDF."""
