"""Where the shipped data lives: the repository's folders from source, a copy in the wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE.parent.parent


def _shipped(name: str) -> Path:
    # A wheel (or a frozen bundle) carries the folders inside the package as _<name>;
    # an editable install from the repository reads them where they are edited.
    bundled = _PACKAGE / f"_{name}"
    if bundled.is_dir():
        return bundled
    return _SOURCE_ROOT / name


def resources_dir() -> Path:
    """The `resources/` folder: icons, scripts, policies, translations."""
    return _shipped("resources")


def forms_dir() -> Path:
    """The `forms/` folder of Qt Designer files."""
    return _shipped("forms")
