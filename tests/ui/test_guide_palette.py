"""ui/guide/palette.py: the light-theme colours the screens use, made readable on a dark palette (and left as they are
on a light one)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from ui.guide import palette

DARK_WINDOW, DARK_TEXT = QColor("#2a2e32"), QColor("#fcfcfc")


def themed(window: QColor, text: QColor) -> QPalette:
    colours = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        colours.setColor(role, window)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        colours.setColor(role, text)
    return colours


def test_contrast_is_wcags_ratio(qtbot: QtBot) -> None:
    assert palette.contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert palette.contrast(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    assert palette.contrast(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)


def test_the_problem_red_reads_on_a_dark_window_and_stays_red(qtbot: QtBot) -> None:
    dark = themed(DARK_WINDOW, DARK_TEXT)
    assert palette.is_dark(dark)

    red = palette.problem_colour(dark)

    assert palette.contrast(red, DARK_WINDOW) >= palette.BODY_TEXT
    assert red.red() > red.green() and red.red() > red.blue()


def test_on_a_light_window_the_colours_are_the_screens_own(qtbot: QtBot) -> None:
    light = themed(QColor("#efefef"), QColor("black"))

    assert not palette.is_dark(light)
    assert palette.problem_colour(light) == palette.PROBLEM
    background, text = palette.row_colours(QColor("#f8c9c4"), light)
    assert background == QColor("#f8c9c4") and palette.contrast(text, background) >= palette.BODY_TEXT


@pytest.mark.parametrize("pastel", ["#f8c9c4", "#ffe7a3", "#d9cdf0", "#e8eef6", "#c8e6c9", "#bbdefb", "#e0e0e0"])
def test_a_highlighted_row_reads_in_a_dark_theme(qtbot: QtBot, pastel: str) -> None:
    background, text = palette.row_colours(QColor(pastel), themed(DARK_WINDOW, DARK_TEXT))

    assert palette.contrast(text, background) >= palette.BODY_TEXT
    assert palette.luminance(background) < palette.luminance(QColor(pastel))  # a deep shade, not the pastel
