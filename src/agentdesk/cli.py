"""`agentdesk`: the desktop client, and `agentdesk demo` which runs the whole product.

    agentdesk [--server URL] [--lang zh_CN|en]     open the desktop (sign in if needed)
    agentdesk demo [--as agent|lead] [--lang L]    embedded server with demo data + desktop
    agentdesk --version
"""

from __future__ import annotations

import argparse
import sys

from agentdesk import __version__

LANGUAGES = ("zh_CN", "en")


def build_parser() -> argparse.ArgumentParser:
    """The command line of `agentdesk`."""
    parser = argparse.ArgumentParser(
        prog="agentdesk", description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"agentdesk {__version__}")
    parser.add_argument("--server", metavar="URL", help="server address (default: last used)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the desktop")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="run an embedded server with demo data and open the client")
    demo.add_argument("--as", dest="role", choices=("agent", "lead"), default="agent",
                      help="sign in as a demo agent (default) or a team lead")
    demo.add_argument("--lang", dest="demo_lang", choices=LANGUAGES,
                      help="language of the desktop (default: zh_CN)")
    demo.add_argument("--cases", type=int, default=2000, help="demo cases to seed (2000)")
    demo.add_argument("--seed", type=int, default=7, help="seed of the demo data (7)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `agentdesk`."""
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from agentdesk.demo import run_demo

        return run_demo(role=args.role, language=args.demo_lang or args.lang or "zh_CN",
                        cases=args.cases, seed=args.seed)
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.launch import LaunchOptions, run

    return run(LaunchOptions(server_url=args.server,
                             language=Language(args.lang) if args.lang else None))


if __name__ == "__main__":
    sys.exit(main())
