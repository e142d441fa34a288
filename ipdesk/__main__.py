"""Entry point: ``python -m ipdesk`` / the ``ipdesk`` script; all logic lives in ipdesk.cli.main."""

from __future__ import annotations

import sys


def main() -> int:
    from ipdesk.cli.main import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
