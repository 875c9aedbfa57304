"""Text on a page as PDF operators written once per string: what 500 pickup sheets need to stay quick.

A pickup sheet repeats the same item names, locations, lot codes and dates hundreds of times in one PDF. ReportLab's
text object works each string out again on every call (its subset of the embedded TrueType font, the escaping, its
width), which costs more than the rest of the page. Here each string is turned into its PDF text operators once per
document (ReportLab's documented way for dynamic fonts: `splitString` then `getSubsetInternalName`), and widths and
fitted (ellipsised) strings once per process, so that drawing a page is mostly joining strings.

    runs = TextRuns(canvas)            # one per document
    page = PageText(runs)              # one per page
    page.put(40, 700, "Rice 1 kg", BOLD, 11.5)
    page.finish(canvas)                # one text object, drawn after the page's graphics
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

ELLIPSIS = "…"


@lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    """The width of `text` in points (fonts are registered once per process, so widths never change)."""
    return float(pdfmetrics.stringWidth(text, font, size))


@lru_cache(maxsize=65536)
def fitted(text: str, width: float, font: str, size: float) -> str:
    """`text`, cut with an ellipsis to fit `width`: the longest start of it that fits with the ellipsis."""
    if text_width(text, font, size) <= width:
        return text
    low, high = 0, len(text) - 1  # widths grow with every character, so the longest fitting start is found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + ELLIPSIS


class TextRuns:
    """The PDF operators that show each string, made once per document: (font resource, escaped string) runs, as
    many as the font's subsets the string needs (an embedded TrueType font is written in subsets of 256 characters;
    Helvetica, when DejaVu Sans is missing, in WinAnsi with ReportLab's substitution fonts)."""

    def __init__(self, canvas: Canvas) -> None:
        self.doc = canvas._doc
        self.runs: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}

    def of(self, text: str, font: str) -> tuple[tuple[str, str], ...]:
        key = (text, font)
        found = self.runs.get(key)
        if found is None:
            face = pdfmetrics.getFont(font)
            if face._dynamicFont:
                found = tuple(
                    (face.getSubsetInternalName(subset, self.doc), escapePDF(chunk))
                    for subset, chunk in face.splitString(text, self.doc)
                )
            else:
                found = tuple(
                    (self.doc.getInternalFontName(each.fontName), escapePDF(chunk))
                    for each, chunk in pdfmetrics.unicode2T1(text, [face, *face.substitutionFonts])
                )
            self.runs[key] = found
        return found


class PageText:
    """The text of one page (or one block of it) as a single PDF text object."""

    def __init__(self, runs: TextRuns) -> None:
        self.runs = runs
        self.code = ["BT"]
        self.font: tuple[str, float] | None = None
        self.gray = 0.0

    def put(
        self,
        x: float,
        y: float,
        text: str,
        font: str,
        size: float,
        *,
        align: str = "left",
        width: float | None = None,
        gray: float = 0.0,
    ) -> None:
        """`text` with its baseline at `y`, starting (or ending, or centred) at `x`; cut to `width` when given."""
        if width is not None:
            text = fitted(text, width, font, size)
        if not text:
            return
        code = self.code
        if gray != self.gray:
            code.append(f"{fp_str(gray)} g")
            self.gray = gray
        if align != "left":
            shown = text_width(text, font, size)
            x -= shown if align == "right" else shown / 2
        code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        for resource, chunk in self.runs.of(text, font):
            if (resource, size) != self.font:
                code.append(f"{resource} {fp_str(size)} Tf")
                self.font = (resource, size)
            code.append(f"({chunk}) Tj")

    def finish(self, canvas: Canvas) -> None:
        """Draw the text on `canvas` (after the graphics drawn so far, so white on black works)."""
        if self.gray:
            self.code.append("0 g")
        self.code.append("ET")
        canvas.addLiteral(" ".join(self.code))
