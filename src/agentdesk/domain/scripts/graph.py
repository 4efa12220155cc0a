"""The shape of a script as a graph: where each step leads, what is reachable, what ends.

Lint and assembly both need these walks over the steps; the walk engine itself follows
one edge at a time and does not use this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agentdesk.domain.scripts.conditions import Answerer
from agentdesk.domain.scripts.model import (
    RETURN,
    BranchKind,
    EndStep,
    Script,
    Step,
    branch_of_target,
    step_targets,
)


def resolve(target: str, branches: dict[BranchKind, str]) -> str | None:
    """The step id a target leads to; `@return` and unknown branches give None."""
    if target == RETURN:
        return None
    kind = branch_of_target(target)
    if kind is not None:
        return branches.get(kind)
    if target.startswith("@"):
        return None
    return target


def successors(step: Step, branches: dict[BranchKind, str]) -> list[str]:
    """The step ids a step can lead to directly (special targets resolved)."""
    found = []
    for target in step_targets(step):
        step_id = resolve(target, branches)
        if step_id is not None:
            found.append(step_id)
    return found


def reachable(
    steps: dict[str, Step], branches: dict[BranchKind, str], roots: Iterable[str]
) -> set[str]:
    """Every known step reachable from `roots` by following `next`s."""
    seen: set[str] = set()
    todo = [root for root in roots if root in steps]
    while todo:
        step_id = todo.pop()
        if step_id in seen:
            continue
        seen.add(step_id)
        todo.extend(s for s in successors(steps[step_id], branches) if s in steps)
    return seen


@dataclass(frozen=True)
class ScriptShape:
    """The parts of a script's graph lint reasons about."""

    main_flow: set[str]
    third_party_flow: set[str]  # what a third party or a voicemail may hear
    all_reachable: set[str]
    can_finish: set[str]


def entry_points(script: Script) -> list[str]:
    """Where a walk can enter: the start, every branch and every objection."""
    if script.audience is Answerer.THIRD_PARTY:
        return [script.start]
    return [script.start, *script.branches.values(), *(o.next for o in script.objections)]


def shape(script: Script) -> ScriptShape:
    """Reachability and the steps from which an ending can still be reached."""
    steps, branches = script.steps, script.branches
    main_flow = reachable(steps, branches, [script.start])
    if script.audience is Answerer.THIRD_PARTY:
        third_party = set(main_flow)
    else:
        entries = [branches[k] for k in BranchKind if k.hides_debt and k in branches]
        third_party = reachable(steps, branches, entries)
    everything = reachable(steps, branches, entry_points(script))

    # A step can finish if it is an ending or leads to one. `@return` goes back into the
    # flow that was interrupted, so it finishes when the main flow can.
    can_finish = {sid for sid, step in steps.items() if isinstance(step, EndStep)}
    changed = True
    while changed:
        changed = False
        start_finishes = script.start in can_finish
        for step_id, step in steps.items():
            if step_id in can_finish:
                continue
            targets = step_targets(step)
            if any(
                (t == RETURN and start_finishes) or (resolve(t, branches) in can_finish)
                for t in targets
            ):
                can_finish.add(step_id)
                changed = True
    return ScriptShape(main_flow, third_party, everything, can_finish)


def on_cycle(steps: dict[str, Step], branches: dict[BranchKind, str], step_id: str) -> bool:
    """Whether `step_id` can reach itself again."""
    start = [s for s in successors(steps[step_id], branches) if s in steps]
    return step_id in reachable(steps, branches, start)
