"""`agentdesk` and `agentdesk demo` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import requests

from agentdesk import __version__
from agentdesk.cli import build_parser
from agentdesk.demo import has_display


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "agentdesk", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_demo_without_a_display_explains_xvfb_run() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run("demo", env=env)
    if sys.platform.startswith("linux"):
        assert result.returncode == 2
        assert "xvfb-run" in result.stderr
        assert "make demo" in result.stderr


def test_display_detection() -> None:
    assert has_display({"QT_QPA_PLATFORM": "offscreen"})
    if sys.platform.startswith("linux"):
        assert not has_display({})
        assert has_display({"DISPLAY": ":99"})
        assert has_display({"WAYLAND_DISPLAY": "wayland-0"})


def test_the_command_line() -> None:
    args = build_parser().parse_args(["--server", "https://desk.example.com", "--lang", "en"])
    assert (args.server, args.lang, args.command) == ("https://desk.example.com", "en", None)
    demo = build_parser().parse_args(["demo", "--as", "lead", "--lang", "zh_CN"])
    assert (demo.command, demo.role, demo.demo_lang) == ("demo", "lead", "zh_CN")
    result = _run("--version", env=dict(os.environ))
    assert result.stdout.strip() == f"agentdesk {__version__}"


KILLED_DEMO = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from agentdesk.demo import running_server

    folder = Path(sys.argv[1])
    with running_server(folder / "demo.sqlite3", folder / "server.log") as url:
        print(url, flush=True)
        time.sleep(120)  # killed meanwhile: the block's cleanup never runs
""")


def test_the_demo_server_stops_when_the_demo_is_killed(tmp_path: Path) -> None:
    demo = subprocess.Popen([sys.executable, "-c", KILLED_DEMO, str(tmp_path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert demo.stdout is not None
        url = demo.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        assert requests.get(f"{url}/api/v1/health", timeout=5).ok
    finally:
        demo.kill()
        demo.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/api/v1/health", timeout=1)
        except requests.ConnectionError:
            return  # the server is gone
        time.sleep(0.2)
    raise AssertionError(f"the demo's server still answers at {url} after the demo was killed")
