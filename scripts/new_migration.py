"""Write the next Alembic revision from the difference between the models and the newest migration.

Usage: .venv/bin/python scripts/new_migration.py 0003 "what changed"
Then set HEAD in pantry/migrations/__init__.py to the new revision id and read the generated file before committing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from pantry.db import alembic_config, make_engine, migrate


def main() -> None:
    revision, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'scratch.sqlite'}"
        engine = make_engine(url)
        migrate(engine)  # the scratch database at the newest existing revision
        engine.dispose()
        config = alembic_config()
        config.set_main_option("sqlalchemy.url", url)
        command.revision(config, message=message, autogenerate=True, rev_id=revision)


if __name__ == "__main__":
    main()
