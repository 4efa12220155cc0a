"""AgentDesk: the collection agent's desktop and its central server."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("agentdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
