"""The valuation settings as a report: the currency, the default value per pound or kilogram with its year and source,
and each item's own unit value (and which items would take the default)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pantry.i18n import N_, Phrase
from pantry.measures import format_money
from pantry.services.reports import settings
from pantry.services.reports.rows import Column, Report, Section, load_items, make_report, valuation_note


@dataclass(frozen=True)
class SettingRow:
    setting: str
    value: str


@dataclass(frozen=True)
class ItemValueRow:
    sku: str
    item: str
    category: str
    unit: str
    unit_value: int | None  # cents per each, lb or kg
    basis: str
    active: str


SETTING_COLUMNS = (
    Column("setting", N_("Setting"), "text", lambda r: r.setting, total="none"),
    Column("value", N_("Value"), "text", lambda r: r.value, total="none"),
)
ITEM_COLUMNS = (
    Column("sku", N_("SKU"), "text", lambda r: r.sku, total="none"),
    Column("item", N_("Item"), "text", lambda r: r.item, total="none"),
    Column("category", N_("Category"), "text", lambda r: r.category, total="none"),
    Column("unit", N_("Unit"), "text", lambda r: r.unit, total="none"),
    Column("unit_value", N_("Unit value"), "money", lambda r: r.unit_value, total="none"),
    Column("basis", N_("Valued by"), "text", lambda r: r.basis, total="none"),
    Column("active", N_("Active"), "text", lambda r: r.active, total="none"),
)


def valuation_report(session: Session, *, generated_by: str = "") -> Report:
    rate = settings.valuation(session)
    default = f"{rate.symbol}{format_money(rate.rate_cents)} per {rate.per}" if rate.rate_cents else "none"
    setting_rows = [
        SettingRow("currency", rate.currency),
        SettingRow("default value", default),
        SettingRow("default value year", rate.year),
        SettingRow("default value source", rate.source),
        SettingRow("weight unit on paper", settings.weight_unit(session)),
    ]
    item_rows = []
    without = 0
    for item in sorted(load_items(session).values(), key=lambda item: item.sort_key):
        if item.unit_value_cents:
            basis = f"item value per {'each' if not item.weighed else item.unit}"
        elif rate.rate_cents and (item.weighed or item.unit_weight_g):
            basis = "default value (by weight)"
            without += 1
        else:
            basis = "no value"
            without += 1
        item_rows.append(
            ItemValueRow(
                item.sku,
                item.name,
                item.category,
                item.unit,
                item.unit_value_cents,
                basis,
                "yes" if item.active else "no",
            )
        )
    return make_report(
        session,
        kind="valuation",
        title=N_("Valuation settings"),
        scope=f"currency {rate.currency}",
        sections=[
            Section("settings", N_("Settings"), SETTING_COLUMNS, setting_rows),
            Section("items", N_("Item values"), ITEM_COLUMNS, item_rows),
        ],
        generated_by=generated_by,
        checks=[valuation_note(rate), Phrase(N_("{items} item(s) have no unit value of their own."), items=without)],
        notes=[
            N_(
                "Values are fixed on each entry when it is made: a change here changes what is received from now on, "
                "never the value of goods already recorded."
            ),
        ],
    )
