import subprocess
import sys

from agentdesk import __version__
from agentdesk.paths import forms_dir, resources_dir


def test_version_flag_prints_installed_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "agentdesk", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"agentdesk {__version__}"
    assert __version__ != "0.0.0+unknown"


def test_shipped_folders_are_found() -> None:
    assert (resources_dir() / "policies").is_dir()
    assert forms_dir().is_dir()
