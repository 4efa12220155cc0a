"""PySide6 windows, item models, dialogs and background workers. The only Qt layer."""
