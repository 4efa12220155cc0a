"""Approval authority: who may agree to how much of a restructured plan.

The limits are data (a policy document an administrator edits, shipped as
`resources/policies/authority.yaml`), not code. Each role has:

- `max_extra_months`: how far the plan may end after the contract's end,
- `max_total_term_months`: how many instalments the new plan may have,
- `max_waiver_percent`: percent of penalty interest and fees that may be forgiven,
- `max_rate_cut_percent`: percentage points the annual rate may be lowered by,
- `min_down_payment_percent`: the least share of the amount due now (after waivers) paid
  on signing.

`decide` compares a plan's concessions with the asking user's limits: inside them the
plan is within authority; otherwise it needs the lowest role whose limits it fits (team
lead, then administrator); beyond the administrator's limits or the legal maximum term
(60 months for a personalised instalment plan) it is not allowed. Higher roles must be at
least as generous as lower ones, or the policy is refused.

The same document carries one figure that is not a per-role limit: the promise horizon
(`promise_horizon_days`, how far ahead a promise to pay may fall due; 30 days when the
document leaves it out). The desktop checks a promise against it as it is typed and
the server refuses a pushed promise beyond it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from itertools import pairwise
from pathlib import Path

import yaml

from agentdesk.domain.errors import AllowedRange, InvalidPolicy, Unit, format_value
from agentdesk.domain.promises import DEFAULT_HORIZON_DAYS
from agentdesk.domain.restructure import PLAN_TERM_CAP_MONTHS, Concessions
from agentdesk.domain.vocabulary import Language, Role

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)


class Limit(StrEnum):
    """The limits a role has, named as in the policy document."""

    MAX_EXTRA_MONTHS = "max_extra_months"
    MAX_TOTAL_TERM_MONTHS = "max_total_term_months"
    MAX_WAIVER_PERCENT = "max_waiver_percent"
    MAX_RATE_CUT_PERCENT = "max_rate_cut_percent"
    MIN_DOWN_PAYMENT_PERCENT = "min_down_payment_percent"

    @property
    def is_minimum(self) -> bool:
        """A floor (the plan must reach it) rather than a ceiling."""
        return self is Limit.MIN_DOWN_PAYMENT_PERCENT

    @property
    def unit(self) -> str:
        """How the limit's figures are shown."""
        return Unit.MONTHS if self.value.endswith("months") else Unit.PERCENT

    def measure(self, language: Language) -> str:
        """What the limit measures, for people."""
        return _MEASURES[self][language]


_MEASURES = {
    Limit.MAX_EXTRA_MONTHS: {Language.ZH_CN: "延长期数", Language.EN: "extension"},
    Limit.MAX_TOTAL_TERM_MONTHS: {Language.ZH_CN: "方案总期数", Language.EN: "total term"},
    Limit.MAX_WAIVER_PERCENT: {Language.ZH_CN: "减免比例", Language.EN: "waiver"},
    Limit.MAX_RATE_CUT_PERCENT: {Language.ZH_CN: "降息幅度", Language.EN: "rate cut"},
    Limit.MIN_DOWN_PAYMENT_PERCENT: {Language.ZH_CN: "首付比例", Language.EN: "down payment"},
}

_ROLE_NAMES = {
    Role.AGENT: {Language.ZH_CN: "坐席", Language.EN: "agent"},
    Role.LEAD: {Language.ZH_CN: "组长", Language.EN: "team lead"},
    Role.ADMIN: {Language.ZH_CN: "管理员", Language.EN: "administrator"},
}


@dataclass(frozen=True)
class AuthorityLimits:
    """One role's limits (percents in percent: Decimal("10") is 10 %)."""

    max_extra_months: int
    max_total_term_months: int
    max_waiver_percent: Decimal
    max_rate_cut_percent: Decimal
    min_down_payment_percent: Decimal

    def get(self, limit: Limit) -> Decimal | int:
        """The figure of one limit."""
        value: Decimal | int = getattr(self, limit.value)
        return value


