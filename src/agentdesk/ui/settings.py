"""The user's own settings: language, server address, last user, window layout.

Kept with QSettings in the platform's usual place (the registry on Windows, a .conf
file under ~/.config on Linux). `UserSettings(path)` uses an INI file instead — tests
and the demo pass one so they never touch the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from agentdesk.domain.vocabulary import Language


class UserSettings:
    """Typed access to the desktop's settings."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._q = QSettings("AgentDesk", "AgentDesk")
        else:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)

    def _text(self, key: str) -> str | None:
        value = self._q.value(key)
        return str(value) if value not in (None, "") else None

    @property
    def language(self) -> Language | None:
        """The language chosen in settings (None: follow the signed-in user's)."""
        value = self._text("language")
        return Language(value) if value in {str(v) for v in Language} else None

    @language.setter
    def language(self, value: Language) -> None:
        self._q.setValue("language", str(value))

    @property
    def server_url(self) -> str | None:
        """The server address last used."""
        return self._text("server_url")

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._q.setValue("server_url", value)

    @property
    def last_username(self) -> str | None:
        """Who signed in last on this computer (offered again, and used offline)."""
        return self._text("last_username")

    @last_username.setter
    def last_username(self, value: str) -> None:
        self._q.setValue("last_username", value)

    def window_state(self, name: str) -> QByteArray | None:
        """Saved geometry or state of a window or header."""
        value = self._q.value(f"windows/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        """Keep a window's or header's geometry or state."""
        self._q.setValue(f"windows/{name}", value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._q.sync()
