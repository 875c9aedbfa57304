"""A report's check lines weigh in the unit its tables show: lb for a pantry that reports in pounds (read back from
the PDF, in English and in Spanish), kg for one that reports in kilograms."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader

from pantry.documents.report_pdf import render_report_pdf, translated
from pantry.i18n import translator
from pantry.services.reports import distributions, donations, expiring, monthly, rollforward, stock_on_hand, waste
from pantry.services.reports import settings as report_settings
from pantry.services.reports.period import Period
from pantry.services.reports.rows import Report
from tests.unit.test_reports_data import give, lose, receive, world

MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))


def _history(database, unit: str) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        w = world(session)
        report_settings.set_report_settings(session, {"report_weight_unit": unit})
        code = receive(session, w.produce, 9_072, dt.date(2025, 3, 3), w.jane)  # 20.000 lb
        give(session, code, 4_536, dt.date(2025, 3, 5))  # 10.000 lb
        lose(session, code, 454, "spoiled", dt.date(2025, 3, 6))  # 1.001 lb; 4,082 g (8.999 lb) left


def _reports(database) -> dict[str, Report]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return {
            "rollforward": rollforward.rollforward_report(session, MARCH, by="item", generated_by="admin"),
            "stock": stock_on_hand.stock_report(session, MARCH.end, generated_by="admin"),
            "donations": donations.donations_report(session, MARCH, generated_by="admin"),
            "distributions": distributions.distributions_report(session, MARCH, generated_by="admin"),
            "waste": waste.waste_report(session, MARCH, generated_by="admin"),
            "monthly": monthly.monthly_report(session, MARCH, generated_by="admin"),
            "expiring": expiring.expiring_report(session, MARCH, today=MARCH.end, generated_by="admin"),
        }


def _pdf_text(report: Report, path: Path, language: str = "en") -> str:
    render_report_pdf(report, path, tr=translator(language))
    pages = PdfReader(path).pages
    return " ".join(" ".join(page.extract_text(extraction_mode="layout").split()) for page in pages)


def _weights(line: str) -> list[str]:
    """Every "<number> <unit>" of a check line ('8.999 lb', '8,999 lb', '4.082 kg')."""
    return re.findall(r"\d[\d.,]* (?:lb|kg)\b", line)


def test_check_lines_weigh_in_pounds_when_the_tables_do(database, tmp_path: Path) -> None:
    _history(database, "lb")
    reports = _reports(database)
    for name, report in reports.items():
        assert report.weight_unit == "lb"
        shown = translated(report, translator("en")).checks  # what the window shows above the tables
        assert all(weight.endswith(" lb") for line in shown for weight in _weights(line)), (name, shown)
    assert _weights(" ".join(reports["stock"].checks)), "the stock report's check line names a weight"

    text = _pdf_text(reports["rollforward"], tmp_path / "rollforward.pdf")
    assert "Weight (lb)" in text  # the tables
    assert "Closing = stock on hand at the end of 2025-03-31: 0 pieces, 8.999 lb, value" in text
    assert "Opening = stock on hand at the end of 2025-02-28, the closing of the period before: 0 pieces, 0.000 lb" in (
        text
    )
    assert "net 0 pieces, 0.000 lb" in text
    assert " 0.000 kg" not in text and " 8.999 kg" not in text

    text = _pdf_text(reports["stock"], tmp_path / "stock.pdf")
    assert "Stock on hand at the end of 2025-03-31: 1 items, 0 pieces, 8.999 lb, value" in text
    text = _pdf_text(reports["waste"], tmp_path / "waste.pdf")
    assert "Lost in the period: 0 pieces, 1.001 lb, value" in text and "of the 20.000 lb received" in text
    text = _pdf_text(reports["donations"], tmp_path / "donations.pdf")
    assert "0 pieces, 20.000 lb, value" in text


def test_check_lines_in_spanish_keep_the_pantrys_unit(database, tmp_path: Path) -> None:
    _history(database, "lb")
    report = _reports(database)["rollforward"]
    text = _pdf_text(report, tmp_path / "rollforward-es.pdf", "es")
    assert "Final = existencias al cierre del" in text and "0 piezas, 8,999 lb, valor" in text
    assert "kg," not in text


def test_check_lines_weigh_in_kilograms_when_the_tables_do(database, tmp_path: Path) -> None:
    _history(database, "kg")
    reports = _reports(database)
    for name, report in reports.items():
        assert report.weight_unit == "kg"
        assert all(weight.endswith(" kg") for line in report.checks for weight in _weights(line)), name
    text = _pdf_text(reports["rollforward"], tmp_path / "rollforward.pdf")
    assert "Closing = stock on hand at the end of 2025-03-31: 0 pieces, 4.082 kg, value" in text
