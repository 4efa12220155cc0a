"""PySide6 windows, item models, dialogs and background workers. The only Qt layer.

Importing the package first makes PySide's per-module check on import cheaper (see
`agentdesk.ui.pyside_check`): every module the desktop imports after it pays less.
"""

from agentdesk.ui import pyside_check as _pyside_check  # noqa: F401
