"""Walk a script along every path an agent can take, with real `Walk` objects."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from agentdesk.domain.scripts import NEXT, BranchKind, Walk
from agentdesk.domain.scripts.model import DisclosureStep
from agentdesk.domain.vocabulary import Mood
from tests.domain.scripts.cases import tick


@dataclass(frozen=True)
class Move:
    """One thing the agent does: answer, open a branch or objection, or mark a mood."""

    kind: str  # "choose" | "branch" | "objection" | "mood"
    value: str

    def apply(self, walk: Walk, n: int) -> None:
        at = tick(n)
        if self.kind == "choose":
            if isinstance(walk.step, DisclosureStep):
                walk.confirm_disclosure(at)
            walk.choose(self.value, at)
        elif self.kind == "branch":
            walk.open_branch(BranchKind(self.value), at)
        elif self.kind == "objection":
            walk.raise_objection(self.value, at)
        else:
            walk.mark_mood(Mood(self.value), at)


def moves(walk: Walk, *, interrupts: bool) -> list[Move]:
    """Everything the agent can do now (interrupts only when asked for)."""
    found = [Move("choose", c.id) for c in walk.choices()]
    if interrupts:
        found += [Move("branch", k.value) for k in walk.available_branches()]
        found += [Move("objection", o.id) for o in walk.available_objections()]
        if walk.available_branches():
            found += [
                Move("mood", mood.value)
                for mood in (Mood.ANGRY, Mood.CRYING, Mood.THREATENING_COMPLAINT)
            ]
    return found


def all_paths(start: Walk, *, max_interrupts: int = 1) -> Iterator[tuple[list[Move], Walk]]:
    """Every path from `start` to a leaf, as (moves, finished-or-stuck walk).

    A path enters the same (step, open branches) state at most twice: a loop in a script
    ("still upset" → listen again) is gone round once and then left, and lint
    guarantees it has an exit. Interrupts (branches, objections, an upset mood) are
    tried at every step (the first time a path reaches it), at most `max_interrupts`
    times per path, so every branch is walked from every step; once a branch returns to
    the main flow, the path goes on by the first choice only (the other ways on are the
    uninterrupted paths, walked anyway).
    """

    def state(walk: Walk) -> tuple[object, ...]:
        return (walk.current, tuple(walk.stack), walk.third_party, walk.current_confirmed)

    def explore(
        walk: Walk, path: list[Move], seen: tuple[tuple[object, ...], ...], used: int
    ) -> Iterator[tuple[list[Move], Walk]]:
        if walk.finished:
            yield path, walk
            return
        # Interruptions are tried at a step the first time any path reaches it: what
        # follows them does not depend on how the step was reached.
        fresh = walk.current not in interrupted_at
        available = moves(walk, interrupts=used < max_interrupts and fresh)
        if used < max_interrupts and fresh:
            interrupted_at.add(walk.current)
        if used and not walk.stack and not walk.third_party and available:
            # Back in the main flow after an interruption: the ways on from here are the
            # ones the uninterrupted paths walk anyway, so one of them is enough.
            available = available[:1]
        for move in available:
            twin = walk.fork()
            move.apply(twin, len(path) + 1)
            cost = used + (move.kind != "choose")
            # Coming back to a step after an interrupt is a new state, not a loop.
            key = (*state(twin), cost)
            if seen.count(key) >= 2:
                continue  # gone round this loop already: its ways out were walked
            yield from explore(twin, [*path, move], (*seen, key), cost)
        if not available:
            yield path, walk  # stuck without an outcome: the test reports it

    interrupted_at: set[str | None] = set()
    yield from explore(start, [], ((*state(start), 0),), 0)


__all__ = ["NEXT", "Move", "all_paths", "moves"]
