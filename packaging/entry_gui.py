"""PyInstaller entry point of the bundle's `pantry-desk` (the window)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
