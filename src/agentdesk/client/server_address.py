"""Which server the desktop talks to: the command line, else the user's settings, else the
machine-wide configuration file IT drops on every workstation.

    address = resolve_server_address(args.server, settings.server_url, machine_server_url())

The machine file is a small INI file (UTF-8; a UTF-16 file written by PowerShell is read too):

    [server]
    url = https://agentdesk.example.com:8443

It lives where each OS keeps machine-wide settings (see `machine_config_path`);
`AGENTDESK_CLIENT_CONFIG` names another file instead (to try a file before rolling it out).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import NamedTuple

from agentdesk.client.paths import normalise_server_url

CONFIG_ENV = "AGENTDESK_CLIENT_CONFIG"
CONFIG_NAME = "client.ini"
_KEYS = {"server": {"url"}}


class AddressSource(StrEnum):
    """Where a server address came from, highest precedence first."""

    COMMAND_LINE = "command line"
    USER_SETTINGS = "user settings"
    MACHINE_CONFIG = "machine configuration"


class ServerAddress(NamedTuple):
    """The server address to use and the source that decided it (a named tuple: no
    dataclass is made on the desktop's way to its first paint, see `agentdesk.ui.launch`)."""

    url: str
    source: AddressSource


class ServerAddressError(ValueError):
    """A server address that is not a usable URL, naming the source it came from."""


class MachineConfigError(ValueError):
    """The machine-wide configuration file cannot be read or is malformed."""


def resolve_server_address(
    command_line: str | None,
    user_settings: str | None,
    machine_config: str | None,
) -> ServerAddress | None:
    """The first address given, in precedence order: command line, user settings, machine.

    Blank values count as not given. None means no source names a server (the sign-in
    dialog then asks). Raises ServerAddressError for a given value that is not a URL:
    a bad address is reported, never skipped in favour of the next source.
    """
    sources = (
        (AddressSource.COMMAND_LINE, command_line),
        (AddressSource.USER_SETTINGS, user_settings),
        (AddressSource.MACHINE_CONFIG, machine_config),
    )
    for source, value in sources:
        if value is None or not value.strip():
            continue
        try:
            return ServerAddress(normalise_server_url(value), source)
        except ValueError as error:
            raise ServerAddressError(
                f"服务器地址无效（来源：{_SOURCE_ZH[source]}）/ "
                f"invalid server address from the {source}: {error}"
            ) from error
    return None


_SOURCE_ZH = {
    AddressSource.COMMAND_LINE: "命令行",
    AddressSource.USER_SETTINGS: "用户设置",
    AddressSource.MACHINE_CONFIG: "本机配置文件",
}


def parse_machine_config(text: str, source: str = CONFIG_NAME) -> str | None:
    """The server URL of a machine configuration given as text (None if it sets none).

    Raises MachineConfigError naming `source` for a file that is not INI, has unknown
    sections or keys (a typo would otherwise be ignored silently), or an invalid URL.
    """
    import configparser  # here, not at the top: only read when no other source names a server

    parser = configparser.ConfigParser(interpolation=None, default_section="\x00")
    try:
        parser.read_string(text, source)
    except configparser.Error as error:
        first = str(error).splitlines()[0]
        raise MachineConfigError(
            f"本机配置文件格式错误 / malformed machine configuration {source}: {first}"
        ) from error
    for section in parser.sections():
        if section not in _KEYS:
            raise _unknown(source, f"[{section}]", ", ".join(f"[{s}]" for s in _KEYS))
        for key in parser[section]:
            if key not in _KEYS[section]:
                raise _unknown(source, f"[{section}] {key}", ", ".join(sorted(_KEYS[section])))
    url = parser.get("server", "url", fallback="").strip()
    if not url:
        return None
    try:
        return normalise_server_url(url)
    except ValueError as error:
        raise MachineConfigError(
            f"本机配置文件中的服务器地址无效 / invalid server url in {source}: {error}"
        ) from error


def _unknown(source: str, what: str, allowed: str) -> MachineConfigError:
    return MachineConfigError(
        f"本机配置文件 {source} 含未知项 {what}，允许：{allowed} / "
        f"unknown entry {what} in machine configuration {source}; allowed: {allowed}"
    )


def decode_config(data: bytes, source: str = CONFIG_NAME) -> str:
    """Text of a configuration file: UTF-8 (with or without BOM), or UTF-16 with a BOM."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MachineConfigError(
            f"本机配置文件不是 UTF-8 文本 / machine configuration {source} is not UTF-8 text: "
            f"byte {error.start}"
        ) from error


def machine_config_path(
    platform: str = sys.platform, environ: dict[str, str] | None = None
) -> PurePath:
    """Where the machine-wide configuration file lives on `platform`.

    Linux and other Unixes: the first of $XDG_CONFIG_DIRS (default /etc/xdg)/agentdesk/client.ini;
    Windows: %PROGRAMDATA%\\AgentDesk\\client.ini; macOS:
    /Library/Application Support/AgentDesk/client.ini. $AGENTDESK_CLIENT_CONFIG overrides.
    """
    env = dict(os.environ) if environ is None else environ
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    if platform == "win32":
        base = env.get("PROGRAMDATA") or r"C:\ProgramData"
        return PureWindowsPath(base, "AgentDesk", CONFIG_NAME)
    if platform == "darwin":
        return PurePosixPath("/Library/Application Support/AgentDesk", CONFIG_NAME)
    dirs = [d for d in env.get("XDG_CONFIG_DIRS", "").split(":") if d] or ["/etc/xdg"]
    return PurePosixPath(dirs[0], "agentdesk", CONFIG_NAME)


def read_machine_config(path: Path | None = None) -> str | None:
    """The server URL the machine configuration file sets (None when there is no file).

    Raises MachineConfigError when the file exists but cannot be read or is malformed.
    """
    target = Path(path if path is not None else machine_config_path())
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise MachineConfigError(
            f"无法读取本机配置文件 / cannot read machine configuration {target}: "
            f"{error.strerror}"
        ) from error
    return parse_machine_config(decode_config(data, str(target)), str(target))
