"""What the stock-care commands share: the acting user, printing warnings, table/CSV output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # every command imports this module to build the parser: `pantry --help` must stay quick
    from sqlalchemy.orm import Session


def user_id(session: Session, args: argparse.Namespace) -> int:
    from pantry.services import users

    return users.acting_user(session, args.user).id


def warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def write_rows(columns: Sequence[Any], rows: Sequence[Any], output_format: str, empty: str) -> None:
    from pantry.documents import tabular

    if output_format == "csv":
        sys.stdout.write(tabular.to_csv(columns, rows))
    else:
        sys.stdout.write(tabular.to_table(columns, rows, empty=empty))


def iso_date(text: str):  # type: ignore[no-untyped-def]
    from pantry.dates import parse_iso_date

    try:
        return parse_iso_date(text, "date")
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def signed_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
