"""Entry point frozen by PyInstaller: the same as the ``bonewise`` command."""

import sys

from bonewise.cli import main

if __name__ == "__main__":
    sys.exit(main())
