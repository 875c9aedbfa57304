"""Labels: lot labels, household cards, shelf labels and calibration pages, as PDF (ReportLab) or ZPL.

Each label is first planned as a short list of primitives in the label's own coordinates (points, origin at the
lower left): text, black fills, outlines, lines and Code128 bars. The same plan is then drawn on a ReportLab canvas
here, or written as ZPL by pantry.documents.zpl, so a Zebra label says and shows what the PDF does.

Storage must read at a glance in black and white: DRY is an outlined tag, CHILLED a black tag with white text, and
FROZEN a black tag with white text inside a heavy black frame around the whole label.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pantry.documents import fonts
from pantry.documents.barcode_drawing import (
    QUIET_MODULES,
    bars_operators,
    fitting_module,
    modules_for_length,
    symbol_modules,
)
from pantry.documents.label_layouts import INCH, MM, Layout
from pantry.i18n import N_, Translator, get
from pantry.measures import format_in_unit, is_weighed
from pantry.services.labels import HouseholdCard, LotLabel, ShelfLabel

REGULAR = fonts.REGULAR
BOLD = fonts.BOLD
# The room a line of text takes above and below its baseline, in ems: capitals and descenders (DejaVu Sans' are
# 0.729 and 0.236 em, Helvetica's 0.718 and 0.207; the gaps between rows absorb the difference of a fraction of a point)
ASCENT = 0.72
DESCENT = 0.21
ELLIPSIS = "…"
LINE = 1.2  # line height, in ems
MAX_BAR_HEIGHT = 15 * MM
CODE_LENGTH = 7  # our codes: kind letter, five characters, check character

Label = LotLabel | HouseholdCard | ShelfLabel


class Text(NamedTuple):
    x: float  # left edge of the box the text is aligned in
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    align: str = "left"  # left | center | right, within `width`
    width: float = 0.0
    white: bool = False  # white on a black fill


class Fill(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    white: bool = False  # white paints out what is under it


class Frame(NamedTuple):
    """An outline drawn inside the rectangle, `line` thick."""

    x: float
    y: float
    width: float
    height: float
    line: float


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    line: float


class Bars(NamedTuple):
    x: float  # lower left corner of the symbol, quiet zones outside it
    y: float
    code: str
    module: float
    height: float


Primitive = Text | Fill | Frame | Line | Bars


# --- text ---------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    return float(stringWidth(text, BOLD if bold else REGULAR, size))


def fit(text: str, size: float, min_size: float, width: float, bold: bool = False) -> tuple[str, float]:
    """The text at the largest size up to `size` that fits `width`; below `min_size`, cut short with an ellipsis."""
    natural = text_width(text, size, bold)
    if natural <= width:
        return text, size
    scaled = size * width / natural * 0.999
    if scaled >= min_size:
        return text, scaled
    return _cut(text, min_size, width, bold), min_size


def _cut(text: str, size: float, width: float, bold: bool) -> str:
    """`text` shortened until it and an ellipsis fit `width`."""
    while text and text_width(text + ELLIPSIS, size, bold) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap(text: str, size: float, width: float, max_lines: int, bold: bool = False) -> list[str]:
    """Words into at most `max_lines` lines of `width`; a line that cannot hold its text ends with an ellipsis."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size, bold) <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == max_lines - 1 and words:
            line = _cut(" ".join([line, *words]), size, width, bold)
        elif text_width(line, size, bold) > width:
            line = _cut(line, size, width, bold)  # one word wider than the line
        lines.append(line)
    return lines


