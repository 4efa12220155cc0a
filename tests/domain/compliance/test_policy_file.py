"""The policy files: what the shipped profiles hold, and how a broken file is reported."""

from __future__ import annotations

from datetime import time
from typing import TypeVar

import pytest

from agentdesk.domain.compliance import (
    DEFAULT_PROFILE,
    Binding,
    Policy,
    PolicyFileError,
    load_policy,
    shipped_policy,
)
from agentdesk.domain.compliance.policy import (
    ContactWindowRule,
    ConversationCooldownRule,
    DailyAttemptsPerNumberRule,
    DailyConnectedCallsRule,
    HoldsRule,
    InconvenientTimesRule,
    OptOutRule,
    RollingCallsRule,
    ThirdPartyRule,
    WorkplaceRule,
)
from agentdesk.domain.vocabulary import CallResult, Channel, Hold, Language
from agentdesk.paths import resources_dir

from .helpers import CN, US

RuleT = TypeVar("RuleT")


def _only(policy: Policy, kind: type[RuleT], rule_id: str | None = None) -> RuleT:
    found = [
        r for r in policy.rules if isinstance(r, kind) and (rule_id is None or r.id == rule_id)
    ]
    assert len(found) == 1, (kind, rule_id)
    return found[0]


def test_default_profile_is_cn() -> None:
    assert DEFAULT_PROFILE == "cn"
    assert shipped_policy().profile == "cn"
    assert CN.default_time_zone == "Asia/Shanghai"
    assert US.default_time_zone == "America/New_York"


def test_cn_profile_figures() -> None:
    window = _only(CN, ContactWindowRule)
    assert (window.id, window.start, window.end) == ("CN-1", time(8), time(22))
    assert set(window.channels) == {Channel.CALL, Channel.SMS, Channel.IM, Channel.VISIT}
    assert window.binding is Binding.NATIONAL_STANDARD
    connected = _only(CN, DailyConnectedCallsRule)
    assert (connected.id, connected.limit) == ("CN-2", 3)
    assert CallResult.BUSY not in connected.counts_results
    dials = _only(CN, DailyAttemptsPerNumberRule)
    assert (dials.id, dials.limit, dials.binding) == ("CN-3", 6, Binding.SELF_REGULATORY)
    third = _only(CN, ThirdPartyRule)
    assert third.id == "CN-4" and third.requires_borrower_unavailable and third.stop_on_refusal
    holds = _only(CN, HoldsRule)
    assert set(holds.holds) == set(Hold)
    assert _only(CN, OptOutRule).id == "CN-OPTOUT"
    assert _only(CN, InconvenientTimesRule).id == "CN-1"
    assert CN.max_plan_term_months == 60
    assert CN.retention_years == 5


def test_cn9_is_present_but_off_with_the_doubt_recorded() -> None:
    cn9 = _only(CN, ConversationCooldownRule, "CN-9")
    assert not cn9.enabled
    assert cn9.days == 7
    assert cn9.doubt and "unclear" in cn9.doubt


def test_us_profile_figures() -> None:
    window = _only(US, ContactWindowRule)
    assert (window.id, window.start, window.end) == ("US-1", time(8), time(21))
    assert {Channel.CALL, Channel.SMS, Channel.EMAIL} <= set(window.channels)
    seven = _only(US, RollingCallsRule)
    assert (seven.id, seven.limit, seven.days, seven.consent_days) == ("US-2", 7, 7, 7)
    assert set(seven.excluded_results) == {CallResult.BUSY, CallResult.NOT_IN_SERVICE}
    cool = _only(US, ConversationCooldownRule)
    assert (cool.id, cool.days, cool.enabled) == ("US-2", 7, True)
    third = _only(US, ThirdPartyRule)
    assert (third.id, third.max_contacts_per_person) == ("US-8", 1)
    held = {h for r in US.rules if isinstance(r, HoldsRule) for h in r.holds}
    assert held == set(Hold)
    assert _only(US, OptOutRule).id == "US-7"
    assert _only(US, WorkplaceRule).id == "US-6"
    assert _only(US, InconvenientTimesRule).id == "US-1"
    assert US.max_plan_term_months is None
    assert US.retention_years == 3


@pytest.mark.parametrize("policy", [CN, US])
def test_every_rule_has_source_binding_and_title(policy) -> None:  # type: ignore[no-untyped-def]
    for rule in policy.rules:
        assert rule.source.strip()
        assert isinstance(rule.binding, Binding)
        assert rule.title.in_(Language.ZH_CN) and rule.title.in_(Language.EN)


@pytest.mark.parametrize("policy", [CN, US])
def test_the_word_list_a_policy_names_is_shipped(policy) -> None:  # type: ignore[no-untyped-def]
    names = [r.word_list for r in policy.rules if r.check == "banned_conduct"]
    assert names and all((resources_dir() / "policies" / n).is_file() for n in names)


