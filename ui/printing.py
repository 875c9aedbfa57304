"""PDF bytes → the system print dialog, a preview, or a file ("Save as PDF").

The core makes PDFs (labels, count sheets). To print one, each page is rendered to an image at the printer's
resolution with PDFium (pypdfium2; QtPdf is not in PySide6-Essentials) and painted on a QPrinter. Rendering runs on
the worker (`Runner.call`, no session) a few pages at a time; each chunk is painted on the GUI thread as it arrives,
with a progress dialog and Cancel for large batches. The print dialog and the file dialog are asked for only when no
printer or path is given, so tests drive the same code with a QPrinter writing a PDF file, or a path.
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import shiboken6
from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QProgressDialog, QVBoxLayout, QWidget

from pantry.progress import Cancelled, ShouldCancel
from ui.ops import Runner
from ui.settings import LAST_FOLDER, desk_settings
from ui.text import _, ngettext
from ui.widgets import name_standard_buttons

log = logging.getLogger(__name__)

_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document operation at a time, whichever thread asks
MAX_RENDER_DPI = 600  # above this a printer gets an image scaled up by a whole number (bars stay exact)
PREVIEW_DPI = 150
PREVIEW_PAGE_LIMIT = 60  # the preview shows this many pages at most (a big batch prints in full)
CHUNK_PAGES = 8
CHUNK_PIXELS = 40_000_000  # rendered pixels in flight per chunk: one Letter page at 600 dpi is 34 million
PROGRESS_DELAY_MS = 500


@dataclass(frozen=True)
class Printout:
    """A PDF ready to print or save, and how to speak of it."""

    data: bytes
    what: str  # "12 labels", "the count sheet of Walk-in cooler": for messages
    title: str  # the print job's name
    file_stem: str  # a suggested file name, without .pdf
    pages: int
    width: float  # the first page, in points
    height: float


def describe(data: bytes, what: str, title: str, file_stem: str) -> Printout:
    """Count the pages and measure the first one (in the worker: `runner.call(describe, ...)`)."""
    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            width, height = 612.0, 792.0
            if len(document):
                page = document[0]
                width, height = page.get_size()
                page.close()  # every PDFium object closed here, under the lock: never by the garbage collector
            return Printout(data, what, title, file_stem, len(document), width, height)
        finally:
            document.close()


def render_dpi(printer_dpi: int) -> float:
    """The resolution to render at: the printer's own, or an exact fraction of it when that is above the cap."""
    if printer_dpi <= MAX_RENDER_DPI:
        return float(printer_dpi)
    return printer_dpi / math.ceil(printer_dpi / MAX_RENDER_DPI)


