"""The agency packing slip: what goes to a partner agency, with lines for who delivered it and who received it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from pantry.documents.barcode_drawing import MM
from pantry.documents.fonts import BOLD, REGULAR
from pantry.documents.pickup_sheet import (
    CONTENT_WIDTH,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Column,
    binary_streams,
    column_widths,
    draw_order_barcode,
    fit,
    tick_box,
)
from pantry.i18n import N_, Translator, get
from pantry.services.pickup_papers import Sheet

ROW_HEIGHT = 8.5 * MM
HEADER_HEIGHT = 62 * MM
END_HEIGHT = 50 * MM
FOOTER_HEIGHT = 8 * MM
COLUMNS = (
    Column("", 10 * MM),
    Column(N_("Item"), 0),
    Column(N_("Quantity"), 22 * MM),
    Column(N_("Lot"), 26 * MM),
    Column(N_("Expires"), 24 * MM),
    Column(N_("From"), 34 * MM),
)


def _rows(sheet: Sheet, tr: Translator) -> list[tuple[str, str, str, str, str, str]]:
    """(kind, item, quantity, lot, expires, location) per pick; shortages and unpacked lines say so."""
    rows = []
    for line in sheet.lines:
        if not sheet.packed:
            wanted = line.wanted if line.unit == "each" else f"{line.wanted} {line.unit}"
            rows.append(("wanted", line.what, wanted, "", "", tr._("not packed yet")))
            continue
        for pick in line.picks:
            quantity = pick.quantity if pick.unit == "each" else f"{pick.quantity} {pick.unit}"
            rows.append(("pick", pick.item, quantity, pick.lot, tr.date(pick.expires), pick.location))
        if line.shortage:
            short = line.shortage if line.unit == "each" else f"{line.shortage} {line.unit}"
            rows.append(("short", tr._("SHORT: {item}").format(item=line.what), short, "", "", tr._("not in stock")))
    return rows


def _header(canvas: Canvas, sheet: Sheet, page: int, pages: int, tr: Translator) -> float:
    top = PAGE_HEIGHT - MARGIN
    canvas.setFont(REGULAR, 10)
    canvas.drawString(MARGIN, top - 4 * MM, sheet.pantry)
    canvas.setFont(BOLD, 22)
    canvas.drawString(MARGIN, top - 13 * MM, tr._("PACKING SLIP"))
    canvas.setFont(BOLD, 14)
    when = f"{tr.weekday(sheet.date)} {tr.date(sheet.date)}" + (f"  ·  {sheet.slot}" if sheet.slot else "")
    canvas.drawString(MARGIN, top - 20.5 * MM, when)
    canvas.setFont(REGULAR, 10)
    page_of = tr._("page {page} of {pages}").format(page=page, pages=pages)
    template = sheet.template or tr._("Order")
    canvas.drawString(MARGIN, top - 26 * MM, f"{template}  ·  {page_of}")
    draw_order_barcode(canvas, sheet.order, PAGE_WIDTH - MARGIN, top)
    y = top - 33 * MM
    who = sheet.recipient
    canvas.setLineWidth(1.5)
    canvas.rect(MARGIN, y - 24 * MM, CONTENT_WIDTH, 24 * MM)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN + 3 * MM, y - 4.5 * MM, tr._("DELIVER TO"))
    canvas.setFont(BOLD, 16)
    canvas.drawString(MARGIN + 3 * MM, y - 11 * MM, fit(canvas, who.name, CONTENT_WIDTH - 6 * MM, BOLD, 16))
    canvas.setFont(REGULAR, 10)
    contact = "   ·   ".join(
        part
        for part in (
            who.contact,
            who.phone,
            tr.ngettext("serves {n} person", "serves {n} people", who.size).format(n=who.size),
        )
        if part
    )
    canvas.drawString(MARGIN + 3 * MM, y - 16.5 * MM, fit(canvas, contact, CONTENT_WIDTH - 6 * MM, REGULAR, 10))
    address = " ".join(who.address.split())
    canvas.drawString(MARGIN + 3 * MM, y - 21.5 * MM, fit(canvas, address, CONTENT_WIDTH - 6 * MM, REGULAR, 10))
    return top - HEADER_HEIGHT


def _table_head(canvas: Canvas, y: float, widths: list[float], tr: Translator) -> float:
    canvas.setFont(BOLD, 10)
    x = MARGIN
    for column, width in zip(COLUMNS, widths, strict=True):
        canvas.drawString(x + 1.5 * MM, y - 4 * MM, tr._(column.title))
        x += width
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, y - 6 * MM, PAGE_WIDTH - MARGIN, y - 6 * MM)
    return y - 6 * MM


def _row(canvas: Canvas, row: tuple[str, str, str, str, str, str], y: float, widths: list[float]) -> None:
    kind, item, quantity, lot, expires, location = row
    bottom = y - ROW_HEIGHT
    if kind == "short":
        canvas.setFillGray(0.85)
        canvas.rect(MARGIN, bottom, CONTENT_WIDTH, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillGray(0)
    else:
        tick_box(canvas, MARGIN + 2.5 * MM, bottom + 1.8 * MM)
    x = MARGIN + widths[0]
    font = BOLD
    canvas.setFont(font, 11)
    canvas.drawString(x + 1.5 * MM, y - 5.5 * MM, fit(canvas, item, widths[1] - 3 * MM, font, 11))
    x += widths[1]
    canvas.setFont(BOLD, 12)
    canvas.drawRightString(x + widths[2] - 2 * MM, y - 5.5 * MM, quantity)
    x += widths[2]
    canvas.setFont(REGULAR, 10)
    for text, width in ((lot, widths[3]), (expires, widths[4]), (location, widths[5])):
        canvas.drawString(x + 1.5 * MM, y - 5.5 * MM, fit(canvas, text, width - 3 * MM, REGULAR, 10))
        x += width
    canvas.setLineWidth(0.3)
    canvas.line(MARGIN, bottom, PAGE_WIDTH - MARGIN, bottom)


def _end(canvas: Canvas, sheet: Sheet, y: float, rows: int, tr: Translator) -> None:
    canvas.setFont(BOLD, 11)
    lines = tr.ngettext("{n} line", "{n} lines", rows).format(n=tr.number(rows))
    weight = tr._("about {weight} kg").format(weight=tr.number(sheet.grams / 1000, 1))
    canvas.drawString(MARGIN, y - 6 * MM, f"{lines} · {weight}")
    canvas.setFont(REGULAR, 11)
    canvas.setLineWidth(0.6)
    for offset, who in ((17 * MM, tr._("Delivered by")), (33 * MM, tr._("Received by"))):
        base = y - offset
        canvas.drawString(MARGIN, base, f"{who}:")
        canvas.line(MARGIN + 26 * MM, base - 0.5 * MM, MARGIN + 85 * MM, base - 0.5 * MM)
        canvas.drawString(MARGIN + 88 * MM, base, tr._("Signature:"))
        canvas.line(MARGIN + 108 * MM, base - 0.5 * MM, MARGIN + 160 * MM, base - 0.5 * MM)
        canvas.drawString(MARGIN + 163 * MM, base, tr._("Date:"))
        canvas.line(MARGIN + 174 * MM, base - 0.5 * MM, PAGE_WIDTH - MARGIN, base - 0.5 * MM)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(MARGIN + 26 * MM, base - 4 * MM, tr._("name"))
        canvas.setFont(REGULAR, 11)


def draw_slip(canvas: Canvas, sheet: Sheet, tr: Translator | None = None) -> int:
    """Draw one agency's packing slip on as many pages as it needs, in `tr`'s language; returns the number of pages."""
    tr = get(tr)
    widths = column_widths(COLUMNS, CONTENT_WIDTH)
    rows = _rows(sheet, tr)
    body = PAGE_HEIGHT - MARGIN - HEADER_HEIGHT - 6 * MM - MARGIN - FOOTER_HEIGHT
    per_page = max(1, int(body // ROW_HEIGHT))
    pages = max(1, -(-len(rows) // per_page))
    if len(rows) - (pages - 1) * per_page > int((body - END_HEIGHT) // ROW_HEIGHT):
        pages += 1
    for page in range(pages):
        y = _table_head(canvas, _header(canvas, sheet, page + 1, pages, tr), widths, tr)
        for row in rows[page * per_page : (page + 1) * per_page]:
            _row(canvas, row, y, widths)
            y -= ROW_HEIGHT
        if page == pages - 1:
            _end(canvas, sheet, y, len(rows), tr)
        canvas.setFont(REGULAR, 8.5)
        footer = tr._("Packing slip {order} · {agency}").format(order=sheet.order, agency=sheet.recipient.name)
        canvas.drawString(MARGIN, MARGIN - 2 * MM, footer)
        page_of = tr._("Page {page} of {pages}").format(page=page + 1, pages=pages)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 2 * MM, page_of)
        canvas.showPage()
    return pages


def render(sheets: Sequence[Sheet], path: Path, *, tr: Translator | None = None) -> int:
    """Packing slips only, into one PDF; returns the number of pages."""
    tr = get(tr)
    with binary_streams():
        canvas = Canvas(str(path), pagesize=letter, pageCompression=1)
        canvas.setTitle(tr._("Packing slips"))
        pages = sum(draw_slip(canvas, sheet, tr) for sheet in sheets)
        canvas.save()
    return pages
