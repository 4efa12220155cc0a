"""The session token: keyring when one works, memory only (and saying so) when none does.

The OS keyring is a true system edge: the tests install small in-memory backends.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.errors import KeyringLocked, PasswordDeleteError

from agentdesk.client.credentials import (
    MEMORY_ONLY_NOTICE,
    SERVICE,
    CredentialStore,
    TokenStorage,
    keyring_username,
)

SERVER = "https://AgentDesk.example.com/"


class MemoryKeyring(KeyringBackend):
    """A working keyring that keeps secrets in a dict."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class LockedKeyring(MemoryKeyring):
    """A keyring that is there but refuses every call (a locked or broken Secret Service)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")


def test_tokens_go_to_the_keyring_keyed_by_server_and_user() -> None:
    backend = MemoryKeyring()
    credentials = CredentialStore(backend)
    assert credentials.save(SERVER, "WangFang", "tok-1") is TokenStorage.KEYRING
    credentials.save("http://127.0.0.1:8000", "wangfang", "tok-2")
    assert backend.secrets[(SERVICE, "https://agentdesk.example.com|wangfang")] == "tok-1"
    assert keyring_username(SERVER, "WangFang") == "https://agentdesk.example.com|wangfang"
    # A new run of the app (a new CredentialStore) finds it in the keyring.
    later = CredentialStore(backend)
    assert later.load("https://agentdesk.example.com", "wangfang") == "tok-1"
    assert later.storage is TokenStorage.KEYRING
    assert not later.memory_only
    later.forget(SERVER, "wangfang")
    assert later.load(SERVER, "wangfang") is None
    assert later.storage is TokenStorage.NONE
    later.forget(SERVER, "wangfang")  # forgetting twice is fine


def test_the_default_backend_is_the_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        CredentialStore().save(SERVER, "lina", "tok")
    finally:
        keyring.set_keyring(previous)
    assert backend.secrets[(SERVICE, keyring_username(SERVER, "lina"))] == "tok"


@pytest.mark.parametrize("backend", [FailKeyring(), LockedKeyring()], ids=["fail", "locked"])
def test_without_a_working_keyring_the_token_stays_in_memory_only(
    backend: KeyringBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    credentials = CredentialStore(backend)
    assert credentials.save(SERVER, "wangfang", "secret-token") is TokenStorage.MEMORY
    assert credentials.memory_only
    assert credentials.keyring_error
    assert "memory only" in MEMORY_ONLY_NOTICE and "内存" in MEMORY_ONLY_NOTICE
    assert credentials.load(SERVER, "wangfang") == "secret-token"
    # Never written to a file.
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"secret-token" not in path.read_bytes()
    # A new run knows nothing: the user signs in again.
    assert CredentialStore(backend).load(SERVER, "wangfang") is None
    credentials.forget(SERVER, "wangfang")
    assert credentials.load(SERVER, "wangfang") is None


def test_not_staying_signed_in_keeps_the_token_out_of_the_keyring() -> None:
    backend = MemoryKeyring()
    credentials = CredentialStore(backend)
    assert credentials.save(SERVER, "u", "tok", stay_signed_in=False) is TokenStorage.MEMORY
    assert backend.secrets == {}
    assert credentials.load(SERVER, "u") == "tok"


def test_an_empty_token_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        CredentialStore(MemoryKeyring()).save(SERVER, "u", "")
