"""Pickup sheets: one per order (one or more pages each), many orders in one PDF, for volunteers to write on.

Each page: the pantry, the date and slot, the order code as a barcode (scanning it completes the pickup), the
household's code, first name and size by age band, dietary needs and allergies where nobody can miss them, who may
pick up for them; then what to pick (item, quantity, location, lot, expiry) with a tick box and a "given" column,
shortages in grey, and at the end lines for notes, the optional eligibility self-declaration and a signature. Agency
orders get a packing slip instead (pantry.documents.packing_slip).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import letter
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from pantry.documents.barcode_drawing import MM, QUIET_MODULES, dots, draw_code128, symbol_modules
from pantry.documents.fonts import BOLD, ITALIC, REGULAR
from pantry.documents.pdf_text import PageText, TextRuns, fitted, text_width
from pantry.i18n import N_, Translator, diet_label, for_household, get, members_text
from pantry.services.pickup_papers import Sheet, SheetLine

PAGE_WIDTH, PAGE_HEIGHT = letter
MARGIN = 12 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
MODULE = dots(6, 300)  # 0.508 mm: six dots at 300 dpi, four at 203 dpi; easy for any handheld scanner
BAR_HEIGHT = 13 * MM
ROW_HEIGHT = 10.5 * MM
FOOTER_HEIGHT = 8 * MM
END_HEIGHT = 34 * MM  # notes and signature
DECLARATION_HEIGHT = 22 * MM
STATUS_WORDS = {
    "planned": N_("planned (not packed yet)"),
    "packed": N_("packed"),
    "picked_up": N_("PICKED UP"),
    "no_show": N_("NO-SHOW"),
    "cancelled": N_("CANCELLED"),
}


@dataclass(frozen=True)
class Column:
    title: str
    width: float


COLUMNS = (
    Column("", 11 * MM),  # tick box
    Column(N_("Item"), 0),  # takes what is left
    Column(N_("Qty"), 17 * MM),
    Column(N_("Where: location · lot · expires"), 64 * MM),
    Column(N_("Given"), 22 * MM),
)


def column_widths(columns: Sequence[Column], total: float) -> list[float]:
    fixed = sum(column.width for column in columns)
    return [column.width or total - fixed for column in columns]


def fit(canvas: Canvas, text: str, width: float, font: str, size: float) -> str:
    """`text`, cut with an ellipsis to fit `width`."""
    return fitted(text, width, font, size)


@contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed page streams without ReportLab's ASCII85 wrapping, which costs more than the drawing when rl_accel
    is missing (and makes files a quarter larger). Every PDF reader takes binary streams."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def tick_box(canvas: Canvas, x: float, y: float, size: float = 5 * MM) -> None:
    canvas.setLineWidth(1.2)
    canvas.rect(x, y, size, size)


def draw_order_barcode(canvas: Canvas, code: str, right: float, top: float) -> None:
    """The order code as Code128 with its text under it, right-aligned at `right`, its top at `top`."""
    quiet = QUIET_MODULES * MODULE
    width = symbol_modules(code) * MODULE
    x = right - quiet - width
    draw_code128(canvas, code, x, top - BAR_HEIGHT, MODULE, BAR_HEIGHT)
    canvas.setFont(BOLD, 12)
    canvas.drawCentredString(x + width / 2, top - BAR_HEIGHT - 5 * MM, code)


class Writer(PageText):
    """The text of one page in a single text object, drawn after the page's graphics (so white on black works):
    each string's operators are made once per document (`pdf_text.TextRuns`), so thousands of strings stay quick."""

    def __init__(self, canvas: Canvas, runs: TextRuns | None = None) -> None:
        super().__init__(runs or TextRuns(canvas))
        self.canvas = canvas

    def put(
        self,
        x: float,
        y: float,
        text: str,
        font: str = REGULAR,
        size: float = 10,
        *,
        align: str = "left",
        width: float | None = None,
        gray: float = 0.0,
    ) -> None:
        super().put(x, y, text, font, size, align=align, width=width, gray=gray)

    def finish(self, canvas: Canvas | None = None) -> None:
        super().finish(canvas or self.canvas)


