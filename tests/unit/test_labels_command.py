"""`pantry labels`: every layout written by the command decodes, ZPL for thermal printers, offsets kept per layout,
calibration pages, and every refusal exits 1 with a message and writes nothing.

The pantry is built the way a desk would build it: `pantry init`, then `pantry import` of locations, items and a
donation; households through the households service. Most tests call `pantry.cli.main` in-process; one runs the
installed `pantry` executable.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from pantry.cli import main
from pantry.codes import make_code, parse_own_code
from pantry.db import open_database
from pantry.documents.label_layouts import LAYOUTS, MM
from pantry.services import catalog, households

PANTRY_EXE = Path(sys.executable).parent / "pantry"
ORG = "Eastside Food Pantry"
LOCATIONS = "name,storage\nWalk-in cooler,chilled\nChest freezer,frozen\nEmpty shelf,dry\n"
ITEMS = """\
sku,name,category,unit,unit_weight_kg,unit_value,storage,date_kind,shelf_life_days
BB15,Black beans 15 oz,Canned,each,0.480,1.29,dry,best_by,540
MILK,Milk 1 gal,Dairy,each,3.9,3.49,chilled,use_by,10
APPLE,Apples,Produce,lb,,1.49,dry,best_by,21
TURKEY,Ground turkey 1 lb,Meat,each,0.454,4.00,frozen,use_by,90
"""
DONATION = """\
date,donor,item,quantity,weight_kg,weight_lb,expires,location,note
2026-01-05,,BB15,24,,,2027-06-30,,
2026-01-05,,MILK,6,,,2026-01-15,Walk-in cooler,
2026-01-05,,APPLE,,,42,2026-01-26,,
2026-01-05,,TURKEY,10,,,2026-04-01,Chest freezer,
"""
LOTS = ["L00001Q", "L00002X", "L000034", "L00004A"]  # beans, milk, apples, turkey: lot ids 1 to 4


@dataclass
class Result:
    code: int
    out: str
    err: str


class Desk:
    def __init__(self, path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.path, self.folder, self.capsys = path, folder, capsys

    def run(self, *args: str, db: bool = True) -> Result:
        self.capsys.readouterr()
        try:
            code = main([*(["--db", str(self.path)] if db else []), *args])
        except SystemExit as stop:  # argparse: usage errors
            code = int(stop.code or 0)
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def labels(self, *args: str) -> Result:
        return self.run("labels", *args)

    def ok(self, *args: str) -> Result:
        result = self.labels(*args)
        assert result.code == 0, result.err
        assert result.err == ""
        return result

    def out(self, name: str) -> Path:
        return self.folder / name


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eastside Food Pantry with a cooler, a freezer, an empty shelf, one donation of four lots and two
    households, made once through `pantry` and the households service; each test copies it."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "pantry.sqlite"
    assert main(["--db", str(path), "init", "--name", ORG]) == 0
    for kind, text in (("locations", LOCATIONS), ("items", ITEMS), ("donations", DONATION)):
        (folder / f"{kind}.csv").write_text(text, encoding="utf-8")
        assert main(["--db", str(path), "import", kind, str(folder / f"{kind}.csv")]) == 0
    database = open_database(path)
    with database.session() as session:
        households.register(session, "Maria", 4, None)
        households.register(session, "", 1, None)
    database.dispose()
    return path


@pytest.fixture
def desk(template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Desk:
    path = tmp_path / "pantry.sqlite"
    for suffix in ("", "-wal"):
        if Path(f"{template}{suffix}").exists():
            shutil.copy(f"{template}{suffix}", f"{path}{suffix}")
    return Desk(path, tmp_path, capsys)


def household_codes(desk: Desk) -> list[str]:
    database = open_database(desk.path)
    with database.session() as session:
        codes = [info.code for info in households.all_households(session)]
    database.dispose()
    return sorted(codes)


def location_code(desk: Desk, name: str) -> str:
    database = open_database(desk.path)
    with database.session() as session:
        location = catalog.location_named(session, name)
        assert location is not None
        code = make_code("location", location.id)
    database.dispose()
    return code


def decode_pages(pdf: Path, dpi: int) -> list[list[str]]:
    """The Code128 symbols zxing-cpp reads on each page of a PDF drawn by poppler at `dpi`, sorted per page."""
    prefix = pdf.with_name(f"{pdf.stem}-{dpi}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True)
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.pgm"))
    formats = zxingcpp.BarcodeFormat.Code128
    return [
        sorted(barcode.text for barcode in zxingcpp.read_barcodes(Image.open(page), formats=formats)) for page in pages
    ]


def pdf_text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


# --- listing --------------------------------------------------------------------------------------------------------


def test_list_layouts_needs_no_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["--db", str(missing), "labels", "--list-layouts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(LAYOUTS)
    assert lines[0].startswith("thermal-2x1  ") and "2 x 1 in thermal roll, 203 dpi" in lines[0]
    assert not missing.exists()


# --- every layout, through the command ------------------------------------------------------------------------------


def _args_for(desk: Desk, name: str) -> tuple[list[str], list[str], list[str]]:
    """(what to print, the codes expected in order, words expected in the PDF) for a layout."""
    kind = LAYOUTS[name].kind
    if kind == "household":
        codes = household_codes(desk)
        return ["--households", *codes], codes, ["HOUSEHOLD CARD", "Maria"]
    if kind == "shelf":
        codes = [location_code(desk, "Walk-in cooler"), location_code(desk, "Main")]
        return ["--location", "Walk-in cooler", "Main"], codes, ["Walk-in cooler", "CHILLED", "Main"]
    words = ["Black beans 15 oz", "BEST BY 2027-06-30", "USE BY 2026-01-15", "42 lb", "DRY", "CHILLED", "FROZEN"]
    return ["--all-in-stock"], [LOTS[2], LOTS[0], LOTS[3], LOTS[1]], words  # Apples, Black beans, Ground turkey, Milk


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is missing")
@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_layout_is_written_and_every_barcode_decodes(desk: Desk, name: str) -> None:
    layout = LAYOUTS[name]
    what, codes, words = _args_for(desk, name)
    start = ["--start", "2"] if layout.stock == "sheet" else []
    output = desk.out(f"{name}.pdf")
    result = desk.ok(*what, "--layout", name, *start, "-o", str(output))
    where = " from position 2" if start else ""
    assert result.out == f"{len(codes)} labels ({name}{where}) written: {output}\n"
    for dpi in (203, 300):
        pages = decode_pages(output, dpi)
        if layout.stock == "roll":
            assert pages == [[code] for code in codes], dpi
        else:
            assert pages == [sorted(codes)], dpi
    text = pdf_text(output)
    for word in [*words, *codes, ORG]:
        assert word in text, word
    box = PdfReader(output).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(layout.page_size, abs=0.01)


def test_lots_donation_and_location_choose_the_lots(desk: Desk) -> None:
    def codes_in(*args: str) -> list[str]:
        output = desk.out("chosen.pdf")
        desk.ok(*args, "--layout", "thermal-2x1", "-o", str(output))
        return [page.extract_text().split("\n")[3].split()[0] for page in PdfReader(output).pages]

    assert codes_in("--lots", LOTS[3], LOTS[0].lower()) == [LOTS[3], LOTS[0]]
    assert codes_in("--donation", "1") == LOTS
    assert codes_in("--location", "main") == [LOTS[2], LOTS[0]]
    assert codes_in("--location", "Walk-in cooler", "Chest freezer") == [LOTS[1], LOTS[3]]


def test_a_shelf_label_carries_the_location_code_that_scan_reads(desk: Desk) -> None:
    output = desk.out("shelf.pdf")
    desk.ok("--location", "Walk-in cooler", "--layout", "shelf", "-o", str(output))
    code = location_code(desk, "Walk-in cooler")
    assert code in pdf_text(output)
    parsed = parse_own_code(code)
    assert parsed is not None and parsed.kind == "location"
    scanned = desk.run("scan", code)
    assert scanned.code == 0, scanned.err
    assert json.loads(scanned.out)["kind"] == "location"


def test_copies_repeat_each_label(desk: Desk) -> None:
    output = desk.out("copies.pdf")
    result = desk.ok("--lots", LOTS[0], LOTS[1], "--layout", "dymo-30334", "--copies", "3", "-o", str(output))
    assert result.out.startswith("6 labels (dymo-30334) written:")
    texts = [page.extract_text() for page in PdfReader(output).pages]
    assert [LOTS[0] in text for text in texts] == [True] * 3 + [False] * 3


# --- ZPL ------------------------------------------------------------------------------------------------------------


def test_zpl_for_a_zebra_thermal_printer(desk: Desk) -> None:
    output = desk.out("labels.zpl")
    result = desk.ok("--lots", *LOTS, "--layout", "thermal-2x1", "--copies", "2", "-o", str(output))
    assert result.out == f"8 labels (thermal-2x1) written: {output}\n"
    text = output.read_text(encoding="utf-8")
    formats = re.findall(r"\^XA\n(.*?)\^XZ\n", text, flags=re.DOTALL)
    assert len(formats) == 4 and text.count("^XA") == 4
    for code, body in zip(LOTS, formats, strict=True):
        assert "^PW406\n^LL203\n" in body and "^PQ2\n" in body
        assert re.search(rf"\^BY2,3\^BCN,\d+,N,N,N,A\^FH\^FD{code}\^FS", body)
    assert "^FH^FDBlack beans 15 oz^FS" in formats[0] and "^FH^FDUSE BY 2026-01-15^FS" in formats[1]
    big = desk.out("pallet.zpl")
    desk.ok("--lots", LOTS[0], "--layout", "thermal-4x6", "-o", str(big))
    assert "^PW812\n^LL1218\n" in big.read_text(encoding="utf-8") and "^BY4,3" in big.read_text(encoding="utf-8")


# --- offsets and calibration ----------------------------------------------------------------------------------------


def _first_origin(pdf: Path) -> tuple[float, float]:
    content = PdfReader(pdf).pages[0].get_contents().get_data().decode("latin-1")
    x, y = re.search(r"q 1 0 0 1 (\S+) (\S+) cm", content).groups()  # type: ignore[union-attr]
    return float(x), float(y)


def test_an_offset_is_kept_per_layout_and_moves_the_print(desk: Desk) -> None:
    before = desk.out("before.pdf")
    desk.ok("--lots", LOTS[0], "--layout", "avery-5160", "-o", str(before))
    saved = desk.ok("--layout", "avery-5160", "--offset", "0.5,-0.3")
    assert saved.out == "Offset for avery-5160: +0.5 mm across, -0.3 mm down (kept for next time)\n"
    listed = desk.labels("--list-layouts").out.splitlines()
    assert [line for line in listed if "offset" in line] == [
        next(line for line in listed if line.startswith("avery-5160"))
    ]
    assert listed[5].endswith("; offset 0.5,-0.3 mm")
    after = desk.out("after.pdf")
    desk.ok("--lots", LOTS[0], "--layout", "avery-5160", "-o", str(after))
    (x0, y0), (x1, y1) = _first_origin(before), _first_origin(after)
    assert x1 - x0 == pytest.approx(0.5 * MM, abs=0.01)
    assert y1 - y0 == pytest.approx(0.3 * MM, abs=0.01)  # 0.3 mm up the page: y grows upwards in PDF
    assert desk.ok("--layout", "avery-5163", "--offset", "-0.5,1").out.startswith("Offset for avery-5163: -0.5 mm")
    desk.ok("--layout", "avery-5163", "--offset", "0,0")
    other = desk.out("other.pdf")
    desk.ok("--lots", LOTS[0], "--layout", "avery-5163", "-o", str(other))
    assert _first_origin(other) == pytest.approx((0.156 * 72, (11 - 0.5 - 2) * 72), abs=0.01)  # untouched


def test_calibration_pages(desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    desk.ok("--layout", "a4-24", "--offset", "1,2")
    page = desk.out("calibrate.pdf")
    result = desk.ok("--calibrate", "--layout", "a4-24", "-o", str(page))
    assert result.out == f"Calibration page for a4-24 written: {page}\n"
    text = pdf_text(page)
    assert "Calibration: a4-24" in text and "Offset now: +1 mm across, +2 mm down." in text
    assert {str(number) for number in range(1, 25)} <= set(text.split())
    zpl = desk.out("calibrate.zpl")
    desk.ok("--calibrate", "--layout", "thermal-2.25x1.25", "-o", str(zpl))
    assert zpl.read_text(encoding="utf-8").count("^XA") == 1 and "^PW457\n^LL254\n" in zpl.read_text(encoding="utf-8")
    nowhere = tmp_path / "none.sqlite"
    assert main(["--db", str(nowhere), "labels", "--calibrate", "--layout", "dymo-30252", "-o", str(page)]) == 0
    assert not nowhere.exists() and "offset +0,+0 mm" in pdf_text(page)


# --- refusals -------------------------------------------------------------------------------------------------------

REFUSALS = [
    (["--lots", LOTS[0], "--layout", "avery-9999"], "layout: no layout named 'avery-9999'; choose one of thermal-2x1,"),
    (["--lots", "L999999", "--layout", "thermal-2x1"], "lots: 'L999999' is not a lot code"),
    (["--lots", make_code("lot", 77), "--layout", "thermal-2x1"], f"lots: no lot with code {make_code('lot', 77)}"),
    (
        ["--lots", LOTS[0], "--layout", "household-card"],
        "layout: household-card prints household cards; give --households",
    ),
    (["--households", "H00001H", "--layout", "avery-5160"], "layout: household cards need --layout household-card"),
    (["--lots", LOTS[0], "--layout", "shelf"], "layout: shelf prints a location's shelf label; give --location NAME"),
    (["--lots", LOTS[0], "--layout", "avery-5160", "-o", "OUT.zpl"], "output: ZPL is for thermal layouts"),
    (["--location", "Empty shelf", "--layout", "thermal-2x1"], "labels: no labels to print (nothing on hand at Empty"),
    (["--location", "Garage", "--layout", "thermal-2x1"], "location: no location named 'Garage'"),
    (["--donation", "9", "--layout", "thermal-2x1"], "donation: no donation with id 9"),
    (["--lots", LOTS[0], "--layout", "thermal-2x1", "-o", "OUT.png"], "output: OUT.png must end in .pdf, or .zpl"),
    (["--lots", LOTS[0], "--layout", "thermal-2x1", "--start", "2"], "start: thermal-2x1 is a roll"),
    (["--lots", LOTS[0], "--layout", "avery-5163", "--start", "11"], "start: avery-5163 has 10 labels a sheet"),
    (["--layout", "thermal-2x1"], "labels: say what to print: --lots, --donation"),
    (["--lots", LOTS[0]], "layout: choose one with --layout NAME"),
    (["--lots", LOTS[0], "--layout", "thermal-2x1", "--no-output"], "unrecognized arguments: --no-output"),
    (["--layout", "thermal-2x1", "--offset", "3"], "offset: '3' is not X,Y in millimetres"),
    (["--lots", LOTS[0], "--donation", "1", "--layout", "thermal-2x1"], "not allowed with argument"),
    (["--lots", LOTS[0], "--layout", "thermal-2x1", "-o", "OUT/none/x.pdf"], "output: there is no folder OUT/none"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[message[:40] for _, message in REFUSALS])
def test_refusals_exit_1_and_write_nothing(desk: Desk, args: list[str], message: str) -> None:
    output = desk.out("OUT.pdf")
    output.write_bytes(b"what was there")
    args = [arg.replace("OUT", str(desk.folder / "OUT")) for arg in args]
    if "-o" not in args and "--no-output" not in args:
        args += ["-o", str(output)]
    result = desk.labels(*args)
    assert result.code == 1
    assert message in result.err.replace(str(desk.folder) + "/", "")
    assert result.out == ""
    assert output.read_bytes() == b"what was there"
    assert sorted(path.name for path in desk.folder.iterdir() if path.name.startswith(("OUT", ".OUT"))) == ["OUT.pdf"]


def test_an_offset_given_with_a_refused_print_is_not_kept(desk: Desk) -> None:
    refused = desk.labels("--location", "Empty shelf", "--layout", "a4-24", "--offset", "1,1", "-o", "x.pdf")
    assert refused.code == 1 and "no labels to print" in refused.err and refused.out == ""
    assert "offset" not in next(line for line in desk.labels("--list-layouts").out.splitlines() if "a4-24" in line)


def test_without_output_or_database(desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = desk.labels("--lots", LOTS[0], "--layout", "thermal-2x1")
    assert result.code == 1 and "output: say where to write the labels with -o FILE.pdf" in result.err
    nowhere = tmp_path / "none.sqlite"
    output = tmp_path / "x.pdf"
    assert main(["--db", str(nowhere), "labels", "--all-in-stock", "--layout", "thermal-2x1", "-o", str(output)]) == 1
    assert "there is no database yet; create it with `pantry init`" in capsys.readouterr().err
    assert not output.exists() and not nowhere.exists()


def test_the_installed_command(desk: Desk) -> None:
    output = desk.out("exe.pdf")
    done = subprocess.run(
        [
            str(PANTRY_EXE),
            "--db",
            str(desk.path),
            "labels",
            "--all-in-stock",
            "--layout",
            "avery-5160",
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"4 labels (avery-5160) written: {output}\n"
    assert len(PdfReader(io.BytesIO(output.read_bytes())).pages) == 1
    refused = subprocess.run(
        [str(PANTRY_EXE), "--db", str(desk.path), "labels", "--lots", "NOPE", "--layout", "thermal-2x1", "-o", "x.pdf"],
        capture_output=True,
        text=True,
        cwd=desk.folder,
    )
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr == "lots: 'NOPE' is not a lot code\n"
    assert not (desk.folder / "x.pdf").exists()
