"""The contact policy as data: one profile per regime, every rule with its source.

A policy file is YAML. Each entry of `rules` has the id of a COMPLIANCE.md rule
(CN-1 …, US-1 …), a `check` saying which engine check carries it, its figures, its source
and how binding it is. Several entries may share an id when one rule needs two checks
(US-1: the hours and the borrower's inconvenient times). `overrides` names, per rule id,
the roles allowed to override a block. The file is validated on load; the first problem
is reported with its line and a readable reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import time
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from agentdesk.domain.compliance.yaml_source import load_model
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation, Hold, Language, Role

DEFAULT_PROFILE = "cn"
SHIPPED_PROFILES = ("cn", "us-regf")

_RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*-[A-Z0-9]+$")


class Binding(StrEnum):
    """How binding a rule's source is."""

    LAW = "law"
    REGULATION = "regulation"
    NATIONAL_STANDARD = "national_standard"
    SELF_REGULATORY = "self_regulatory"
    # The lender's own policy, where no outside source sets the rule (e.g. complaint holds).
    LENDER_POLICY = "lender_policy"


class Severity(StrEnum):
    """What a rule does when it applies: stop the contact, or let it go with a warning."""

    BLOCK = "block"
    WARN = "warn"


def _clock(value: Any) -> Any:
    # YAML 1.1 reads an unquoted 21:00 as the number 1260 (base 60); say how to fix it.
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError('write times as quoted "HH:MM" strings, e.g. "21:00"')
    if isinstance(value, str):
        match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value.strip())
        if match is None:
            raise ValueError(f'"{value}" is not a time of day in HH:MM form (00:00–23:59)')
        return time(int(match.group(1)), int(match.group(2)))
    return value


Clock = Annotated[time, BeforeValidator(_clock)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Strict):
    """A text in both languages."""

    zh_CN: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_(self, language: Language) -> str:
        """The text in `language`."""
        return self.zh_CN if language is Language.ZH_CN else self.en


class _Rule(_Strict):
    id: str
    title: Texts
    binding: Binding
    source: str = Field(min_length=1)
    enabled: bool = True
    severity: Severity = Severity.BLOCK
    doubt: str | None = None  # why a figure or reading is uncertain, recorded with the rule

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _RULE_ID.match(value):
            raise ValueError(f'rule id "{value}" must look like CN-1 or US-HOLD')
        return value


_ALL_CHANNELS = tuple(Channel)


class ContactWindowRule(_Rule):
    """Contact only between `start` and `end` (end excluded), borrower-local time."""

    check: Literal["contact_window"]
    channels: tuple[Channel, ...] = Field(min_length=1)
    start: Clock
    end: Clock
    consent_exempts: bool = True  # the borrower agreed to be contacted at another time

    @model_validator(mode="after")
    def _ordered(self) -> ContactWindowRule:
        if not self.start < self.end:
            raise ValueError(
                f"start {self.start:%H:%M} must be before end {self.end:%H:%M} "
                "(windows across midnight are not supported)"
            )
        return self


class InconvenientTimesRule(_Rule):
    """Honour the times and places the borrower said are inconvenient."""

    check: Literal["inconvenient_times"]
    channels: tuple[Channel, ...] = _ALL_CHANNELS


class DailyConnectedCallsRule(_Rule):
    """At most `limit` connected calls per borrower per local calendar day, all numbers."""

    check: Literal["daily_connected_calls"]
    limit: int = Field(ge=0)
    channels: tuple[Channel, ...] = (Channel.CALL,)
    relations: tuple[ContactRelation, ...] = (ContactRelation.BORROWER,)
    counts_results: tuple[CallResult, ...] = Field(min_length=1)


class DailyAttemptsPerNumberRule(_Rule):
    """At most `limit` dial attempts per number per local calendar day."""

    check: Literal["daily_attempts_per_number"]
    limit: int = Field(ge=0)
    channels: tuple[Channel, ...] = (Channel.CALL,)
    counts_results: tuple[CallResult, ...] | None = None  # None: every attempt counts


class RollingCallsRule(_Rule):
    """At most `limit` calls to the borrower within `days` consecutive local days."""

    check: Literal["rolling_calls"]
    limit: int = Field(ge=0)
    days: int = Field(ge=1, le=366)
    channels: tuple[Channel, ...] = (Channel.CALL,)
    excluded_results: tuple[CallResult, ...] = ()
    consent_days: int = Field(default=0, ge=0)  # 0: direct consent excludes nothing


class ConversationCooldownRule(_Rule):
    """No call within `days` local days after a conversation (its day is day 1)."""

    check: Literal["conversation_cooldown"]
    days: int = Field(ge=1, le=366)
    channels: tuple[Channel, ...] = (Channel.CALL,)
    conversation_channels: tuple[Channel, ...] = (Channel.CALL,)
    consent_days: int = Field(default=0, ge=0)


class ThirdPartyRule(_Rule):
    """Limits on contacting anyone but the borrower."""

    check: Literal["third_party"]
    requires_borrower_unavailable: bool
    stop_on_refusal: bool = True
    max_contacts_per_person: int | None = Field(default=None, ge=0)
    uncounted_results: tuple[CallResult, ...] = (
        CallResult.NO_ANSWER,
        CallResult.BUSY,
        CallResult.NOT_IN_SERVICE,
    )
    disclosure_warning: Texts | None = None  # what must never be said to a third party


