"""What the server prepares before it takes its first request."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from agentdesk.domain.conduct import shipped_lexicon
from agentdesk.server.app import create_app
from agentdesk.server.db import make_engine
from agentdesk.server.settings import Settings


def test_the_word_lists_are_read_and_indexed_at_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    engine = make_engine(url)
    shipped_lexicon.cache_clear()
    app = create_app(Settings(db_url=url), engine=engine)
    assert shipped_lexicon.cache_info().currsize == 0
    with TestClient(app):
        # Read, and the index the lint looks phrases up in built: the first pushed note
        # waits for neither.
        assert shipped_lexicon.cache_info().currsize == 1
        assert "_pattern_index" in vars(shipped_lexicon())
    engine.dispose()
