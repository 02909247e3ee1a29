"""``python -m bonewise`` runs the same entry point as the ``bonewise`` command."""

import sys

from bonewise.cli import main

sys.exit(main())
