"""Build the Linux bundle from a clean export of HEAD and run it (`make package-check`).

A PyInstaller build of a Qt app takes minutes on two cores, so this runs only when asked
(AGENTDESK_PACKAGE_CHECK=1, as `make package-check` and CI do), not in `make test`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentdesk import __version__

ROOT = Path(__file__).resolve().parents[2]
SIZE_LIMIT_MB = 200

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("AGENTDESK_PACKAGE_CHECK") != "1",
                       reason="builds the bundle: run `make package-check`"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("package")
    done = subprocess.run([str(ROOT / "packaging" / "build_linux.sh"), "--clean-tree", str(out)],
                          capture_output=True, text=True, timeout=3600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    print(done.stdout)
    yield out
    shutil.rmtree(out, ignore_errors=True)


def _run(bundle: Path, *args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    # Nothing of the developer's environment: no Python, no source tree, a fresh home.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(home / ".config"), "LANG": "C.UTF-8", **extra}
    return subprocess.run([str(bundle / "agentdesk"), *args], capture_output=True, text=True,
                          env=env, cwd=home, timeout=300)


def test_version_from_the_bundle(built: Path, tmp_path: Path) -> None:
    done = _run(built / "dist" / "agentdesk", "--version", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"agentdesk {__version__}"


def test_self_check_from_the_bundle(built: Path, tmp_path: Path) -> None:
    bundle = built / "dist" / "agentdesk"
    machine = tmp_path / "client.ini"
    machine.write_text("[server]\nurl = https://desk.example.com:8443\n", encoding="utf-8")
    done = _run(bundle, "--self-check", home=tmp_path, AGENTDESK_CLIENT_CONFIG=str(machine))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("self-check passed")
    # It checked the bundle's own copy of the shipped data, not the source tree.
    assert f"resources: {bundle.resolve()}" in done.stdout
    assert "server: https://desk.example.com:8443 (from the machine configuration)" in done.stdout
    forms = len(list((ROOT / "forms").glob("*.ui")))
    for area in (f"forms: {forms} ok", "translations: 3 ok", "policies: 4 ok", "runtime: 3 ok"):
        assert area in done.stdout, done.stdout

    machine.write_text("url = https://desk.example.com\n", encoding="utf-8")
    done = _run(bundle, "--self-check", home=tmp_path, AGENTDESK_CLIENT_CONFIG=str(machine))
    assert done.returncode == 1
    assert "malformed machine configuration" in done.stdout


# Libraries the bundle must carry itself. Others (libGL, libwayland-*, libxcb-*) belong
# to the workstation's desktop and may be absent on a headless build machine.
CARRIED = re.compile(r"lib(Qt6|pyside6|shiboken6|icu|python|ssl|crypto|cairo|pango|gtk|gdk)")


def test_every_bundled_library_finds_its_dependencies(built: Path) -> None:
    bundle = built / "dist" / "agentdesk"
    internal = bundle / "_internal"
    paths = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    missing: list[str] = []
    for path in sorted(internal.rglob("*.so*")):
        if not path.is_file() or path.is_symlink():
            continue
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True,
                              env={"LD_LIBRARY_PATH": paths})
        missing += [f"{path.relative_to(bundle)}: {line.strip()}"
                    for line in done.stdout.splitlines()
                    if "not found" in line and CARRIED.match(line.strip())]
    assert not missing, "\n".join(missing)


def test_only_the_qt_the_app_uses(built: Path) -> None:
    internal = built / "dist" / "agentdesk" / "_internal"
    names = {p.name for p in internal.rglob("*") if p.is_file()}
    for unwanted in ("WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Qt6Multimedia",
                     "Qt6VirtualKeyboard", "Qt6Pdf"):
        assert not [n for n in names if unwanted in n], unwanted
    for needed in ("libQt6Charts.so.6", "libQt6Svg.so.6", "libqxcb.so", "libqwayland.so",
                   "libqoffscreen.so", "libqsvgicon.so", "libqsvg.so"):
        assert needed in names
    translations = {n for n in names if re.fullmatch(r"qt(base)?_.*\.qm", n)}
    assert translations <= {"qt_zh_CN.qm", "qt_en.qm", "qtbase_zh_CN.qm", "qtbase_en.qm"}
    assert not [n for n in names if n.endswith(".ts")]


def test_desktop_integration_files(built: Path) -> None:
    stage = next(p for p in built.iterdir() if p.name.startswith("AgentDesk-") and p.is_dir())
    share = stage / "share"
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "agentdesk.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "agentdesk.svg").is_file()
    desktop = share / "applications" / "agentdesk.desktop"
    metainfo = share / "metainfo" / "com.agentdesk.AgentDesk.metainfo.xml"
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    if shutil.which("appstreamcli"):
        done = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (built / f"{stage.name}.tar.gz").stat().st_size > 0


def test_bundle_size(built: Path) -> None:
    bundle = built / "dist" / "agentdesk"
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    megabytes = size / 1_000_000
    print(f"\nbundle size unpacked: {megabytes:.0f} MB")
    assert megabytes < SIZE_LIMIT_MB
