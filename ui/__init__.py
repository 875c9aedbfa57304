"""Pantry Desk's Qt GUI: screens over the Qt-free core in `pantry`."""
