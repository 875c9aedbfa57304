"""`pantry labels`: lot labels, household cards and shelf labels as PDF, or ZPL for a Zebra thermal printer.

    pantry labels (--lots CODE... | --donation ID | --location NAME... | --households CODE... | --all-in-stock)
                  --layout NAME [--start N] [--copies N] -o FILE.pdf|FILE.zpl
    pantry labels --calibrate --layout NAME -o FILE.pdf|FILE.zpl    a page to check the printer against the stock
    pantry labels --layout NAME --offset X,Y                         keep that printer's offset, in mm
    pantry labels --list-layouts

With a lot layout, `--location` prints the labels of every lot there; with the `shelf` layout, the location's own
shelf label. Problems a user can fix exit 1 and write nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pantry.errors import UserError
from pantry.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pantry.db import Database
    from pantry.documents.label_layouts import Layout
    from pantry.documents.labels import Label

NAME = "labels"
DATABASE = "optional"  # --list-layouts and --calibrate work before a database exists


def _positive_int(text: str) -> int:
    if not text.strip().isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="print lot labels, household cards or shelf labels (PDF, or ZPL for Zebra printers)",
        description="Write labels to a PDF, or to a .zpl file for a Zebra thermal printer. "
        "See the layouts with --list-layouts.",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--lots", nargs="+", metavar="CODE", help="these lots (one label per place each one is)")
    what.add_argument("--donation", type=_positive_int, metavar="ID", help="every lot of this donation")
    what.add_argument(
        "--location",
        nargs="+",
        metavar="NAME",
        help="every lot at this location; with --layout shelf, the location's own shelf label",
    )
    what.add_argument("--households", nargs="+", metavar="CODE", help="household cards (--layout household-card)")
    what.add_argument("--all-in-stock", action="store_true", help="every lot on hand, one label per place")
    what.add_argument("--calibrate", action="store_true", help="a calibration page for the layout")
    what.add_argument("--list-layouts", action="store_true", help="list the layouts, one a line, and stop")
    parser.add_argument("--layout", metavar="NAME", help="label stock; see --list-layouts")
    parser.add_argument(
        "--start", type=_positive_int, metavar="N", help="sheets: first label at position N (1 = top left)"
    )
    parser.add_argument("--copies", type=_positive_int, default=1, metavar="N", help="each label N times (default 1)")
    parser.add_argument(
        "--offset",
        metavar="X,Y",
        help="keep this printer offset for the layout, in mm (X to the right, Y down), and use it from now on; "
        "for example --offset=-0.5,1",
    )
    if hasattr(parser, "_negative_number_matcher"):  # so that `--offset -0.5,1` reads as a value, not an option
        parser._negative_number_matcher = re.compile(r"^-\d+$|^-\d*\.\d+$|^-?\d*\.?\d+,-?\d*\.?\d+$")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="FILE.pdf, or FILE.zpl for a thermal layout")


def list_layouts(database: Database | None = None) -> list[str]:
    """One line per layout: its name, then what it is (and its offset, when one is kept)."""
    from pantry.documents.label_layouts import LAYOUTS
    from pantry.services.labels import label_offset

    offsets: dict[str, tuple[float, float]] = {}
    if database is not None:
        with database.session() as session:
            offsets = {name: label_offset(session, name) for name in LAYOUTS}
    width = max(map(len, LAYOUTS))
    lines = []
    for name, layout in LAYOUTS.items():
        offset = offsets.get(name, (0.0, 0.0))
        kept = f"; offset {offset[0]:g},{offset[1]:g} mm" if offset != (0.0, 0.0) else ""
        lines.append(f"{name.ljust(width)}  {layout.description}{kept}")
    return lines


def _source(args: argparse.Namespace) -> str | None:
    for option in ("lots", "donation", "location", "households", "all_in_stock", "calibrate"):
        if getattr(args, option) not in (None, False):
            return option
    return None


def _gather(session: Session, args: argparse.Namespace, layout: Layout) -> list[Label]:
    from pantry.services import labels

    source = _source(args)
    option = "--" + str(source).replace("_", "-")
    if layout.kind == "household" and source != "households":
        raise UserError(
            _("layout: {layout} prints household cards; give --households CODE...").format(layout=layout.name)
        )
    if layout.kind == "shelf" and source != "location":
        raise UserError(
            _("layout: {layout} prints a location's shelf label; give --location NAME").format(layout=layout.name)
        )
    if layout.kind == "lot" and source == "households":
        raise UserError(
            _("layout: household cards need --layout household-card, not {layout}").format(layout=layout.name)
        )
    if source == "lots":
        return list(labels.lot_labels(session, args.lots))
    if source == "donation":
        return list(labels.donation_labels(session, args.donation))
    if source == "location":
        if layout.kind == "shelf":
            return list(labels.shelf_labels(session, args.location))
        return list(labels.location_lot_labels(session, args.location))
    if source == "households":
        return list(labels.household_cards(session, args.households))
    if source == "all_in_stock":
        return list(labels.in_stock_labels(session))
    raise UserError(_("labels: nothing to print with {option}").format(option=option))


def _write(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, renamed into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_output(args: argparse.Namespace, layout: Layout) -> str:
    if args.output is None:
        raise UserError(_("output: say where to write the labels with -o FILE.pdf (or FILE.zpl)"))
    if not args.output.parent.is_dir():
        raise UserError(_("output: there is no folder {parent}").format(parent=args.output.parent))
    suffix = args.output.suffix.lower()
    if suffix not in (".pdf", ".zpl"):
        raise UserError(
            _("output: {output} must end in .pdf, or .zpl for a Zebra thermal printer").format(output=args.output)
        )
    if suffix == ".zpl" and not layout.zpl:
        thermal = ", ".join(name for name, row in _layouts().items() if row.zpl)
        raise UserError(
            _("output: ZPL is for thermal layouts ({thermal}), not {layout}").format(
                thermal=thermal, layout=layout.name
            )
        )
    return suffix


def _check_start(args: argparse.Namespace, layout: Layout) -> int:
    start = args.start or 1
    if start > 1 and layout.stock == "roll":
        raise UserError(
            _("start: {layout} is a roll, with no half-used sheet; --start is for sheet layouts").format(
                layout=layout.name
            )
        )
    if start > layout.per_page:
        raise UserError(
            _("start: {layout} has {per_page} labels a sheet; --start goes from 1 to that").format(
                layout=layout.name, per_page=layout.per_page
            )
        )
    return start


def _layouts() -> dict[str, Layout]:
    from pantry.documents.label_layouts import LAYOUTS

    return LAYOUTS


def run(args: argparse.Namespace, database: Database | None) -> int:
    from pantry.documents.label_layouts import layout_named
    from pantry.services import labels

    if args.list_layouts:
        print("\n".join(list_layouts(database)))
        return 0
    if not args.layout:
        raise UserError(
            _("layout: choose one with --layout NAME ({layouts}); see --list-layouts").format(
                layouts=", ".join(_layouts())
            )
        )
    layout = layout_named(args.layout)
    source = _source(args)
    offset = labels.parse_offset(args.offset) if args.offset is not None else None
    if source is None and offset is None:
        raise UserError(
            _("labels: say what to print: --lots, --donation, --location, --households, --all-in-stock or --calibrate")
        )
    suffix, start = "", 1
    if source is not None:
        suffix = _check_output(args, layout)
        start = _check_start(args, layout)
    if database is None and (offset is not None or source != "calibrate"):
        raise UserError(_("database: there is no database yet; create it with `pantry init`"))

    gathered: list[Label] = []
    kept = (0.0, 0.0)
    if database is not None:
        with database.session() as session:
            if offset is not None:
                labels.set_label_offset(session, layout.name, *offset)
            kept = labels.label_offset(session, layout.name)
            if source not in (None, "calibrate"):
                gathered = _gather(session, args, layout)
                if not gathered:  # inside the session: a new offset given with it is not kept either
                    raise UserError(_("labels: no labels to print ({why})").format(why=_nothing(args)))
    if offset is not None:
        print(f"Offset for {layout.name}: {kept[0]:+g} mm across, {kept[1]:+g} mm down (kept for next time)")
    if source is None:
        return 0
    data = _render(layout, gathered, suffix, source == "calibrate", start=start, copies=args.copies, offset=kept)
    _write(args.output, data)
    if source == "calibrate":
        print(f"Calibration page for {layout.name} written: {args.output}")
    else:
        count = len(gathered) * args.copies
        where = f" from position {start}" if start > 1 else ""
        print(f"{count} label{'s' if count != 1 else ''} ({layout.name}{where}) written: {args.output}")
    return 0


def _nothing(args: argparse.Namespace) -> str:
    if args.location:
        return _("nothing on hand at {locations}").format(locations=", ".join(args.location))
    if args.all_in_stock:
        return _("nothing on hand")
    return _("nothing found")


def _render(
    layout: Layout,
    gathered: list[Label],
    suffix: str,
    calibrate: bool,
    *,
    start: int,
    copies: int,
    offset: tuple[float, float],
) -> bytes:
    from pantry.documents import labels as documents
    from pantry.documents import zpl

    if suffix == ".zpl":
        if calibrate:
            return zpl.calibration_zpl(layout, offset).encode()
        return zpl.render_zpl(gathered, layout, copies=copies, offset_mm=offset).encode()
    if calibrate:
        return documents.calibration_pdf(layout, offset)
    return documents.render_pdf(gathered, layout, start=start, copies=copies, offset_mm=offset)
