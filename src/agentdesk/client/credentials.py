"""The session token: in the OS keyring, or — when no keyring works — in memory only.

The token is stored under service "agentdesk" with a user name that names the server
and the user (`https://agentdesk.example.com|wangfang`), so one machine can hold
sessions on several servers. Where no keyring backend works (a headless Linux box
without Secret Service: keyring's "fail" backend, or a backend that errors), the token
is kept in this process's memory for the session and `storage` says so; the UI shows
`MEMORY_ONLY_NOTICE`. The token is never written to a file.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from agentdesk.client.paths import normalise_server_url

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring is imported when a token is first saved, loaded or forgotten: importing it
# costs ~70 ms, which a start that does not need a token yet should not pay.

SERVICE = "agentdesk"

MEMORY_ONLY_NOTICE = (
    "令牌仅保存在内存中：没有可用的系统密钥环，退出后需要重新登录 / "
    "Token kept in memory only: no system keyring is available, so you will need to "
    "sign in again after quitting"
)

log = logging.getLogger(__name__)


class TokenStorage(StrEnum):
    """Where the current session token lives."""

    NONE = "none"
    KEYRING = "keyring"
    MEMORY = "memory"
    """No keyring backend worked (or the user chose not to stay signed in)."""


def keyring_username(server_url: str, username: str) -> str:
    """The keyring user name for a (server, user) pair."""
    return f"{normalise_server_url(server_url)}|{username.strip().casefold()}"


class CredentialStore:
    """Saves, loads and forgets session tokens; one instance per app run."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._memory: dict[str, str] = {}
        self.storage = TokenStorage.NONE
        self.keyring_error: str | None = None
        """Why the keyring could not be used, for the diagnostics view."""

    @property
    def backend(self) -> KeyringBackend:
        """The keyring backend in use (the OS default unless one was given)."""
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    @property
    def memory_only(self) -> bool:
        """True when the token is kept in memory only (see `MEMORY_ONLY_NOTICE`)."""
        return self.storage is TokenStorage.MEMORY

    def _usable(self) -> bool:
        from keyring.backends.fail import Keyring as FailKeyring

        backend = self.backend
        if isinstance(backend, FailKeyring):
            self.keyring_error = "no keyring backend is available"
            return False
        return True

    def save(self, server_url: str, username: str, token: str, *,
             stay_signed_in: bool = True) -> TokenStorage:
        """Keep `token`; in the keyring if `stay_signed_in` and a keyring works."""
        if not token:
            raise ValueError("令牌不能为空 / the token must not be empty")
        key = keyring_username(server_url, username)
        if stay_signed_in and self._usable():
            try:
                self.backend.set_password(SERVICE, key, token)
            except Exception as error:  # any backend failure: D-Bus, locked, denied …
                self.keyring_error = f"{type(error).__name__}: {error}"
                log.warning("keyring unavailable, keeping the token in memory: %s", error)
            else:
                self._memory.pop(key, None)
                self.storage = TokenStorage.KEYRING
                return self.storage
        self._memory[key] = token
        self.storage = TokenStorage.MEMORY
        return self.storage

    def load(self, server_url: str, username: str) -> str | None:
        """The saved token, from memory (this session) or the keyring; None if none."""
        key = keyring_username(server_url, username)
        if key in self._memory:
            self.storage = TokenStorage.MEMORY
            return self._memory[key]
        if not self._usable():
            return None
        try:
            token = self.backend.get_password(SERVICE, key)
        except Exception as error:
            self.keyring_error = f"{type(error).__name__}: {error}"
            return None
        if token is not None:
            self.storage = TokenStorage.KEYRING
        return token

    def forget(self, server_url: str, username: str) -> None:
        """Drop the token everywhere (sign out, or the server revoked it)."""
        key = keyring_username(server_url, username)
        self._memory.pop(key, None)
        self.storage = TokenStorage.NONE
        if not self._usable():
            return
        import keyring.errors

        try:
            self.backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing was stored
        except Exception as error:
            self.keyring_error = f"{type(error).__name__}: {error}"
