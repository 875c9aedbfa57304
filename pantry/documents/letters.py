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
    scope_text,
    weight_text,
)
from pantry.i18n import Translator, get
from pantry.measures import format_in_unit, format_kg
from pantry.services.reports import settings
from pantry.services.reports.letters import GoodsLine, Letter, Letters

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
    tr: Translator  # set by render_letters before the build

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
                tr = self.tr
                self.drawString(MARGIN, MARGIN / 2, tr._("To {donor}").format(donor=state["letter_donor"]))
                page_of = tr._("Page {page} of {pages}").format(page=seen[index], pages=pages_per_letter[index])
                self.drawRightString(width - MARGIN, MARGIN / 2, page_of)
            super().showPage()
        self.page_count = len(self._pages)
        super().save()


def _lines(text: str) -> str:
    return "<br/>".join(escape(line.strip()) for line in text.splitlines() if line.strip())


def _when(letter: Letter, tr: Translator) -> str:
    if letter.first == letter.last:
        return tr._("on {date}").format(date=tr.date(letter.first))
    return tr._("between {first} and {last}").format(first=tr.date(letter.first), last=tr.date(letter.last))


def _text(letters: Letters, key: str, letter: Letter, tr: Translator) -> str:
    """A letter text with {org}, {donor}, {period} and {tax_id} filled in: the pantry's own wording as written, our
    default wording in the letter's language."""
    text = letters.texts[key]
    if text == settings.LETTER_TEXTS.get(key):
        text = tr._(text)
    org = letters.organisation
    return text.format(org=org.name, donor=letter.donor, period=_when(letter, tr), tax_id=org.tax_id)


def _items(line: GoodsLine, tr: Translator) -> str:
    if not line.named:
        return line.items
    if not line.more:
        return line.named
    return line.named + tr.ngettext(" and {n} more", " and {n} more", line.more).format(n=line.more)


def _letter(letters: Letters, letter: Letter, index: int, width: float, tr: Translator) -> list[Flowable]:
    org = letters.organisation
    unit = letters.weight_unit
    story: list[Flowable] = [
        _LetterStart(index, letter.donor),
        Paragraph(escape(org.name or tr._("Our pantry")), ORG_STYLE),
    ]
    if org.address:
        story.append(Paragraph(_lines(org.address), SMALL_STYLE))
    if org.tax_id:
        label = tr._(org.tax_id_label) if org.tax_id_label == settings.TAX_ID_LABEL else org.tax_id_label
        story.append(Paragraph(f"{escape(label)}: {escape(org.tax_id)}", SMALL_STYLE))
    story += [Spacer(1, 6 * mm), Paragraph(escape(tr.date(letters.date)), DATE_STYLE), Spacer(1, 4 * mm)]
    donor_block = escape(letter.donor) + ("<br/>" + _lines(letter.address) if letter.address.strip() else "")
    story += [Paragraph(donor_block, BODY_STYLE), Spacer(1, 6 * mm)]
    story.append(Paragraph(escape(tr._("Dear {donor},").format(donor=letter.donor)), BODY_STYLE))
    story.append(Paragraph(escape(_text(letters, "letter_opening", letter, tr)), BODY_STYLE))
    headings = [
        tr._("Date"),
        tr._("Category"),
        tr._("Items"),
        tr._("Pieces"),
        tr._("Weight ({unit})").format(unit=unit),
    ]
    rows = [
        [
            tr.date(line.day),
            line.category,
            _items(line, tr),
            tr.number(line.pieces) if line.pieces else "",
            weight_text(line.grams, unit, tr),
        ]
        for line in letter.lines
    ]
    donations = len(letter.donation_ids)
    total = [
        tr._("Total"),
        "",
        tr._("{n} donation(s)").format(n=tr.number(donations)),
        tr.number(letter.pieces),
        weight_text(letter.grams, unit, tr),
    ]
    fixed = [58.0, 0.0, 0.0, 50.0, 70.0]
    free = width - sum(fixed)
    widths = [58.0, free * 0.35, free * 0.65, 50.0, 70.0]
    story += [RowTable(headings, [False, False, False, True, True], widths, rows, total), Spacer(1, 6 * mm)]
    story.append(Paragraph(escape(_text(letters, "letter_no_goods", letter, tr)), BODY_STYLE))
    story.append(Paragraph(escape(_text(letters, "letter_no_value", letter, tr)), BODY_STYLE))
    if letter.use_statement and letters.texts.get("letter_use"):
        story.append(Paragraph(escape(_text(letters, "letter_use", letter, tr)), BODY_STYLE))
    signatory = letters.texts.get("letter_signatory", "")
    story.append(
        KeepTogether(  # the closing and the signature stay on one page
            [
                Spacer(1, 4 * mm),
                Paragraph(escape(_text(letters, "letter_closing", letter, tr)), BODY_STYLE),
                Spacer(1, 12 * mm),
                Paragraph(_lines(signatory) + ("<br/>" if signatory else "") + escape(org.name), BODY_STYLE),
            ]
        )
    )
    return story


def render_letters(letters: Letters, path: Path, *, paper: str = "letter", tr: Translator | None = None) -> int:
    """Write every letter into one PDF in `tr`'s language (the desk's); returns the number of pages."""
    tr = get(tr)
    page_size = PAPER.get(paper, PAPER["letter"])
    document = BaseDocTemplate(
        str(path),
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=tr._("Donor letters {period}").format(period=scope_text(letters.period.label, tr)),
        author=letters.organisation.name,
        creator="Pantry Desk",
    )
    frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height, 0, 0, 0, 0, id="letter")
    document.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    story: list[Flowable] = []
    for index, letter in enumerate(letters.letters):
        if index:
            story.append(PageBreak())
        story += _letter(letters, letter, index, document.width, tr)
    if not story:
        story.append(Paragraph(escape(tr._("No donations to acknowledge in this period.")), BODY_STYLE))

    class _Canvas(_LetterCanvas):
        pass

    _Canvas.tr = tr
    document.build(story, canvasmaker=_Canvas)
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
