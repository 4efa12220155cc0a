"""Every lint rule, each with a script that breaks it (and the valid sample that does not)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agentdesk.domain.scripts import LintRule, ScriptLintError, check_script, lint_script
from tests.domain.scripts.sample import parse, sample, to_yaml


def test_the_sample_script_is_clean() -> None:
    assert lint_script(parse(sample())) == []


def _unreachable(d: dict[str, Any]) -> None:
    d["steps"]["orphan"] = {"kind": "end", "outcome": "refused"}


def _dead_end(d: dict[str, Any]) -> None:
    del d["steps"]["notice"]["next"]


def _conditional_dead_end(d: dict[str, Any]) -> None:
    for answer in d["steps"]["amount"]["answers"]:
        answer["when"] = {"mood": ["calm"]}


def _cycle(d: dict[str, Any]) -> None:
    d["steps"]["amount"]["answers"] = [{"id": "again", "label": "Again", "next": "loop_a"}]
    d["steps"]["loop_a"] = {"kind": "say", "text": "Let me ask again.", "next": "loop_b"}
    d["steps"]["loop_b"] = {"kind": "say", "text": "One more time.", "next": "amount"}
    del d["steps"]["promise"]


def _unknown_placeholder(d: dict[str, Any]) -> None:
    d["steps"]["notice"]["text"] = "Your credit score is {credit_score}."


def _unknown_data_field(d: dict[str, Any]) -> None:
    d["placeholders"] = {"score": {"field": "credit_score", "format": {"en": "{value}"}}}
    d["steps"]["notice"]["text"] = "Score {score}."


def _missing_translation(d: dict[str, Any]) -> None:
    d["placeholders"] = {
        "overdue_yuan": {"field": "amount_overdue", "format": {"zh_CN": "{number} 元"}}
    }
    d["steps"]["amount"]["text"] = "You owe {overdue_yuan}. Can you pay by Friday?"


def _unknown_step(d: dict[str, Any]) -> None:
    d["steps"]["notice"]["next"] = "amuont"


def _unknown_branch_target(d: dict[str, Any]) -> None:
    d["steps"]["notice"]["next"] = "@holiday"


def _missing_branch(d: dict[str, Any]) -> None:
    del d["branches"]["hardship"]
    d["steps"]["amount"]["answers"][1]["next"] = "callback"
    for step in ("hardship", "plan"):
        del d["steps"][step]


def _banned_wording(d: dict[str, Any]) -> None:
    d["steps"]["amount"]["text"] = "Pay by Friday or you will be arrested."


def _banned_wording_zh(d: dict[str, Any]) -> None:
    d["language"] = "zh_CN"
    d["steps"]["calm"]["text"] = "你这个老赖，赶紧还钱。"


def _debt_to_third_party(d: dict[str, Any]) -> None:
    d["steps"]["tp_message"]["text"] = "Please tell them {amount_overdue} is overdue."


def _return_in_main_flow(d: dict[str, Any]) -> None:
    d["steps"]["notice"]["next"] = "@return"


def _third_party_leaks_out(d: dict[str, Any]) -> None:
    d["steps"]["tp_message"]["next"] = "@hardship"


def _debt_on_voicemail(d: dict[str, Any]) -> None:
    d["steps"]["vm"]["text"] = "You are {days_overdue} late, please call {callback_number}."


CASES: list[tuple[str, Callable[[dict[str, Any]], None], LintRule, str | None]] = [
    ("unreachable", _unreachable, LintRule.UNREACHABLE_STEP, "orphan"),
    ("dead end", _dead_end, LintRule.DEAD_END, "notice"),
    ("all answers conditional", _conditional_dead_end, LintRule.DEAD_END, "amount"),
    ("cycle without exit", _cycle, LintRule.CYCLE_WITHOUT_EXIT, None),
    ("unknown placeholder", _unknown_placeholder, LintRule.UNKNOWN_PLACEHOLDER, "notice"),
    ("unknown data field", _unknown_data_field, LintRule.UNKNOWN_PLACEHOLDER, None),
    ("missing translation", _missing_translation, LintRule.MISSING_TRANSLATION, "amount"),
    ("unknown step", _unknown_step, LintRule.UNKNOWN_STEP, "notice"),
    ("unknown branch", _unknown_branch_target, LintRule.UNKNOWN_STEP, "notice"),
    ("missing branch", _missing_branch, LintRule.MISSING_BRANCH, None),
    ("banned wording", _banned_wording, LintRule.BANNED_WORDING, "amount"),
    ("banned wording zh", _banned_wording_zh, LintRule.BANNED_WORDING, "calm"),
    (
        "debt to third party",
        _debt_to_third_party,
        LintRule.DEBT_DETAIL_TO_THIRD_PARTY,
        "tp_message",
    ),
    ("return in main flow", _return_in_main_flow, LintRule.RETURN_OUTSIDE_BRANCH, "notice"),
    ("third party leaks", _third_party_leaks_out, LintRule.RETURN_OUTSIDE_BRANCH, "tp_message"),
    ("debt on voicemail", _debt_on_voicemail, LintRule.DEBT_DETAIL_TO_THIRD_PARTY, "vm"),
]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(needle))


@pytest.mark.parametrize(("name", "breaks", "rule", "step"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_catches_a_script_that_breaks_it(
    name: str, breaks: Callable[[dict[str, Any]], None], rule: LintRule, step: str | None
) -> None:
    data = sample()
    breaks(data)
    findings = lint_script(parse(data, "broken.yaml"))
    matching = [f for f in findings if f.rule is rule]
    assert matching, f"{rule} not found in {[str(f) for f in findings]}"
    finding = matching[0]
    assert finding.problem.source == "broken.yaml"
    assert finding.problem.line is not None
    assert finding.problem.reason_en and finding.problem.reason_zh
    if step is not None:
        assert finding.step_id == step
        # The line is the step's own line in the file, where the author will fix it.
        assert finding.problem.line == _line_of(to_yaml(data), f"{step}:")
    with pytest.raises(ScriptLintError) as raised:
        check_script(parse(data, "broken.yaml"))
    assert "broken.yaml:" in str(raised.value)
    assert "broken.yaml:" in raised.value.message_zh


def test_a_cycle_without_exit_names_every_step_of_the_loop() -> None:
    data = sample()
    _cycle(data)
    finding = next(f for f in lint_script(parse(data)) if f.rule is LintRule.CYCLE_WITHOUT_EXIT)
    for step in ("amount", "loop_a", "loop_b"):
        assert step in finding.problem.reason_en


def test_a_loop_with_an_exit_is_fine() -> None:
    data = sample()
    data["steps"]["amount"]["answers"].append({"id": "again", "label": "Again", "next": "hello"})
    assert lint_script(parse(data)) == []


def test_a_placeholder_format_may_only_use_its_value() -> None:
    data = sample()
    data["placeholders"] = {
        "late": {"field": "dpd", "format": {"en": "{value} days, {number}"}},
    }
    data["steps"]["amount"]["text"] = "You are {late} late. Can you pay by Friday?"
    rules = {f.rule for f in lint_script(parse(data))}
    assert LintRule.UNKNOWN_PLACEHOLDER in rules
