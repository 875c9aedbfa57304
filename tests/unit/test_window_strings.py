"""Every string the window shows is marked for translation: a literal (or f-string, or "...".format) handed to a Qt
call that shows text, or to one of our own helpers' text arguments, must be wrapped in `_()` / `ngettext()` (ui/text.py)
or be a constant marked with `N_()` and translated where shown. Read from the source (ast), so a string on a screen
no test opens is still caught."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

# Qt calls whose string arguments are shown to the person at the desk.
SHOWN_BY = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setLabelText",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "addTab",
    "insertTab",
    "setTabText",
    "setTabToolTip",
    "addAction",
    "addMenu",
    "addItem",
    "addItems",
    "insertItem",
    "addRow",
    "insertRow",
    "showMessage",
    "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels",
    "setHeaderLabels",
    "setInformativeText",
    "setDetailedText",
    "setButtonText",
    "setCancelButtonText",
    "setOkButtonText",
    "addButton",
    "information",
    "warning",
    "critical",
    "question",
    "about",
    "getText",
    "getItem",
    "getInt",
    "getDouble",
    "getMultiLineText",
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMessageBox",
    "QProgressDialog",
    "QCommandLinkButton",
    "QWizardPage",
    "setSubTitle",
    "show_message",
    "problem",
    "say",
    "ask",
    "confirm",
}
# Our helpers' keyword arguments that carry shown text.
SHOWN_KEYWORDS = {
    "label",
    "title",
    "text",
    "message",
    "tip",
    "tooltip",
    "placeholder",
    "heading",
    "caption",
    "prompt",
    "detail",
    "question",
    "hint",
    "done_message",
    "accessible_name",
}
MARKERS = {"_", "ngettext", "N_"}

# Files whose strings are still being marked (each part of the window is converted by whoever owns it; remove a file
# from here when its strings are marked and translated).
PENDING: set[str] = set()


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _has_words(text: str) -> bool:
    return any(character.isalpha() for character in text)


def _bare_text(node: ast.expr) -> bool:
    """A literal with words in it that nobody translates: "Save", f"Saved {n}", "Saved {}".format(n), "a" + b."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) and _has_words(str(part.value)) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _bare_text(node.left) or _bare_text(node.right)
    if isinstance(node, ast.Call):
        if _name(node.func) in MARKERS:
            return False
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return _bare_text(node.func.value)
        return False
    if isinstance(node, ast.List | ast.Tuple):
        return any(_bare_text(element) for element in node.elts)
    if isinstance(node, ast.IfExp):
        return _bare_text(node.body) or _bare_text(node.orelse)
    return False


def unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        arguments: list[ast.expr] = []
        if _name(node.func) in SHOWN_BY:
            arguments.extend(node.args)
        arguments.extend(keyword.value for keyword in node.keywords if keyword.arg in SHOWN_KEYWORDS)
        for argument in arguments:
            if _bare_text(argument):
                found.append(f"{where}:{argument.lineno}: {ast.unparse(argument)[:80]}")
    return found


def _window_files() -> list[Path]:
    return sorted(path for path in UI.rglob("*.py") if path.relative_to(ROOT).as_posix() not in PENDING)


@pytest.mark.parametrize("path", _window_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_shown_string_is_marked_for_translation(path: Path) -> None:
    assert not unmarked(path), "shown but not marked with _(): " + "\n".join(unmarked(path))


def test_the_checker_finds_what_it_should(tmp_path: Path) -> None:
    source = (
        "b.setText('Save')\nb.setText(_('Save'))\nQLabel(f'{n} saved')\nQLabel(_('{n} saved').format(n=n))\n"
        "run(label='Opening…')\nrun(label=_('Opening…'))\nb.setText('—')\nm.addItems(['Kept', _('Fine')])\n"
        "b.setToolTip('Saved {}'.format(n))\n"
    )
    scratch = tmp_path / "sample.py"
    scratch.write_text(source, encoding="utf-8")
    lines = [entry.split(":")[1] for entry in unmarked(scratch)]
    assert lines == ["1", "3", "5", "8", "9"]


def test_pending_files_exist() -> None:
    """A file renamed or removed must leave the pending list too (else the list hides nothing and lies)."""
    assert all((ROOT / name).exists() for name in PENDING)
