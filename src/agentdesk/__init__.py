"""AgentDesk: the collection agent's desktop and its central server."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `__version__` is read from the installed metadata on first use: importing
    # importlib.metadata (and the email parser it needs) costs ~50 ms, which the
    # desktop's start should not pay before its window shows.
    if name != "__version__":
        raise AttributeError(f"module 'agentdesk' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("agentdesk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found
