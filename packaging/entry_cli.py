"""PyInstaller entry point of the bundle's `pantry` (the command line)."""

import sys

from pantry.cli import main

if __name__ == "__main__":
    sys.exit(main())