@dataclass(frozen=True)
class AuthorityPolicy:
    """Limits per role plus the legal maximum term no role may exceed."""

    limits: Mapping[Role, AuthorityLimits]
    legal_max_term_months: int = PLAN_TERM_CAP_MONTHS
    promise_horizon_days: int = DEFAULT_HORIZON_DAYS
    """How many days ahead of today a promise to pay may fall due."""

    @classmethod
    def from_data(cls, data: object) -> AuthorityPolicy:
        """Validate plain data (a YAML/JSON document already parsed) into a policy."""
        return _policy_from_data(data)


class AuthorityOutcome(StrEnum):
    """Who may agree to a plan."""

    WITHIN_AUTHORITY = "within_authority"
    NEEDS_LEAD = "needs_lead"
    NEEDS_ADMIN = "needs_admin"
    NOT_ALLOWED = "not_allowed"


@dataclass(frozen=True)
class LimitBreach:
    """One concession beyond one role's limit (or beyond the law, `role` None)."""

    limit: Limit
    value: Decimal | int
    allowed: Decimal | int
    role: Role | None

    def describe(self, language: Language, own: bool) -> str:
        """E.g. "waiver 25 % over your 10 %" / "减免比例 25 % 超过您的上限 10 %"."""
        zh = language is Language.ZH_CN
        measure = self.limit.measure(language)
        value = format_value(self.value, self.limit.unit, language)
        allowed = format_value(self.allowed, self.limit.unit, language)
        if self.role is None:
            whose = "法定上限" if zh else "the legal maximum of"
        elif own:
            whose = ("您的下限" if self.limit.is_minimum else "您的上限") if zh else (
                "your minimum" if self.limit.is_minimum else "your"
            )
        else:
            name = _ROLE_NAMES[self.role][language]
            whose = (f"{name}的下限" if self.limit.is_minimum else f"{name}的上限") if zh else (
                f"the {name}'s minimum" if self.limit.is_minimum else f"the {name}'s"
            )
        if zh:
            verb = "低于" if self.limit.is_minimum else "超过"
            return f"{measure} {value} {verb}{whose} {allowed}"
        verb = "under" if self.limit.is_minimum else "over"
        return f"{measure} {value} {verb} {whose} {allowed}"


@dataclass(frozen=True)
class AuthorityVerdict:
    """The decision: the outcome, the role that must approve, and why."""

    outcome: AuthorityOutcome
    role: Role
    required_role: Role | None
    breaches: tuple[LimitBreach, ...]

    def reasons(self, language: Language) -> list[str]:
        """One sentence per limit passed, e.g. "needs team lead approval: waiver 25 % over
        your 10 %"."""
        prefix = _OUTCOME_PREFIX[self.outcome][language]
        separator = "：" if language is Language.ZH_CN else ": "
        return [
            prefix + separator + b.describe(language, own=b.role is self.role)
            for b in self.breaches
        ]

    def summary(self, language: Language) -> str:
        """The outcome in a few words, with the reasons."""
        if not self.breaches:
            return _OUTCOME_PREFIX[self.outcome][language]
        joiner = "；" if language is Language.ZH_CN else "; "
        return joiner.join(self.reasons(language))


_OUTCOME_PREFIX = {
    AuthorityOutcome.WITHIN_AUTHORITY: {
        Language.ZH_CN: "在您的权限内",
        Language.EN: "within your authority",
    },
    AuthorityOutcome.NEEDS_LEAD: {
        Language.ZH_CN: "需组长审批",
        Language.EN: "needs team lead approval",
    },
    AuthorityOutcome.NEEDS_ADMIN: {
        Language.ZH_CN: "需管理员审批",
        Language.EN: "needs administrator approval",
    },
    AuthorityOutcome.NOT_ALLOWED: {Language.ZH_CN: "不允许", Language.EN: "not allowed"},
}

_NEEDS = {Role.LEAD: AuthorityOutcome.NEEDS_LEAD, Role.ADMIN: AuthorityOutcome.NEEDS_ADMIN}
# Roles from the least to the most authority (sorted stably, as `sorted` did per call).
_BY_RANK = tuple(sorted(Role, key=lambda r: r.rank))


