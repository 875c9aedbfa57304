"""ZPL for Zebra thermal printers: the same label plans as the PDFs, written as printer commands.

One `^XA ... ^XZ` format per label, sized with `^PW`/`^LL` in dots of the layout's resolution, text in the printer's
scalable font 0, Code128 with `^BC` in automatic mode and the module width in whole dots (`^BY`), and `^PQ` for copies.
Field data goes through `^FH` so that `^`, `~` and `_` in a name print as themselves; `^CI28` takes UTF-8.
"""

from __future__ import annotations

from collections.abc import Sequence

from pantry.documents.label_layouts import MM, Layout
from pantry.documents.labels import (
    Bars,
    Fill,
    Frame,
    Label,
    Line,
    Primitive,
    Text,
    check_kind,
    label_words,
    plan,
    plan_calibration_roll,
)
from pantry.i18n import Translator

_ALIGN = {"left": "L", "center": "C", "right": "R"}
_FIELD_ESCAPES = str.maketrans({"_": "_5F", "^": "_5E", "~": "_7E"})


def _field(text: str) -> str:
    return f"^FH^FD{text.translate(_FIELD_ESCAPES)}^FS"


class _Dots:
    """Points in the label's coordinates (origin lower left) to printer dots (origin top left), offset applied."""

    def __init__(self, layout: Layout, offset_mm: tuple[float, float]) -> None:
        self.scale = layout.dpi / 72
        self.height = layout.height
        self.dx = round(offset_mm[0] * MM * self.scale)
        self.dy = round(offset_mm[1] * MM * self.scale)

    def size(self, points: float) -> int:
        return max(1, round(points * self.scale))

    def x(self, points: float) -> int:
        return max(0, round(points * self.scale) + self.dx)

    def y(self, points: float) -> int:
        """The dot row of a height `points` above the label's lower edge."""
        return max(0, round((self.height - points) * self.scale) + self.dy)


def _commands(primitives: Sequence[Primitive], dots: _Dots) -> list[str]:
    lines = []
    for item in primitives:
        if isinstance(item, Text):
            size = dots.size(item.size)
            block = f"^FB{dots.size(item.width)},1,0,{_ALIGN[item.align]}" if item.align != "left" else ""
            reverse = "^FR" if item.white else ""
            lines.append(f"^FT{dots.x(item.x)},{dots.y(item.y)}^A0N,{size}{block}{reverse}{_field(item.text)}")
        elif isinstance(item, Bars):
            module = dots.size(item.module)
            lines.append(
                f"^FO{dots.x(item.x)},{dots.y(item.y + item.height)}^BY{module},3"
                f"^BCN,{dots.size(item.height)},N,N,N,A{_field(item.code)}"
            )
        elif isinstance(item, Fill):
            width, height = dots.size(item.width), dots.size(item.height)
            colour = ",W" if item.white else ",B"
            position = f"^FO{dots.x(item.x)},{dots.y(item.y + item.height)}"
            lines.append(f"{position}^GB{width},{height},{min(width, height)}{colour}^FS")
        elif isinstance(item, Frame):
            position = f"^FO{dots.x(item.x)},{dots.y(item.y + item.height)}"
            lines.append(f"{position}^GB{dots.size(item.width)},{dots.size(item.height)},{dots.size(item.line)}^FS")
        elif isinstance(item, Line):
            thickness = dots.size(item.line)
            left, right = sorted((item.x1, item.x2))
            bottom, top = sorted((item.y1, item.y2))
            width = max(thickness, dots.size(right - left)) if right > left else thickness
            height = max(thickness, dots.size(top - bottom)) if top > bottom else thickness
            lines.append(f"^FO{dots.x(left)},{dots.y(top)}^GB{width},{height},{thickness}^FS")
    return lines


def _format(layout: Layout, body: list[str], copies: int) -> str:
    scale = layout.dpi / 72
    head = ["^XA", "^CI28", f"^PW{round(layout.width * scale)}", f"^LL{round(layout.height * scale)}", "^LH0,0"]
    tail = [f"^PQ{copies}"] if copies > 1 else []
    return "\n".join([*head, *body, *tail, "^XZ"]) + "\n"


def _check(layout: Layout) -> None:
    if not layout.zpl:
        raise ValueError(f"{layout.name} is not a thermal layout; ZPL needs one")


def render_zpl(
    labels: Sequence[Label],
    layout: Layout,
    *,
    copies: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    tr: Translator | None = None,
) -> str:
    """One ZPL format per label, printed `copies` times, its fixed words in `tr`'s language (the desk's)."""
    _check(layout)
    check_kind(labels, layout)
    dots = _Dots(layout, offset_mm)
    words = label_words(tr)
    return "".join(_format(layout, _commands(plan(label, layout, words), dots), copies) for label in labels)


def calibration_zpl(layout: Layout, offset_mm: tuple[float, float] = (0.0, 0.0)) -> str:
    """A label's outline, centre cross and millimetre rulers, with the offset applied."""
    _check(layout)
    return _format(layout, _commands(plan_calibration_roll(layout, offset_mm), _Dots(layout, offset_mm)), 1)
