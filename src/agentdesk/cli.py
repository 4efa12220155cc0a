"""`agentdesk`: the desktop client, and `agentdesk demo` which runs the whole product.

    agentdesk [--server URL] [--lang zh_CN|en]     open the desktop (sign in if needed)
    agentdesk demo [--as agent|lead] [--lang L]    embedded server with demo data + desktop
    agentdesk --version
    agentdesk --self-check                         check every shipped file loads (exit 1 if not)

Server address: --server, else the user's settings, else the machine-wide client.ini
(see agentdesk.client.server_address).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    import threading

LANGUAGES = ("zh_CN", "en")


def _version_action() -> type[argparse.Action]:
    import argparse

    class Version(argparse.Action):
        """`--version`: the installed version, read only when asked (it costs ~50 ms)."""

        def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
            super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

        def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
            import agentdesk

            print(f"agentdesk {agentdesk.__version__}")
            parser.exit()

    return Version


def build_parser() -> argparse.ArgumentParser:
    """The command line of `agentdesk`."""
    import argparse  # not at module level: plain `agentdesk` starts without it

    parser = argparse.ArgumentParser(
        prog="agentdesk", description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1] if __doc__ else None)
    parser.add_argument("--version", action=_version_action())
    parser.add_argument("--server", metavar="URL", help="server address (default: last used)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the desktop")
    parser.add_argument("--self-check", action="store_true",
                        help="load every form, translation, script and policy shipped; "
                             "report what is missing or broken")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="run an embedded server with demo data and open the client")
    demo.add_argument("--as", dest="role", choices=("agent", "lead"), default="agent",
                      help="sign in as a demo agent (default) or a team lead")
    demo.add_argument("--lang", dest="demo_lang", choices=LANGUAGES,
                      help="language of the desktop (default: zh_CN)")
    demo.add_argument("--cases", type=int, default=2000, help="demo cases to seed (2000)")
    demo.add_argument("--seed", type=int, default=7, help="seed of the demo data (7)")
    demo.add_argument("--fresh", action="store_true",
                      help="seed the demo database anew (default: copy the one seeded last "
                           "time, if nothing that shapes it changed)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `agentdesk`."""
    if not (sys.argv[1:] if argv is None else argv):
        # Plain `agentdesk`, the everyday start: nothing to parse, so argparse (~10 ms
        # to import and build) is not loaded before the window.
        return _desktop(None, None)
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from agentdesk.demo import run_demo

        return run_demo(role=args.role, language=args.demo_lang or args.lang or "zh_CN",
                        cases=args.cases, seed=args.seed, fresh=args.fresh)
    if args.self_check:
        from agentdesk.ui.self_check import main as self_check

        return self_check(server=args.server)
    return _desktop(args.server, args.lang)


def _desktop(server_option: str | None, lang: str | None) -> int:
    """Open the desktop (signing in if needed)."""
    import gc

    _start_font_setup()
    # Python's cyclic collector finds nothing to free among the modules and classes the
    # start makes, yet walks them again and again (~12 ms before the window shows): it
    # is paused until the window's first paint, or a sign-in dialog
    # (`agentdesk.ui.launch.resume_collector`).
    gc.disable()
    try:
        from agentdesk.domain.vocabulary import Language
        from agentdesk.ui.launch import LaunchOptions, run

        server = _server_address(server_option)
        return run(LaunchOptions(server_url=server, language=Language(lang) if lang else None))
    finally:
        gc.enable()


def _start_font_setup() -> threading.Thread | None:
    """Have fontconfig read its configuration on a thread while the desktop loads (Linux).

    Qt sets up its font database when the window first measures text; on Linux that
    starts with fontconfig parsing its XML configuration and font caches (~8 ms), on
    the GUI thread. Started here on a thread (ctypes lets go of the GIL while it runs),
    it runs beside the imports and the window's build, on another core; when Qt asks,
    fontconfig answers from the configuration already loaded. fontconfig's setup is
    thread-safe (if Qt asks first, the first configuration loaded wins and the other is
    dropped); without fontconfig (Windows, macOS) nothing happens."""
    if not sys.platform.startswith("linux"):
        return None
    import threading

    # ctypes' own foreign-function core: importing the ctypes package costs ~3 ms of the
    # start, these three calls (which ctypes itself is built on) ~0.4 ms. Any failure
    # leaves the setup to Qt, as without this.
    try:
        import _ctypes

        library = _ctypes.dlopen("libfontconfig.so.1", 2)  # RTLD_NOW
        fc_init = _ctypes.dlsym(library, "FcInit")
        call = _ctypes.call_function  # a C call without the GIL held
    except (ImportError, OSError, AttributeError):
        return None
    thread = threading.Thread(target=call, args=(fc_init, ()), name="fontconfig-setup",
                              daemon=True)
    thread.start()
    return thread


def _server_address(command_line: str | None) -> str | None:
    """The command line, else the user's settings, else the machine file IT dropped."""
    from agentdesk.client.server_address import (
        MachineConfigError,
        ServerAddressError,
        read_machine_config,
        resolve_server_address,
    )
    from agentdesk.ui.settings import UserSettings

    def blank(value: str | None) -> bool:
        return value is None or not value.strip()

    # Each source is read only when those before it name no server: the machine file
    # (a file read and an INI parse) is not read on the usual start.
    saved = UserSettings().server_url if blank(command_line) else None
    machine = None
    if blank(command_line) and blank(saved):
        try:
            machine = read_machine_config()
        except MachineConfigError as error:  # the sign-in dialog still lets the agent type one
            print(f"agentdesk: {error}", file=sys.stderr)
    try:
        address = resolve_server_address(command_line, saved, machine)
    except ServerAddressError as error:
        raise SystemExit(f"agentdesk: {error}") from error
    return address.url if address else None


if __name__ == "__main__":
    sys.exit(main())