def place_form(canvas: Canvas, name: str, y: float) -> None:
    """Draw a form (drawn once per document) with its origin moved up to `y` (PDF operators, not ReportLab's
    saveState/translate, which copy the canvas's whole state in Python each time)."""
    canvas.addLiteral(f"q 1 0 0 1 0 {fp_str(y)} cm")
    canvas.doForm(name)
    canvas.addLiteral("Q")


class _Forms:
    """What every sheet repeats, drawn once per PDF as form XObjects and placed by reference."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.tr = get(None)  # the language of the sheet being drawn (forms are made once per language)
        self.runs = TextRuns(canvas)  # every string's text operators, once per document
        self.made: set[str] = set()
        self.widths = column_widths(COLUMNS, CONTENT_WIDTH)
        self.x = [MARGIN]
        for width in self.widths[:-1]:
            self.x.append(self.x[-1] + width)

    def use(self, name: str, y: float = 0) -> None:
        form = f"{name}_{self.tr.language}"
        if form not in self.made:
            self.canvas.beginForm(form)
            getattr(self, f"_{name}")()
            self.canvas.endForm()
            self.made.add(form)
        place_form(self.canvas, form, y)

    def _pick_row(self) -> None:  # a row's tick box, "given" box and rule, from the row's bottom
        canvas = self.canvas
        tick_box(canvas, self.x[0] + 3 * MM, 2.7 * MM)
        canvas.setLineWidth(0.6)
        canvas.rect(self.x[4] + 2 * MM, 1.5 * MM, self.widths[4] - 4 * MM, ROW_HEIGHT - 3 * MM)
        canvas.setLineWidth(0.3)
        canvas.line(MARGIN, 0, PAGE_WIDTH - MARGIN, 0)

    def _short_row(self) -> None:
        canvas = self.canvas
        canvas.setFillGray(0.85)
        canvas.rect(MARGIN, 0, CONTENT_WIDTH, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillGray(0)
        canvas.setLineWidth(0.3)
        canvas.line(MARGIN, 0, PAGE_WIDTH - MARGIN, 0)
        canvas.setFont(REGULAR, 10)
        canvas.drawString(self.x[3] + 1.5 * MM, ROW_HEIGHT - 6.5 * MM, self.tr._("not in stock: nothing to pick"))

    def _table_head(self) -> None:  # from the head's bottom rule (forms clip below their origin)
        canvas = self.canvas
        canvas.setFont(BOLD, 10)
        for column, x in zip(COLUMNS, self.x, strict=True):
            canvas.drawString(x + 1.5 * MM, 2 * MM, self.tr._(column.title))
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, 0, PAGE_WIDTH - MARGIN, 0)

    def _top(self) -> None:  # the title and the household frame, at their place on the page
        canvas = self.canvas
        top = PAGE_HEIGHT - MARGIN
        canvas.setFont(BOLD, 22)
        canvas.drawString(MARGIN, top - 13 * MM, self.tr._("PICKUP SHEET"))
        canvas.setLineWidth(1.5)
        canvas.rect(MARGIN, top - 33 * MM - HOUSEHOLD_HEIGHT, CONTENT_WIDTH, HOUSEHOLD_HEIGHT)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(MARGIN + 3 * MM, top - 37.5 * MM, self.tr._("HOUSEHOLD"))

    def _end(self) -> None:  # lines for notes, from the lower line
        canvas = self.canvas
        canvas.setFont(REGULAR, 11)
        canvas.setLineWidth(0.6)
        notes = self.tr._("Notes:")
        canvas.drawString(MARGIN, 8 * MM, notes)
        canvas.line(
            MARGIN + max(14 * MM, canvas.stringWidth(notes, REGULAR, 11) + 2 * MM),
            7.5 * MM,
            PAGE_WIDTH - MARGIN,
            7.5 * MM,
        )
        canvas.line(MARGIN, 0, PAGE_WIDTH - MARGIN, 0)

    def _signature(self) -> None:  # from the signature line
        canvas = self.canvas
        canvas.setFont(REGULAR, 11)
        canvas.setLineWidth(0.6)
        canvas.drawString(MARGIN, 0.5 * MM, self.tr._("Signature:"))
        canvas.line(MARGIN + 21 * MM, 0, MARGIN + 120 * MM, 0)
        canvas.drawString(MARGIN + 128 * MM, 0.5 * MM, self.tr._("Date:"))
        canvas.line(MARGIN + 140 * MM, 0, PAGE_WIDTH - MARGIN, 0)


HOUSEHOLD_HEIGHT = 21 * MM


def _rows(sheet: Sheet) -> list[tuple[str, object]]:
    """The table rows: a row per pick, a grey row for a shortage; before packing, a row per line."""
    rows: list[tuple[str, object]] = []
    for line in sheet.lines:
        if not sheet.packed:
            rows.append(("wanted", line))
            continue
        rows += [("pick", (line, pick)) for pick in line.picks]
        if line.shortage:
            rows.append(("short", line))
    return rows


def _header(canvas: Canvas, write: Writer, forms: _Forms, sheet: Sheet, page: int, pages: int) -> float:
    """The page top: pantry, date, barcode, household and diet. Returns the y where the table head starts."""
    tr = forms.tr
    top = PAGE_HEIGHT - MARGIN
    forms.use("top")
    write.put(MARGIN, top - 4 * MM, sheet.pantry, REGULAR, 10)
    when = f"{tr.weekday(sheet.date)} {tr.date(sheet.date)}" + (f"  ·  {sheet.slot}" if sheet.slot else "")
    write.put(MARGIN, top - 20.5 * MM, when, BOLD, 15)
    status = tr._(STATUS_WORDS.get(sheet.status, sheet.status))
    page_of = tr._("page {page} of {pages}").format(page=page, pages=pages)
    template = sheet.template or tr._("Order")
    write.put(MARGIN, top - 26 * MM, f"{template}  ·  {status}  ·  {page_of}")
    draw_order_barcode(canvas, sheet.order, PAGE_WIDTH - MARGIN, top)

    y = top - 33 * MM
    who = sheet.recipient
    write.put(MARGIN + 3 * MM, y - 12 * MM, who.code, BOLD, 20)
    code_width = text_width(who.code, BOLD, 20)
    name_width = CONTENT_WIDTH - code_width - 70 * MM
    write.put(MARGIN + 8 * MM + code_width, y - 12 * MM, who.name or tr._("(anonymous)"), BOLD, 16, width=name_width)
    right = PAGE_WIDTH - MARGIN - 3 * MM
    people = tr.ngettext("{n} person", "{n} people", who.size).format(n=who.size)
    write.put(right, y - 7 * MM, people, BOLD, 13, align="right")
    write.put(right, y - 12 * MM, members_text(who.members, tr), REGULAR, 10, align="right", width=65 * MM)
    extra = []
    if who.proxy:
        extra.append(tr._("May pick up for them: {proxy}").format(proxy=who.proxy))
    if who.language:
        extra.append(tr._("Language: {language}").format(language=who.language))
    write.put(MARGIN + 3 * MM, y - 18 * MM, "   ·   ".join(extra), REGULAR, 10.5, width=CONTENT_WIDTH - 6 * MM)
    y -= HOUSEHOLD_HEIGHT + 2 * MM
    return _diet(canvas, write, sheet, y, tr) - 2 * MM


def _diet(canvas: Canvas, write: Writer, sheet: Sheet, y: float, tr: Translator) -> float:
    """Allergies white on black, other needs bold in a frame; a quiet line when there are none."""
    who = sheet.recipient
    height = 9 * MM
    width = CONTENT_WIDTH - 6 * MM
    if who.allergies:
        canvas.setFillGray(0)
        canvas.rect(MARGIN, y - height, CONTENT_WIDTH, height, stroke=0, fill=1)
        text = tr._("ALLERGY: ") + ", ".join(diet_label(flag, tr).upper() for flag in who.allergies)
        write.put(MARGIN + 3 * MM, y - 6.3 * MM, text, BOLD, 14, width=width, gray=1)
        y -= height + 1.5 * MM
    if who.needs:
        canvas.setLineWidth(2)
        canvas.rect(MARGIN, y - height, CONTENT_WIDTH, height)
        text = tr._("DIET: ") + ", ".join(diet_label(flag, tr).upper() for flag in who.needs)
        write.put(MARGIN + 3 * MM, y - 6.3 * MM, text, BOLD, 14, width=width)
        y -= height + 1.5 * MM
    if who.dietary_note:
        write.put(
            MARGIN, y - 4.5 * MM, tr._("Diet note: {note}").format(note=who.dietary_note), BOLD, 11, width=CONTENT_WIDTH
        )
        y -= 6.5 * MM
    if not (who.allergies or who.needs or who.dietary_note):
        write.put(MARGIN, y - 4.5 * MM, tr._("Dietary needs / allergies: none recorded"))
        y -= 6.5 * MM
    return y


_SUBSTITUTE = re.compile(r"instead of (.+) \(([^()]+)\)")  # pantry.services.packing's note, stored in English


def _note(note: str, tr: Translator) -> str:
    """A line's note in the sheet's language: the packer's substitution note is rebuilt, anything else is as written."""
    found = _SUBSTITUTE.fullmatch(note) if note and tr.language != "en" else None
    if found is None:
        return note
    reason = diet_label(found.group(2).replace(" ", "_"), tr)
    return tr._("instead of {item} ({reason})").format(item=found.group(1), reason=reason)


