"""What the installable bundle is made from: one version number everywhere, a well-formed AppStream file and desktop
entry that name the real programs, the icon files, the PyInstaller recipes and what they put in the bundle, the
installer script, and the smoke test's shell syntax. (The bundle itself is built and run by `make bundle` and
`make bundle-smoke` in CI.)"""

from __future__ import annotations

import ast
import configparser
import importlib.metadata
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pantry import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import bundle_common  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
METAINFO = PACKAGING / "org.pantrydesk.PantryDesk.metainfo.xml"


def test_the_version_is_written_once_and_read_everywhere() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "pantry.__version__"}
    assert importlib.metadata.version("pantry-desk") == __version__
    assert bundle_common.version() == __version__
    assert bundle_common.version_tuple() == (0, 1, 0, 0) or __version__ != "0.1.0"
    assert bundle_common.version_tuple()[:2] == tuple(int(part) for part in __version__.split(".")[:2])


def test_pyinstaller_is_the_bundle_extra() -> None:
    assert any(
        requirement.startswith("pyinstaller>=6")
        for requirement in PYPROJECT["project"]["optional-dependencies"]["bundle"]
    )


def test_appstream_metainfo_is_well_formed_and_matches_the_project() -> None:
    component = ET.parse(METAINFO).getroot()

    assert component.tag == "component" and component.get("type") == "desktop-application"
    assert component.findtext("id") == bundle_common.BUNDLE_ID == METAINFO.name.removesuffix(".metainfo.xml")
    assert component.findtext("project_license") == PYPROJECT["project"]["license"]
    assert component.findtext("metadata_license") == "CC0-1.0"
    newest = component.find("releases/release")
    assert newest is not None and newest.get("version") == __version__
    launchable = component.findtext("launchable[@type='desktop-id']")
    assert launchable is not None and (PACKAGING / launchable).is_file()
    binaries = {binary.text for binary in component.iterfind("provides/binary")}
    assert binaries == set(PYPROJECT["project"]["scripts"]) | set(PYPROJECT["project"]["gui-scripts"])
    assert component.findtext("description/p", "").strip()


def test_desktop_entry_starts_the_window_with_the_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(PACKAGING / "pantry-desk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]

    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] in PYPROJECT["project"]["gui-scripts"]
    assert desktop["Terminal"] == "false"
    assert (ROOT / "resources" / "icons" / f"{desktop['Icon']}.svg").is_file()
    assert all(value.endswith(";") for key, value in desktop.items() if key.startswith(("Categories", "Keywords")))


def test_icons_exist_in_the_sizes_the_recipes_use() -> None:
    icons = ROOT / "resources" / "icons"
    ET.parse(icons / "pantry-desk.svg")  # well-formed
    png = (icons / "pantry-desk.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    ico = (icons / "pantry-desk.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an icon resource
    assert Path(bundle_common.ICON_PNG).is_file() and Path(bundle_common.ICON_ICO).is_file()


def test_the_bundle_holds_every_migration_and_the_resources() -> None:
    bundled = {(Path(source).name, target) for source, target in bundle_common.DATAS}
    versions = sorted((ROOT / "pantry" / "migrations" / "versions").glob("*.py"))
    assert versions
    for script in versions:
        assert (script.name, "pantry/migrations/versions") in bundled
    assert ("env.py", "pantry/migrations") in bundled
    assert ("script.py.mako", "pantry/migrations") in bundled
    assert (str(ROOT / "resources"), "resources") in bundle_common.DATAS
    assert not any("__pycache__" in source for source, _ in bundle_common.DATAS)
    for path in ("fonts/DejaVuSansCondensed.ttf", "fonts/LICENSE.txt", "icons/pantry-desk.svg"):
        assert (ROOT / "resources" / path).is_file()


@pytest.mark.parametrize(
    ("plugin", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
    ],
)
def test_qt_plugins_kept_in_the_bundle(plugin: str, kept: bool) -> None:
    assert bundle_common.keep_qt_plugin(f"/venv/site-packages/{plugin}") is kept


@pytest.mark.parametrize("spec", ["pantry-desk.spec", "pantry-desk-windows.spec", "pantry-desk-macos.spec"])
def test_each_pyinstaller_spec_builds_both_programs_into_one_folder(spec: str) -> None:
    source = (PACKAGING / spec).read_text()
    tree = ast.parse(source)
    calls = [node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
    assert calls.count("COLLECT") == 1 and "MERGE" not in calls
    assert '"pantry-desk"' in source and '"pantry"' in source
    assert "hookspath=[HOOKS]" in source and "exclude_binaries=True" in source
    if "macos" in spec:
        assert calls.count("BUNDLE") == 1 and "bundle_identifier=BUNDLE_ID" in source


def test_entry_scripts_start_the_two_programs() -> None:
    assert "from ui.app import main" in (PACKAGING / "entry_gui.py").read_text()
    assert "from pantry.cli import main" in (PACKAGING / "entry_cli.py").read_text()


def test_the_windows_installer_takes_the_version_from_the_build_and_leaves_data_alone() -> None:
    script = (PACKAGING / "windows" / "pantry-desk.iss").read_text()
    assert "#ifndef AppVersion" in script and "#error" in script
    assert "AppVersion={#AppVersion}" in script
    assert "{autopf}" in script and "PrivilegesRequired=lowest" in script
    assert '"{group}\\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"' in script
    assert "localappdata" not in script.lower().replace("%localappdata%", "")  # no data folder is deleted
    for line in script.splitlines():
        if line.startswith(("SetupIconFile=", "Source:")):
            relative = line.split("=", 1)[1] if line.startswith("SetupIconFile=") else line.split('"')[1]
            relative = relative.replace("{#BundleDir}", "..\\..\\dist\\pantry-desk").replace("\\*", "")
            target = (PACKAGING / "windows" / relative.replace("\\", "/")).resolve()
            assert target.is_relative_to(ROOT), line


def test_smoke_script_is_valid_shell_and_runs_the_built_programs_without_python() -> None:
    script = PACKAGING / "smoke.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text()
    assert "env -i" in text and "--quit-after-ms" in text and "import donations" in text
    commands = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in commands if "python" in line.lower()]
    assert 'PATH="$WORK/empty-path"' in text
    assert "bundle-smoke" in (ROOT / "Makefile").read_text()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ci.index("make test") < ci.index("make bundle") < ci.index("make bundle-smoke")
