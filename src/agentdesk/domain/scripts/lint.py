"""Lint: the checks a script must pass before an agent may follow it.

Each finding names its rule, the step, and the file and line where the author can fix it.
A script with any finding is rejected (`check_script`); nothing is only a warning,
because every rule here protects either the call (no dead ends, no loops) or the borrower
and third parties (no banned wording, no debt details to a third party).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from agentdesk.domain.conduct import ConductLexicon
from agentdesk.domain.scripts.conditions import Answerer
from agentdesk.domain.scripts.errors import Problem, ScriptError
from agentdesk.domain.scripts.graph import on_cycle, reachable, shape, successors
from agentdesk.domain.scripts.model import (
    RETURN,
    BranchKind,
    EndStep,
    OfferStep,
    QuestionStep,
    RouteStep,
    Script,
    Step,
    branch_of_target,
    step_targets,
    step_texts,
)
from agentdesk.domain.scripts.placeholders import (
    DATA_FIELDS,
    Placeholder,
    ValueKind,
    placeholder_names,
)
from agentdesk.domain.scripts.render import catalogue
from agentdesk.domain.scripts.wording import banned_wording


class LintRule(StrEnum):
    """What a lint finding is about."""

    UNKNOWN_STEP = "unknown_step"
    UNREACHABLE_STEP = "unreachable_step"
    DEAD_END = "dead_end"
    CYCLE_WITHOUT_EXIT = "cycle_without_exit"
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"
    MISSING_TRANSLATION = "missing_translation"
    BANNED_WORDING = "banned_wording"
    MISSING_BRANCH = "missing_branch"
    DEBT_DETAIL_TO_THIRD_PARTY = "debt_detail_to_third_party"
    RETURN_OUTSIDE_BRANCH = "return_outside_branch"


@dataclass(frozen=True)
class LintFinding:
    """One rule a script breaks, where, and why (in both languages)."""

    rule: LintRule
    step_id: str | None
    problem: Problem

    def __str__(self) -> str:
        return f"{self.problem.where}: [{self.rule.value}] {self.problem.reason_en}"


class ScriptLintError(ScriptError):
    """A script breaks lint rules and must not be used or published."""

    def __init__(self, script_id: str, findings: Sequence[LintFinding]) -> None:
        self.findings = tuple(findings)
        super().__init__(
            f"脚本“{script_id}”未通过检查：\n"
            + "\n".join(f"{f.problem.where}: {f.problem.reason_zh}" for f in self.findings),
            f"Script '{script_id}' fails its checks:\n"
            + "\n".join(f"{f.problem.where}: {f.problem.reason_en}" for f in self.findings),
        )


class _Findings:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.items: list[LintFinding] = []

    def add(
        self, rule: LintRule, step_id: str | None, path: tuple[str | int, ...], en: str, zh: str
    ) -> None:
        where = self.script.source.locate(path)
        source, line = where if where is not None else (self.script.id, None)
        self.items.append(LintFinding(rule, step_id, Problem(source, line, en, zh)))


def _check_targets(script: Script, out: _Findings) -> None:
    if script.start not in script.steps:
        out.add(
            LintRule.UNKNOWN_STEP,
            None,
            ("start",),
            f"start names step '{script.start}', which does not exist",
            f"start 指向不存在的步骤“{script.start}”",
        )
    for kind, step_id in script.branches.items():
        if step_id not in script.steps:
            out.add(
                LintRule.UNKNOWN_STEP,
                None,
                ("branches", kind.value),
                f"branch '{kind.value}' starts at step '{step_id}', which does not exist",
                f"分支“{kind.value}”指向不存在的步骤“{step_id}”",
            )
    for index, objection in enumerate(script.objections):
        if objection.next not in script.steps:
            out.add(
                LintRule.UNKNOWN_STEP,
                None,
                ("objections", index, "next"),
                f"objection '{objection.id}' leads to step '{objection.next}', "
                "which does not exist",
                f"异议处理“{objection.id}”指向不存在的步骤“{objection.next}”",
            )
    for step_id, step in script.steps.items():
        for target in step_targets(step):
            if target == RETURN:
                continue
            entered = branch_of_target(target)
            if target.startswith("@") and entered is None:
                out.add(
                    LintRule.UNKNOWN_STEP,
                    step_id,
                    ("steps", step_id),
                    f"step '{step_id}' leads to '{target}', which is not a known branch",
                    f"步骤“{step_id}”指向未知分支“{target}”",
                )
            elif entered is not None and entered not in script.branches:
                out.add(
                    LintRule.MISSING_BRANCH,
                    step_id,
                    ("steps", step_id),
                    f"step '{step_id}' enters branch '{entered.value}', which the script lacks",
                    f"步骤“{step_id}”进入分支“{entered.value}”，但脚本没有该分支",
                )
            elif entered is None and target not in script.steps:
                out.add(
                    LintRule.UNKNOWN_STEP,
                    step_id,
                    ("steps", step_id),
                    f"step '{step_id}' leads to step '{target}', which does not exist",
                    f"步骤“{step_id}”指向不存在的步骤“{target}”",
                )


def _check_branches(script: Script, out: _Findings) -> None:
    if script.audience is Answerer.THIRD_PARTY:
        return
    for kind in BranchKind:
        if kind not in script.branches:
            out.add(
                LintRule.MISSING_BRANCH,
                None,
                ("branches",),
                f"the always-available branch '{kind.value}' is missing",
                f"缺少必须随时可用的分支“{kind.value}”",
            )


def _open_end(step: Step) -> bool:
    """A step that can leave the walk with no way on and no outcome."""
    if isinstance(step, EndStep):
        return False
    if isinstance(step, RouteStep):
        return all(route.when is not None for route in step.routes)
    if isinstance(step, QuestionStep | OfferStep):
        return all(answer.when is not None for answer in step.answers)
    return not step_targets(step)


def _check_graph(script: Script, out: _Findings) -> None:
    found = shape(script)
    for step_id in script.steps:
        if step_id not in found.all_reachable:
            out.add(
                LintRule.UNREACHABLE_STEP,
                step_id,
                ("steps", step_id),
                f"step '{step_id}' can never be reached",
                f"步骤“{step_id}”永远无法到达",
            )
    reported_cycles: set[str] = set()
    for step_id in sorted(found.all_reachable):
        step = script.steps[step_id]
        if _open_end(step):
            out.add(
                LintRule.DEAD_END,
                step_id,
                ("steps", step_id),
                f"step '{step_id}' can leave the call with no next step and no outcome "
                "(add a next, an unconditional answer or route, or make it an end step)",
                f"步骤“{step_id}”可能既无下一步也无通话结果"
                "（请加 next、无条件选项，或改为结束步骤）",
            )
        elif (
            step_id not in found.can_finish
            and step_id not in reported_cycles
            and on_cycle(script.steps, script.branches, step_id)
        ):
            loop = _loop_of(script, step_id)
            reported_cycles |= loop
            out.add(
                LintRule.CYCLE_WITHOUT_EXIT,
                step_id,
                ("steps", step_id),
                f"steps {', '.join(sorted(loop))} go round in a loop with no way to an end",
                f"步骤 {', '.join(sorted(loop))} 构成无法结束的循环",
            )
    for step_id in found.main_flow:
        if RETURN in step_targets(script.steps[step_id]):
            out.add(
                LintRule.RETURN_OUTSIDE_BRANCH,
                step_id,
                ("steps", step_id),
                f"step '{step_id}' uses @return but can be reached without opening a branch",
                f"步骤“{step_id}”使用了 @return，但无需进入分支即可到达",
            )
    if script.audience is not Answerer.THIRD_PARTY:
        for step_id in found.third_party_flow:
            if any(t.startswith("@") for t in step_targets(script.steps[step_id])):
                out.add(
                    LintRule.RETURN_OUTSIDE_BRANCH,
                    step_id,
                    ("steps", step_id),
                    f"step '{step_id}' of a third-party or voicemail flow leads back out of it",
                    f"第三方或语音信箱流程中的步骤“{step_id}”不得跳出该流程",
                )


def _loop_of(script: Script, step_id: str) -> set[str]:
    steps, branches = script.steps, script.branches
    ahead = reachable(steps, branches, successors(steps[step_id], branches))
    return {s for s in ahead if step_id in reachable(steps, branches, [s])}


def _check_placeholders(script: Script, out: _Findings) -> None:
    for name, spec in script.placeholders.items():
        path = ("placeholders", name)
        if spec.field not in DATA_FIELDS:
            out.add(
                LintRule.UNKNOWN_PLACEHOLDER,
                None,
                path,
                f"placeholder '{name}' reads '{spec.field}', which is not case data "
                f"(known: {', '.join(DATA_FIELDS)})",
                f"占位符“{name}”读取的“{spec.field}”不是案件数据",
            )
            continue
        kind = DATA_FIELDS[spec.field].kind
        allowed = {"value", "number"} if kind is ValueKind.MONEY else {"value"}
        for language, template in spec.format.items():
            try:
                used = set(placeholder_names(template))
            except ValueError as exc:
                used = {str(exc)}
            if not used <= allowed:
                out.add(
                    LintRule.UNKNOWN_PLACEHOLDER,
                    None,
                    ("placeholders", name, "format"),
                    f"the {language.value} format of '{name}' may only use "
                    f"{', '.join('{' + a + '}' for a in sorted(allowed))}",
                    f"占位符“{name}”的 {language.value} 格式只能使用 "
                    f"{'、'.join('{' + a + '}' for a in sorted(allowed))}",
                )
    known = catalogue(script)
    third_party = shape(script).third_party_flow
    for step_id, step in script.steps.items():
        for text in step_texts(step):
            try:
                names = placeholder_names(text)
            except ValueError as exc:
                out.add(
                    LintRule.UNKNOWN_PLACEHOLDER,
                    step_id,
                    ("steps", step_id),
                    f"step '{step_id}': {exc} (write {{{{ and }}}} for literal braces)",
                    f"步骤“{step_id}”：占位符写法有误（字面花括号请写作 {{{{ 和 }}}}）",
                )
                continue
            for name in names:
                _check_one_placeholder(script, out, known, third_party, step_id, name)


def _check_one_placeholder(
    script: Script,
    out: _Findings,
    known: dict[str, Placeholder],
    third_party: set[str],
    step_id: str,
    name: str,
) -> None:
    path = ("steps", step_id)
    placeholder = known.get(name)
    if placeholder is None:
        out.add(
            LintRule.UNKNOWN_PLACEHOLDER,
            step_id,
            path,
            f"step '{step_id}' uses {{{name}}}, which is not a known placeholder",
            f"步骤“{step_id}”使用了未知占位符 {{{name}}}",
        )
        return
    if script.language not in placeholder.formats:
        out.add(
            LintRule.MISSING_TRANSLATION,
            step_id,
            path,
            f"placeholder {{{name}}} has no {script.language.value} format",
            f"占位符 {{{name}}} 缺少 {script.language.value} 的格式",
        )
    if placeholder.debt_detail and step_id in third_party:
        out.add(
            LintRule.DEBT_DETAIL_TO_THIRD_PARTY,
            step_id,
            path,
            f"step '{step_id}' can be heard by a third party (or left on voicemail) but uses "
            f"the debt detail {{{name}}}",
            f"步骤“{step_id}”可能被第三方听到（或留在语音信箱），却使用了债务信息 {{{name}}}",
        )


_WHAT_ZH = {"step": "步骤", "objection": "异议", "placeholder": "占位符"}


def _check_wording(script: Script, out: _Findings, lexicon: ConductLexicon | None) -> None:
    for hit in banned_wording(script, lexicon):
        out.add(
            LintRule.BANNED_WORDING,
            hit.name if hit.what == "step" else None,
            hit.path,
            f"{hit.what} '{hit.name}' contains banned wording: {hit.reason_en}",
            f"{_WHAT_ZH[hit.what]}“{hit.name}”含有禁用措辞：{hit.reason_zh}",
        )


def lint_script(script: Script, *, lexicon: ConductLexicon | None = None) -> list[LintFinding]:
    """Every lint finding for an (assembled) script; empty when it may be used.

    Wording is checked against `lexicon`, by default the shipped banned-conduct lists
    (COMPLIANCE.md CN-6).
    """
    out = _Findings(script)
    _check_targets(script, out)
    _check_branches(script, out)
    _check_graph(script, out)
    _check_placeholders(script, out)
    _check_wording(script, out, lexicon)
    return out.items


def check_script(script: Script, *, lexicon: ConductLexicon | None = None) -> Script:
    """`script` itself when it passes lint; otherwise ScriptLintError with every finding."""
    findings = lint_script(script, lexicon=lexicon)
    if findings:
        raise ScriptLintError(script.id, findings)
    return script
