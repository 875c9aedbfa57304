"""Guidance for the person at the desk: the first-run setup, the F1 list of shortcuts, colours that read in a light and
a dark theme."""
