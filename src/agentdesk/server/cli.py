"""`agentdesk-server`: run and administer the central server."""

from __future__ import annotations

import argparse
import sys

from agentdesk import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="agentdesk-server", description=__doc__)
    parser.add_argument("--version", action="version", version=f"agentdesk-server {__version__}")
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