def test_unknown_profile() -> None:
    with pytest.raises(ValueError, match="us-regf"):
        shipped_policy("fr")


GOOD = """\
format: 1
profile: test
version: "1"
name: {zh_CN: 测试, en: Test}
default_time_zone: Asia/Shanghai
rules:
  - id: T-1
    check: contact_window
    title: {zh_CN: 时段, en: Hours}
    binding: regulation
    source: test
    channels: [call]
    start: "08:00"
    end: "22:00"
  - id: T-2
    check: daily_connected_calls
    title: {zh_CN: 上限, en: Cap}
    binding: self_regulatory
    source: test
    limit: 3
    counts_results: [right_party_contact]
overrides:
  T-1: [lead]
"""


def test_good_file_loads() -> None:
    policy = load_policy(GOOD)
    assert policy.rule_ids == ("T-1", "T-2")
    assert policy.override_roles("T-1") == ("lead",)


def _error(text: str) -> PolicyFileError:
    with pytest.raises(PolicyFileError) as caught:
        load_policy(text, "team.yaml")
    return caught.value


@pytest.mark.parametrize(
    ("change", "line", "field", "reason"),
    [
        # Not YAML at all: an unclosed flow sequence.
        (("channels: [call]", "channels: [call"), 13, "", "not valid YAML"),
        # An unknown field in a rule.
        (("    limit: 3\n", "    limit: 3\n    limt: 4\n"), 21, "rules.1.limt", "unknown field"),
        # A wrong type.
        (("limit: 3", "limit: three"), 20, "rules.1.limit", "integer"),
        (("limit: 3", "limit: -1"), 20, "rules.1.limit", "greater than or equal"),
        # A time YAML reads as a number.
        (('end: "22:00"', "end: 22:00"), 14, "rules.0.end", 'quoted "HH:MM"'),
        (('end: "22:00"', 'end: "24:00"'), 14, "rules.0.end", "not a time of day"),
        # An unknown check, an unknown channel, an unknown binding.
        (
            ("check: daily_connected_calls", "check: daily_calls"),
            16,
            "rules.1.check",
            "daily_calls",
        ),
        (("channels: [call]", "channels: [fax]"), 12, "rules.0.channels.0", "Input should be"),
        (("binding: regulation", "binding: advice"), 10, "rules.0.binding", "Input should be"),
        # A missing required field.
        (('    start: "08:00"\n', ""), 7, "rules.0.start", "required field is missing"),
        # Window the wrong way round.
        (('start: "08:00"', 'start: "23:00"'), 7, "rules.0", "before end"),
        # Duplicate keys are not silently resolved.
        (("    limit: 3\n", "    limit: 3\n    limit: 4\n"), 21, "rules.1.limit", "twice"),
        # Overrides must name rules of the file, with known roles.
        (("  T-1: [lead]", "  T-9: [lead]"), 22, "overrides", "T-9"),
        (("  T-1: [lead]", "  T-1: [boss]"), 23, "overrides.T-1.0", "Input should be"),
        # A bad zone, a bad rule id.
        (
            ("default_time_zone: Asia/Shanghai", "default_time_zone: Asia/Atlantis"),
            5,
            "default_time_zone",
            "IANA",
        ),
        (("  - id: T-2", "  - id: t2"), 15, "rules.1.id", "must look like"),
    ],
)
def test_broken_file_reports_line_field_and_reason(
    change: tuple[str, str], line: int, field: str, reason: str
) -> None:
    old, new = change
    assert old in GOOD
    error = _error(GOOD.replace(old, new, 1))
    assert error.line == line, str(error)
    assert error.field == field, str(error)
    assert reason in error.reason_en, error.reason_en
    assert f"team.yaml, line {line}" in error.message(Language.EN)
    assert f"第 {line} 行" in error.message(Language.ZH_CN)


def test_empty_and_non_mapping_files() -> None:
    assert _error("").line == 1
    assert "mapping" in _error("- just\n- a list\n").reason_en


def test_file_errors_are_domain_errors_with_both_sentences() -> None:
    from agentdesk.domain.errors import DomainError

    error = _error(GOOD.replace("name: {zh_CN: 测试, en: Test}", "name: {zh_CN: 测试, en: {x}}"))
    assert isinstance(error, DomainError)
    assert error.field == "name.en"
    assert error.as_dict()["message_en"] == error.message(Language.EN)
    assert error.message(Language.EN).startswith("team.yaml, line 4")


def test_cn_plan_term_agrees_with_the_plan_engine_cap() -> None:
    # The plan engine enforces its own legal cap; the policy states the rule (CN-8).
    # If either changes alone, this fails and the two are brought back in line.
    from agentdesk.domain.restructure import PLAN_TERM_CAP_MONTHS

    assert CN.max_plan_term_months == PLAN_TERM_CAP_MONTHS
