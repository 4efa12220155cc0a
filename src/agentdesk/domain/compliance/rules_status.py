"""Rules about *whom* and *whether*: holds, opt-outs, workplaces, third parties.

None of these clear by waiting, so their findings carry no `clear_at`.
"""

from __future__ import annotations

from datetime import datetime

from agentdesk.domain.compliance.findings import Finding, Situation
from agentdesk.domain.compliance.policy import (
    HoldsRule,
    OptOutRule,
    ReminderRule,
    Severity,
    ThirdPartyRule,
    WorkplaceRule,
)
from agentdesk.domain.vocabulary import CallResult, Channel, Hold

_HOLD_NAMES = {
    Hold.COMPLAINT: ("投诉处理中", "an open complaint"),
    Hold.DISPUTE: ("债务争议未核实", "an unverified dispute"),
    Hold.CEASE_REQUEST: ("借款人要求停止联系", "a request to cease contact"),
    Hold.ATTORNEY: ("借款人已委托律师", "attorney representation"),
    Hold.DECEASED: ("借款人已故", "the borrower has died"),
    Hold.VULNERABLE: ("借款人属于需特别关照的客户", "a vulnerable customer"),
}

_CHANNEL_NAMES = {
    Channel.CALL: ("电话", "calls"),
    Channel.SMS: ("短信", "text messages"),
    Channel.EMAIL: ("电子邮件", "email"),
    Channel.IM: ("即时消息", "instant messages"),
    Channel.VISIT: ("上门", "visits"),
    Channel.LETTER: ("信函", "letters"),
}


def holds(rule: HoldsRule, situation: Situation, at: datetime) -> list[Finding]:
    """A case on one of the rule's holds is not contacted."""
    active = [h for h in rule.holds if h in situation.case.holds]
    if not situation.to_borrower:
        active = [h for h in active if h not in rule.third_party_allowed_for]
    if not active:
        return []
    zh = "、".join(_HOLD_NAMES[h][0] for h in active)
    en = ", ".join(_HOLD_NAMES[h][1] for h in active)
    return [
        Finding(
            rule.id,
            rule.check,
            rule.severity,
            f"案件暂停催收：{zh}",
            f"the case is on hold for {en}",
            None,
        )
    ]


def opt_out(rule: OptOutRule, situation: Situation, at: datetime) -> list[Finding]:
    """A channel this contact point opted out of is not used."""
    channel = situation.channel
    if channel not in rule.channels or channel not in situation.target.opted_out:
        return []
    zh, en = _CHANNEL_NAMES[channel]
    return [
        Finding(
            rule.id,
            rule.check,
            rule.severity,
            f"该联系方式已退订{zh}",
            f"this contact point opted out of {en}",
            None,
        )
    ]


def workplace(rule: WorkplaceRule, situation: Situation, at: datetime) -> list[Finding]:
    """No contact at a workplace that prohibits it."""
    if situation.channel not in rule.channels:
        return []
    if not situation.target.workplace_prohibits_contact:
        return []
    return [
        Finding(
            rule.id,
            rule.check,
            rule.severity,
            "借款人的工作单位禁止此类联系",
            "the borrower's employer prohibits such contact at work",
            None,
        )
    ]


def third_party(rule: ThirdPartyRule, situation: Situation, at: datetime) -> list[Finding]:
    """Third parties: only when the borrower cannot be reached, never after a refusal."""
    target = situation.target
    if not target.relation.is_third_party:
        return []
    case = situation.case
    findings: list[Finding] = []

    def block(zh: str, en: str) -> None:
        findings.append(Finding(rule.id, rule.check, rule.severity, zh, en, None))

    unavailable = (
        case.borrower_unreachable or case.borrower_incapacitated or Hold.DECEASED in case.holds
    )
    if rule.requires_borrower_unavailable and not unavailable:
        block(
            "只有在借款人失联、已故或无行为能力时才可联系第三方",
            "third parties may be contacted only when the borrower is unreachable, "
            "deceased or incapacitated",
        )
    own = [a for a in situation.history.attempts if a.contact_point_id == target.id]
    refused = target.asked_not_to_be_contacted or any(a.result is CallResult.REFUSED for a in own)
    if rule.stop_on_refusal and refused:
        block(
            "该第三方已拒绝或要求不再联系",
            "this third party refused or asked not to be contacted",
        )
    if rule.max_contacts_per_person is not None:
        made = [
            a
            for a in own
            if not a.inbound and (a.result is None or a.result not in rule.uncounted_results)
        ]
        this_counts = situation.attempt is None or (
            situation.attempt.result is None
            or situation.attempt.result not in rule.uncounted_results
        )
        if this_counts and len(made) >= rule.max_contacts_per_person:
            block(
                f"已联系该第三方 {len(made)} 次，上限 {rule.max_contacts_per_person} 次",
                f"this third party has been contacted {len(made)} time(s); "
                f"the limit is {rule.max_contacts_per_person}",
            )
    if rule.disclosure_warning is not None and not findings:
        findings.append(
            Finding(
                rule.id,
                rule.check,
                Severity.WARN,
                f"第三方联系：{rule.disclosure_warning.zh_CN}",
                f"third-party contact: {rule.disclosure_warning.en}",
                None,
            )
        )
    return findings


def reminder(rule: ReminderRule, situation: Situation, at: datetime) -> list[Finding]:
    """A duty on this channel the agent must carry out (CN-7 visits), as a warning."""
    if situation.channel not in rule.channels:
        return []
    return [Finding(rule.id, rule.check, rule.severity, rule.text.zh_CN, rule.text.en, None)]
