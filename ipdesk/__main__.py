"""Entry point: ``python -m ipdesk`` / the ``ipdesk`` script; all logic lives in ipdesk.cli.main."""

from __future__ import annotations

import sys


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen bundle's batch-printing workers start through this entry point
    from ipdesk.cli.main import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
