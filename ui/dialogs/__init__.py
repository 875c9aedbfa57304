"""Dialogs that screens open."""
