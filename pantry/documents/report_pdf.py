"""A report as a PDF (ReportLab platypus): the pantry's header on every page, the period, when and by whom it was made,
the reconciliation checks, bar charts where a picture says it faster, and tables that split cleanly across pages with
their header repeated, numbered "Page X of Y".

Tables are `RowTable`s: every row is one line (long text is cut with an ellipsis), so a table splits at a page end by
slicing its list of rows: each page costs the same however long the table is. (One platypus `Table` of 18,000 rows
takes 16 s to split across 500 pages; the cost grows with the square of the rows.) The story is built in page-sized
chunks this way, and the document in one pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.flowables import KeepTogether

from pantry.documents import fonts
from pantry.i18n import ENGLISH, N_, Phrase, Translator, get
from pantry.measures import GRAMS_PER_UNIT
from pantry.services.reports.rows import TOTAL, Chart, Column, Report, Section

FONT, BOLD = fonts.REGULAR, fonts.BOLD
BODY_SIZE = 8
ROW_HEIGHT = 11.5
MARGIN = 14 * mm
HEADER_HEIGHT = 22 * mm
FOOTER_HEIGHT = 9 * mm
ZEBRA = colors.Color(0.95, 0.96, 0.98)
HEAD_FILL = colors.Color(0.86, 0.89, 0.93)
SERIES_COLOURS = (colors.Color(0.2, 0.45, 0.7), colors.Color(0.9, 0.55, 0.15), colors.Color(0.75, 0.2, 0.2))
PAPER = {"letter": letter, "a4": A4}

TITLE_STYLE = ParagraphStyle("title", fontName=BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4)
SUBTITLE_STYLE = ParagraphStyle("subtitle", fontName=BOLD, fontSize=9.5, leading=12, spaceBefore=4, spaceAfter=2)
TEXT_STYLE = ParagraphStyle("text", fontName=FONT, fontSize=8.5, leading=11, alignment=TA_LEFT)
NOTE_STYLE = ParagraphStyle("note", fontName=FONT, fontSize=7.5, leading=9.5, textColor=colors.Color(0.3, 0.3, 0.3))


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the report in the desk's language -------------------------------------------------------------------------------


_MEASURED = re.compile(r"(.+) \((pieces|kg|value)\)")


def translated(report: Report, tr: Translator) -> Report:
    """The report with every fixed heading in `tr`'s language: its title, section titles and notes, column titles,
    chart titles and series, PDF views and the notes on how figures were made. Column keys (the CSV's headers) and the
    rows stay as they are."""
    if tr.language == ENGLISH:
        return report

    def heading(title: str) -> str:
        found = tr._(title)
        measure = _MEASURED.fullmatch(title) if found == title else None
        if measure:  # "Opening (pieces)": the flow and the measure apart ("(value)" becomes the currency later)
            unit = measure[2] if measure[2] != "pieces" else tr._(measure[2])
            return f"{tr._(measure[1])} ({unit})"
        return found

    def column(col: Column) -> Column:
        return dataclasses.replace(col, title=heading(col.title), short=tr._(col.short))

    def chart(found: Chart | None) -> Chart | None:
        if found is None:
            return None
        series = tuple((tr._(name), values) for name, values in found.series)
        return dataclasses.replace(found, title=tr._(found.title), series=series)

    sections = tuple(
        dataclasses.replace(
            section,
            title=tr._(section.title),
            note=section.note.translated(tr) if isinstance(section.note, Phrase) else tr._(section.note),
            columns=tuple(column(col) for col in section.columns),
            chart=chart(section.chart),
            pdf_views=tuple((tr._(heading), keys) for heading, keys in section.pdf_views),
        )
        for section in report.sections
    )
    return dataclasses.replace(
        report,
        title=tr._(report.title),
        scope=scope_text(report.scope, tr),
        sections=sections,
        checks=tuple(line.translated(tr) if isinstance(line, Phrase) else tr._(line) for line in report.checks),
        notes=tuple(tr._(line) for line in report.notes),
    )


_DAY = r"(\d{4}-\d\d-\d\d)"
_SCOPES = (  # how the report services write a report's scope, and the same in the reader's language
    (re.compile(rf"{_DAY} to {_DAY}"), N_("{first} to {last}")),
    (re.compile(rf"as of {_DAY}"), N_("as of {first}")),
    (re.compile(rf"dated {_DAY} to {_DAY}, on hand {_DAY}"), N_("dated {first} to {last}, on hand {day}")),
    (re.compile(r"currency (\w+)"), N_("currency {code}")),
)


def scope_text(scope: str, tr: Translator) -> str:
    """A report's scope ("2026-07-01 to 2026-09-30", "as of 2026-09-30") in `tr`'s language; else as written."""
    for pattern, template in _SCOPES:
        found = pattern.fullmatch(scope)
        if found:
            parts = [
                tr.date(dt.date.fromisoformat(part)) if re.fullmatch(_DAY, part) else part for part in found.groups()
            ]
            names = re.findall(r"\{(\w+)\}", template)
            return tr._(template).format(**dict(zip(names, parts, strict=True)))
    return scope


# --- numbers as people read them -------------------------------------------------------------------------------------


def weight_text(grams: int, unit: str, tr: Translator | None = None) -> str:
    """Grams as kg or lb with three decimals and thousands separators (1,234.500; 1.234,500 in Spanish)."""
    amount = (Decimal(grams) / GRAMS_PER_UNIT[unit]).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return f"{amount:,.3f}" if tr is None or tr.language == ENGLISH else tr.number(amount, 3)


def money_text(cents: int, tr: Translator | None = None) -> str:
    if tr is None or tr.language == ENGLISH:
        return f"{Decimal(cents) / 100:,.2f}"
    return tr.number(Decimal(cents) / 100, 2)


def cell_text(column: Column, raw: Any, weight_unit: str, tr: Translator | None = None) -> str:
    if raw is None:
        return ""
    kind = column.kind
    if kind == "kg":
        return weight_text(raw, weight_unit, tr)
    if kind == "money":
        return money_text(raw, tr)
    local = tr is not None and tr.language != ENGLISH
    if kind in ("count", "qty"):
        return tr.number(raw) if local else f"{raw:,}"  # type: ignore[union-attr]
    if kind == "amount":
        if local:
            return tr.number(raw, 3) if isinstance(raw, Decimal) else tr.number(raw)  # type: ignore[union-attr]
        return f"{raw:,.3f}" if isinstance(raw, Decimal) else f"{raw:,}"
    if kind == "percent":
        percent = (Decimal(raw) * 100).quantize(Decimal("0.1"))
        return f"{tr.number(percent, 1)} %" if local else f"{percent}%"  # type: ignore[union-attr]
    if kind == "date":
        return tr.date(raw) if local else raw.isoformat()  # type: ignore[union-attr]
    if raw == TOTAL and tr is not None:
        return tr._(TOTAL_WORD)
    return str(raw)


TOTAL_WORD = N_("TOTAL")


def heading_text(column: Column, weight_unit: str, currency: str, *, short: bool = False) -> str:
    title = column.short if short and column.short else column.title
    if column.kind == "kg":
        title = title.replace("(kg)", f"({weight_unit})")
        return title if f"({weight_unit})" in title or short else f"{title} ({weight_unit})"
    if column.kind == "money" and not short:
        return title.replace("(value)", f"({currency})") if "(value)" in title else f"{title} ({currency})"
    return title


def fit(text: str, width: float, font: str, size: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(0, min(len(text) - 1, int(len(text) * width / stringWidth(text, font, size))))]
    return text + "…"


# --- the table -------------------------------------------------------------------------------------------------------


class RowTable(Flowable):
    """A table of one-line rows with a header row (repeated on every page it continues on) and a bold TOTAL row."""

    def __init__(
        self,
        headings: Sequence[str],
        numeric: Sequence[bool],
        widths: Sequence[float],
        rows: Sequence[Sequence[str]],
        total: Sequence[str] | None,
        *,
        first_row: int = 0,
    ) -> None:
        super().__init__()
        self.headings, self.numeric, self.widths = list(headings), list(numeric), list(widths)
        self.rows, self.total, self.first_row = rows, total, first_row

    def _height(self, rows: int, total: bool) -> float:
        return ROW_HEIGHT * (1 + rows + (1 if total else 0)) + 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self._height(len(self.rows), self.total is not None)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fit_rows = int((availHeight - self._height(0, False)) // ROW_HEIGHT)
        if fit_rows >= len(self.rows) + (1 if self.total is not None else 0):
            return [self]
        keep = min(fit_rows, len(self.rows) - 1)  # the TOTAL row never goes to a page alone
        if keep < min(3, len(self.rows)):
            return []  # too little room: start on the next page
        head, rest = self.rows[:keep], self.rows[keep:]
        return [
            RowTable(self.headings, self.numeric, self.widths, head, None, first_row=self.first_row),
            RowTable(self.headings, self.numeric, self.widths, rest, self.total, first_row=self.first_row + keep),
        ]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height - ROW_HEIGHT
        canvas.setFillColor(HEAD_FILL)
        canvas.rect(0, y, self.width, ROW_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        self._line(self.headings, y, BOLD)
        for index, row in enumerate(self.rows):
            y -= ROW_HEIGHT
            if (self.first_row + index) % 2:
                canvas.setFillColor(ZEBRA)
                canvas.rect(0, y, self.width, ROW_HEIGHT, stroke=0, fill=1)
                canvas.setFillColor(colors.black)
            self._line(row, y, FONT)
        if self.total is not None:
            y -= ROW_HEIGHT
            canvas.setLineWidth(0.8)
            canvas.line(0, y + ROW_HEIGHT, self.width, y + ROW_HEIGHT)
            self._line(self.total, y, BOLD)
        canvas.setLineWidth(0.4)
        canvas.line(0, y, self.width, y)

    def _line(self, cells: Sequence[str], y: float, font: str) -> None:
        canvas = self.canv
        canvas.setFont(font, BODY_SIZE)
        x = 0.0
        for text, width, numeric in zip(cells, self.widths, self.numeric, strict=True):
            shown = fit(text, width - 4, font, BODY_SIZE)
            if numeric:
                canvas.drawRightString(x + width - 2, y + 3.2, shown)
            else:
                canvas.drawString(x + 2, y + 3.2, shown)
            x += width


def _widths(headings: list[str], numeric: list[bool], body: list[list[str]], available: float) -> list[float]:
    """Natural widths stretched to the frame; when too wide, text columns are narrowed (`numeric`: never)."""
    sample = body[:400] + body[-50:]
    natural = []
    for index, heading in enumerate(headings):
        widest = max((stringWidth(row[index], BOLD, BODY_SIZE) for row in sample), default=0)
        natural.append(max(widest, stringWidth(heading, BOLD, BODY_SIZE)) + 6)
    total = sum(natural)
    if total <= available:
        return [width * available / total for width in natural] if total else natural
    # Too wide: the widest text columns give way first (down to a common width), short ones keep theirs.
    numbers = sum(width for width, is_number in zip(natural, numeric, strict=True) if is_number)
    texts = sorted(width for width, is_number in zip(natural, numeric, strict=True) if not is_number)
    room = max(available - numbers, 0.25 * available)
    cap = room / len(texts) if texts else 0.0
    for index, width in enumerate(texts):
        left = room - sum(texts[:index])
        if width * (len(texts) - index) > left:
            cap = left / (len(texts) - index)
            break
        cap = width
    natural = [width if is_number else min(width, cap) for width, is_number in zip(natural, numeric, strict=True)]
    total = sum(natural)
    if total > available:  # numbers alone are too wide: everything shrinks (text is cut, numbers rarely are)
        natural = [width * available / total for width in natural]
    return natural


def section_table(
    section: Section,
    columns: Sequence[Column],
    report: Report,
    available: float,
    *,
    short: bool = False,
    tr: Translator | None = None,
) -> RowTable:
    headings = [heading_text(column, report.weight_unit, report.currency, short=short) for column in columns]
    numeric = [column.kind not in ("text", "date", "month") for column in columns]
    fixed = [column.kind != "text" for column in columns]
    body = [[cell_text(column, column.get(row), report.weight_unit, tr) for column in columns] for row in section.rows]
    total = None
    if section.total is not None:
        total = [
            cell_text(column, column.get(section.total), report.weight_unit, tr)
            if column.total != "none" or column.get(section.total) == TOTAL
            else ""
            for column in columns
        ]
    widths = _widths(headings, fixed, body + ([total] if total else []), available)
    return RowTable(headings, numeric, widths, body, total)


# --- charts ----------------------------------------------------------------------------------------------------------


def _axis_number(value: float) -> str:
    return f"{value:,.0f}"


def _chart_values(chart: Chart, weight_unit: str) -> list[list[float]]:
    def convert(value: int) -> float:
        if chart.kind == "kg":
            return float(Decimal(value) / GRAMS_PER_UNIT[weight_unit])
        if chart.kind == "money":
            return value / 100
        return float(value)

    return [[convert(value) for value in values] or [0.0] for _, values in chart.series]


def chart_drawing(chart: Chart, width: float, weight_unit: str, currency: str) -> Drawing:
    height = 150 if not chart.horizontal else max(90, 22 * len(chart.labels) + 40)
    drawing = Drawing(width, height + 18)
    unit = {"kg": weight_unit, "money": currency}.get(chart.kind)
    title = f"{chart.title} ({unit})" if unit else chart.title
    drawing.add(String(0, height + 6, title, fontName=BOLD, fontSize=9))
    data = _chart_values(chart, weight_unit)
    bars: Any = HorizontalBarChart() if chart.horizontal else VerticalBarChart()
    left = 110 if chart.horizontal else 45
    bars.x, bars.y = left, 30
    bars.width = width - left - (95 if len(chart.series) > 1 else 15)
    bars.height = height - 40
    bars.data = data
    bars.categoryAxis.categoryNames = list(chart.labels) or [""]
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.labelTextFormat = _axis_number
    bars.valueAxis.valueMin = 0
    peak = max((value for values in data for value in values), default=0)
    bars.valueAxis.valueMax = peak * 1.1 if peak > 0 else 1
    if not chart.horizontal and len(chart.labels) > 8:
        bars.categoryAxis.labels.angle = 35
        bars.categoryAxis.labels.boxAnchor = "ne"
    for index in range(len(chart.series)):
        bars.bars[index].fillColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        bars.bars[index].strokeColor = None
    drawing.add(bars)
    if len(chart.series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 85, height - 20
        legend.fontName, legend.fontSize = FONT, 7.5
        legend.alignment = "right"
        legend.colorNamePairs = [
            (SERIES_COLOURS[index % len(SERIES_COLOURS)], name) for index, (name, _) in enumerate(chart.series)
        ]
        drawing.add(legend)
    return drawing


# --- pages -----------------------------------------------------------------------------------------------------------


def numbered_canvas(decorate: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that holds its pages back until the end, so that each can say "Page X of Y"."""

    class _NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                super().showPage()
            self.page_count = total
            super().save()

    return _NumberedCanvas


def _generated_line(report: Report, tr: Translator) -> str:
    if tr.language == ENGLISH:
        when = report.generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()
    else:
        when = f"{tr.date(report.generated_at.date())} {report.generated_at.strftime('%H:%M %Z')}".strip()
    if report.generated_by:
        return tr._("Generated {when} by {who}").format(when=when, who=report.generated_by)
    return tr._("Generated {when}").format(when=when)


def _page_decoration(
    report: Report, page_size: tuple[float, float], tr: Translator
) -> Callable[[Canvas, int, int], None]:
    width, height = page_size

    def decorate(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        top = height - MARGIN
        canvas.setFont(BOLD, 13)
        canvas.drawString(MARGIN, top - 4 * mm, fit(report.org_name or tr._("Pantry"), width / 2, BOLD, 13))
        canvas.setFont(BOLD, 11)
        canvas.drawRightString(width - MARGIN, top - 4 * mm, report.title)
        canvas.setFont(FONT, 8.5)
        canvas.drawString(MARGIN, top - 9.5 * mm, report.scope)
        canvas.drawRightString(width - MARGIN, top - 9.5 * mm, _generated_line(report, tr))
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 12.5 * mm, width - MARGIN, top - 12.5 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, f"{report.org_name} · {report.title} · {report.scope}")
        page_of = tr._("Page {page} of {pages}").format(page=page, pages=pages)
        canvas.drawRightString(width - MARGIN, MARGIN - 2 * mm, page_of)
        canvas.restoreState()

    return decorate


def _checks(report: Report, width: float, tr: Translator) -> Flowable:
    colour = "#1d6b2f" if report.balanced else "#b00020"
    verdict = escape(tr._("Reconciles") if report.balanced else tr._("Does not reconcile"))
    parts: list[Flowable] = [Paragraph(f'<font color="{colour}"><b>{verdict}</b></font>', SUBTITLE_STYLE)]
    parts += [Paragraph("• " + escape(line), TEXT_STYLE) for line in report.checks]
    return KeepTogether(parts)


def _section(section: Section, report: Report, width: float, tr: Translator) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), Paragraph(escape(section.title), TITLE_STYLE)]
    if section.note:
        story.append(Paragraph(escape(section.note), NOTE_STYLE))
        story.append(Spacer(1, 2 * mm))
    if section.chart is not None:
        story.append(chart_drawing(section.chart, width, report.weight_unit, report.currency))
        story.append(Spacer(1, 3 * mm))
    if section.pdf_views:
        for heading, keys in section.pdf_views:
            columns = [section.column(key) for key in keys]
            unit = {tr._("Weight"): f" ({report.weight_unit})", tr._("Value"): f" ({report.currency})"}.get(heading, "")
            story.append(CondPageBreak(25 * mm))
            story.append(Paragraph(escape(heading + unit), SUBTITLE_STYLE))
            story.append(section_table(section, columns, report, width, short=True, tr=tr))
    else:
        if not section.rows:
            story.append(Paragraph(escape(tr._("Nothing in this period.")), TEXT_STYLE))
        story.append(section_table(section, section.columns, report, width, tr=tr))
    return story