class Words(NamedTuple):
    """The fixed words printed on labels, in one language: looked up once per document, never per label."""

    language: str = "en"
    no_date: str = N_("NO DATE")
    use_by: str = N_("USE BY")
    best_by: str = N_("BEST BY")
    each: str = N_("each")
    received_short: str = N_("Rcvd")
    received: str = N_("Received")
    quantity_caption: str = N_("QUANTITY")
    location_caption: str = N_("LOCATION")
    received_caption: str = N_("RECEIVED")
    household_card: str = N_("HOUSEHOLD CARD")
    show_card: str = N_("Show this card at each visit.")
    dry: str = N_("DRY")
    chilled: str = N_("CHILLED")
    frozen: str = N_("FROZEN")

    def date(self, day: dt.date) -> str:
        return day.isoformat() if self.language == "en" else _translator(self.language).date(day)

    def storage(self, storage: str) -> str:
        return {"dry": self.dry, "chilled": self.chilled, "frozen": self.frozen}.get(storage, storage.upper())


ENGLISH = Words()


def _translator(language: str) -> Translator:
    from pantry.i18n import translator

    return translator(language)


@lru_cache(maxsize=8)
def _words(language: str) -> Words:
    tr = _translator(language)
    return Words(language, *(tr.gettext(word) for word in ENGLISH[1:]))


def label_words(tr: Translator | None = None) -> Words:
    """The label words in `tr`'s language (the desk's when None)."""
    return _words(get(tr).language)


def quantity_text(quantity: int, unit: str, words: Words = ENGLISH) -> str:
    """'24 each', or a weight in the item's unit without trailing zeros: '12.5 lb'."""
    if is_weighed(unit):
        amount = format_in_unit(quantity, unit).rstrip("0").rstrip(".")
        if words.language != "en":
            amount = amount.replace(".", ",")
        return f"{amount} {unit}"
    return f"{quantity} {words.each}"


def date_text(date_kind: str, expires: dt.date | None, words: Words = ENGLISH) -> str:
    if expires is None or date_kind == "none":
        return words.no_date
    return f"{words.use_by if date_kind == 'use_by' else words.best_by} {words.date(expires)}"


STORAGE_WORDS = {"dry": ENGLISH.dry, "chilled": ENGLISH.chilled, "frozen": ENGLISH.frozen}


def _storage_tag(
    storage: str, x: float, y: float, width: float, height: float, size: float, words: Words = ENGLISH
) -> list[Primitive]:
    """The storage word in a tag: outlined for DRY, black with white text for CHILLED and FROZEN."""
    word = words.storage(storage)
    word, size = fit(word, size, 5, width - 0.3 * height, bold=True)
    baseline = y + (height - size * ASCENT) / 2
    if storage in ("chilled", "frozen"):
        return [Fill(x, y, width, height), Text(x, baseline, word, size, True, "center", width, white=True)]
    return [Frame(x, y, width, height, max(0.8, height / 14)), Text(x, baseline, word, size, True, "center", width)]


def _frozen_frame(layout: Layout) -> tuple[list[Primitive], float]:
    """The heavy frame of a FROZEN label, and how far in from the edge it ends."""
    inset = 0.6 * MM
    line = min(4.5, max(2.0, layout.height / 30))
    return [Frame(inset, inset, layout.width - 2 * inset, layout.height - 2 * inset, line)], inset + line


# --- lot labels -------------------------------------------------------------------------------------------------


def _rows_down(top: float, rows: Sequence[tuple[float, float]], spare: float) -> list[float]:
    """Baselines for rows of (ascent, descent) stacked down from `top`, with `spare` shared between the gaps."""
    gap = spare / max(1, len(rows))
    baselines = []
    for ascent, descent in rows:
        top -= ascent
        baselines.append(top)
        top -= descent + gap
    return baselines


