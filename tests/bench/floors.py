"""The physical floor of our documents: a bare ReportLab canvas drawing the same pages, the same strings and the same
bars, with no layout, fitting, wrapping or caching of our own. Our PDFs are compared with it as a ratio. (The labels'
floor writes Helvetica; the pickup sheets' writes the embedded fonts the sheets are printed in.)"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from pantry.documents import barcode_drawing
from pantry.documents.fonts import BOLD, REGULAR
from pantry.services.labels import LotLabel
from pantry.services.pickup_papers import Sheet

_MODULE = 0.75  # points per Code128 module


def _bars(canvas: Canvas, text: str, x: float, y: float, height: float) -> None:
    pattern = barcode_drawing.code128_pattern.__wrapped__(text)  # uncached: the floor pays for its pattern too
    start = -1
    for index, module in enumerate(pattern + "0"):
        if module == "1" and start < 0:
            start = index
        elif module == "0" and start >= 0:
            canvas.rect(x + start * _MODULE, y, (index - start) * _MODULE, height, stroke=0, fill=1)
            start = -1


def _label(canvas: Canvas, row: LotLabel, x: float, y: float) -> None:
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(x + 4, y + 60, row.item)
    canvas.setFont("Helvetica", 7)
    canvas.drawString(x + 4, y + 50, f"{row.date_kind} {row.expires}  received {row.received}")
    canvas.drawString(x + 4, y + 42, f"{row.quantity} {row.unit}  {row.storage}  {row.location}  {row.pantry}")
    _bars(canvas, row.code, x + 4, y + 10, 28)
    canvas.drawString(x + 4, y + 2, row.code)


def labels_pdf(rows: Sequence[LotLabel], per_page: int) -> bytes:
    """One label a page (a roll: 2x1 in pages), or `per_page` labels in a grid on Letter sheets (Avery 5160: 30)."""
    out = io.BytesIO()
    roll = per_page == 1
    canvas = Canvas(out, pagesize=(144, 72) if roll else letter, pageCompression=1)
    for index, row in enumerate(rows):
        slot = index % per_page
        x, y = (0.0, 0.0) if roll else (13.5 + (slot % 3) * 198, 720 - 36 - (slot // 3) * 72)
        _label(canvas, row, x, y)
        if slot == per_page - 1:
            canvas.showPage()
    if len(rows) % per_page:
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def sheets_pdf(sheets: Sequence[Sheet]) -> bytes:
    """Each sheet on its own page: the header, every line and pick, and the order's barcode, in the embedded fonts the
    sheets are printed in (DejaVu Sans, for every alphabet a household's name may be in: a floor in Helvetica would
    leave out the font subsetting every real sheet pays for)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=letter, pageCompression=1)
    for sheet in sheets:
        canvas.setFont(BOLD, 14)
        canvas.drawString(40, 750, f"{sheet.pantry}: pickup {sheet.date} {sheet.slot} {sheet.template}")
        canvas.setFont(REGULAR, 10)
        canvas.drawString(40, 732, f"{sheet.recipient.code} {sheet.recipient.name}")
        _bars(canvas, sheet.order, 400, 720, 40)
        y = 690.0
        for line in sheet.lines:
            canvas.rect(40, y - 2, 8, 8)
            canvas.drawString(56, y, f"{line.what}  {line.wanted} {line.unit}  {line.shortage}  {line.note}")
            y -= 14
            for pick in line.picks:
                canvas.drawString(72, y, f"{pick.quantity} {pick.unit} {pick.sku} {pick.location} {pick.lot}")
                y -= 12
        canvas.drawString(40, 60, sheet.declaration)
        canvas.line(40, 40, 300, 40)
        canvas.showPage()
    canvas.save()
    return out.getvalue()