def measures(concessions: Concessions) -> dict[Limit, Decimal | int]:
    """The plan's figure for each limit (rate cut in percentage points)."""
    return {
        Limit.MAX_EXTRA_MONTHS: concessions.extension_months,
        Limit.MAX_TOTAL_TERM_MONTHS: concessions.total_term_months,
        Limit.MAX_WAIVER_PERCENT: concessions.waived_percent,
        Limit.MAX_RATE_CUT_PERCENT: concessions.rate_cut * _HUNDRED,
        Limit.MIN_DOWN_PAYMENT_PERCENT: concessions.down_payment_percent,
    }


# Each limit's attribute name and whether it is a floor, looked up once (enum properties
# cost more than the comparisons they feed, and a preview judges every role).
_LIMIT_CHECKS = {limit: (limit.value, limit.is_minimum) for limit in Limit}


def breaches(concessions: Concessions, role: Role, policy: AuthorityPolicy) -> list[LimitBreach]:
    """Every limit of `role` the concessions pass."""
    limits = policy.limits[role]
    found = []
    for limit, value in measures(concessions).items():
        name, is_minimum = _LIMIT_CHECKS[limit]
        allowed: Decimal | int = getattr(limits, name)
        passed = value < allowed if is_minimum else value > allowed
        if passed:
            found.append(LimitBreach(limit, value, allowed, role))
    return found


def decide(concessions: Concessions, role: Role, policy: AuthorityPolicy) -> AuthorityVerdict:
    """Whether `role` may agree to a plan with these concessions, and if not, who may."""
    if concessions.total_term_months > policy.legal_max_term_months:
        legal = LimitBreach(
            Limit.MAX_TOTAL_TERM_MONTHS,
            concessions.total_term_months,
            policy.legal_max_term_months,
            None,
        )
        return AuthorityVerdict(AuthorityOutcome.NOT_ALLOWED, role, None, (legal,))
    own = breaches(concessions, role, policy)
    if not own:
        return AuthorityVerdict(AuthorityOutcome.WITHIN_AUTHORITY, role, role, ())
    for higher in _BY_RANK:
        if higher.rank > role.rank and not breaches(concessions, higher, policy):
            return AuthorityVerdict(_NEEDS[higher], role, higher, tuple(own))
    top = _BY_RANK[-1]
    beyond = own if role is top else breaches(concessions, top, policy)
    return AuthorityVerdict(AuthorityOutcome.NOT_ALLOWED, role, None, tuple(beyond))


# ------------------------------------------------------------------ loading the policy


