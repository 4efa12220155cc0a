"""Where a signed-in user's local store lives: one SQLite file per server and user."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

APP_NAME = "agentdesk"


def normalise_server_url(server_url: str) -> str:
    """The server URL as one key: scheme and host lower-cased, no trailing slash."""
    parts = urlsplit(server_url.strip())
    if not parts.scheme or not parts.netloc:
        raise ValueError(
            f"服务器地址必须形如 https://host:port，收到 {server_url!r} / "
            f"server URL must look like https://host:port, got {server_url!r}"
        )
    path = parts.path.rstrip("/")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def store_key(server_url: str, username: str) -> str:
    """A file-name-safe key for (server, user): readable prefix plus a short hash."""
    server = normalise_server_url(server_url)
    user = username.strip().casefold()
    if not user:
        raise ValueError("用户名不能为空 / username must not be empty")
    digest = _sha256_hex(f"{server}\n{user}".encode())[:12]
    readable = re.sub(r"[^a-z0-9]+", "_", f"{urlsplit(server).netloc}_{user}").strip("_")
    return f"{readable[:60]}-{digest}"


def _sha256_hex(data: bytes) -> str:
    """SHA-256 of `data` in hex, by CPython's built-in implementation where it has one.

    The digest is hashlib's, so store names do not change; hashlib's own SHA-256 loads
    OpenSSL (~5 ms of the desktop's start, before its window shows)."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]  # 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:  # a Python built without them
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    return str(sha256(data).hexdigest())


def default_data_dir() -> Path:
    """The app's folder in the platform's per-user data folder: ~/.local/share/agentdesk
    on Linux, %LOCALAPPDATA%\\agentdesk on Windows, ~/Library/Application Support/agentdesk
    on macOS."""
    # Imported here: the desktop finds the same folder through Qt (its start does not
    # pay the ~4 ms of importing platformdirs).
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_path(server_url: str, username: str, *, data_dir: Path | None = None) -> Path:
    """The local store file of `username` on `server_url`.

    Lives in `data_dir`/stores, by default in `default_data_dir()`.
    """
    base = data_dir if data_dir is not None else default_data_dir()
    return base / "stores" / f"{store_key(server_url, username)}.sqlite3"