class HoldsRule(_Rule):
    """A case with one of these holds is not contacted for collection."""

    check: Literal["holds"]
    holds: tuple[Hold, ...] = Field(min_length=1)
    third_party_allowed_for: tuple[Hold, ...] = ()


class OptOutRule(_Rule):
    """A channel the person opted out of is not used for them."""

    check: Literal["opt_out"]
    channels: tuple[Channel, ...] = _ALL_CHANNELS


class WorkplaceRule(_Rule):
    """No contact at a workplace whose employer prohibits it."""

    check: Literal["workplace"]
    channels: tuple[Channel, ...] = _ALL_CHANNELS


class ReminderRule(_Rule):
    """What must be done on a channel that software cannot check: said to the agent."""

    check: Literal["reminder"]
    channels: tuple[Channel, ...] = Field(min_length=1)
    text: Texts
    severity: Severity = Severity.WARN


class PlanTermRule(_Rule):
    """The longest personalised instalment plan (CN-8): read by the plan engine."""

    check: Literal["plan_term"]
    max_months: int = Field(ge=1, le=600)


class RetentionRule(_Rule):
    """How long records and recordings are kept."""

    check: Literal["retention"]
    years: int = Field(ge=1, le=100)
    note: str | None = None


class BannedConductRule(_Rule):
    """Notes, templates and scripts are linted against a word-list file."""

    check: Literal["banned_conduct"]
    word_list: str = Field(min_length=1)


AnyRule = Annotated[
    ContactWindowRule
    | InconvenientTimesRule
    | DailyConnectedCallsRule
    | DailyAttemptsPerNumberRule
    | RollingCallsRule
    | ConversationCooldownRule
    | ThirdPartyRule
    | HoldsRule
    | OptOutRule
    | WorkplaceRule
    | ReminderRule
    | PlanTermRule
    | RetentionRule
    | BannedConductRule,
    Field(discriminator="check"),
]


class Policy(_Strict):
    """A validated contact policy: one regime's rules, figures and override roles."""

    format: int = Field(ge=1, le=1)
    profile: str = Field(min_length=1)
    version: str = Field(min_length=1)
    name: Texts
    default_time_zone: str
    rules: tuple[AnyRule, ...] = Field(min_length=1)
    overrides: dict[str, tuple[Role, ...]] = Field(default_factory=dict)

    @field_validator("default_time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f'"{value}" is not an IANA time zone') from error
        return value

    # Field validators (not a model validator) so an error points at its section's line.
    @field_validator("rules")
    @classmethod
    def _one_check_per_rule(cls, rules: tuple[AnyRule, ...]) -> tuple[AnyRule, ...]:
        seen: set[tuple[str, str]] = set()
        for rule in rules:
            key = (rule.id, rule.check)
            if key in seen:
                raise ValueError(f"rule {rule.id} has the check {rule.check} twice")
            seen.add(key)
        return rules

    @field_validator("overrides")
    @classmethod
    def _overrides_name_known_rules(
        cls, overrides: dict[str, tuple[Role, ...]], info: ValidationInfo
    ) -> dict[str, tuple[Role, ...]]:
        rules = info.data.get("rules")
        if rules is None:
            return overrides  # the rules failed already; that error is reported
        ids = {rule.id for rule in rules}
        for rule_id in overrides:
            if rule_id not in ids:
                raise ValueError(f"overrides name rule {rule_id}, which the policy does not have")
        return overrides

    # ------------------------------------------------------------ reading the policy

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule id, in file order, once each."""
        return tuple(dict.fromkeys(rule.id for rule in self.rules))

    def enabled_rules(self) -> Iterator[AnyRule]:
        """The rules that are switched on."""
        return (rule for rule in self.rules if rule.enabled)

    def rules_with_id(self, rule_id: str) -> tuple[AnyRule, ...]:
        """The entries carrying `rule_id` (possibly several checks)."""
        return tuple(rule for rule in self.rules if rule.id == rule_id)

    def override_roles(self, rule_id: str) -> tuple[Role, ...]:
        """The roles the policy names as allowed to override `rule_id` (may be none)."""
        return self.overrides.get(rule_id, ())

    @property
    def max_plan_term_months(self) -> int | None:
        """The longest personalised plan the policy allows, or None when it sets none."""
        terms = [r.max_months for r in self.enabled_rules() if isinstance(r, PlanTermRule)]
        return min(terms) if terms else None

    @property
    def retention_years(self) -> int | None:
        """The longest retention any rule of the policy requires, in years, if any."""
        years = [r.years for r in self.enabled_rules() if isinstance(r, RetentionRule)]
        return max(years) if years else None


def load_policy(text: str, source: str = "policy.yaml") -> Policy:
    """Validate a policy file given as text.

    Raises `PolicyFileError` with the line and a readable reason when it is malformed.
    """
    return load_model(text, source, Policy)


@lru_cache(maxsize=len(SHIPPED_PROFILES))
def shipped_policy(profile: str = DEFAULT_PROFILE) -> Policy:
    """A policy shipped in `resources/policies/` (`cn` by default, or `us-regf`)."""
    if profile not in SHIPPED_PROFILES:
        raise ValueError(f"unknown policy profile {profile!r}; shipped: {SHIPPED_PROFILES}")
    from agentdesk.paths import resources_dir

    name = f"{profile}.yaml"
    path = resources_dir() / "policies" / name
    return load_policy(path.read_text(encoding="utf-8"), name)
