"""Colours that stay readable in a light and in a dark theme.

The screens were drawn for a light theme: pastel row backgrounds (expired, expiring, quarantined ...) with the palette's
text on them, and dark red / dark green / grey words on the window. In a dark system theme the palette's text is light,
so light text lands on a pastel row, and dark red lands on a dark grey window. These helpers take the light-theme
colour the screen already uses and give the one to use with the palette in force:

    background, foreground = row_colours(EXPIRED_BACKGROUND, view.palette())
    label.setStyleSheet(f"color: {text_colour(QColor('#b00020'), label.palette()).name()}; font-weight: bold;")

`contrast` is WCAG 2's contrast ratio (1 to 21); body text wants 4.5, large or bold text 3.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

__all__ = [
    "OK",
    "PROBLEM",
    "contrast",
    "is_dark",
    "luminance",
    "problem_colour",
    "readable",
    "row_colours",
    "text_colour",
]

PROBLEM = QColor("#b00020")  # the red the screens use for problems (ui/widgets.py ERROR_STYLE)
OK = QColor("#1b5e20")  # the green of "saved" (ui/widgets.py OK_STYLE)
BODY_TEXT = 4.5
LARGE_TEXT = 3.0


def luminance(colour: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    rgb = colour.toRgb()
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio between two colours (1: the same, 21: black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    """A dark theme: the window is darker than its text."""
    return luminance(palette.color(QPalette.ColorRole.Window)) < luminance(palette.color(QPalette.ColorRole.WindowText))


def readable(colour: QColor, background: QColor, minimum: float = BODY_TEXT) -> QColor:
    """`colour` with its hue kept, made lighter or darker (whichever the background needs) until it reads on
    `background` with at least `minimum` contrast."""
    if contrast(colour, background) >= minimum:
        return QColor(colour)
    hue, saturation, lightness, alpha = colour.toHsl().getHslF()
    towards = 1.0 if luminance(background) < 0.18 else 0.0
    best = QColor(colour)
    for step in range(1, 21):
        trial_lightness = lightness + (towards - lightness) * step / 20
        trial = QColor.fromHslF(max(hue, 0.0), saturation, trial_lightness, alpha)
        best = trial
        if contrast(trial, background) >= minimum:
            break
    return best


def text_colour(colour: QColor, palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """A light-theme text colour (a red for problems, a green for "saved", a grey for hints) made readable on the
    palette's `role` (Window for labels, Base for the inside of tables and fields)."""
    return readable(colour, palette.color(role))


def problem_colour(palette: QPalette) -> QColor:
    return text_colour(PROBLEM, palette)


def row_colours(light_background: QColor, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a highlighted table row: the light-theme pastel as it is with dark text in a light
    theme; in a dark theme a deep shade of the same hue with the palette's (light) text."""
    text = palette.color(QPalette.ColorRole.Text)
    if not is_dark(palette):
        return QColor(light_background), readable(text, light_background)
    hue, saturation, _lightness, alpha = light_background.toHsl().getHslF()
    background = QColor.fromHslF(max(hue, 0.0), min(saturation, 0.6), 0.24, alpha)
    return background, readable(text, background)
