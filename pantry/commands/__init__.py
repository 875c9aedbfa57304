"""Commands of `pantry` beyond the core set, one module each, found here by `pantry.cli`.

A command module defines:
- `NAME`: the command word;
- `DATABASE`: "required" (an existing database), "optional" (used when it exists; `run` gets None otherwise),
  "create" (made when missing) or "path" (`run` gets None and works on the file of `args.db` itself, which may be
  one that does not open: restore, encrypt);
- `register(commands)`: adds its parser with `commands.add_parser(NAME, help=...)`;
- `run(args, database) -> int`: does the work; problems a user can fix raise `pantry.errors.UserError`.
Modules import what they need inside `run`, so that building the parser stays quick. Modules whose name starts with
`_` are shared helpers, not commands.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def command_modules() -> list[ModuleType]:
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
