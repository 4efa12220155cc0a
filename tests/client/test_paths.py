"""Where a user's local store lives: its file name is stable across versions."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from agentdesk.client.paths import store_key, store_path


def test_a_known_users_store_keeps_its_name() -> None:
    # The name earlier versions gave this user's store (so an upgrade finds it).
    assert store_key("https://AgentDesk.example.com:8443/", "WangFang") == \
        "agentdesk_example_com_8443_wangfang-bbd9efe120f9"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1,
               max_size=40).filter(lambda s: s.strip()))
def test_the_names_digest_is_sha256_of_server_and_user(username: str) -> None:
    server = "http://127.0.0.1:8000"
    user = username.strip().casefold()
    expected = hashlib.sha256(f"{server}\n{user}".encode()).hexdigest()[:12]
    assert store_key(server, username).endswith(f"-{expected}")
    assert store_path(server, username, data_dir=None).name.endswith(f"-{expected}.sqlite3")
