"""Reading script files from a folder: the thin I/O edge around the pure loader."""

from __future__ import annotations

from pathlib import Path

from agentdesk.domain.conduct import ConductLexicon
from agentdesk.domain.scripts.assembly import assemble
from agentdesk.domain.scripts.lint import check_script
from agentdesk.domain.scripts.loader import is_branch_set, parse_branch_set, parse_script
from agentdesk.domain.scripts.model import BranchSet, Script
from agentdesk.domain.vocabulary import Language
from agentdesk.paths import resources_dir


def load_script_text(
    text: str,
    source: str,
    branch_sets: dict[Language, BranchSet] | None = None,
    *,
    lexicon: ConductLexicon | None = None,
) -> Script:
    """Parse, assemble (with the branch set of its language) and lint one script.

    Raises ScriptFormatError or ScriptLintError naming `source` and the line.
    """
    script = parse_script(text, source)
    branch_set = (branch_sets or {}).get(script.language)
    return check_script(assemble(script, branch_set), lexicon=lexicon)


def load_script_folder(folder: Path, *, lexicon: ConductLexicon | None = None) -> list[Script]:
    """Every script under `folder` (`*.yaml`, recursively), assembled with the branch sets
    found there and linted. Files are named relative to `folder` in errors."""
    texts = {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.yaml"))
    }
    branch_sets: dict[Language, BranchSet] = {}
    for name, text in texts.items():
        if is_branch_set(text):
            branch_set = parse_branch_set(text, name)
            branch_sets[branch_set.language] = branch_set
    return [
        load_script_text(text, name, branch_sets, lexicon=lexicon)
        for name, text in texts.items()
        if not is_branch_set(text)
    ]


def default_scripts_folder() -> Path:
    """The scripts shipped with AgentDesk."""
    return resources_dir() / "scripts"


def load_default_scripts() -> list[Script]:
    """The shipped scripts, checked."""
    return load_script_folder(default_scripts_folder())
