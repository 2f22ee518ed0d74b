"""``python -m adjuster`` = the ``adjuster`` command."""

from adjuster.cli import main

main()
