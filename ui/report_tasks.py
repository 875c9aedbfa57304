"""What the Reports screen asks the worker to do: open a report (or learn the one on screen is still right), write
it as CSV, XLSX or PDF with the writers `pantry report` uses, make its PDF for the printer, write donor letters.

Rule-free, like `ui.tasks` (its messages in the desk's language through ui.text, gettext only):
`open_report(session, ...)` runs through `Runner.run`; the writers take a
built report (plain values) and run through `Runner.call`, without a session.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from pantry.commands.report import write_report
from pantry.db import READ_ONLY_OPTION
from pantry.documents.letters import mail_merge_csv, render_letters
from pantry.documents.report_pdf import render_report_pdf
from pantry.errors import UserError
from pantry.progress import Cancelled, Progress, ShouldCancel, never_cancel, no_progress
from pantry.services import reports, users
from pantry.services.reports import freshness, settings
from pantry.services.reports.letters import acknowledgements
from pantry.services.reports.period import Period
from pantry.services.reports.rows import Report
from ui.text import _

FORMATS = ("csv", "xlsx", "pdf")


@dataclass(frozen=True)
class ReportRequest:
    """Which report: its kind, its period (or for stock, the day), how it is grouped."""

    kind: str
    period: Period | None = None
    as_of: dt.date | None = None
    by: str | None = None

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.kind, self.period, self.as_of, self.by)


@dataclass(frozen=True)
class BuiltReport:
    request: ReportRequest
    report: Report
    stamp: str  # the freshness stamp the report was built at
    paper: str  # letter | a4, for the PDF


@dataclass(frozen=True)
class Opened:
    """The answer to "show me this report": a new one, or None when the one built at `known_stamp` is still right."""

    stamp: str
    built: BuiltReport | None


def read_only(session: Session) -> None:
    """Read in one snapshot without taking SQLite's write lock: a long report never holds another desk's writes
    back (`pantry.db.READ_ONLY_OPTION`; other databases ignore it). Call before the session's first statement."""
    session.connection(execution_options={READ_ONLY_OPTION: True})


def open_report(
    session: Session,
    request: ReportRequest,
    known_stamp: str | None = None,
    *,
    progress: Progress = no_progress,
    should_cancel: ShouldCancel = never_cancel,
) -> Opened:
    """Build the report unless nothing changed since `known_stamp` (then only the stamp is read: instant).

    The reports do not report their own progress: `progress` says which of the three steps runs, and a Cancel
    pressed meanwhile is honoured after the build (the result is dropped; reports change nothing)."""
    read_only(session)
    progress(0, 3)
    current = freshness.stamp(session)
    if known_stamp is not None and known_stamp == current:
        progress(3, 3)
        return Opened(current, None)
    if should_cancel():
        raise Cancelled()
    progress(1, 3)
    user = users.acting_user(session)
    report = reports.build(
        session,
        request.kind,
        period=request.period,
        as_of=request.as_of,
        by=request.by,
        generated_by=user.name,
        user_id=user.id,
    )
    if should_cancel():
        raise Cancelled()
    progress(3, 3)
    return Opened(current, BuiltReport(request, report, current, settings.paper(session)))


def export_report(built: BuiltReport, path: Path, output_format: str) -> str:
    """Write the report as `pantry report` would (same writers, same atomic write); returns what was written."""
    if output_format not in FORMATS:
        raise UserError(
            _("format: '{format}' is not one of {formats}").format(format=output_format, formats=", ".join(FORMATS))
        )
    if not path.parent.exists():
        raise UserError(_("output: the folder {folder} does not exist").format(folder=path.parent))
    try:
        return write_report(built.report, str(path), output_format, built.paper)
    except OSError as problem:
        raise UserError(
            _("output: could not write {path}: {problem}").format(path=path, problem=problem.strerror or problem)
        ) from problem


def report_pdf(built: BuiltReport) -> bytes:
    """The report's PDF as bytes, for the print window."""
    handle, name = tempfile.mkstemp(prefix=".pantry-report-", suffix=".pdf")
    os.close(handle)
    try:
        render_report_pdf(built.report, Path(name), paper=built.paper)
        return Path(name).read_bytes()
    finally:
        Path(name).unlink(missing_ok=True)


@dataclass(frozen=True)
class LettersWritten:
    path: Path
    letters: int
    pages: int
    skipped: dict[str, int]  # donor kind -> donors without a letter (anonymous, purchases, government)
    missing_details: bool  # the pantry's address or tax id is not set


def _atomically(target: Path, write: Callable[[Path], Any]) -> Any:
    if not target.parent.exists():
        raise UserError(_("output: the folder {folder} does not exist").format(folder=target.parent))
    handle, name = tempfile.mkstemp(prefix=".pantry-letters-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        result = write(temporary)
        os.replace(temporary, target)
    except OSError as problem:
        temporary.unlink(missing_ok=True)
        raise UserError(
            _("output: could not write {path}: {problem}").format(path=target, problem=problem.strerror or problem)
        ) from problem
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return result


def write_letters(session: Session, period: Period, path: Path, mail_merge: bool = False) -> LettersWritten:
    """Donor acknowledgement letters for the period as one PDF (as `pantry letters`), or, with `mail_merge`, the
    donors and their totals as a CSV for a mail merge."""
    read_only(session)
    letters = acknowledgements(session, period, user_id=users.acting_user(session).id)
    paper = settings.paper(session)
    if mail_merge:
        _atomically(path, lambda temporary: temporary.write_text(mail_merge_csv(letters), encoding="utf-8", newline=""))
        pages = 0
    else:
        pages = _atomically(path, lambda temporary: render_letters(letters, temporary, paper=paper))
    return LettersWritten(
        path,
        len(letters.letters),
        pages,
        dict(letters.skipped),
        not letters.organisation.address or not letters.organisation.tax_id,
    )
