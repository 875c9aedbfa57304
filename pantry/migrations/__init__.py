"""Alembic migrations, shipped inside the package and applied when a database is opened."""

# The newest revision. Kept here so that opening an up-to-date database needs no Alembic import (start-up time);
# tests/integration/test_migrations.py checks it against the scripts.
HEAD = "0007"
