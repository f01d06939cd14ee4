"""``python -m plainlsc``: the same as the ``plainlsc`` command."""

from plainlsc.cli import run

run()