def render_report_pdf(report: Report, path: Path, *, paper: str = "letter", tr: Translator | None = None) -> int:
    """Write the report as a PDF in `tr`'s language (the desk's); returns the number of pages."""
    tr = get(tr)
    report = translated(report, tr)
    page_size = PAPER.get(paper, letter)
    document = BaseDocTemplate(
        str(path),
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT - 8 * mm,
        bottomMargin=MARGIN + FOOTER_HEIGHT - 4 * mm,
        title=f"{report.title} — {report.scope}",
        author=report.org_name,
        subject=report.title,
        creator="Pantry Desk",
    )
    frame = Frame(
        document.leftMargin,
        document.bottomMargin,
        document.width,
        document.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = [_checks(report, document.width, tr)]
    for section in report.sections:
        story += _section(section, report, document.width, tr)
    if report.notes:
        story.append(CondPageBreak(30 * mm))
        story.append(Paragraph(escape(tr._("How these figures were made")), TITLE_STYLE))
        story += [Paragraph("• " + escape(line), NOTE_STYLE) for line in report.notes]
        if report.weight_unit != "kg":
            text = tr._("Weights here are in {unit}; the CSV and XLSX exports carry kg.").format(
                unit=report.weight_unit
            )
            story.append(Paragraph("• " + escape(text), NOTE_STYLE))
    canvas_class = numbered_canvas(_page_decoration(report, page_size, tr))
    document.build(story, canvasmaker=canvas_class)
    return int(document.canv.page_count)
