"""The server address: command line, then the user's settings, then the machine file."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentdesk.client.server_address import (
    AddressSource,
    MachineConfigError,
    ServerAddress,
    ServerAddressError,
    machine_config_path,
    parse_machine_config,
    read_machine_config,
    resolve_server_address,
)

CLI = "https://cli.example.com:8443"
USER = "https://user.example.com"
MACHINE = "https://machine.example.com"


def test_command_line_wins_over_everything() -> None:
    assert resolve_server_address(CLI, USER, MACHINE) == ServerAddress(
        "https://cli.example.com:8443", AddressSource.COMMAND_LINE)


def test_user_settings_win_over_the_machine_file() -> None:
    assert resolve_server_address(None, USER, MACHINE) == ServerAddress(
        "https://user.example.com", AddressSource.USER_SETTINGS)


def test_machine_file_is_the_last_resort() -> None:
    assert resolve_server_address(None, None, MACHINE) == ServerAddress(
        "https://machine.example.com", AddressSource.MACHINE_CONFIG)
    assert resolve_server_address("  ", "", MACHINE) is not None
    assert resolve_server_address(None, None, None) is None


@given(st.lists(st.sampled_from([None, "", CLI, USER, MACHINE]), min_size=3, max_size=3))
def test_the_first_given_source_decides(values: list[str | None]) -> None:
    address = resolve_server_address(*values)
    given_ = [(v, s) for v, s in zip(values, AddressSource, strict=True) if v]
    if not given_:
        assert address is None
    else:
        assert address is not None
        assert address.source is given_[0][1]
        assert address.url == given_[0][0].rstrip("/")


def test_a_bad_address_is_reported_with_its_source_not_skipped() -> None:
    with pytest.raises(ServerAddressError, match="command line") as caught:
        resolve_server_address("agentdesk.example.com", USER, MACHINE)
    assert "命令行" in str(caught.value)
    with pytest.raises(ServerAddressError, match="user settings"):
        resolve_server_address(None, "not a url", MACHINE)


def test_the_url_is_normalised() -> None:
    address = resolve_server_address("HTTPS://Desk.Example.COM:8443/", None, None)
    assert address is not None and address.url == "https://desk.example.com:8443"


def test_machine_file_parses() -> None:
    text = "# dropped by the installer\n[server]\nurl = https://desk.example.com/\n"
    assert parse_machine_config(text) == "https://desk.example.com"
    assert parse_machine_config("") is None
    assert parse_machine_config("[server]\nurl =\n") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("url = https://x.example.com\n", "malformed"),  # no section header
        ("[server]\nurl = https://a\nurl = https://b\n", "malformed"),  # duplicate key
        ("[server\nurl = https://a\n", "malformed"),
        ("[sever]\nurl = https://a.example.com\n", r"unknown entry \[sever\]"),
        ("[server]\nulr = https://a.example.com\n", r"unknown entry \[server\] ulr"),
        ("[DEFAULT]\nurl = https://a.example.com\n", "unknown entry"),
        ("[server]\nurl = a.example.com\n", "invalid server url"),
    ],
)
def test_malformed_machine_file_is_a_clear_error(text: str, expected: str) -> None:
    with pytest.raises(MachineConfigError, match=expected) as caught:
        parse_machine_config(text, "client.ini")
    assert "client.ini" in str(caught.value)
    assert "本机配置文件" in str(caught.value)


def test_reading_the_machine_file(tmp_path: Path) -> None:
    path = tmp_path / "client.ini"
    assert read_machine_config(path) is None  # no file: nothing configured
    path.write_text("[server]\nurl = https://desk.example.com\n", encoding="utf-8")
    assert read_machine_config(path) == "https://desk.example.com"
    # Notepad's BOM and PowerShell 5's UTF-16 are both read.
    path.write_bytes("\ufeff[server]\nurl = https://bom.example.com\n".encode())
    assert read_machine_config(path) == "https://bom.example.com"
    path.write_bytes("[server]\r\nurl = https://utf16.example.com\r\n".encode("utf-16"))
    assert read_machine_config(path) == "https://utf16.example.com"


def test_unreadable_machine_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "client.ini"
    path.write_bytes(b"[server]\nurl = https://\xff\xfe\xfa.example.com\n")
    with pytest.raises(MachineConfigError, match="not UTF-8") as caught:
        read_machine_config(path)
    assert str(path) in str(caught.value)
    folder = tmp_path / "a-folder.ini"
    folder.mkdir()
    with pytest.raises(MachineConfigError, match="cannot read"):
        read_machine_config(folder)


def test_machine_file_path_per_os() -> None:
    assert machine_config_path("linux", {}) == PurePosixPath("/etc/xdg/agentdesk/client.ini")
    assert machine_config_path("linux", {"XDG_CONFIG_DIRS": "/opt/cfg:/etc/xdg"}) == \
        PurePosixPath("/opt/cfg/agentdesk/client.ini")
    assert machine_config_path("win32", {"PROGRAMDATA": r"D:\ProgramData"}) == \
        PureWindowsPath(r"D:\ProgramData\AgentDesk\client.ini")
    assert machine_config_path("win32", {}) == \
        PureWindowsPath(r"C:\ProgramData\AgentDesk\client.ini")
    assert machine_config_path("darwin", {}) == \
        PurePosixPath("/Library/Application Support/AgentDesk/client.ini")
    assert machine_config_path("linux", {"AGENTDESK_CLIENT_CONFIG": "/tmp/x.ini"}) == \
        Path("/tmp/x.ini")
