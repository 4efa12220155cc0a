"""What the call workspace tells the engines about a case, read from the local case file.

The compliance engine wants the case's facts, the contact point, and every attempt known
locally; the script engine wants its own facts (stage, DPD, reason, broken promises …)
and the data its text renders. All of it comes from one `CaseFile` snapshot; nothing
here decides anything — the engines do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from agentdesk.client.casefile import CaseFile, TimelineItem
from agentdesk.domain import compliance
from agentdesk.domain.compliance.preferences import StatedPreference, with_preferences
from agentdesk.domain.scripts import Answerer, CallData, RuleProfile
from agentdesk.domain.scripts import CaseFacts as ScriptFacts
from agentdesk.domain.vocabulary import (
    CallResult,
    Channel,
    ContactRelation,
    DelinquencyReason,
    Language,
    PromiseStatus,
)

# Policy profiles (compliance) → the rule profile scripts branch on.
_SCRIPT_PROFILE = {"cn": RuleProfile.CN, "us-regf": RuleProfile.US}


def _attempts(case_file: CaseFile) -> list[TimelineItem]:
    return [item for item in case_file.timeline if item.kind == "contact_attempt"]


def _relations(case_file: CaseFile) -> dict[str, ContactRelation]:
    return {cp.data.id: cp.data.relation for cp in case_file.contact_points}


def time_zones(case_file: CaseFile) -> tuple[str, ...]:
    """The borrower's IANA zone(s); empty when unknown (the engine then blocks)."""
    if case_file.borrower is None or not case_file.borrower.time_zone:
        return ()
    return (case_file.borrower.time_zone,)


def compliance_facts(case_file: CaseFile) -> compliance.CaseFacts:
    """The case as the contact rules see it."""
    return compliance.CaseFacts(
        case_id=case_file.case.id,
        time_zones=time_zones(case_file),
        holds=frozenset(case_file.case.holds),
    )


def contact_point(case_file: CaseFile, contact_point_id: str) -> compliance.ContactPoint:
    """The chosen number, with whose it is."""
    relation = _relations(case_file).get(contact_point_id, ContactRelation.BORROWER)
    return compliance.ContactPoint(id=contact_point_id, relation=relation)


def contact_history(case_file: CaseFile) -> compliance.ContactHistory:
    """Every attempt the local store knows of (synced and still pending), any agent."""
    relations = _relations(case_file)
    attempts = []
    for item in _attempts(case_file):
        data = item.data
        point = data.get("contact_point_id") or ""
        attempts.append(
            compliance.ContactAttempt(
                at=datetime.fromisoformat(data["started_at"]),
                channel=Channel(data["channel"]),
                contact_point_id=point,
                relation=relations.get(point, ContactRelation.BORROWER),
                result=CallResult(data["result"]) if data.get("result") else None,
                agent_id=data.get("user_id") or "",
                attempt_id=item.item_id,
            )
        )
    return compliance.ContactHistory(attempts=tuple(attempts))


def check_call(
    case_file: CaseFile,
    contact_point_id: str,
    now: datetime,
    policy: compliance.Policy,
    channel: Channel = Channel.CALL,
    preferences: Sequence[StatedPreference] = (),
) -> compliance.ContactDecision:
    """Ask the compliance engine whether this call may be made at `now`.

    `preferences` are the borrower's statements in force (opt-outs, a workplace that
    forbids contact, inconvenient times; `client.preference_rows.stated_for_borrower`).
    """
    points = {
        cp.data.id: contact_point(case_file, cp.data.id) for cp in case_file.contact_points
    }
    points.setdefault(contact_point_id, contact_point(case_file, contact_point_id))
    facts, points = with_preferences(compliance_facts(case_file), points, preferences)
    return compliance.check_contact(
        facts,
        channel,
        points[contact_point_id],
        now,
        contact_history(case_file),
        policy,
    )


def last_reason(case_file: CaseFile) -> DelinquencyReason | None:
    """The reason for delinquency recorded most recently (the timeline is newest first)."""
    for item in _attempts(case_file):
        reason = item.data.get("delinquency_reason")
        if reason:
            return DelinquencyReason(reason)
    return None


def broken_promises(case_file: CaseFile) -> int:
    """How many promises on the case were broken."""
    return sum(
        1
        for item in case_file.timeline
        if item.kind == "promise" and item.data.get("status") == PromiseStatus.BROKEN
    )


def script_facts(
    case_file: CaseFile, language: Language, policy_profile: str, third_party: bool = False
) -> ScriptFacts:
    """The facts the script engine picks a script and its branches with."""
    return ScriptFacts(
        stage=case_file.case.stage,
        dpd=case_file.case.dpd,
        language=language,
        reason=last_reason(case_file),
        broken_promises=broken_promises(case_file),
        holds=frozenset(case_file.case.holds),
        answered_by=Answerer.THIRD_PARTY if third_party else Answerer.BORROWER,
        profile=_SCRIPT_PROFILE.get(policy_profile, RuleProfile.CN),
        first_communication=not _attempts(case_file),
    )


def owed(case_file: CaseFile) -> Decimal:
    """What the borrower owes in all (outstanding, or at least what is overdue)."""
    return max(case_file.case.outstanding, case_file.case.amount_overdue)


def last_promise(case_file: CaseFile) -> tuple[Decimal | None, date | None]:
    """The amount and date of the newest promise on the case, if any."""
    for item in case_file.timeline:
        if item.kind == "promise":
            return Decimal(str(item.data["amount"])), date.fromisoformat(item.data["due_date"])
    return None, None


def call_data(
    case_file: CaseFile, agent_name: str, company: str, callback_number: str, today: datetime
) -> CallData:
    """The case data a script's text is rendered with."""
    upcoming = [
        i for i in case_file.instalments if i.paid < i.total and i.due_date >= today.date()
    ]
    overdue = [i for i in case_file.instalments if i.paid < i.total and i.due_date < today.date()]
    due = overdue[0].due_date if overdue else (upcoming[0].due_date if upcoming else None)
    instalment = upcoming[0].total if upcoming else (overdue[-1].total if overdue else None)
    loan = case_file.loan
    promise_amount, promise_date = last_promise(case_file)
    return CallData(
        borrower_name=(
            case_file.borrower.name if case_file.borrower else case_file.case.borrower_name
        ),
        agent_name=agent_name,
        company=company,
        callback_number=callback_number,
        amount_overdue=case_file.case.amount_overdue,
        outstanding_balance=owed(case_file),
        instalment=instalment,
        due_date=due,
        dpd=case_file.case.dpd,
        loan_reference=case_file.case.loan_number,
        product_name=loan.product if loan is not None else None,
        broken_promises=broken_promises(case_file),
        promise_amount=promise_amount,
        promise_date=promise_date,
        currency=case_file.case.currency,
    )


def utc(moment: datetime) -> datetime:
    """An aware time in UTC (what the store and the wire keep)."""
    return moment.astimezone(UTC)
