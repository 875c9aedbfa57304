"""The count sheet: one location's lots on paper, to count with a pen (or scan) and key in later.

Per lot: its code as a barcode, item, expiry, a blank "counted" box and room for notes; the expected quantity only
when the pantry chooses to show it (blind counts are more honest). Header repeated on every page, page X of Y, and
signature and date lines at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from pantry.documents.barcode_drawing import MM, QUIET_MODULES, dots, draw_code128, symbol_modules
from pantry.documents.fonts import BOLD, REGULAR
from pantry.i18n import N_, Translator, get
from pantry.measures import format_quantity
from pantry.services.counts import CountSummary

PAGE_WIDTH, PAGE_HEIGHT = letter
MARGIN = 12 * MM
ROW_HEIGHT = 13 * MM
HEADER_HEIGHT = 30 * MM
FOOTER_HEIGHT = 10 * MM
SIGNATURE_HEIGHT = 24 * MM
MODULE = dots(3, 300)  # 0.254 mm: three dots of a 300 dpi laser, two of a 203 dpi thermal printer (rounded)
BAR_HEIGHT = 8 * MM


@dataclass(frozen=True)
class _Column:
    title: str
    width: float  # points


def _columns(show_expected: bool) -> list[_Column]:
    fixed = [_Column(N_("Lot"), 40 * MM), _Column(N_("Expires"), 22 * MM)]
    if show_expected:
        fixed.append(_Column(N_("Expected"), 18 * MM))
    fixed += [_Column(N_("Counted"), 22 * MM), _Column(N_("Notes"), 32 * MM)]
    item_width = PAGE_WIDTH - 2 * MARGIN - sum(column.width for column in fixed)
    return [fixed[0], _Column(N_("Item"), item_width), *fixed[1:]]


def _fit(canvas: Canvas, text: str, width: float, font: str, size: float) -> str:
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def render(
    summary: CountSummary, org_name: str, path: Path, *, show_expected: bool = False, tr: Translator | None = None
) -> int:
    """Write the count sheet PDF in `tr`'s language (the desk's); returns the number of pages."""
    tr = get(tr)
    columns = _columns(show_expected)
    body = PAGE_HEIGHT - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT
    per_page = max(1, int(body // ROW_HEIGHT))
    rows = summary.rows
    pages = max(1, -(-len(rows) // per_page))
    if len(rows) - (pages - 1) * per_page > int((body - SIGNATURE_HEIGHT) // ROW_HEIGHT):
        pages += 1  # the signature block needs room under the last rows
    canvas = Canvas(str(path), pagesize=letter, pageCompression=1)
    canvas.setTitle(tr._("Count {count} — {scope}").format(count=summary.id, scope=summary.scope))
    canvas.setAuthor(org_name)
    for page in range(pages):
        top = PAGE_HEIGHT - MARGIN
        _header(canvas, summary, org_name, columns, top, page + 1, pages, tr)
        y = top - HEADER_HEIGHT
        for row in rows[page * per_page : (page + 1) * per_page]:
            _row(canvas, row, columns, y, show_expected, tr)
            y -= ROW_HEIGHT
        if page == pages - 1:
            _signature(canvas, y - 6 * MM, len(rows), summary.counted, tr)
        canvas.showPage()
    canvas.save()
    return pages


def _header(
    canvas: Canvas,
    summary: CountSummary,
    org_name: str,
    columns: list[_Column],
    top: float,
    page: int,
    pages: int,
    tr: Translator,
) -> None:
    canvas.setFont(BOLD, 15)
    canvas.drawString(
        MARGIN, top - 6 * MM, tr._("Stock count {count}: {scope}").format(count=summary.id, scope=summary.scope)
    )
    canvas.setFont(REGULAR, 9)
    started = tr._("started {date}").format(date=tr.date(summary.started_at.astimezone(dt.UTC).date()))
    lots = tr.ngettext("{n} lot", "{n} lots", len(summary.rows)).format(n=tr.number(len(summary.rows)))
    canvas.drawString(MARGIN, top - 11.5 * MM, f"{org_name} · {started} · {lots}")
    page_of = tr._("Page {page} of {pages}").format(page=page, pages=pages)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top - 6 * MM, page_of)
    canvas.drawString(
        MARGIN,
        top - 16.5 * MM,
        tr._("Count what is there. Write the number in the box; a lot not listed goes at the end."),
    )
    y = top - HEADER_HEIGHT + 3 * MM
    canvas.setFont(BOLD, 9)
    x = MARGIN
    for column in columns:
        canvas.drawString(x + 1.5 * MM, y + 1.5 * MM, tr._(column.title))
        x += column.width
    canvas.setLineWidth(1)
    canvas.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)


def _row(canvas: Canvas, row, columns: list[_Column], y: float, show_expected: bool, tr: Translator) -> None:  # type: ignore[no-untyped-def]
    x = MARGIN
    quiet = QUIET_MODULES * MODULE
    draw_code128(canvas, row.lot, x + quiet, y - 1.5 * MM - BAR_HEIGHT, MODULE, BAR_HEIGHT)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(x + quiet, y - ROW_HEIGHT + 1.3 * MM, row.lot)
    assert symbol_modules(row.lot) * MODULE + 2 * quiet <= columns[0].width, "lot barcode wider than its column"
    x += columns[0].width
    canvas.setFont(BOLD, 10)
    canvas.drawString(x + 1.5 * MM, y - 5.5 * MM, _fit(canvas, row.item, columns[1].width - 3 * MM, BOLD, 10))
    canvas.setFont(REGULAR, 8)
    detail = f"{row.sku} · {row.location}" + (f" · {row.note}" if row.note else "")
    canvas.drawString(x + 1.5 * MM, y - 10 * MM, _fit(canvas, detail, columns[1].width - 3 * MM, REGULAR, 8))
    x += columns[1].width
    canvas.setFont(REGULAR, 10)
    canvas.drawString(x + 1.5 * MM, y - 5.5 * MM, tr.date(row.expires, "-"))
    x += columns[2].width
    index = 3
    if show_expected:
        canvas.drawRightString(x + columns[3].width - 2 * MM, y - 5.5 * MM, format_quantity(row.expected, row.unit))
        x += columns[3].width
        index = 4
    canvas.setLineWidth(0.8)
    canvas.rect(x + 1.5 * MM, y - ROW_HEIGHT + 2 * MM, columns[index].width - 3 * MM, ROW_HEIGHT - 4 * MM)
    canvas.setFont(REGULAR, 6.5)
    canvas.drawString(x + 2.5 * MM, y - ROW_HEIGHT + 3 * MM, row.unit)
    canvas.setLineWidth(0.3)
    canvas.line(MARGIN, y - ROW_HEIGHT, PAGE_WIDTH - MARGIN, y - ROW_HEIGHT)


def _signature(canvas: Canvas, y: float, lots: int, counted: int, tr: Translator) -> None:
    canvas.setFont(REGULAR, 10)
    listed = tr.ngettext("{n} lot listed.", "{n} lots listed.", lots).format(n=tr.number(lots))
    canvas.drawString(MARGIN, y, listed + " " + tr._("Extra lots found (code, item, count):"))
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y - 7 * MM, PAGE_WIDTH - MARGIN, y - 7 * MM)
    canvas.drawString(MARGIN, y - 16 * MM, tr._("Counted by:"))
    canvas.line(MARGIN + 22 * MM, y - 16.5 * MM, MARGIN + 95 * MM, y - 16.5 * MM)
    canvas.drawString(MARGIN + 105 * MM, y - 16 * MM, tr._("Date:"))
    canvas.line(MARGIN + 117 * MM, y - 16.5 * MM, PAGE_WIDTH - MARGIN, y - 16.5 * MM)
