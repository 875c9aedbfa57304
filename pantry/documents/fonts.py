"""The fonts every printable uses: DejaVu Sans Condensed, embedded, registered with ReportLab once (on import).

ReportLab's built-in Helvetica is not embedded and only knows WinAnsi letters: "Łukasz" or "Ő" would print as
empty boxes or not at all. DejaVu Sans covers Latin, Greek and Cyrillic and is shipped in resources/fonts (with its
licence), so a pickup sheet reads the same on every printer. The condensed cut is within a few per cent of
Helvetica's widths, which every layout (2 in labels, list columns) was measured with; the normal cut is 14% wider
and would cut names short on small labels. Documents take their font names from here and nowhere else:

    from pantry.documents.fonts import BOLD, REGULAR
    canvas.setFont(BOLD, 12)

`REGULAR`, `BOLD` and `ITALIC` are registered names; `FAMILY` is the family for Paragraph markup (<b>, <i>). When
no DejaVu file can be found (a checkout without resources/ and a system without the font) they fall back to
Helvetica, which prints Western European text.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

RESOURCE_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT_FOLDERS = (
    RESOURCE_FONTS,  # the app's own copy (in the bundle too: _internal/resources/fonts)
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("C:/Windows/Fonts"),
    Path("/Library/Fonts"),
)
FILES = {
    "regular": "DejaVuSansCondensed.ttf",
    "bold": "DejaVuSansCondensed-Bold.ttf",
    "italic": "DejaVuSansCondensed-Oblique.ttf",
}
NAMES = {"regular": "PantrySans", "bold": "PantrySans-Bold", "italic": "PantrySans-Oblique"}
FALLBACK = {"regular": "Helvetica", "bold": "Helvetica-Bold", "italic": "Helvetica-Oblique"}


def find_font_folder() -> Path | None:
    """The first folder holding all of the DejaVu Sans Condensed files, or None."""
    for folder in FONT_FOLDERS:
        if all((folder / name).is_file() for name in FILES.values()):
            return folder
    return None


def _register() -> tuple[dict[str, str], bool]:
    """Register the fonts with ReportLab (once per process): the names to use, and whether they embed Unicode."""
    registered = pdfmetrics.getRegisteredFontNames()
    if all(name in registered for name in NAMES.values()):
        return dict(NAMES), True
    folder = find_font_folder()
    if folder is None:
        log.warning("DejaVu Sans Condensed not found in %s: printing with Helvetica", ", ".join(map(str, FONT_FOLDERS)))
        return dict(FALLBACK), False
    for style, file in FILES.items():
        pdfmetrics.registerFont(TTFont(NAMES[style], str(folder / file)))
    pdfmetrics.registerFontFamily(
        NAMES["regular"],
        normal=NAMES["regular"],
        bold=NAMES["bold"],
        italic=NAMES["italic"],
        boldItalic=NAMES["bold"],
    )
    return dict(NAMES), True


_NAMES, UNICODE = _register()
REGULAR: str = _NAMES["regular"]
BOLD: str = _NAMES["bold"]
ITALIC: str = _NAMES["italic"]
FAMILY: str = REGULAR


def bold(is_bold: bool) -> str:
    """The bold or the regular font's name."""
    return BOLD if is_bold else REGULAR