def pages_per_chunk(printout: Printout, dpi: float) -> int:
    pixels = (printout.width * dpi / 72) * (printout.height * dpi / 72)
    return max(1, min(CHUNK_PAGES, int(CHUNK_PIXELS // max(pixels, 1))))


def render_pages(
    data: bytes, first: int, count: int, dpi: float, *, crisp: bool = True, should_cancel: ShouldCancel | None = None
) -> list[QImage]:
    """Pages `first` .. `first + count - 1` (0-based) as greyscale images at `dpi`. `crisp` draws without
    anti-aliasing, as a printer wants: bars and text edges are black or white, never grey."""
    images = []
    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            for number in range(first, min(first + count, len(document))):
                if should_cancel is not None and should_cancel():
                    raise Cancelled
                page = document[number]
                bitmap = page.render(
                    scale=dpi / 72,
                    grayscale=True,
                    no_smoothpath=crisp,
                    no_smoothtext=crisp,
                    no_smoothimage=crisp,
                    optimize_mode="print" if crisp else None,
                )
                image = QImage(
                    bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8
                )
                image.setDotsPerMeterX(round(dpi / 0.0254))
                image.setDotsPerMeterY(round(dpi / 0.0254))
                images.append(image.copy())  # own the pixels: the bitmap's buffer goes with the page
                bitmap.close()
                page.close()
        finally:
            document.close()
    return images


def configure(printer: QPrinter, printout: Printout) -> None:
    """The printer's paper as the PDF's page (a label, a Letter sheet ...), no margins: the PDF has its own."""
    width, height = printout.width, printout.height
    size = QPageSize(
        QSizeF(min(width, height), max(width, height)),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    printer.setDocName(printout.title)


def paint_page(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    """One page image on the whole paper, its proportions kept, from the top left corner."""
    paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    scale = min(paper.width() / max(image.width(), 1), paper.height() / max(image.height(), 1))
    target = QRectF(0, 0, image.width() * scale, image.height() * scale)
    painter.drawImage(target, image)


def paint_preview(printer: QPrinter, printout: Printout) -> None:
    """Paint the pages for QPrintPreviewDialog (it asks on the GUI thread and waits), at screen resolution."""
    painter = QPainter(printer)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    try:
        shown = min(printout.pages, PREVIEW_PAGE_LIMIT)
        for first in range(0, shown, CHUNK_PAGES):
            for number, image in enumerate(
                render_pages(printout.data, first, min(CHUNK_PAGES, shown - first), PREVIEW_DPI, crisp=False)
            ):
                if first + number:
                    printer.newPage()
                paint_page(painter, printer, image)
    finally:
        painter.end()


def write_pdf(path: Path, data: bytes) -> None:
    """The whole file or nothing: a temporary file beside it, renamed into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class PrintJob(QObject):
    """Renders a printout in the worker a chunk at a time and paints each chunk on the printer, in order.

    Emits `finished(message)` once: what was sent where, or that it was cancelled or failed (`ok` says which)."""

    finished = Signal(str, bool)  # message, ok

    def __init__(
        self, runner: Runner, printer: QPrinter, printout: Printout, dialog_parent: QWidget | None = None
    ) -> None:
        super().__init__()  # no parent: `Printing` holds it until it has finished, then lets it go
        self.runner = runner
        self.dialog_parent = dialog_parent
        self.printer = printer
        self.printout = printout
        self.dpi = render_dpi(printer.resolution())
        self.chunk = pages_per_chunk(printout, self.dpi)
        self.painter = QPainter()
        self.done = 0
        self.cancelled = False
        self.progress: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_progress)
        self._ended = False

    def start(self) -> None:
        if not self.painter.begin(self.printer):
            self._end(
                _("Could not start printing on {printer}: is it switched on and connected?").format(
                    printer=self._printer_name()
                ),
                False,
            )
            return
        self._timer.start(PROGRESS_DELAY_MS)
        self._request()

    def cancel(self) -> None:
        """Stop after the chunk being rendered now (the pages painted so far are discarded)."""
        self.cancelled = True

    def abort(self, message: str) -> None:
        """Stop now."""
        self.cancelled = True
        self.printer.abort()
        self._end(message, False)

    def _printer_name(self) -> str:
        if self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return self.printer.outputFileName() or _("a PDF file")
        return self.printer.printerName() or _("the printer")

    def _request(self) -> None:
        count = min(self.chunk, self.printout.pages - self.done)
        self.runner.call(
            render_pages,
            self.printout.data,
            self.done,
            count,
            self.dpi,
            on_done=self._paint,
            on_error=self._failed,
            owner=self,
            catch_all=True,
        )

    def _paint(self, images: list[QImage]) -> None:
        if self._ended:
            return
        if self.cancelled or (self.progress is not None and self.progress.wasCanceled()):
            self.printer.abort()
            self._end(_("Printing {what}: cancelled.").format(what=self.printout.what), False)
            return
        for image in images:
            if self.done:
                self.printer.newPage()
            paint_page(self.painter, self.printer, image)
            self.done += 1
        if self.progress is not None:
            self.progress.setValue(self.done)
        if self.done < self.printout.pages and images:
            self._request()
            return
        self._end(_("Sent {what} to {printer}.").format(what=self.printout.what, printer=self._printer_name()), True)

    def _failed(self, error: Exception) -> None:
        log.error("printing %s failed: %s", self.printout.title, error)
        self.printer.abort()
        self._end(_("Printing {what} failed: {problem}").format(what=self.printout.what, problem=error), False)

    def _show_progress(self) -> None:
        if self._ended:
            return
        parent = (
            self.dialog_parent if self.dialog_parent is not None and shiboken6.isValid(self.dialog_parent) else None
        )
        dialog = QProgressDialog(
            _("Printing {what}…").format(what=self.printout.what), _("Cancel"), 0, self.printout.pages, parent
        )
        dialog.setWindowTitle(_("Printing"))
        dialog.setAccessibleName(_("Printing"))
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(self.done)
        dialog.canceled.connect(self.cancel)
        self.progress = dialog
        dialog.show()

    def _end(self, message: str, ok: bool) -> None:
        if self._ended:
            return
        self._ended = True
        self._timer.stop()
        if self.painter.isActive():
            self.painter.end()
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        self.finished.emit(message, ok)


class Printing(QObject):
    """The desk's way out to paper and files, shared by every screen. Messages go to `message` / `problem`."""

    message = Signal(str)
    problem = Signal(str)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.jobs: list[PrintJob] = []

    # -- files ----------------------------------------------------------------------------------------------------

    def ask_save_path(self, parent: QWidget | None, printout: Printout) -> Path | None:
        settings = desk_settings()
        folder = str(settings.value(LAST_FOLDER, "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Save {what} as PDF").format(what=printout.what),
            str(Path(folder) / f"{printout.file_stem}.pdf"),
            "PDF (*.pdf)",
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        settings.setValue(LAST_FOLDER, str(path.parent))
        return path

    def save(self, printout: Printout, path: Path) -> bool:
        try:
            write_pdf(path, printout.data)
        except OSError as problem:
            self.problem.emit(
                _("Could not save {what} to {path}: {problem}").format(
                    what=printout.what, path=path, problem=problem.strerror or problem
                )
            )
            return False
        self.message.emit(
            ngettext(
                "Saved {what} ({count} page) to {path}.", "Saved {what} ({count} pages) to {path}.", printout.pages
            ).format(what=printout.what, count=printout.pages, path=path)
        )
        return True

    # -- paper ----------------------------------------------------------------------------------------------------

    def choose_printer(self, parent: QWidget | None, printout: Printout) -> QPrinter | None:
        """The system print dialog, set to the printout's paper; None when the person closed it."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure(printer, printout)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Print {what}").format(what=printout.what))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return printer

    def print(
        self,
        printout: Printout,
        printer: QPrinter,
        *,
        parent: QWidget | None = None,
        on_finished: Callable[[str, bool], None] | None = None,
    ) -> PrintJob:
        """Print on a chosen (or, in tests, a PDF-file) printer, off the GUI thread; the message says how it went."""
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and not printer.outputFileName():
            raise ValueError("a PDF printer needs an output file")
        job = PrintJob(self.runner, printer, printout, parent)
        self.jobs.append(job)

        def finished(message: str, ok: bool) -> None:
            (self.message if ok else self.problem).emit(message)
            if on_finished is not None:
                on_finished(message, ok)
            QTimer.singleShot(0, self, lambda: self._forget(job))  # not while it is still emitting

        job.finished.connect(finished)
        job.start()
        return job

    def abort_all(self) -> None:
        """Stop every print job (the window is closing): what was sent stays sent, the rest is dropped."""
        for job in list(self.jobs):
            job.abort(_("Printing {what}: stopped, Pantry Desk was closed.").format(what=job.printout.what))

    def _forget(self, job: PrintJob) -> None:
        job.finished.disconnect()
        self.jobs.remove(job)

    def preview(self, parent: QWidget | None, printout: Printout) -> bool:
        """Show the pages; True when the person pressed Print there (the caller then prints for real)."""
        dialog = PreviewDialog(printout, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted


class PreviewDialog(QDialog):
    """The pages as they will print, with Print (Enter) and Close (Esc). Its Print hands back to the real print path
    (printer resolution, every page), rather than printing the screen-resolution preview."""

    def __init__(self, printout: Printout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        configure(self.printer, printout)
        shown = min(printout.pages, PREVIEW_PAGE_LIMIT)
        if shown < printout.pages:
            title = _("Preview: {what} — the first {shown} of {count} pages").format(
                what=printout.what, shown=shown, count=printout.pages
            )
        else:
            title = _("Preview: {what}").format(what=printout.what)
        self.setWindowTitle(title)
        self.resize(900, 700)
        self.view = QPrintPreviewWidget(self.printer, self)
        self.view.paintRequested.connect(lambda target: paint_preview(target, printout))
        self.view.setViewMode(
            QPrintPreviewWidget.ViewMode.SinglePageView
            if printout.pages == 1
            else QPrintPreviewWidget.ViewMode.AllPagesView
        )
        self.view.fitInView()
        self.view.setAccessibleName(_("Pages"))
        self.view.setToolTip(_("The pages as they will print"))
        buttons = QDialogButtonBox()
        print_button = buttons.addButton(_("Print… (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        print_button.setDefault(True)
        print_button.setToolTip(_("Choose a printer and print every page (Enter)"))
        print_button.setAccessibleName(_("Print"))
        close_button = buttons.addButton(_("Close (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        close_button.setToolTip(_("Close the preview without printing (Esc)"))
        close_button.setAccessibleName(_("Close"))
        name_standard_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