def parse_authority_policy(text: str) -> AuthorityPolicy:
    """Parse a policy document (YAML, or JSON which YAML reads too) and validate it."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidPolicy("malformed", "document", str(exc).splitlines()[0], "YAML") from exc
    return AuthorityPolicy.from_data(data)


def default_policy_path() -> Path:
    """Where the shipped policy lives (resources/policies/authority.yaml)."""
    from agentdesk.paths import resources_dir  # the one place this module touches files

    return resources_dir() / "policies" / "authority.yaml"


def read_authority_policy(path: Path | None = None) -> AuthorityPolicy:
    """Read and validate a policy file (the shipped one by default)."""
    source = path if path is not None else default_policy_path()
    return parse_authority_policy(source.read_text(encoding="utf-8"))


_ALLOWED_TOP = {"legal_max_term_months", "promise_horizon_days", "roles"}
MAX_PROMISE_HORIZON_DAYS = 366


def _policy_from_data(data: object) -> AuthorityPolicy:
    if not isinstance(data, Mapping):
        raise InvalidPolicy("wrong_type", "document", type(data).__name__, "a mapping")
    unknown = sorted(str(k) for k in data if k not in _ALLOWED_TOP)
    if unknown:
        raise InvalidPolicy("unknown", unknown[0], unknown[0], ", ".join(sorted(_ALLOWED_TOP)))
    legal = data.get("legal_max_term_months", PLAN_TERM_CAP_MONTHS)
    legal_months = int(_number(legal, "legal_max_term_months", _ZERO, PLAN_TERM_CAP_MONTHS, True))
    if legal_months < 1:
        raise InvalidPolicy(
            "out_of_range",
            "legal_max_term_months",
            legal,
            AllowedRange(1, PLAN_TERM_CAP_MONTHS, unit=Unit.MONTHS),
        )
    horizon = data.get("promise_horizon_days", DEFAULT_HORIZON_DAYS)
    horizon_range = AllowedRange(1, MAX_PROMISE_HORIZON_DAYS, unit=Unit.DAYS)
    if isinstance(horizon, bool) or not isinstance(horizon, int):
        raise InvalidPolicy("wrong_type", "promise_horizon_days", horizon, horizon_range)
    if not horizon_range.contains(horizon):
        raise InvalidPolicy("out_of_range", "promise_horizon_days", horizon, horizon_range)
    roles = data.get("roles")
    if not isinstance(roles, Mapping):
        raise InvalidPolicy("missing", "roles", roles, "a mapping of agent, lead and admin")
    known = {r.value for r in Role}
    for key in roles:
        if key not in known:
            raise InvalidPolicy("unknown", f"roles.{key}", key, ", ".join(sorted(known)))
    limits = {}
    for role in Role:
        if role.value not in roles:
            raise InvalidPolicy("missing", f"roles.{role.value}", None, "the role's limits")
        limits[role] = _limits(roles[role.value], f"roles.{role.value}", legal_months)
    _check_generosity(limits)
    return AuthorityPolicy(
        limits=limits, legal_max_term_months=legal_months, promise_horizon_days=horizon
    )


def _limits(data: object, where: str, legal_months: int) -> AuthorityLimits:
    if not isinstance(data, Mapping):
        raise InvalidPolicy("wrong_type", where, data, "a mapping of limits")
    names = {limit.value for limit in Limit}
    for key in data:
        if key not in names:
            raise InvalidPolicy("unknown", f"{where}.{key}", key, ", ".join(sorted(names)))
    for name in sorted(names):
        if name not in data:
            raise InvalidPolicy("missing", f"{where}.{name}", None, "a number")
    return AuthorityLimits(
        max_extra_months=int(
            _number(data["max_extra_months"], f"{where}.max_extra_months", _ZERO, legal_months,
                    True)
        ),
        max_total_term_months=int(
            _number(data["max_total_term_months"], f"{where}.max_total_term_months",
                    Decimal(1), legal_months, True)
        ),
        max_waiver_percent=_number(
            data["max_waiver_percent"], f"{where}.max_waiver_percent", _ZERO, 100, False
        ),
        max_rate_cut_percent=_number(
            data["max_rate_cut_percent"], f"{where}.max_rate_cut_percent", _ZERO, 100, False
        ),
        min_down_payment_percent=_number(
            data["min_down_payment_percent"], f"{where}.min_down_payment_percent", _ZERO, 100,
            False
        ),
    )


def _number(value: object, where: str, low: Decimal, high: int, whole: bool) -> Decimal:
    unit = Unit.MONTHS if where.endswith("months") else Unit.PERCENT
    allowed = AllowedRange(low, Decimal(high), unit=unit)
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InvalidPolicy("wrong_type", where, value, allowed)
    try:
        # str() first: YAML gives floats, and Decimal(0.1) would carry binary noise.
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise InvalidPolicy("wrong_type", where, value, allowed) from exc
    if not number.is_finite() or not low <= number <= high:
        raise InvalidPolicy("out_of_range", where, value, allowed)
    if whole and number != number.to_integral_value():
        raise InvalidPolicy("wrong_type", where, value, allowed)
    return number


def _check_generosity(limits: Mapping[Role, AuthorityLimits]) -> None:
    ordered = sorted(limits, key=lambda r: r.rank)
    for lower, higher in pairwise(ordered):
        for limit in Limit:
            low, high = limits[lower].get(limit), limits[higher].get(limit)
            stricter = high > low if limit.is_minimum else high < low
            if stricter:
                word = "at most" if limit.is_minimum else "at least"
                raise InvalidPolicy(
                    "inconsistent",
                    f"roles.{higher.value}.{limit.value}",
                    high,
                    {
                        Language.ZH_CN: f"不比{_ROLE_NAMES[lower][Language.ZH_CN]}更严（"
                        f"{'≤' if limit.is_minimum else '≥'} {low}）",
                        Language.EN: f"{word} the {lower.value}'s {low}: a higher role may "
                        "never be stricter",
                    },
                )
