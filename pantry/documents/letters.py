"""Donor acknowledgement letters as one PDF (one letter each, each starting on a new page), and the donors with their
totals as a CSV for a mail merge.

A letter: the pantry's name, address and tax id; the date; the donor's name and address; what was given (date,
category, main items, pieces and weight, with a total); the statement that no goods or services were given in return;
for goods, no value stated by the pantry. A letter longer than a page repeats its table header and is numbered
"Page X of Y" on its own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from pantry.documents import tabular
from pantry.documents.report_pdf import (
    BOLD,
    FONT,
    PAPER,
    TEXT_STYLE,
    RowTable,
    escape,
    weight_text,
)
from pantry.measures import format_in_unit, format_kg
from pantry.services.reports.letters import Letter, Letters

MARGIN = 20 * mm
ORG_STYLE = ParagraphStyle("org", fontName=BOLD, fontSize=16, leading=20)
SMALL_STYLE = ParagraphStyle("small", fontName=FONT, fontSize=9, leading=11.5)
BODY_STYLE = ParagraphStyle("body", parent=TEXT_STYLE, fontSize=10, leading=13.5, spaceAfter=6)
DATE_STYLE = ParagraphStyle("date", parent=SMALL_STYLE, alignment=2)


class _LetterStart(Flowable):
    """Marks the page a letter starts on, so that its pages are numbered on their own."""

    def __init__(self, index: int, donor: str) -> None:
        super().__init__()
        self.index, self.donor = index, donor

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.letter_index = self.index
        self.canv.letter_donor = self.donor


class _LetterCanvas(Canvas):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.letter_index = 0
        self.letter_donor = ""

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages_per_letter = Counter(state["letter_index"] for state in self._pages)
        seen: Counter[int] = Counter()
        width = self._pagesize[0]
        for state in self._pages:
            self.__dict__.update(state)
            index = state["letter_index"]
            seen[index] += 1
            if pages_per_letter[index] > 1:
                self.setFont(FONT, 8)
                self.drawString(MARGIN, MARGIN / 2, f"To {state['letter_donor']}")
                self.drawRightString(width - MARGIN, MARGIN / 2, f"Page {seen[index]} of {pages_per_letter[index]}")
            super().showPage()
        self.page_count = len(self._pages)
        super().save()


def _lines(text: str) -> str:
    return "<br/>".join(escape(line.strip()) for line in text.splitlines() if line.strip())


def _letter(letters: Letters, letter: Letter, index: int, width: float) -> list[Flowable]:
    org = letters.organisation
    unit = letters.weight_unit
    story: list[Flowable] = [_LetterStart(index, letter.donor), Paragraph(escape(org.name or "Our pantry"), ORG_STYLE)]
    if org.address:
        story.append(Paragraph(_lines(org.address), SMALL_STYLE))
    if org.tax_id:
        story.append(Paragraph(f"{escape(org.tax_id_label)}: {escape(org.tax_id)}", SMALL_STYLE))
    story += [Spacer(1, 6 * mm), Paragraph(letters.date.isoformat(), DATE_STYLE), Spacer(1, 4 * mm)]
    donor_block = escape(letter.donor) + ("<br/>" + _lines(letter.address) if letter.address.strip() else "")
    story += [Paragraph(donor_block, BODY_STYLE), Spacer(1, 6 * mm)]
    story.append(Paragraph(f"Dear {escape(letter.donor)},", BODY_STYLE))
    story.append(Paragraph(escape(letters.text("letter_opening", letter)), BODY_STYLE))
    headings = ["Date", "Category", "Items", "Pieces", f"Weight ({unit})"]
    rows = [
        [
            line.day.isoformat(),
            line.category,
            line.items,
            f"{line.pieces:,}" if line.pieces else "",
            weight_text(line.grams, unit),
        ]
        for line in letter.lines
    ]
    total = [
        "Total",
        "",
        f"{len(letter.donation_ids)} donation(s)",
        f"{letter.pieces:,}",
        weight_text(letter.grams, unit),
    ]
    fixed = [58.0, 0.0, 0.0, 50.0, 70.0]
    free = width - sum(fixed)
    widths = [58.0, free * 0.35, free * 0.65, 50.0, 70.0]
    story += [RowTable(headings, [False, False, False, True, True], widths, rows, total), Spacer(1, 6 * mm)]
    story.append(Paragraph(escape(letters.text("letter_no_goods", letter)), BODY_STYLE))
    story.append(Paragraph(escape(letters.text("letter_no_value", letter)), BODY_STYLE))
    if letter.use_statement and letters.texts.get("letter_use"):
        story.append(Paragraph(escape(letters.text("letter_use", letter)), BODY_STYLE))
    signatory = letters.texts.get("letter_signatory", "")
    story.append(
        KeepTogether(  # the closing and the signature stay on one page
            [
                Spacer(1, 4 * mm),
                Paragraph(escape(letters.text("letter_closing", letter)), BODY_STYLE),
                Spacer(1, 12 * mm),
                Paragraph(_lines(signatory) + ("<br/>" if signatory else "") + escape(org.name), BODY_STYLE),
            ]
        )
    )
    return story


def render_letters(letters: Letters, path: Path, *, paper: str = "letter") -> int:
    """Write every letter into one PDF; returns the number of pages."""
    page_size = PAPER.get(paper, PAPER["letter"])
    document = BaseDocTemplate(
        str(path),
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Donor letters {letters.period.label}",
        author=letters.organisation.name,
        creator="Pantry Desk",
    )
    frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height, 0, 0, 0, 0, id="letter")
    document.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    story: list[Flowable] = []
    for index, letter in enumerate(letters.letters):
        if index:
            story.append(PageBreak())
        story += _letter(letters, letter, index, document.width)
    if not story:
        story.append(Paragraph("No donations to acknowledge in this period.", BODY_STYLE))
    document.build(story, canvasmaker=_LetterCanvas)
    return int(document.canv.page_count)


MAIL_MERGE_COLUMNS: list[tabular.Column[Letter]] = [
    tabular.Column("donor", "text", lambda letter: letter.donor),
    tabular.Column("donor_kind", "text", lambda letter: letter.donor_kind),
    tabular.Column("address", "text", lambda letter: letter.address),
    tabular.Column("email", "text", lambda letter: letter.email),
    tabular.Column("donations", "int", lambda letter: len(letter.donation_ids)),
    tabular.Column("first_date", "date", lambda letter: letter.first),
    tabular.Column("last_date", "date", lambda letter: letter.last),
    tabular.Column("pieces", "int", lambda letter: letter.pieces),
    tabular.Column("weight_kg", "decimal", lambda letter: format_kg(letter.grams)),
    tabular.Column("weight_lb", "decimal", lambda letter: format_in_unit(letter.grams, "lb")),
    tabular.Column("categories", "text", lambda letter: "; ".join(letter.categories)),
]


def mail_merge_csv(letters: Letters) -> str:
    """One row per letter: who, where, and what they gave in total (no value: the letters state none)."""
    return tabular.to_csv(MAIL_MERGE_COLUMNS, letters.letters)
