"""What one desk (this computer) remembers between runs: QSettings, kept apart from the pantry's shared database.

The pantry's own settings (its name, blind counts ...) live in the database; choices that belong to a desk and its
printer (the label layout last used, one label per unit for some items) live here.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

LABEL_LAYOUT = "labels/layout"
LABEL_PER_UNIT = "labels/per_unit_skus"  # items that get one label per unit, by SKU
LAST_FOLDER = "printing/last_folder"


def desk_settings() -> QSettings:
    """The desk's settings: beside the pantry's data when PANTRY_DATA_DIR says where (tests, the sample pantry of a
    screenshot run), else the platform's usual place for the app's settings."""
    folder = os.environ.get("PANTRY_DATA_DIR")
    if folder:
        return QSettings(str(Path(folder) / "desk.ini"), QSettings.Format.IniFormat)
    return QSettings()


def read_list(settings: QSettings, key: str) -> list[str]:
    value = settings.value(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(entry) for entry in value]
