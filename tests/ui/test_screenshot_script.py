"""scripts/screenshot.py (`make screenshot`) makes the README's sign-in picture like the others: `--only sign-in`
writes docs/sign-in.png alone, at the window's size, with the locked desk's "Wrong PIN" line in the problems' red."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from scripts import screenshot
from tests.helpers import run_offscreen
from ui.guide.palette import PROBLEM

SCRIPT = Path(screenshot.__file__)


def test_the_script_makes_the_sign_in_picture_on_its_own(tmp_path: Path) -> None:
    done = run_offscreen(str(SCRIPT), str(tmp_path / "intake.png"), "--only", "sign-in", PANTRY_LANG="en")
    assert done.returncode == 0, done.stderr
    shot = tmp_path / "sign-in.png"
    assert done.stdout == f"wrote {shot}\n"
    assert [path.name for path in tmp_path.iterdir()] == ["sign-in.png"]  # nothing else was written
    image = QImage(str(shot))
    assert (image.width(), image.height()) == screenshot.SIZE
    red = PROBLEM.rgb()
    assert any(image.pixel(x, y) == red for y in range(image.height()) for x in range(0, image.width(), 2))
