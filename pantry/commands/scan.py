"""`pantry scan TEXT`: what a scan means, as JSON, to diagnose a scanner setup or a label.

Prints the parse (`pantry.barcodes.parse_scan`) and, when the database exists, what it names there: the item and the
quantity per scan of a product code, the item and expiry of one of our lot codes, the name of a location. Anything
that is not a valid code we know (a wrong check digit, unknown text, broken GS1 data) exits 1 with the reason.
`TEXT` may be `-`: one line is read from standard input, so that a real GS character (FNC1) can be piped in.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pantry.barcodes import Scan
    from pantry.db import Database

NAME = "scan"
DATABASE = "optional"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="show what a scanned code means, as JSON",
        description="Show what a scanned code means, as JSON. Exits 1 for anything that is not a valid code we know.",
    )
    parser.add_argument("text", metavar="TEXT", help="what the scanner typed; - reads one line from standard input")


def run(args: argparse.Namespace, database: Database | None) -> int:
    import json

    from pantry.barcodes import parse_scan

    scan = parse_scan(_stdin_line() if args.text == "-" else args.text)
    if database is None:
        described = scan.as_dict()
    else:
        with database.session() as session:
            described = describe_scan(session, scan)
    print(json.dumps(described, indent=2, ensure_ascii=False))
    return 0


def describe_scan(session: Session, scan: Scan) -> dict[str, Any]:
    """The parse as JSON-ready values, with what the database knows about it: for a product code the item's name
    (`item`), `sku` and `quantity` per scan; for our lot code the lot's item, expiry and supplier lot; for a location
    code its name. Nothing is added when the database does not know the code."""
    from sqlalchemy import select

    from pantry.models import Location, Lot
    from pantry.services import catalog

    described = scan.as_dict()
    found: dict[str, Any] = {}
    if scan.kind == "product" and scan.code is not None:
        for code in (scan.code, *scan.other_codes):
            hit = catalog.lookup_code(session, code)
            if hit is not None:
                found = {"item": hit.item.name, "sku": hit.item.sku, "quantity": hit.quantity_per_scan}
                described["code"] = hit.code
                break
    elif scan.kind == "lot":
        lot = session.scalars(select(Lot).where(Lot.code == scan.code)).first()
        if lot is not None:
            found = {"item": lot.item.name, "sku": lot.item.sku, "received_on": lot.received_on.isoformat()}
            if lot.expires_on is not None:
                found["expires"] = lot.expires_on.isoformat()
                found["date_kind"] = lot.item.date_kind
            if lot.supplier_lot:
                found["supplier_lot"] = lot.supplier_lot
    elif scan.kind == "location" and scan.number is not None:
        location = session.get(Location, scan.number)
        if location is not None:
            found = {"location_name": location.name}
    return {"kind": described.pop("kind"), **found, **described}


def _stdin_line() -> str:
    """One line of standard input without its line end; bytes that are not UTF-8 become U+FFFD (and fail as text)."""
    import sys

    buffer = getattr(sys.stdin, "buffer", None)
    line = buffer.readline().decode("utf-8", "replace") if buffer is not None else sys.stdin.readline()
    return line.rstrip("\r\n")
