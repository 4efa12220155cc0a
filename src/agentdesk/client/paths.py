"""Where a signed-in user's local store lives: one SQLite file per server and user."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

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
    digest = hashlib.sha256(f"{server}\n{user}".encode()).hexdigest()[:12]
    readable = re.sub(r"[^a-z0-9]+", "_", f"{urlsplit(server).netloc}_{user}").strip("_")
    return f"{readable[:60]}-{digest}"


def store_path(server_url: str, username: str, *, data_dir: Path | None = None) -> Path:
    """The local store file of `username` on `server_url`.

    Lives in the platform's per-user data folder (e.g. ~/.local/share/agentdesk/stores
    on Linux, %LOCALAPPDATA%\\agentdesk\\stores on Windows) unless `data_dir` is given.
    """
    base = data_dir if data_dir is not None else Path(
        platformdirs.user_data_dir(APP_NAME, appauthor=False)
    )
    return base / "stores" / f"{store_key(server_url, username)}.sqlite3"
