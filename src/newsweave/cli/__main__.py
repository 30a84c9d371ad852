"""``python -m newsweave.cli``: the ``newsweave`` command."""

from newsweave.cli import main

main()
