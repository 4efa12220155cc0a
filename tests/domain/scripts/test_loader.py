"""Broken script files are reported with the file name, the line and a readable reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentdesk.domain.scripts import (
    ScriptFormatError,
    ScriptLintError,
    load_script_folder,
    load_script_text,
    parse_script,
)
from agentdesk.domain.vocabulary import Language
from tests.domain.scripts.sample import sample, to_yaml

GOOD = to_yaml(sample())


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_bad_yaml_names_the_file_and_line() -> None:
    text = GOOD.replace("title: Sample call", "title: [Sample call")
    with pytest.raises(ScriptFormatError) as raised:
        parse_script(text, "scripts/bad.yaml")
    problem = raised.value.problems[0]
    assert problem.source == "scripts/bad.yaml"
    assert problem.line is not None and problem.line >= _line(text, "title:")
    assert "YAML" in problem.reason_en and "YAML" in problem.reason_zh
    assert "scripts/bad.yaml:" in str(raised.value)


def test_an_empty_file_is_reported() -> None:
    with pytest.raises(ScriptFormatError, match="empty"):
        parse_script("", "empty.yaml")


def test_a_wrong_field_is_reported_at_its_line_with_its_path() -> None:
    data = sample()
    data["steps"]["hardship"]["offers"][0]["extra_months"] = 99
    text = to_yaml(data)
    with pytest.raises(ScriptFormatError) as raised:
        parse_script(text, "s.yaml")
    problem = raised.value.problems[0]
    assert problem.line == _line(text, "extra_months: 99")
    assert "steps.hardship.offers[0].extra_months" in problem.reason_en
    assert "60" in problem.reason_en


def test_a_missing_field_points_at_its_step() -> None:
    data = sample()
    del data["steps"]["promise"]["outcome"]
    text = to_yaml(data)
    with pytest.raises(ScriptFormatError) as raised:
        parse_script(text, "s.yaml")
    problem = raised.value.problems[0]
    assert problem.line == _line(text, "  promise:")
    assert "steps.promise.outcome" in problem.reason_en


def test_an_unknown_step_kind_and_outcome_are_reported() -> None:
    data = sample()
    data["steps"]["notice"]["kind"] = "sing"
    data["steps"]["promise"]["outcome"] = "paid_in_gold"
    with pytest.raises(ScriptFormatError) as raised:
        parse_script(to_yaml(data), "s.yaml")
    reasons = " ".join(p.reason_en for p in raised.value.problems)
    assert "steps.notice" in reasons and "steps.promise.outcome" in reasons


def test_a_step_id_written_twice_is_reported_at_the_second() -> None:
    text = GOOD.replace(
        "  notice:\n", "  promise:\n    kind: end\n    outcome: promise\n  notice:\n", 1
    )
    with pytest.raises(ScriptFormatError) as raised:
        parse_script(text, "dup.yaml")
    problem = raised.value.problems[0]
    assert "twice" in problem.reason_en
    assert (
        problem.line
        == [n for n, line in enumerate(text.splitlines(), 1) if line == "  promise:"][1]
    )


def test_yes_and_no_stay_answer_ids() -> None:
    # YAML 1.1 would read `no` as False; a script author writes ids, not booleans.
    text = GOOD.replace("id: 'no'", "id: no")
    assert "id: no\n" in text
    script = parse_script(text, "s.yaml")
    assert script.steps["amount"].model_dump()["answers"][1]["id"] == "no"


def test_an_unknown_step_id_fails_loading_with_its_line() -> None:
    text = GOOD.replace("next: amount", "next: amuont")
    with pytest.raises(ScriptLintError) as raised:
        load_script_text(text, "typo.yaml")
    finding = raised.value.findings[0]
    assert finding.problem.where == f"typo.yaml:{_line(text, '  notice:')}"
    assert "amuont" in finding.problem.reason_en and "amuont" in finding.problem.reason_zh


def test_a_cycle_without_exit_fails_loading_with_its_line() -> None:
    data = sample()
    data["steps"]["amount"]["answers"] = [{"id": "again", "label": "Again", "next": "spin"}]
    data["steps"]["spin"] = {"kind": "say", "text": "Again.", "next": "amount"}
    del data["steps"]["promise"]
    text = to_yaml(data)
    with pytest.raises(ScriptLintError) as raised:
        load_script_text(text, "loop.yaml")
    where = {f.problem.where for f in raised.value.findings}
    assert f"loop.yaml:{_line(text, '  amount:')}" in where
    assert "loop" in str(raised.value)


def test_a_folder_with_a_branch_set_assembles_its_scripts(tmp_path: Path) -> None:
    data = sample()
    branch_set = {
        "format_version": 1,
        "kind": "branch_set",
        "id": "shared_en",
        "version": 3,
        "language": "en",
        "branches": {"complaint": "shared_complaint"},
        "steps": {
            "shared_complaint": {"kind": "end", "outcome": "complaint", "hold": "complaint"},
        },
    }
    del data["branches"]["complaint"]
    del data["steps"]["complaint"]
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "b.yaml").write_text(to_yaml(branch_set), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(to_yaml(data), encoding="utf-8")
    [script] = load_script_folder(tmp_path)
    assert script.key == "sample_en@1+shared_en@3"
    assert script.branches["complaint"] == "shared_complaint"  # type: ignore[index]
    assert script.language is Language.EN


def test_a_clash_between_script_and_branch_set_step_ids_is_reported(tmp_path: Path) -> None:
    data = sample()
    del data["branches"]["complaint"]
    data["steps"]["shared_complaint"] = data["steps"].pop("complaint")
    data["steps"]["amount"]["answers"][0]["next"] = "shared_complaint"
    branch_set = {
        "format_version": 1,
        "kind": "branch_set",
        "id": "shared_en",
        "version": 1,
        "language": "en",
        "branches": {"complaint": "shared_complaint"},
        "steps": {"shared_complaint": {"kind": "end", "outcome": "complaint"}},
    }
    (tmp_path / "b.yaml").write_text(to_yaml(branch_set), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(to_yaml(data), encoding="utf-8")
    with pytest.raises(ScriptFormatError, match="shared_complaint"):
        load_script_folder(tmp_path)


def test_spoken_text_longer_than_an_agent_can_read_is_refused() -> None:
    data = sample()
    data["steps"]["notice"]["text"] = "This call is recorded. " * 30
    with pytest.raises(ScriptFormatError) as raised:
        parse_script(to_yaml(data), "long.yaml")
    assert "steps.notice.text" in raised.value.problems[0].reason_en
    assert "450" in raised.value.problems[0].reason_en


def test_an_assembled_script_round_trips_through_its_document() -> None:
    from agentdesk.domain.scripts import load_default_scripts, script_document

    for script in load_default_scripts():
        again = load_script_text(script_document(script), f"{script.id} (published)")
        assert again.model_dump() == script.model_dump()  # (file positions differ)
        assert again.key == script.key


def test_reasons_are_sentences_in_both_languages() -> None:
    data = sample()
    data["bogus"] = 1
    del data["title"]
    data["steps"]["promise"]["outcome"] = "paid_in_gold"
    data["steps"]["notice"]["kind"] = "sing"
    data["id"] = "Bad Id"
    with pytest.raises(ScriptFormatError) as raised:
        parse_script(to_yaml(data), "s.yaml")
    reasons = {p.reason_en.split(":")[0]: (p.reason_en, p.reason_zh) for p in raised.value.problems}
    assert reasons["bogus"] == (
        "bogus: unknown field (check its spelling)",
        "bogus：不认识的字段（请检查拼写）",
    )
    assert reasons["title"][1] == "title：缺少必填字段"
    assert "只能是以下之一" in reasons["steps.promise.outcome"][1]
    assert "callback_requested" in reasons["steps.promise.outcome"][0]
    assert "sing" in reasons["steps.notice"][0] and "无效" in reasons["steps.notice"][1]
    assert "lowercase" in reasons["id"][0] and "小写字母" in reasons["id"][1]
