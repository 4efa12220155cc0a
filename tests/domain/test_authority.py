"""Approval authority: the shipped policy, decisions per role, reasons, policy validation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from agentdesk.domain.authority import (
    AuthorityOutcome,
    AuthorityPolicy,
    Limit,
    decide,
    default_policy_path,
    parse_authority_policy,
    read_authority_policy,
)
from agentdesk.domain.errors import InvalidPolicy
from agentdesk.domain.restructure import Concessions
from agentdesk.domain.vocabulary import Language, Role

D = Decimal


def concessions(**change: Any) -> Concessions:
    values: dict[str, Any] = {
        "extension_months": 3,
        "total_term_months": 18,
        "waived_amount": D("50.00"),
        "waived_percent": D("5"),
        "rate_cut": D("0"),
        "present_value_loss": D("120.00"),
        "down_payment": D("500.00"),
        "down_payment_percent": D("20"),
    }
    values.update(change)
    return Concessions(**values)


@pytest.fixture(scope="module")
def policy() -> AuthorityPolicy:
    return read_authority_policy()


def policy_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(default_policy_path().read_text(encoding="utf-8"))
    return data


def test_shipped_policy_loads_with_the_legal_cap(policy: AuthorityPolicy) -> None:
    assert policy.legal_max_term_months == 60
    assert set(policy.limits) == set(Role)
    assert policy.limits[Role.ADMIN].max_total_term_months == 60
    assert policy.limits[Role.AGENT].max_waiver_percent == D("10")


def test_small_concessions_are_within_an_agents_authority(policy: AuthorityPolicy) -> None:
    verdict = decide(concessions(), Role.AGENT, policy)
    assert verdict.outcome is AuthorityOutcome.WITHIN_AUTHORITY
    assert verdict.required_role is Role.AGENT
    assert verdict.reasons(Language.EN) == []
    assert verdict.summary(Language.EN) == "within your authority"
    assert verdict.summary(Language.ZH_CN) == "在您的权限内"


def test_a_larger_waiver_needs_the_team_lead(policy: AuthorityPolicy) -> None:
    verdict = decide(concessions(waived_percent=D("25")), Role.AGENT, policy)
    assert verdict.outcome is AuthorityOutcome.NEEDS_LEAD
    assert verdict.required_role is Role.LEAD
    assert verdict.reasons(Language.EN) == [
        "needs team lead approval: waiver 25 % over your 10 %"
    ]
    assert verdict.reasons(Language.ZH_CN) == ["需组长审批：减免比例 25 % 超过您的上限 10 %"]


def test_the_lead_decides_what_the_agent_could_not(policy: AuthorityPolicy) -> None:
    verdict = decide(concessions(waived_percent=D("25")), Role.LEAD, policy)
    assert verdict.outcome is AuthorityOutcome.WITHIN_AUTHORITY


def test_too_low_a_down_payment_is_a_breach_of_a_minimum(policy: AuthorityPolicy) -> None:
    verdict = decide(concessions(down_payment_percent=D("7")), Role.AGENT, policy)
    assert verdict.outcome is AuthorityOutcome.NEEDS_LEAD
    assert verdict.reasons(Language.EN) == [
        "needs team lead approval: down payment 7 % under your minimum 10 %"
    ]
    assert "低于您的下限" in verdict.reasons(Language.ZH_CN)[0]


def test_beyond_the_lead_goes_to_the_administrator(policy: AuthorityPolicy) -> None:
    verdict = decide(
        concessions(total_term_months=48, extension_months=20, rate_cut=D("0.03")),
        Role.AGENT,
        policy,
    )
    assert verdict.outcome is AuthorityOutcome.NEEDS_ADMIN
    assert verdict.required_role is Role.ADMIN
    limits = [b.limit for b in verdict.breaches]
    assert limits == [Limit.MAX_EXTRA_MONTHS, Limit.MAX_TOTAL_TERM_MONTHS,
                      Limit.MAX_RATE_CUT_PERCENT]
    assert "rate cut 3 % over your 0 %" in verdict.summary(Language.EN)
    assert "extension 20 months over your 6 months" in verdict.summary(Language.EN)


def test_beyond_every_role_is_not_allowed(policy: AuthorityPolicy) -> None:
    verdict = decide(concessions(rate_cut=D("0.12")), Role.LEAD, policy)
    assert verdict.outcome is AuthorityOutcome.NOT_ALLOWED
    assert verdict.required_role is None
    assert verdict.reasons(Language.EN) == [
        "not allowed: rate cut 12 % over the administrator's 10 %"
    ]
    assert verdict.reasons(Language.ZH_CN) == ["不允许：降息幅度 12 % 超过管理员的上限 10 %"]


def test_an_administrator_past_their_own_limit_is_not_allowed(policy: AuthorityPolicy) -> None:
    verdict = decide(concessions(extension_months=40), Role.ADMIN, policy)
    assert verdict.outcome is AuthorityOutcome.NOT_ALLOWED
    assert verdict.reasons(Language.EN) == [
        "not allowed: extension 40 months over your 36 months"
    ]


def test_past_the_legal_maximum_term_nobody_may_agree(policy: AuthorityPolicy) -> None:
    verdict = decide(concessions(total_term_months=61), Role.ADMIN, policy)
    assert verdict.outcome is AuthorityOutcome.NOT_ALLOWED
    assert verdict.reasons(Language.EN) == [
        "not allowed: total term 61 months over the legal maximum of 60 months"
    ]
    assert "法定上限" in verdict.reasons(Language.ZH_CN)[0]


def test_exactly_at_a_limit_is_within_it(policy: AuthorityPolicy) -> None:
    verdict = decide(
        concessions(extension_months=6, total_term_months=24, waived_percent=D("10"),
                    down_payment_percent=D("10")),
        Role.AGENT,
        policy,
    )
    assert verdict.outcome is AuthorityOutcome.WITHIN_AUTHORITY


def test_json_documents_parse_too() -> None:
    import json

    policy = parse_authority_policy(json.dumps(policy_data()))
    assert policy.limits[Role.LEAD].max_rate_cut_percent == D("2")


def test_fractional_percent_from_yaml_keeps_its_decimal_value() -> None:
    data = policy_data()
    data["roles"]["agent"]["max_waiver_percent"] = 7.5
    policy = AuthorityPolicy.from_data(data)
    assert policy.limits[Role.AGENT].max_waiver_percent == D("7.5")


def test_read_policy_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "authority.yaml"
    data = policy_data()
    data["roles"]["agent"]["max_extra_months"] = 3
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert read_authority_policy(path).limits[Role.AGENT].max_extra_months == 3


# ------------------------------------------------------------------ bad policies


def broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = policy_data()
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "field", "code"),
    [
        (("roles", "agent", "max_waiver_percent"), 120, "roles.agent.max_waiver_percent",
         "out_of_range"),
        (("roles", "agent", "max_waiver_percent"), -1, "roles.agent.max_waiver_percent",
         "out_of_range"),
        (("roles", "agent", "max_extra_months"), 2.5, "roles.agent.max_extra_months",
         "wrong_type"),
        (("roles", "agent", "max_extra_months"), "many", "roles.agent.max_extra_months",
         "wrong_type"),
        (("roles", "agent", "max_extra_months"), True, "roles.agent.max_extra_months",
         "wrong_type"),
        (("roles", "admin", "max_total_term_months"), 72, "roles.admin.max_total_term_months",
         "out_of_range"),
        (("roles", "lead", "max_waiver_percent"), 5, "roles.lead.max_waiver_percent",
         "inconsistent"),
        (("roles", "lead", "min_down_payment_percent"), 50, "roles.lead.min_down_payment_percent",
         "inconsistent"),
        (("roles", "lead", "max_waiver"), 5, "roles.lead.max_waiver", "unknown"),
        (("roles", "lead", "max_waiver_percent"), _DELETE, "roles.lead.max_waiver_percent",
         "missing"),
        (("roles", "admin"), _DELETE, "roles.admin", "missing"),
        (("roles", "boss"), {}, "roles.boss", "unknown"),
        (("roles",), [1, 2], "roles", "missing"),
        (("legal_max_term_months",), 0, "legal_max_term_months", "out_of_range"),
        (("legal_max_term_months",), 61, "legal_max_term_months", "out_of_range"),
        (("extra",), 1, "extra", "unknown"),
    ],
)
def test_bad_policies_are_refused_naming_the_field(
    path: tuple[str, ...], value: Any, field: str, code: str
) -> None:
    with pytest.raises(InvalidPolicy) as caught:
        AuthorityPolicy.from_data(broken(path, value))
    assert caught.value.field == field
    assert caught.value.code == code
    assert caught.value.message(Language.ZH_CN)
    assert caught.value.message(Language.EN)


def test_stricter_higher_role_message_explains_why() -> None:
    with pytest.raises(InvalidPolicy) as caught:
        AuthorityPolicy.from_data(broken(("roles", "lead", "max_waiver_percent"), 5))
    assert "a higher role may never be stricter" in caught.value.message(Language.EN)
    assert "不比坐席更严" in caught.value.message(Language.ZH_CN)


def test_malformed_yaml_is_refused() -> None:
    with pytest.raises(InvalidPolicy) as caught:
        parse_authority_policy("roles: [unclosed")
    assert caught.value.code == "malformed"


def test_a_document_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(InvalidPolicy) as caught:
        parse_authority_policy("- 1\n- 2\n")
    assert caught.value.field == "document"
