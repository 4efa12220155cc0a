"""`agentdesk`: the desktop client, and `agentdesk demo` which runs the whole product."""

from __future__ import annotations

import argparse
import sys

from agentdesk import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="agentdesk", description=__doc__)
    parser.add_argument("--version", action="version", version=f"agentdesk {__version__}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("demo", help="run an embedded server with demo data and open the client")
    args = parser.parse_args(argv)
    if args.command == "demo":
        print("AgentDesk demo: the desktop is not built yet. What exists today:")
        print("  - the repayment-plan engine (agentdesk.domain.plans); see benchmarks/")
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
