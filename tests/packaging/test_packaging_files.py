"""The packaging sources are consistent (fast; the bundle itself is built by package-check)."""

from __future__ import annotations

import configparser
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from agentdesk.client.server_address import CONFIG_NAME

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_icon_pngs_have_the_size_in_their_name() -> None:
    for size in HICOLOR_SIZES:
        assert _png_size(ROOT / "resources" / "icons" / f"agentdesk-{size}.png") == (size, size)
    ico = (PACKAGING / "windows" / "agentdesk.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and struct.unpack("<H", ico[4:6])[0] >= 5
    assert (PACKAGING / "macos" / "agentdesk.icns").read_bytes()[:4] == b"icns"


def test_desktop_entry_names_the_app_and_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "agentdesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "agentdesk"
    assert desktop["Icon"] == "agentdesk"
    # Qt announces the window as `agentdesk` (setDesktopFileName): the entry must match.
    assert desktop["StartupWMClass"] == "agentdesk"
    metainfo = (PACKAGING / "linux" / "com.agentdesk.AgentDesk.metainfo.xml").read_text()
    assert "<launchable type=\"desktop-id\">agentdesk.desktop</launchable>" in metainfo


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_entry_validates() -> None:
    done = subprocess.run(["desktop-file-validate", str(PACKAGING / "linux" / "agentdesk.desktop")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_appstream_metadata_validates() -> None:
    metainfo = PACKAGING / "linux" / "com.agentdesk.AgentDesk.metainfo.xml"
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_installers_write_the_file_the_client_reads() -> None:
    iss = (PACKAGING / "windows" / "agentdesk.iss").read_text(encoding="utf-8")
    assert re.search(r'Filename: "\{commonappdata\}\\AgentDesk\\' + CONFIG_NAME + '"', iss)
    assert 'Section: "server"; Key: "url"' in iss
    assert "SetupIconFile=agentdesk.ico" in iss
    install = (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")
    assert f"/etc/xdg/agentdesk/{CONFIG_NAME}" in install