def _draw_row(write: Writer, forms: _Forms, kind: str, payload: object, y: float) -> None:
    tr = forms.tr
    x, widths = forms.x, forms.widths
    bottom = y - ROW_HEIGHT
    if kind == "short":
        line: SheetLine = payload  # type: ignore[assignment]
        forms.use("short_row", bottom)
        write.put(
            x[1] + 1.5 * MM,
            y - 6.5 * MM,
            tr._("SHORT: {item}").format(item=line.what),
            BOLD,
            11,
            width=widths[1] - 3 * MM,
        )
        write.put(x[2] + widths[2] - 2 * MM, y - 6 * MM, line.shortage, BOLD, 11, align="right")
        if line.unit != "each":
            write.put(x[2] + widths[2] - 2 * MM, y - 9.3 * MM, line.unit, REGULAR, 8, align="right")
        return
    if kind == "pick":
        line, pick = payload  # type: ignore[misc]
        name, quantity, unit = pick.item, pick.quantity, pick.unit
        note = _note(line.note, tr)
        if pick.past_best_by:
            note = (note + " · " if note else "") + tr._("PAST BEST-BY: check it")
        where_top = pick.location
        expires = tr.date(pick.expires, tr._("no date"))
        where_bottom = f"{pick.lot} · {expires}"
        if pick.use_by and pick.expires:
            where_bottom += " " + tr._("use-by")
        given = pick.given
    else:
        line = payload  # type: ignore[assignment]
        name, quantity, unit, note, given = line.what, line.wanted, line.unit, _note(line.note, tr), ""
        where_top, where_bottom = tr._("not packed yet"), tr._("pack the order to see where")
    forms.use("pick_row", bottom)
    write.put(x[1] + 1.5 * MM, y - 4.8 * MM, name, BOLD, 11.5, width=widths[1] - 3 * MM)
    if note:
        write.put(x[1] + 1.5 * MM, y - 8.8 * MM, note, ITALIC, 8.5, width=widths[1] - 3 * MM)
    write.put(x[2] + widths[2] - 2 * MM, y - 6 * MM, quantity, BOLD, 14, align="right")
    if unit and unit != "each":
        write.put(x[2] + widths[2] - 2 * MM, y - 9.3 * MM, unit, REGULAR, 8, align="right")
    write.put(x[3] + 1.5 * MM, y - 4.8 * MM, where_top, BOLD, 10.5, width=widths[3] - 3 * MM)
    write.put(x[3] + 1.5 * MM, y - 8.8 * MM, where_bottom, REGULAR, 9, width=widths[3] - 3 * MM)
    if given:
        write.put(x[4] + widths[4] / 2, y - 6.5 * MM, given, BOLD, 12, align="center")


