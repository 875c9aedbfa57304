"""PyInstaller hook for PySide6.QtGui, replacing PyInstaller's own: the same collection, minus the Qt plugins Pantry
Desk never loads (so that their libraries, such as GTK's cairo and pango for the gtk3 theme, are not bundled either).
Which plugins stay is decided in bundle_common.keep_qt_plugin."""

import sys
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bundle_common import keep_qt_plugin

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, target) for source, target in binaries if keep_qt_plugin(source)]