def _fitted_lines(
    text: str, size: float, min_size: float, width: float, top: float, baseline: float
) -> tuple[list[str], float]:
    """`text` wrapped into lines of `width` between `top` and the last line's `baseline`, at the largest size from
    `size` down to `min_size` at which nothing is cut; at `min_size` it may end with an ellipsis."""
    while True:
        count = max(1, int((top - baseline - size * ASCENT) // (size * LINE)) + 1)
        lines = wrap(text, size, width, count)
        if not lines or not lines[-1].endswith(ELLIPSIS) or size <= min_size:
            return lines, size
        size = max(min_size, size - 0.5)


def _tag_width(size: float, words: Words = ENGLISH) -> float:
    """One width for every storage tag of a size, so DRY, CHILLED and FROZEN tags line up label after label."""
    return max(text_width(word, size, bold=True) for word in (words.dry, words.chilled, words.frozen)) + 1.2 * size


def lot_compact(label: LotLabel, layout: Layout, words: Words = ENGLISH) -> list[Primitive]:
    """A lot label up to about 2 in tall: name, date, then amount, place and received date in rows; the bars at
    the bottom left with the storage tag and the pantry's name beside them."""
    width, height, module = layout.width, layout.height, layout.module
    scale = height / INCH
    out: list[Primitive] = []
    edge = 0.5 * MM  # what a roll or sheet may be off by: keep quiet zones clear of it
    if label.storage == "frozen":
        out, edge = _frozen_frame(layout)
    pad = max(layout.padding, edge + 0.8 * MM)
    inner = width - 2 * pad

    name, name_size = fit(label.item, min(9 * scale, 17), 7, inner, bold=True)
    date, date_size = fit(date_text(label.date_kind, label.expires, words), min(11.5 * scale, 24), 8, inner, bold=True)
    amount = f"{quantity_text(label.quantity, label.unit, words)} · {label.location}"
    amount_size = min(7.5 * scale, 14)
    small = min(6 * scale, 11)
    received = f"{words.received_short} {words.date(label.received)}"
    received_size = min(amount_size * 0.85, small * 1.15)
    room = inner - text_width(received, received_size) - amount_size
    received_in_row = text_width(amount, 6.5, bold=True) <= room
    amount, amount_size = fit(amount, amount_size, 6, room if received_in_row else inner, bold=True)
    received_size = min(received_size, amount_size * 0.9)

    quiet = QUIET_MODULES * module
    bars_x = edge + quiet
    reserved = max(symbol_modules(label.code), modules_for_length(CODE_LENGTH)) * module
    column_x = bars_x + reserved + quiet
    column = width - pad - column_x
    tag_size = min(7.5 * scale, 14)
    tag_height = tag_size * 1.35
    hr_size = min(7 * scale, 12)
    hr_height = hr_size * (ASCENT + 0.35)

    gap = 2.0
    rows = [(name_size * ASCENT, name_size * DESCENT), (date_size * ASCENT, 0.0), (amount_size * ASCENT, 0.0)]
    rows_height = sum(ascent + descent + gap for ascent, descent in rows) + amount_size * DESCENT + gap
    spare = height - 2 * pad - rows_height - hr_height - 8 * MM
    spare_gap = max(0.0, spare - (MAX_BAR_HEIGHT - 8 * MM)) / (len(rows) + 1)  # the bars grow first, then gaps
    name_y, date_y, amount_y = _rows_down(height - pad - spare_gap, rows, (gap + spare_gap) * len(rows))
    out.append(Text(pad, name_y, name, name_size, True))
    out.append(Text(pad, date_y, date, date_size, True))
    out.append(Text(pad, amount_y, amount, amount_size, True))
    if received_in_row:
        out.append(Text(pad, amount_y, received, received_size, False, "right", inner))

    region_top = amount_y - amount_size * DESCENT - gap - spare_gap
    hr_y = pad + 0.5
    bars_y = hr_y + hr_height
    bars_height = min(MAX_BAR_HEIGHT, region_top - bars_y)
    out.append(Bars(bars_x, bars_y, label.code, module, bars_height))
    symbol = symbol_modules(label.code) * module
    out.append(Text(bars_x - quiet, hr_y, label.code, hr_size, False, "center", symbol + 2 * quiet))

    tag_width = min(column, _tag_width(tag_size, words))
    tag_y = bars_y + bars_height - tag_height
    out += _storage_tag(label.storage, column_x, tag_y, tag_width, tag_height, tag_size, words)
    y = tag_y - 1.5
    if not received_in_row:
        one_line = text_width(received, 5) <= column
        for line in [received] if one_line else [words.received, words.date(label.received)]:
            line, size = fit(line, small, 4.5, column)
            y -= small * LINE
            out.append(Text(column_x, y + small * (LINE - ASCENT), line, size))
    lines, size = _fitted_lines(label.pantry, small, 4.5, column, y, hr_y)
    for number, line in enumerate(lines):
        out.append(Text(column_x, hr_y + (len(lines) - 1 - number) * size * LINE, line, size))
    return out


def lot_tall(label: LotLabel, layout: Layout, words: Words = ENGLISH) -> list[Primitive]:
    """A 4 x 6 in case or pallet label: big type a volunteer reads across the room, storage as a full-width band."""
    width, height, module = layout.width, layout.height, layout.module
    out: list[Primitive] = []
    edge = 0.5 * MM
    if label.storage == "frozen":
        out, edge = _frozen_frame(layout)
    pad = max(layout.padding, edge + 2 * MM)
    inner = width - 2 * pad
    y = height - pad

    pantry, size = fit(label.pantry, 13, 8, inner, bold=True)
    y -= size * ASCENT
    out.append(Text(pad, y, pantry, size, True))
    y -= size * DESCENT + 8
    band = 44.0
    y -= band
    out += _storage_tag(label.storage, pad, y, inner, band, 30, words)
    y -= 14

    name_size = 28.0
    lines = wrap(label.item, name_size, inner, 2, bold=True)
    if len(lines) > 1:
        name_size = 24.0
        lines = wrap(label.item, name_size, inner, 2, bold=True)
    for line in lines:
        y -= name_size * ASCENT
        out.append(Text(pad, y, line, name_size, True))
        y -= name_size * (DESCENT + 0.12)
    y -= 12

    date = date_text(label.date_kind, label.expires, words)
    word, _, day = date.rpartition(" ") if label.expires and label.date_kind != "none" else ("", "", date)
    if word:
        y -= 16 * ASCENT
        out.append(Text(pad, y, word, 16, True))
        y -= 6
    day, size = fit(day, 44, 20, inner, bold=True)
    y -= size * ASCENT
    out.append(Text(pad, y, day, size, True))
    y -= 22

    for caption, value, size in (
        (words.quantity_caption, quantity_text(label.quantity, label.unit, words), 24.0),
        (words.location_caption, label.location, 24.0),
        (words.received_caption, words.date(label.received), 16.0),
    ):
        caption_width = 78.0
        y -= size * ASCENT
        out.append(Text(pad, y, caption, 10))
        value, value_size = fit(value, size, 10, inner - caption_width, bold=True)
        out.append(Text(pad + caption_width, y, value, value_size, True))
        y -= size * DESCENT + 10

    hr_size = 16.0
    hr_y = pad
    bars_y = hr_y + hr_size * (ASCENT + 0.35)
    bars_height = min(25 * MM, y - 6 - bars_y)
    quiet = QUIET_MODULES * module
    symbol = symbol_modules(label.code) * module
    bars_x = (width - symbol) / 2
    out.append(Bars(bars_x, bars_y, label.code, module, bars_height))
    out.append(Text(bars_x - quiet, hr_y, label.code, hr_size, False, "center", symbol + 2 * quiet))
    return out


def plan_lot(label: LotLabel, layout: Layout, words: Words = ENGLISH) -> list[Primitive]:
    return lot_tall(label, layout, words) if layout.height > 3 * INCH else lot_compact(label, layout, words)


# --- household cards and shelf labels ---------------------------------------------------------------------------


def plan_household(card: HouseholdCard, layout: Layout, words: Words = ENGLISH) -> list[Primitive]:
    """A wallet card: pantry name, the first name (nothing else about the household) and the household code."""
    width, height, module = layout.width, layout.height, layout.module
    pad = layout.padding
    inner = width - 2 * pad
    out: list[Primitive] = []
    y = height - pad
    pantry, size = fit(card.pantry, 13, 8, inner, bold=True)
    y -= size * ASCENT
    out.append(Text(pad, y, pantry, size, True, "center", inner))
    y -= size * DESCENT + 4 + 8 * ASCENT
    out.append(Text(pad, y, words.household_card, 8, False, "center", inner))
    y -= 8 * DESCENT + 6
    if card.first_name:
        name, size = fit(card.first_name, 22, 10, inner, bold=True)
        y -= size * ASCENT
        out.append(Text(pad, y, name, size, True, "center", inner))
        y -= size * DESCENT + 4

    foot_size, hr_size = 7.0, 10.0
    show_card, foot_size = fit(words.show_card, foot_size, 5, inner)
    out.append(Text(pad, pad, show_card, foot_size, False, "center", inner))
    hr_y = pad + foot_size + 4
    bars_y = hr_y + hr_size * (ASCENT + 0.35)
    room = y - 2 - bars_y
    bars_height = min(14 * MM, room)
    lift = (room - bars_height) / 2  # centre the code between the name and the foot
    hr_y, bars_y = hr_y + lift, bars_y + lift
    module = fitting_module(card.code, layout.dpi, layout.module_dots, width - 1 * MM)  # a card number may be long
    quiet = QUIET_MODULES * module
    symbol = symbol_modules(card.code) * module
    bars_x = (width - symbol) / 2
    out.append(Bars(bars_x, bars_y, card.code, module, bars_height))
    out.append(Text(bars_x - quiet, hr_y, card.code, hr_size, False, "center", symbol + 2 * quiet))
    return out


def plan_shelf(label: ShelfLabel, layout: Layout, words: Words = ENGLISH) -> list[Primitive]:
    """A shelf or location label: the location's name large, its storage, and its location code."""
    width, height, module = layout.width, layout.height, layout.module
    pad = layout.padding
    inner = width - 2 * pad
    out: list[Primitive] = []
    y = height - pad
    if label.storage:
        tag_height, tag_width = 16.0, _tag_width(11, words)
        out += _storage_tag(label.storage, width - pad - tag_width, y - tag_height, tag_width, tag_height, 11, words)
    y -= 9 * ASCENT + 2
    out.append(Text(pad, y, words.location_caption, 9))
    y -= 9 * DESCENT + 10
    name, size = fit(label.location, 34, 12, inner, bold=True)
    y -= size * ASCENT
    out.append(Text(pad, y, name, size, True))
    y -= size * DESCENT + 6

    hr_size = 11.0
    hr_y = pad
    bars_y = hr_y + hr_size * (ASCENT + 0.35)
    bars_height = min(MAX_BAR_HEIGHT, y - bars_y)
    quiet = QUIET_MODULES * module
    symbol = symbol_modules(label.code) * module
    bars_x = quiet + 0.5 * MM
    out.append(Bars(bars_x, bars_y, label.code, module, bars_height))
    out.append(Text(bars_x - quiet, hr_y, label.code, hr_size, False, "center", symbol + 2 * quiet))
    column_x = bars_x + symbol + quiet
    pantry = wrap(label.pantry, 9, width - pad - column_x, 2)
    for number, line in enumerate(pantry):
        out.append(
            Text(column_x, pad + (len(pantry) - 1 - number) * 11, line, 9, False, "right", width - pad - column_x)
        )
    return out


def plan(label: Label, layout: Layout, words: Words = ENGLISH) -> list[Primitive]:
    """The primitives of one label of `layout`, its fixed words from `words` (see `label_words`)."""
    if isinstance(label, LotLabel):
        return plan_lot(label, layout, words)
    if isinstance(label, HouseholdCard):
        return plan_household(label, layout, words)
    return plan_shelf(label, layout, words)


LABEL_KINDS: dict[type, str] = {LotLabel: "lot", HouseholdCard: "household", ShelfLabel: "shelf"}


def check_kind(labels: Sequence[Label], layout: Layout) -> None:
    for label in labels:
        if LABEL_KINDS[type(label)] != layout.kind:
            raise ValueError(f"{layout.name} prints {layout.kind} labels, not {LABEL_KINDS[type(label)]} labels")


# --- calibration ------------------------------------------------------------------------------------------------


def _ruler(x: float, y: float, length_mm: int, horizontal: bool) -> list[Primitive]:
    """Millimetre ticks from (x, y) going right (or down), longer every 5 and numbered every 10."""
    out: list[Primitive] = []
    for mm in range(length_mm + 1):
        tick = 4.0 if mm % 10 == 0 else 2.5 if mm % 5 == 0 else 1.5
        tick *= MM
        if horizontal:
            out.append(Line(x + mm * MM, y, x + mm * MM, y - tick, 0.3))
            if mm % 10 == 0 and mm:
                out.append(Text(x + mm * MM - 10, y - tick - 6, str(mm), 5, False, "center", 20))
        else:
            out.append(Line(x, y - mm * MM, x + tick, y - mm * MM, 0.3))
            if mm % 10 == 0 and mm:
                out.append(Text(x + tick + 1, y - mm * MM - 1.8, str(mm), 5))
    return out


def _instructions(layout: Layout, offset_mm: tuple[float, float]) -> list[str]:
    return [
        f"Calibration: {layout.name} ({layout.description})",
        f"Offset now: {offset_mm[0]:+g} mm across, {offset_mm[1]:+g} mm down.",
        "Print this page at 100% (no 'fit to page') on plain paper, lay it on a label sheet against the light,",
        "and measure how far the outlines sit from the real label edges (rulers in mm).",
        "Outlines too far right by 1 mm and too low by 0.5 mm: add -1,-0.5 to the offset, for example",
        f"pantry labels --layout {layout.name} --offset={offset_mm[0] - 1:g},{offset_mm[1] - 0.5:g}",
    ]


def plan_calibration_label(layout: Layout, number: int) -> list[Primitive]:
    """One label position: its outline, a centre cross and its number."""
    width, height = layout.width, layout.height
    cx, cy = width / 2, height / 2
    arm = min(width, height) / 6
    return [
        Frame(0, 0, width, height, 0.5),
        Line(cx - arm, cy, cx + arm, cy, 0.3),
        Line(cx, cy - arm, cx, cy + arm, 0.3),
        Text(3, height - 10, str(number), 8, True),
    ]


def plan_calibration_sheet(layout: Layout, offset_mm: tuple[float, float]) -> list[Primitive]:
    """Rulers along the page's top and left edges, and how to read them in a white box in the middle."""
    page_width, page_height = layout.page_size
    out = _ruler(0, page_height, int(page_width / MM) - 1, True)
    out += _ruler(0, page_height, int(page_height / MM) - 1, False)
    lines = _instructions(layout, offset_mm)
    box_width, box_height = page_width - 2 * INCH, 14.0 * len(lines) + 12
    box_x, box_y = INCH, (page_height - box_height) / 2
    out += [
        Fill(box_x, box_y, box_width, box_height),
        Fill(box_x + 1, box_y + 1, box_width - 2, box_height - 2, white=True),
    ]
    for number, line in enumerate(lines):
        text, size = fit(line, 9, 6, box_width - 16, bold=number == 0)
        out.append(Text(box_x + 8, box_y + box_height - 16 - 14 * number, text, size, number == 0))
    return out


def plan_calibration_roll(layout: Layout, offset_mm: tuple[float, float]) -> list[Primitive]:
    """A roll label's calibration: its outline, a centre cross, and rulers from its top left corner."""
    out = plan_calibration_label(layout, 1)[:-1]
    width, height = layout.width, layout.height
    out += _ruler(0, height, int((width - 1) / MM), True)
    out += _ruler(0, height, int((height - 1) / MM), False)
    size = max(5.0, min(10.0, height / 14))
    lines = [f"{layout.name}, offset {offset_mm[0]:+g},{offset_mm[1]:+g} mm", "the outline is the label's edge"]
    y = height / 2 - min(width, height) / 6 - size - 2
    for line in lines:
        text, fitted = fit(line, size, 4, width - 16 * MM)
        out.append(Text(0, y, text, fitted, False, "center", width))
        y -= fitted * 1.3
    return out


# --- PDF --------------------------------------------------------------------------------------------------------


def _escape_table() -> dict[int, str]:
    table = {code: f"\\{code:03o}" for code in (*range(32), *range(127, 256))}
    table.update({ord("("): "\\(", ord(")"): "\\)", ord("\\"): "\\\\"})
    return table


_ESCAPES = _escape_table()


class _TextWriter:
    """PDF text operators for one document, in the documents' font: an embedded TrueType font is written as
    ReportLab's subsets of up to 256 characters (`splitString`/`getSubsetInternalName`, its documented way for
    dynamic fonts); Helvetica (when DejaVu Sans is missing) in WinAnsi."""

    def __init__(self, canvas: Canvas) -> None:
        self.doc = canvas._doc
        self.fonts = {False: pdfmetrics.getFont(REGULAR), True: pdfmetrics.getFont(BOLD)}
        self.shown: dict[tuple[str, bool], list[tuple[str, str]]] = {}

    def chunks(self, text: str, bold: bool) -> list[tuple[str, str]]:
        """(font resource, escaped PDF string) pieces that show `text`."""
        key = (text, bold)
        found = self.shown.get(key)
        if found is None:
            font = self.fonts[bold]
            if font._dynamicFont:
                found = [
                    (font.getSubsetInternalName(subset, self.doc), chunk.decode("latin-1").translate(_ESCAPES))
                    for subset, chunk in font.splitString(text, self.doc)
                ]
            else:
                name = str(self.doc.getInternalFontName(font.fontName))
                encoded = text.encode("cp1252", "replace").decode("latin-1")
                found = [(name, encoded.translate(_ESCAPES))]
            self.shown[key] = found
        return found


def _draw(
    canvas: Canvas,
    primitives: Sequence[Primitive],
    origin: tuple[float, float] = (0.0, 0.0),
    writer: _TextWriter | None = None,
) -> None:
    """Draw a plan with its lower left corner at `origin`, as one block of PDF operators: fills, outlines and
    bars, then the text (white text lies on black fills). Written out directly rather than call by call through
    ReportLab's canvas, so that thousands of labels stay quick."""
    writer = writer or _TextWriter(canvas)
    shapes: list[str] = []
    texts: list[str] = []
    white = False
    for item in primitives:
        kind = type(item)
        if kind is Text:
            text: Text = item  # type: ignore[assignment]
            x = text.x
            if text.align != "left":
                room = text.width - text_width(text.text, text.size, text.bold)
                x += room / 2 if text.align == "center" else room
            if text.white != white:
                texts.append("1 g" if text.white else "0 g")
                white = text.white
            place = f"1 0 0 1 {x:.2f} {text.y:.2f} Tm "
            for resource, chunk in writer.chunks(text.text, text.bold):
                texts.append(f"{resource} {text.size:.2f} Tf {place}({chunk}) Tj")
                place = ""
        elif kind is Bars:
            bars: Bars = item  # type: ignore[assignment]
            operators = bars_operators(bars.code, bars.module, bars.height)
            shapes.append(f"q 1 0 0 1 {bars.x:.3f} {bars.y:.3f} cm {operators} Q")
        elif kind is Fill:
            fill: Fill = item  # type: ignore[assignment]
            rect = f"{fill.x:.2f} {fill.y:.2f} {fill.width:.2f} {fill.height:.2f} re f"
            shapes.append(f"1 g {rect} 0 g" if fill.white else rect)
        elif kind is Frame:
            frame: Frame = item  # type: ignore[assignment]
            half = frame.line / 2
            shapes.append(
                f"{frame.line:.2f} w {frame.x + half:.2f} {frame.y + half:.2f} "
                f"{frame.width - frame.line:.2f} {frame.height - frame.line:.2f} re S"
            )
        elif kind is Line:
            line: Line = item  # type: ignore[assignment]
            shapes.append(f"{line.line:.2f} w {line.x1:.2f} {line.y1:.2f} m {line.x2:.2f} {line.y2:.2f} l S")
    if white:
        texts.append("0 g")
    start = f"q 1 0 0 1 {origin[0]:.3f} {origin[1]:.3f} cm 0 g 0 G"
    canvas.addLiteral(" ".join([start, *shapes, "BT", *texts, "ET Q"] if texts else [start, *shapes, "Q"]))


def _placed(layout: Layout, count: int, start: int) -> Iterator[tuple[int, int]]:
    """(page, position on the page) for `count` labels, the first at position `start` (1-based)."""
    for index in range(start - 1, start - 1 + count):
        yield divmod(index, layout.per_page)


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed page streams without ReportLab's ASCII85 wrapping, which costs more than all the drawing when
    rl_accel is missing (and makes files a quarter larger). Every PDF reader takes binary streams."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _canvas(buffer: io.BytesIO, layout: Layout, title: str) -> Canvas:
    canvas = Canvas(buffer, pagesize=layout.page_size, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("Pantry Desk")
    canvas.setSubject(layout.description)
    return canvas


def render_pdf(
    labels: Sequence[Label],
    layout: Layout,
    *,
    start: int = 1,
    copies: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    title: str = "Labels",
    tr: Translator | None = None,
) -> bytes:
    """PDF of the labels, each `copies` times in a row, the first at position `start` (1-based) of a sheet.

    `offset_mm` (x to the right, y down) shifts everything printed, to match a printer's feed.
    """
    if not 1 <= start <= layout.per_page:
        raise ValueError(f"start must be 1 to {layout.per_page} on {layout.name}")
    if copies < 1:
        raise ValueError("copies must be 1 or more")
    check_kind(labels, layout)
    buffer = io.BytesIO()
    dx, dy = offset_mm[0] * MM, -offset_mm[1] * MM
    with _binary_streams():
        canvas = _canvas(buffer, layout, title)
        writer = _TextWriter(canvas)
        places = _placed(layout, len(labels) * copies, start)
        words = label_words(tr)  # once per document
        current_page = 0
        for label in labels:
            primitives = plan(label, layout, words)
            for _ in range(copies):
                page, position = next(places)
                if page != current_page:
                    canvas.showPage()
                    current_page = page
                x, y = layout.position(position)
                _draw(canvas, primitives, (x + dx, y + dy), writer)
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def calibration_pdf(layout: Layout, offset_mm: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """A page to check a printer against the stock: every label position outlined, with rulers in millimetres.

    The current offset is applied, so a second print shows whether the correction worked."""
    buffer = io.BytesIO()
    dx, dy = offset_mm[0] * MM, -offset_mm[1] * MM
    with _binary_streams():
        canvas = _canvas(buffer, layout, f"Calibration {layout.name}")
        writer = _TextWriter(canvas)
        if layout.stock == "roll":
            _draw(canvas, plan_calibration_roll(layout, offset_mm), (dx, dy), writer)
        else:
            for position in range(layout.per_page):
                x, y = layout.position(position)
                _draw(canvas, plan_calibration_label(layout, position + 1), (x + dx, y + dy), writer)
            _draw(canvas, plan_calibration_sheet(layout, offset_mm), (dx, dy), writer)
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()
