"""Banned wording in a script: every text checked against the banned-conduct lists.

A script holds hundreds of short texts; checking them one by one would run every listed
phrase over each (about a millisecond a text). They are checked as one document instead,
joined by a separator no phrase can match across, and each finding is traced back to
the text it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from agentdesk.domain.conduct import ConductFinding, ConductLexicon, find_banned_conduct
from agentdesk.domain.scripts.model import Script, step_texts

# A paragraph separator between blank lines: no listed phrase contains one.
_SEPARATOR = "\n\u2029\n"


@dataclass(frozen=True)
class WordingHit:
    """Banned phrases found in one part of a script."""

    what: str  # "step", "objection" or "placeholder"
    name: str  # its id
    path: tuple[str | int, ...]  # where it is written (for the line number)
    findings: tuple[ConductFinding, ...]

    @property
    def reason_en(self) -> str:
        """The phrases, their kind and their source, in English."""
        return "; ".join(f"“{f.phrase}” ({f.label_en}, {f.source})" for f in self.findings)

    @property
    def reason_zh(self) -> str:
        """The phrases, their kind and their source, in Chinese."""
        return "；".join(f"“{f.phrase}”（{f.label_zh}，{f.source}）" for f in self.findings)


def _parts(script: Script) -> Iterator[tuple[str, str, tuple[str | int, ...], str]]:
    for step_id, step in script.steps.items():
        for text in step_texts(step):
            yield "step", step_id, ("steps", step_id), text
    for index, objection in enumerate(script.objections):
        yield "objection", objection.id, ("objections", index), objection.label
    for name, spec in script.placeholders.items():
        for template in spec.format.values():
            yield "placeholder", name, ("placeholders", name), template


def banned_wording(script: Script, lexicon: ConductLexicon | None = None) -> list[WordingHit]:
    """Every part of `script` that contains banned wording, in the script's language."""
    parts = list(_parts(script))
    starts: list[int] = []
    offset = 0
    for *_where, text in parts:
        starts.append(offset)
        offset += len(text) + len(_SEPARATOR)
    document = _SEPARATOR.join(text for *_where, text in parts)
    by_part: dict[int, list[ConductFinding]] = {}
    for finding in find_banned_conduct(document, script.language, lexicon):
        index = bisect_right(starts, finding.start) - 1
        by_part.setdefault(index, []).append(finding)
    hits: dict[tuple[str, str], WordingHit] = {}
    for index, found in sorted(by_part.items()):
        what, name, path, _text = parts[index]
        earlier = hits.get((what, name))
        merged = (*earlier.findings, *found) if earlier else tuple(found)
        hits[(what, name)] = WordingHit(what, name, path, merged)
    return list(hits.values())
