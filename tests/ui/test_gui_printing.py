"""ui.printing: PDF pages rendered in the worker and painted on a printer, with progress and Cancel; the preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gui_helpers import wait_idle
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from pantry.documents import label_layouts
from pantry.documents import labels as label_documents
from pantry.services.labels import LotLabel
from ui import printing
from ui.ops import Runner
from ui.printing import PreviewDialog, Printing

LABEL = LotLabel(
    "L00001Q",
    "Black beans",
    "best_by",
    dt.date(2027, 1, 31),
    dt.date(2026, 3, 1),
    12,
    "each",
    "dry",
    "Main",
    "My Pantry",
)


def printout(count: int, layout: str = "thermal-2x1") -> printing.Printout:
    data = label_documents.render_pdf([LABEL] * count, label_layouts.layout_named(layout))
    return printing.describe(data, f"{count} labels", "Labels", "labels")


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_describe_and_render_dpi() -> None:
    sheet = printout(31, "avery-5160")
    assert (sheet.pages, sheet.width, sheet.height) == (2, 612.0, 792.0)
    assert printing.render_dpi(203) == 203 and printing.render_dpi(1200) == 600 and printing.render_dpi(720) == 360
    images = printing.render_pages(sheet.data, 1, 5, 100)
    assert len(images) == 1 and (images[0].width(), images[0].height()) == (850, 1100)


def test_a_big_batch_prints_in_chunks_with_progress_and_can_be_cancelled(
    qtbot: QtBot, runner: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "PROGRESS_DELAY_MS", 0)
    desk = Printing(runner)
    problems: list[str] = []
    desk.problem.connect(problems.append)
    big = printout(60)
    job = desk.print(big, pdf_printer(tmp_path / "big.pdf"))
    qtbot.waitUntil(lambda: job.progress is not None and job.done > 0)
    assert job.progress.maximum() == 60
    job.progress.cancel()  # the person presses Cancel
    qtbot.waitUntil(lambda: bool(problems))
    wait_idle(qtbot, runner)
    assert problems == ["Printing 60 labels: cancelled."]
    assert 0 < job.done < 60

    messages: list[str] = []
    desk.message.connect(messages.append)
    desk.print(big, pdf_printer(tmp_path / "all.pdf"))
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert messages == [f"Sent 60 labels to {tmp_path / 'all.pdf'}."]
    assert len(PdfReader(tmp_path / "all.pdf").pages) == 60


def test_the_preview_shows_the_pages(qtbot: QtBot) -> None:
    dialog = PreviewDialog(printout(3))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.view.pageCount() == 3)
    assert dialog.windowTitle() == "Preview: 3 labels"
    dialog.reject()


def test_saving_writes_the_whole_file(qtbot: QtBot, runner: Runner, tmp_path: Path) -> None:
    desk = Printing(runner)
    messages: list[str] = []
    desk.message.connect(messages.append)
    assert desk.save(printout(2), tmp_path / "two.pdf")
    assert len(PdfReader(tmp_path / "two.pdf").pages) == 2
    assert messages == [f"Saved 2 labels (2 pages) to {tmp_path / 'two.pdf'}."]
    assert not desk.save(printout(2), tmp_path / "no such folder" / "x.pdf")
