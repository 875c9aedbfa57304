"""The label stocks we print on, one row each, exact to their published dimensions.

A roll layout is one label per page, the page the size of the label. A sheet layout places labels on a US Letter or
A4 page at the stock's margins and pitch, left to right then top to bottom, position 1 at the top left.

Each layout also names the printer resolution its bars are sized for and the module (narrowest bar) in whole dots of
it: 2 dots of a 203 dpi thermal printer, 3 or 4 dots of a 300 dpi Dymo or laser printer (6 or 8 at 600 dpi).
"""

from __future__ import annotations

from dataclasses import dataclass

from pantry.errors import UserError

INCH = 72.0
MM = 72 / 25.4
LETTER = (8.5 * INCH, 11 * INCH)
A4 = (210 * MM, 297 * MM)


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    kind: str  # what it prints: "lot", "household" or "shelf"
    stock: str  # "roll" (one label a page) or "sheet"
    width: float  # one label, points
    height: float
    dpi: int  # the printer resolution the bars are sized for
    module_dots: int  # the narrowest bar, in dots at `dpi`
    padding_mm: float = 1.5  # blank inside the label's edges
    page: tuple[float, float] | None = None  # sheets: the page size; rolls: the label itself
    columns: int = 1
    rows: int = 1
    left: float = 0.0  # sheets: the top left label's distance from the page's left and top edges
    top: float = 0.0
    pitch_x: float = 0.0  # sheets: from one label's left (top) edge to the next one's
    pitch_y: float = 0.0
    zpl: bool = False  # can be written as ZPL for a Zebra thermal printer

    @property
    def page_size(self) -> tuple[float, float]:
        return self.page or (self.width, self.height)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def module(self) -> float:
        """The narrowest bar, in points."""
        return self.module_dots * INCH / self.dpi

    @property
    def padding(self) -> float:
        return self.padding_mm * MM

    def position(self, index: int) -> tuple[float, float]:
        """Lower left corner, in points from the page's lower left, of position `index` (0-based) on a page."""
        row, column = divmod(index, self.columns)
        page_height = self.page_size[1]
        return self.left + column * self.pitch_x, page_height - self.top - row * self.pitch_y - self.height


def _roll(name: str, description: str, width: float, height: float, dpi: int, module_dots: int, **extra) -> Layout:  # type: ignore[no-untyped-def]
    return Layout(name, description, "lot", "roll", width, height, dpi, module_dots, **extra)


def _sheet(  # type: ignore[no-untyped-def]
    name: str, description: str, kind: str, width: float, height: float, module_dots: int, **extra
) -> Layout:
    return Layout(name, description, kind, "sheet", width, height, 300, module_dots, **extra)


LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        _roll("thermal-2x1", "2 x 1 in thermal roll, 203 dpi (also .zpl)", 2 * INCH, 1 * INCH, 203, 2, zpl=True),
        _roll(
            "thermal-2.25x1.25",
            "2.25 x 1.25 in thermal roll, 203 dpi (also .zpl)",
            2.25 * INCH,
            1.25 * INCH,
            203,
            2,
            zpl=True,
        ),
        _roll(
            "thermal-4x6",
            "4 x 6 in thermal case/pallet label, 203 dpi (also .zpl)",
            4 * INCH,
            6 * INCH,
            203,
            4,
            padding_mm=4,
            zpl=True,
        ),
        _roll("dymo-30334", "Dymo 30334, 57 x 32 mm roll, 300 dpi", 57 * MM, 32 * MM, 300, 3),
        _roll("dymo-30252", "Dymo 30252 address, 89 x 28 mm roll, 300 dpi", 89 * MM, 28 * MM, 300, 3),
        _sheet(
            "avery-5160",
            "Avery 5160, 2.625 x 1 in, 30 per US Letter sheet (3 x 10)",
            "lot",
            2.625 * INCH,
            1 * INCH,
            3,
            page=LETTER,
            columns=3,
            rows=10,
            left=0.1875 * INCH,
            top=0.5 * INCH,
            pitch_x=2.75 * INCH,
            pitch_y=1 * INCH,
        ),
        _sheet(
            "avery-5163",
            "Avery 5163, 4 x 2 in, 10 per US Letter sheet (2 x 5)",
            "lot",
            4 * INCH,
            2 * INCH,
            4,
            padding_mm=3,
            page=LETTER,
            columns=2,
            rows=5,
            left=0.156 * INCH,
            top=0.5 * INCH,
            pitch_x=4.1875 * INCH,
            pitch_y=2 * INCH,
        ),
        _sheet(
            "a4-24",
            "70 x 37 mm, 24 per A4 sheet (3 x 8, no gaps)",
            "lot",
            70 * MM,
            37 * MM,
            3,
            padding_mm=4,  # the sheet has no margins: keep clear of a laser printer's unprintable edge
            page=A4,
            columns=3,
            rows=8,
            left=0.0,
            top=0.5 * MM,
            pitch_x=70 * MM,
            pitch_y=37 * MM,
        ),
        _sheet(
            "household-card",
            "household cards, wallet size 3.5 x 2 in, 10 per US Letter sheet (Avery 5371/8371)",
            "household",
            3.5 * INCH,
            2 * INCH,
            4,
            padding_mm=3,
            page=LETTER,
            columns=2,
            rows=5,
            left=0.75 * INCH,
            top=0.5 * INCH,
            pitch_x=3.5 * INCH,
            pitch_y=2 * INCH,
        ),
        _sheet(
            "shelf",
            "location/shelf labels on Avery 5163 stock, 4 x 2 in, 10 per US Letter sheet",
            "shelf",
            4 * INCH,
            2 * INCH,
            4,
            padding_mm=3,
            page=LETTER,
            columns=2,
            rows=5,
            left=0.156 * INCH,
            top=0.5 * INCH,
            pitch_x=4.1875 * INCH,
            pitch_y=2 * INCH,
        ),
    )
}


def layout_named(name: str) -> Layout:
    layout = LAYOUTS.get(name.strip().lower())
    if layout is None:
        raise UserError(f"layout: no layout named '{name}'; choose one of {', '.join(LAYOUTS)}")
    return layout