def _end(canvas: Canvas, write: Writer, forms: _Forms, sheet: Sheet, y: float) -> None:
    y -= 15 * MM
    forms.use("end", y)
    if sheet.declaration:
        for number, part in enumerate(_wrap(canvas, sheet.declaration, CONTENT_WIDTH, REGULAR, 9)[:4]):
            write.put(MARGIN, y - 6 * MM - number * 10.8, part, REGULAR, 9)
        y -= DECLARATION_HEIGHT - 6 * MM
    forms.use("signature", y - 12.5 * MM)


def _wrap(canvas: Canvas, text: str, width: float, font: str, size: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}".strip()
            if text_width(candidate, font, size) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def _footer(write: Writer, sheet: Sheet, page: int, pages: int, tr: Translator) -> None:
    footer = tr._("Order {order} · household {household} · {date}").format(
        order=sheet.order, household=sheet.recipient.code, date=tr.date(sheet.date)
    )
    write.put(MARGIN, MARGIN - 2 * MM, footer, REGULAR, 8.5)
    page_of = tr._("Page {page} of {pages}").format(page=page, pages=pages)
    write.put(PAGE_WIDTH - MARGIN, MARGIN - 2 * MM, page_of, REGULAR, 8.5, align="right")


def draw_sheet(canvas: Canvas, sheet: Sheet, forms: _Forms | None = None, tr: Translator | None = None) -> int:
    """Draw one household's pickup sheet on as many pages as it needs, in `tr`'s language (the household's own when
    it is one we print in, else the desk's); returns the number of pages."""
    forms = forms or _Forms(canvas)
    forms.tr = for_household(sheet.recipient.language, get(tr))
    rows = _rows(sheet)
    end_height = END_HEIGHT + (DECLARATION_HEIGHT if sheet.declaration else 0)
    body = _table_top(sheet) - 6 * MM - MARGIN - FOOTER_HEIGHT
    per_page = max(1, int(body // ROW_HEIGHT))
    pages = max(1, -(-len(rows) // per_page))
    if len(rows) - (pages - 1) * per_page > int((body - end_height) // ROW_HEIGHT):
        pages += 1  # the notes and signature need room under the last rows
    for page in range(pages):
        write = Writer(canvas, forms.runs)
        y = _header(canvas, write, forms, sheet, page + 1, pages)
        y -= 6 * MM
        forms.use("table_head", y)
        for kind, payload in rows[page * per_page : (page + 1) * per_page]:
            _draw_row(write, forms, kind, payload, y)
            y -= ROW_HEIGHT
        if page == pages - 1:
            if not rows:
                write.put(MARGIN + 2 * MM, y - 6 * MM, forms.tr._("Nothing to pick."), REGULAR, 11)
                y -= 9 * MM
            _end(canvas, write, forms, sheet, y)
        _footer(write, sheet, page + 1, pages, forms.tr)
        write.finish()
        canvas.showPage()
    return pages


def _table_top(sheet: Sheet) -> float:
    """Where the table head starts: under the header, whose height depends on the diet lines."""
    who = sheet.recipient
    used = 33 * MM + HOUSEHOLD_HEIGHT + 2 * MM
    used += (9 * MM + 1.5 * MM) * (bool(who.allergies) + bool(who.needs))
    if who.dietary_note or not (who.allergies or who.needs):
        used += 6.5 * MM
    return PAGE_HEIGHT - MARGIN - used - 2 * MM


def render(sheets: Sequence[Sheet], path: Path, *, title: str | None = None, tr: Translator | None = None) -> int:
    """Write the sheets (agency orders as packing slips) into one PDF; returns the number of pages. Each household's
    sheet is in its own language when it has one we print in, else in `tr`'s (the desk's)."""
    from pantry.documents import packing_slip

    tr = get(tr)
    with binary_streams():
        canvas = Canvas(str(path), pagesize=letter, pageCompression=1)
        canvas.setTitle(title or tr._("Pickup sheets"))
        if sheets:
            canvas.setAuthor(sheets[0].pantry)
        forms = _Forms(canvas)
        pages = 0
        for sheet in sheets:
            pages += packing_slip.draw_slip(canvas, sheet, tr) if sheet.agency else draw_sheet(canvas, sheet, forms, tr)
        if not sheets:
            canvas.setFont(REGULAR, 12)
            canvas.drawString(MARGIN, PAGE_HEIGHT - MARGIN - 10 * MM, tr._("No orders to print."))
            canvas.showPage()
            pages = 1
        canvas.save()
    return pages
