"""Frozen entry point: the ``adjuster`` command (``adjuster`` alone starts the desktop app)."""

import sys

from adjuster.cli import main

if __name__ == "__main__":
    if len(sys.argv) == 1:
        sys.argv.append("gui")
    main()
