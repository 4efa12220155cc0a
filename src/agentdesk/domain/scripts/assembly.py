"""Merge shared always-available branches into a script, and pick the script for a case."""

from __future__ import annotations

from collections.abc import Iterable

from agentdesk.domain.scripts.conditions import Answerer, CaseFacts
from agentdesk.domain.scripts.errors import Problem, ScriptFormatError
from agentdesk.domain.scripts.graph import reachable
from agentdesk.domain.scripts.model import BranchKind, BranchSet, Script


def assemble(script: Script, branch_set: BranchSet | None) -> Script:
    """`script` with every branch it does not write itself taken from `branch_set`.

    Only the branch-set steps those branches reach are copied, so a script that writes its
    own hardship flow does not carry an unused one. The result records the branch set's
    version in `includes`, which pins a walk to it as much as to the script's own version.
    Third-party scripts need no branches and are returned unchanged.
    """
    if script.audience is Answerer.THIRD_PARTY or branch_set is None:
        return script
    if branch_set.language is not script.language:
        raise ScriptFormatError(
            [
                Problem(
                    script.id,
                    None,
                    f"branch set '{branch_set.id}' is in {branch_set.language.value}, "
                    f"the script in {script.language.value}",
                    f"共用分支“{branch_set.id}”的语言与脚本不同",
                )
            ]
        )
    missing = {k: v for k, v in branch_set.branches.items() if k not in script.branches}
    if not missing:
        return script
    borrowed = reachable(branch_set.steps, branch_set.branches, missing.values())
    clashes = sorted(borrowed & set(script.steps))
    if clashes:
        where = script.source.locate(("steps", clashes[0]))
        raise ScriptFormatError(
            [
                Problem(
                    where[0] if where else script.id,
                    where[1] if where else None,
                    f"step ids {', '.join(clashes)} are also used by branch set "
                    f"'{branch_set.id}'; rename them",
                    f"步骤 {', '.join(clashes)} 与共用分支“{branch_set.id}”重名，请改名",
                )
            ]
        )
    steps = dict(script.steps)
    steps.update({sid: branch_set.steps[sid] for sid in branch_set.steps if sid in borrowed})
    branches: dict[BranchKind, str] = {**script.branches, **missing}
    merged = script.model_copy(
        update={
            "steps": steps,
            "branches": branches,
            "includes": {**script.includes, branch_set.id: branch_set.version},
        }
    )
    merged.with_source(script.source.merged(branch_set.source, borrowed))
    return merged


def pick_script(facts: CaseFacts, scripts: Iterable[Script]) -> Script | None:
    """The script for a case: same language, audience matching who answered, conditions
    met; among those the highest priority, then the most specific conditions, then the
    highest version (and newest branch sets). None when no script applies (the agent
    works without a script).

    A borrower script also serves when a third party answers (its third-party branch
    takes over), but a dedicated third-party script is preferred.
    """
    candidates = []
    for script in scripts:
        if script.language is not facts.language or not script.applies_when.matches(facts):
            continue
        if script.audience is Answerer.THIRD_PARTY and facts.answered_by is Answerer.BORROWER:
            continue
        fits_audience = script.audience is facts.answered_by
        rank = (
            fits_audience,
            script.priority,
            script.applies_when.specificity,
            script.version,
            # A republished branch set makes a newer assembly of the same script version.
            tuple(sorted(script.includes.items())),
        )
        candidates.append((rank, script.id, script))
    if not candidates:
        return None
    candidates.sort(key=lambda item: (item[0], item[1]))
    return candidates[-1][2]
