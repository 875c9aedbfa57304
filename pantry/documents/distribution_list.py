"""The distribution list of a shift (landscape, large type, readable from arm's length): every order with its slot,
household code, size and dietary flags and tick boxes for its status; then the pull list: per location, each item and
how much to bring out of storage before the doors open.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen.canvas import Canvas

from pantry.documents.barcode_drawing import MM
from pantry.documents.fonts import BOLD, REGULAR
from pantry.documents.pickup_sheet import Column, binary_streams, column_widths, fit, tick_box
from pantry.i18n import N_, Translator, diet_label, get, members_text
from pantry.services.pickup_papers import DistributionList, ListRow, PullRow

PAGE_WIDTH, PAGE_HEIGHT = landscape(letter)
MARGIN = 11 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
ROW_HEIGHT = 12 * MM
PULL_ROW_HEIGHT = 10 * MM
TITLE_HEIGHT = 20 * MM
FOOTER_HEIGHT = 7 * MM
ORDER_COLUMNS = (
    Column(N_("Slot"), 18 * MM),
    Column(N_("Household"), 30 * MM),
    Column(N_("Name"), 34 * MM),
    Column(N_("People"), 36 * MM),
    Column(N_("Diet / allergies"), 0),
    Column(N_("Items"), 15 * MM),
    Column(N_("Order"), 25 * MM),
    Column(N_("Picked up"), 21 * MM),
    Column(N_("No-show"), 19 * MM),
)
PULL_COLUMNS = (
    Column("", 12 * MM),
    Column(N_("Item"), 0),
    Column(N_("Bring out"), 32 * MM),
    Column(N_("Lots (earliest expiry first)"), 100 * MM),
)
DONE = {"picked_up": N_("picked up"), "no_show": N_("no-show")}


def _title(canvas: Canvas, data: DistributionList, heading: str, page: int, pages: int, tr: Translator) -> float:
    top = PAGE_HEIGHT - MARGIN
    canvas.setFont(BOLD, 20)
    when = f"{tr.weekday(data.day, short=False)} {tr.date(data.day)}" + (f"  {data.slots}" if data.slots else "")
    canvas.drawString(MARGIN, top - 8 * MM, f"{heading} · {when}")
    canvas.setFont(REGULAR, 11)
    people = sum({(row.household, row.first_name): row.size for row in data.rows}.values())  # each household once
    orders = tr.ngettext("{n} order", "{n} orders", len(data.rows)).format(n=tr.number(len(data.rows)))
    persons = tr.ngettext("{n} person", "{n} people", people).format(n=tr.number(people))
    canvas.drawString(MARGIN, top - 14.5 * MM, f"{data.pantry} · {orders} · {persons}")
    page_of = tr._("Page {page} of {pages}").format(page=page, pages=pages)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top - 8 * MM, page_of)
    return top - TITLE_HEIGHT


def _head(canvas: Canvas, columns: tuple[Column, ...], widths: list[float], y: float, tr: Translator) -> float:
    canvas.setFont(BOLD, 11)
    x = MARGIN
    for column, width in zip(columns, widths, strict=True):
        canvas.drawString(x + 1.5 * MM, y - 4.5 * MM, tr._(column.title))
        x += width
    canvas.setLineWidth(1.5)
    canvas.line(MARGIN, y - 7 * MM, PAGE_WIDTH - MARGIN, y - 7 * MM)
    return y - 7 * MM


def _order_row(canvas: Canvas, row: ListRow, widths: list[float], y: float, shade: bool, tr: Translator) -> None:
    bottom = y - ROW_HEIGHT
    if shade:
        canvas.setFillGray(0.93)
        canvas.rect(MARGIN, bottom, CONTENT_WIDTH, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillGray(0)
    x = [MARGIN]
    for width in widths[:-1]:
        x.append(x[-1] + width)
    middle = y - 7.3 * MM
    canvas.setFont(BOLD, 14)
    canvas.drawString(x[0] + 1.5 * MM, middle, row.slot or "—")
    room = widths[1] + (0 if row.first_name else widths[2])  # an agency's (or anonymous) row: its name runs on
    canvas.drawString(x[1] + 1.5 * MM, middle, fit(canvas, row.household, room - 3 * MM, BOLD, 14))
    canvas.setFont(REGULAR, 13)
    canvas.drawString(x[2] + 1.5 * MM, middle, fit(canvas, row.first_name, widths[2] - 3 * MM, REGULAR, 13))
    canvas.setFont(BOLD, 14)
    canvas.drawString(x[3] + 1.5 * MM, y - 5.5 * MM, str(row.size))
    canvas.setFont(REGULAR, 8.5)
    canvas.drawString(
        x[3] + 1.5 * MM, y - 10 * MM, fit(canvas, members_text(row.members, tr), widths[3] - 3 * MM, REGULAR, 8.5)
    )
    diet_x = x[4] + 1.5 * MM
    diet_width = widths[4] - 3 * MM
    if row.allergies:
        text = tr._("ALLERGY: ") + ", ".join(diet_label(flag, tr).upper() for flag in row.allergies)
        text = fit(canvas, text, diet_width - 2 * MM, BOLD, 11)
        width = canvas.stringWidth(text, BOLD, 11) + 2 * MM
        canvas.rect(diet_x - 0.5 * MM, y - 6.3 * MM, width, 5.2 * MM, stroke=0, fill=1)
        canvas.setFillGray(1)
        canvas.setFont(BOLD, 11)
        canvas.drawString(diet_x + 0.5 * MM, y - 5 * MM, text)
        canvas.setFillGray(0)
    needs = ", ".join(diet_label(flag, tr) for flag in row.needs)
    if needs:
        canvas.setFont(BOLD, 12)
        canvas.drawString(diet_x, y - (10.3 if row.allergies else 7.3) * MM, fit(canvas, needs, diet_width, BOLD, 12))
    elif row.proxy and not row.allergies:
        canvas.setFont(REGULAR, 9)
        canvas.drawString(
            diet_x, middle, fit(canvas, tr._("proxy: {proxy}").format(proxy=row.proxy), diet_width, REGULAR, 9)
        )
    canvas.setFont(BOLD if row.shortages else REGULAR, 13)
    canvas.drawRightString(x[5] + widths[5] - 2 * MM, middle, str(row.items))
    if row.shortages:
        canvas.setFont(BOLD, 7.5)
        canvas.drawRightString(x[5] + widths[5] - 2 * MM, y - 10.8 * MM, tr._("SHORT"))
    canvas.setFont(REGULAR, 10)
    canvas.drawString(x[6] + 1.5 * MM, middle, row.order)
    if row.status in DONE:
        canvas.setFont(BOLD, 10)
        target = 7 if row.status == "picked_up" else 8
        canvas.drawString(x[target] + 1.5 * MM, middle, tr._(DONE[row.status]))
    else:
        for index in (7, 8):
            tick_box(canvas, x[index] + (widths[index] - 6 * MM) / 2, bottom + 3 * MM, 6 * MM)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, bottom, PAGE_WIDTH - MARGIN, bottom)


def _pull_row(canvas: Canvas, row: PullRow, widths: list[float], y: float) -> None:
    bottom = y - PULL_ROW_HEIGHT
    tick_box(canvas, MARGIN + 3 * MM, bottom + 2.5 * MM, 5.5 * MM)
    x = MARGIN + widths[0]
    canvas.setFont(BOLD, 13)
    canvas.drawString(x + 1.5 * MM, y - 6.5 * MM, fit(canvas, row.item, widths[1] - 3 * MM, BOLD, 13))
    x += widths[1]
    canvas.setFont(BOLD, 15)
    amount = row.quantity if row.unit == "each" else f"{row.quantity} {row.unit}"
    canvas.drawRightString(x + widths[2] - 4 * MM, y - 6.7 * MM, amount)
    x += widths[2]
    canvas.setFont(REGULAR, 9.5)
    canvas.drawString(x + 1.5 * MM, y - 6.5 * MM, fit(canvas, row.lots, widths[3] - 3 * MM, REGULAR, 9.5))
    canvas.setLineWidth(0.3)
    canvas.line(MARGIN, bottom, PAGE_WIDTH - MARGIN, bottom)


def _pull_lines(data: DistributionList, tr: Translator) -> list[tuple[str, object]]:
    """Pull list lines: a heading per location, then its items; then what unpacked orders still ask for."""
    lines: list[tuple[str, object]] = []
    location = None
    for row in data.pull:
        if row.location != location:
            location = row.location
            lines.append(("location", location))
        lines.append(("item", row))
    if data.unpacked:
        lines.append(("location", tr._("Not packed yet (pack these orders to know where from)")))
        for what, quantity in data.unpacked:
            lines.append(("item", PullRow("", what, "", quantity, "each", "")))
    return lines


def _pull_pages(lines: list[tuple[str, object]], per_page: int, tr: Translator) -> list[list[tuple[str, object]]]:
    """Pull lines cut into pages; a page that starts inside a location repeats its heading."""
    pages: list[list[tuple[str, object]]] = []
    current: list[tuple[str, object]] = []
    heading = ""
    for kind, payload in lines:
        if kind == "location":
            heading = str(payload)
            if len(current) >= per_page - 1:  # a heading alone at the foot of a page helps nobody
                pages.append(current)
                current = []
        elif len(current) >= per_page:
            pages.append(current)
            current = [("location", tr._("{location} (continued)").format(location=heading))]
        current.append((kind, payload))
    pages.append(current)
    return pages


def render(data: DistributionList, path: Path, *, tr: Translator | None = None) -> int:
    """Write the distribution list and its pull list in `tr`'s language (the desk's); returns the number of pages."""
    with binary_streams():
        return _render(data, path, get(tr))


def _render(data: DistributionList, path: Path, tr: Translator) -> int:
    canvas = Canvas(str(path), pagesize=landscape(letter), pageCompression=1)
    canvas.setTitle(tr._("Distribution list {date}").format(date=tr.date(data.day)))
    canvas.setAuthor(data.pantry)
    order_widths = column_widths(ORDER_COLUMNS, CONTENT_WIDTH)
    pull_widths = column_widths(PULL_COLUMNS, CONTENT_WIDTH)
    body = PAGE_HEIGHT - 2 * MARGIN - TITLE_HEIGHT - 7 * MM - FOOTER_HEIGHT
    per_page = max(1, int(body // ROW_HEIGHT))
    order_pages = max(1, -(-len(data.rows) // per_page))
    pull = _pull_pages(_pull_lines(data, tr), max(2, int(body // PULL_ROW_HEIGHT)), tr)
    pages = order_pages + len(pull)
    page = 0
    for index in range(order_pages):
        page += 1
        heading = tr._("Distribution list")
        y = _head(canvas, ORDER_COLUMNS, order_widths, _title(canvas, data, heading, page, pages, tr), tr)
        chunk = data.rows[index * per_page : (index + 1) * per_page]
        for number, row in enumerate(chunk):
            _order_row(canvas, row, order_widths, y, number % 2 == 1, tr)
            y -= ROW_HEIGHT
        if not data.rows:
            canvas.setFont(REGULAR, 14)
            canvas.drawString(MARGIN, y - 9 * MM, tr._("No orders on this day."))
        canvas.showPage()
    for lines in pull:
        page += 1
        y = _title(canvas, data, tr._("PULL LIST: bring out before the doors open"), page, pages, tr)
        y = _head(canvas, PULL_COLUMNS, pull_widths, y, tr)
        for kind, payload in lines:
            if kind == "location":
                canvas.setFillGray(0.85)
                canvas.rect(MARGIN, y - PULL_ROW_HEIGHT, CONTENT_WIDTH, PULL_ROW_HEIGHT, stroke=0, fill=1)
                canvas.setFillGray(0)
                canvas.setFont(BOLD, 14)
                canvas.drawString(MARGIN + 2 * MM, y - 6.7 * MM, str(payload))
            else:
                _pull_row(canvas, payload, pull_widths, y)  # type: ignore[arg-type]
            y -= PULL_ROW_HEIGHT
        if not lines:
            canvas.setFont(REGULAR, 14)
            canvas.drawString(MARGIN, y - 9 * MM, tr._("Nothing packed and waiting: no goods to bring out."))
        canvas.showPage()
    canvas.save()
    return pages
