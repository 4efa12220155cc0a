"""Starting a session: signing in online, or reopening a known user's local data.

These run off the GUI thread (they talk to the server or open a SQLite file); the
sign-in dialog calls them through a worker and gets a `Session` back.

- `sign_in(...)`: the server checks the password and issues a token; the token goes
  to the keyring ("stay signed in") or memory; the user's local store is opened (made
  on first use) and remembers who they are, so a later start can work offline.
- `resume(...)`: a known user's local store, with their stored token if there is one.
  Without a token the session is offline until the user signs in again.
- `open_local(...)` + `connect(...)`: the same in two steps, for a fast start: the local
  store opens the window; the keyring (slow: D-Bus, an unlock prompt) and the HTTP client
  (requests) are read after the window has painted. The store remembers whether the
  last sign-in left a token in the keyring (`token_in_keyring`), so the launcher knows
  without asking the keyring whether a window-first start makes sense.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from agentdesk.client.credentials import CredentialStore, TokenStorage
from agentdesk.client.paths import APP_NAME, default_data_dir, normalise_server_url, store_path
from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.ui.context import SessionUser

if TYPE_CHECKING:
    from agentdesk.client.api import ApiClient

_USER_META = "session_user"
_TOKEN_META = "token_storage"
"""Where the last sign-in kept the token ("keyring" or "memory"); never the token itself."""


def data_folder() -> Path:
    """Where the desktop keeps its users' local stores: the client's `default_data_dir`,
    found through Qt's standard paths (a test holds the two equal). PySide is loaded by
    then, while importing platformdirs would cost ~4 ms of the desktop's start."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base) / APP_NAME if base else default_data_dir()


class Session:
    """What a started session needs: where, who, their store and (online) an API client.

    (A plain class: no dataclass is made on the desktop's way to its first paint, see
    `agentdesk.ui.launch`.)"""

    __slots__ = ("api", "server_url", "store", "user")

    def __init__(self, server_url: str, user: SessionUser, store: LocalStore,
                 api: ApiClient | None) -> None:
        self.server_url = server_url
        self.user = user
        self.store = store
        self.api = api

    @property
    def token_in_keyring(self) -> bool:
        """The last sign-in of this user kept a token in the keyring ("stay signed in")."""
        return self.store.meta(_TOKEN_META) == TokenStorage.KEYRING.value

    def forget_keyring_token(self) -> None:
        """The keyring had no token after all: the next start asks for the password first."""
        self.store.set_meta(_TOKEN_META, TokenStorage.NONE.value)

    @property
    def has_local_data(self) -> bool:
        """A previous sync filled the store (so offline work makes sense)."""
        return self.store.cursor() is not None


def device_name() -> str:
    """How this computer is named in the user's list of signed-in devices."""
    import platform  # asked at sign-in only: ~3 ms of every start otherwise

    return (platform.node() or "desktop")[:100]


def _accept_language(language: Language) -> str:
    return "zh-CN" if language is Language.ZH_CN else "en"


def sign_in(server_url: str, username: str, password: str, *, stay_signed_in: bool,
            credentials: CredentialStore, language: Language = Language.ZH_CN,
            data_dir: Path | None = None) -> Session:
    """Sign in on the server and open the user's local store (raises `ApiFailure`)."""
    from agentdesk.client.api import ApiClient

    url = normalise_server_url(server_url)
    api = ApiClient(url, language=_accept_language(language))
    try:
        login = api.login(username.strip(), password, device_name())
    except BaseException:
        api.close()
        raise
    out = login.user
    user = SessionUser(user_id=str(out.id), username=out.username, display_name=out.display_name,
                       role=Role(out.role), team=out.team.name if out.team else None,
                       language=Language(out.language))
    storage = credentials.save(url, user.username, login.token, stay_signed_in=stay_signed_in)
    store = LocalStore(store_path(url, user.username, data_dir=data_dir))
    remember(store, url, user, storage)
    return Session(server_url=url, user=user, store=store, api=api)


def remember(store: LocalStore, server_url: str, user: SessionUser,
             token_storage: TokenStorage) -> None:
    """Note in the user's store who they are and where their token went (not the token)."""
    import json  # here: the start reads the user without it (`LocalStore.meta_fields`)

    store.set_meta(_USER_META, json.dumps(user._asdict()))
    store.set_meta("server_url", server_url)
    store.set_meta(_TOKEN_META, token_storage.value)


def known_user(server_url: str, username: str, *, data_dir: Path | None = None) -> bool:
    """This computer holds local data of `username` on `server_url`."""
    try:
        return store_path(server_url, username, data_dir=data_dir).exists()
    except ValueError:
        return False


def open_local(server_url: str, username: str, *,
               data_dir: Path | None = None) -> Session | None:
    """A known user's session from local data only: no keyring, no API client yet.

    None if this computer holds no data of that user. `connect` adds the API client."""
    url = _known_server(server_url, username, data_dir)
    if url is None:
        return None
    store = LocalStore(store_path(url, username, data_dir=data_dir))
    user = _stored_user(store)
    if user is None:
        store.close()
        return None
    return Session(server_url=url, user=user, store=store, api=None)


def _known_server(server_url: str, username: str, data_dir: Path | None) -> str | None:
    """The normalised server address, if this computer holds data of `username` there."""
    try:
        url = normalise_server_url(server_url)
    except ValueError:
        return None
    return url if known_user(url, username, data_dir=data_dir) else None


def _stored_user(store: LocalStore) -> SessionUser | None:
    fields = store.meta_fields(_USER_META)
    if fields is None:
        return None
    team = fields.get("team")
    return SessionUser(user_id=str(fields["user_id"]), username=str(fields["username"]),
                       display_name=str(fields["display_name"]), role=Role(str(fields["role"])),
                       team=None if team is None else str(team),
                       language=Language(str(fields["language"])))


def connect(server_url: str, token: str, language: Language = Language.ZH_CN) -> ApiClient:
    """An API client for a stored token (imports the HTTP stack: call it off the GUI thread)."""
    from agentdesk.client.api import ApiClient

    return ApiClient(server_url, token=token, language=_accept_language(language))


def resume(server_url: str, username: str, *, credentials: CredentialStore,
           language: Language = Language.ZH_CN, data_dir: Path | None = None,
           require_token: bool = False) -> Session | None:
    """Reopen a known user's session from local data (None if this computer has none)."""
    url = _known_server(server_url, username, data_dir)
    if url is None:
        return None
    token = credentials.load(url, username)
    if token is None and require_token:
        return None
    session = open_local(url, username, data_dir=data_dir)
    if session is not None and token:
        session.api = connect(url, token, language)
    return session
