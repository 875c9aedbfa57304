"""What every Pantry Desk bundle holds, shared by the Linux, Windows and macOS PyInstaller specs.

Imported by the spec files and by our PySide6.QtGui hook (they put packaging/ on sys.path), never by the app;
tests/unit/test_packaging.py checks it without PyInstaller installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Pantry Desk"
BUNDLE_ID = "org.pantrydesk.PantryDesk"  # the AppStream id, and the macOS bundle identifier
ICON_PNG = str(ROOT / "resources" / "icons" / "pantry-desk.png")  # 256 px; PyInstaller makes the .icns (Pillow)
ICON_ICO = str(ROOT / "resources" / "icons" / "pantry-desk.ico")  # both made by packaging/render_icon.py

# The two programs share one folder: the window and its command-line twin.
GUI_SCRIPT = str(ROOT / "packaging" / "entry_gui.py")
CLI_SCRIPT = str(ROOT / "packaging" / "entry_cli.py")
HOOKS = str(ROOT / "packaging" / "hooks")  # our hook for PySide6.QtGui: fewer Qt plugins

# Files read at run time next to the code: Alembic reads its env.py and versions/*.py as source files (pantry.db finds
# them beside pantry/db.py), and the documents and the window find resources/ two levels above pantry/documents/.
MIGRATIONS = ROOT / "pantry" / "migrations"
DATAS = [
    *((str(path), str(path.parent.relative_to(ROOT))) for path in sorted(MIGRATIONS.rglob("*.py"))),
    *((str(path), str(path.parent.relative_to(ROOT))) for path in sorted(MIGRATIONS.glob("*.mako"))),
    (str(ROOT / "resources"), "resources"),
]


def version() -> str:
    """pantry.__version__, read without importing the app (the one place the version is written)."""
    tree = ast.parse((ROOT / "pantry" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise LookupError("pantry/__init__.py has no __version__")


def version_tuple() -> tuple[int, int, int, int]:
    """The version as four numbers, as Windows file versions want them ("0.1.0" -> (0, 1, 0, 0))."""
    numbers = [int("".join(c for c in part if c.isdigit()) or 0) for part in version().split(".")[:4]]
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def hidden_imports() -> list[str]:
    """Modules imported by name at run time: `pantry` finds its commands with pkgutil; the migration scripts (read as
    files, so not analysed) import Alembic's `op`, sqlalchemy and pantry.migrations.types; ReportLab loads its C
    accelerator `_rl_accel` through exec (without it the PDFs are drawn in pure Python, twice as slow)."""
    from PyInstaller.utils.hooks import collect_submodules

    return [
        *collect_submodules("pantry.commands"),
        *collect_submodules("alembic", filter=lambda name: ".testing" not in name),
        "pantry.migrations.types",
        "sqlalchemy.dialects.sqlite",
        "logging.config",
        "_rl_accel",
    ]


# Kept out so that the bundle stays lean: test tools, Tk, and the Qt modules the app does not use.
EXCLUDES = [
    "tests",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "zxingcpp",
    "import_linter",
    "importlinter",
    "tkinter",
    "_tkinter",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtSvgWidgets",
]

# Qt plugins the window needs: the platforms `offscreen` (the smoke test, headless printing), `xcb` and `wayland`
# (a Linux desktop), `windows`, `cocoa` (macOS) and `minimal` (diagnosis); the xdg portal theme (native file dialogs
# in sandboxes); printing; images and SVG icons. Left out: eglfs/linuxfb/vnc (kiosks and boards), their input
# plugins, and the gtk3 theme, which would bring part of GTK (cairo, pango, atk) into the bundle and still need the
# system's GTK to load.
QT_PLATFORMS = {"offscreen", "xcb", "wayland", "minimal", "windows", "cocoa"}
DROPPED_PLUGIN_FOLDERS = {"egldeviceintegrations", "generic"}
DROPPED_PLUGINS = {"qgtk3"}


def _plugin_name(path: Path) -> str:
    name = path.name.split(".")[0]
    return name[3:] if name.startswith("lib") else name


def keep_qt_plugin(source: str) -> bool:
    """False for a Qt plugin (a file under .../plugins/KIND/) the app does not need."""
    path = Path(source)
    if "plugins" not in path.parts[:-2]:
        return True
    kind, name = path.parent.name, _plugin_name(path)
    if kind in DROPPED_PLUGIN_FOLDERS or name in DROPPED_PLUGINS:
        return False
    if kind == "platforms":
        return name.removeprefix("q") in QT_PLATFORMS
    return True
