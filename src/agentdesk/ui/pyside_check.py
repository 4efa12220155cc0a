"""A cheaper answer to the question PySide asks of every module imported after it.

PySide (since 6.4, for its opt-in `from __feature__ import …` switches, which this app
does not use) asks of each module imported after it whether its source mentions
"PySide6", reading the source through `inspect.getsource`: ~0.2 ms a module, ~18 ms for
the ~95 modules the desktop imports before its window shows. `install()` answers the
same question by reading the module's file once as bytes (~10 times cheaper). Where
PySide no longer asks, or a module has no source file, PySide's own check stays.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6  # noqa: F401  (loads PySide's support modules, the check among them)

_FEATURE = "shibokensupport.feature"


def install() -> bool:
    """Answer PySide's check from the module's file; False if PySide has no such check."""
    feature = sys.modules.get(_FEATURE)
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside",
                                                            None)
    if feature is None or original is None or getattr(original, "cheaper", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.cheaper = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


install()
