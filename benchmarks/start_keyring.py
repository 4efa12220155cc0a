"""A keyring backend for the cold-start benchmark: answers every look-up with one token.

`bench_desktop.py` points `PYTHON_KEYRING_BACKEND` at it, so a started desktop finds a
saved sign-in (as a user who stayed signed in does) without touching this machine's
keyring. Importing it imports keyring itself, as the real backends do.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend


class StartKeyring(KeyringBackend):
    """Every user has the token "benchmark"; nothing is stored."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return "benchmark"

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass
