"""The answer of `POST /plans/preview`, written as JSON straight from the engine's results.

A preview is asked on every slider move of the plan dialog and by anyone checking plans,
so its answer is built without the wire models: validating ~30 pydantic objects only to
serialise them again was a third of the endpoint's CPU. The bytes are exactly those of
`PreviewResponse.model_dump_json()` for the same figures (a test compares the two on
many plans): the same keys in the same order, Decimals as their `str` (exponent kept),
dates in ISO form, texts escaped by orjson as pydantic escapes them.

Proposals keep the wire models (`plans.compute`): they store and return the figures as
a `PreviewResponse`.
"""

from __future__ import annotations

from decimal import Decimal

import orjson

from agentdesk.domain.affordability import Affordability, assess_schedule
from agentdesk.domain.authority import AuthorityPolicy, AuthorityVerdict, decide
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.restructure import RestructuredPlan, restructure
from agentdesk.domain.schedule import LoanTerms
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.protocol.plans import PlanOptions
from agentdesk.server.plans import domain_options


def preview_json(
    terms: LoanTerms,
    position: LoanPosition,
    options: PlanOptions,
    role: Role,
    policy: AuthorityPolicy,
    income: tuple[Decimal, Decimal] | None,
) -> bytes:
    """Run the engine (plan, verdict, affordability) and write the preview's answer."""
    plan = restructure(position, terms, domain_options(options))
    verdict = decide(plan.concessions, role, policy)
    afford = None if income is None else assess_schedule(income[0], income[1], plan.schedule)
    return answer_json(terms, position, plan, verdict, afford)


def answer_json(
    terms: LoanTerms,
    position: LoanPosition,
    plan: RestructuredPlan,
    verdict: AuthorityVerdict,
    afford: Affordability | None,
) -> bytes:
    """The `PreviewResponse` JSON of figures the engine computed."""
    p, c, k = position, plan.comparison, plan.concessions
    instalments = plan.schedule.instalments
    # Decimal and date `str` never need JSON escaping; the texts go through orjson.
    rows = ",".join(
        [
            f'{{"number":{i.number},"due_date":"{i.due_date!s}","principal":"{i.principal!s}",'
            f'"interest":"{i.interest!s}","fees":"{i.fees!s}","total":"{i.total!s}",'
            f'"remaining_balance":"{i.remaining_balance!s}"}}'
            for i in instalments
        ]
    )
    text = (
        f'{{"currency":{_string(terms.currency)},'
        f'"position":{{"as_of":"{p.as_of!s}","overdue_principal":"{p.overdue_principal!s}",'
        f'"overdue_interest":"{p.overdue_interest!s}",'
        f'"penalty_interest":"{p.penalty_interest!s}","fees":"{p.fees!s}",'
        f'"outstanding_principal":"{p.outstanding_principal!s}",'
        f'"days_past_due":{p.days_past_due:d},"bucket":"{p.bucket.value}"}},'
        f'"schedule":[{rows}],'
        f'"totals":{{"annual_rate":"{plan.annual_rate!s}","method":"{plan.method.value}",'
        f'"financed_principal":"{plan.financed_principal!s}",'
        f'"carried_arrears":"{plan.carried_arrears!s}","down_payment":"{plan.down_payment!s}",'
        f'"waived_penalty":"{plan.waived_penalty!s}","waived_fees":"{plan.waived_fees!s}",'
        f'"total_interest":"{plan.schedule.total_interest!s}",'
        f'"total_payable":"{plan.total_payable!s}",'
        f'"regular_instalment":"{plan.regular_instalment!s}",'
        f'"term_months":{len(instalments):d}}},'
        f'"comparison":{{"instalment_before":"{c.instalment_before!s}",'
        f'"instalment_after":"{c.instalment_after!s}",'
        f'"total_payable_before":"{c.total_payable_before!s}",'
        f'"total_payable_after":"{c.total_payable_after!s}",'
        f'"end_date_before":"{c.end_date_before!s}","end_date_after":"{c.end_date_after!s}"}},'
        f'"concessions":{{"extension_months":{k.extension_months:d},'
        f'"total_term_months":{k.total_term_months:d},"waived_amount":"{k.waived_amount!s}",'
        f'"waived_percent":"{k.waived_percent!s}","rate_cut":"{k.rate_cut!s}",'
        f'"present_value_loss":"{k.present_value_loss!s}","down_payment":"{k.down_payment!s}",'
        f'"down_payment_percent":"{k.down_payment_percent!s}",'
        f'"grace_months":{k.grace_months:d}}},"authority":'
    )
    # The figures are ASCII (a cheap encode); the texts, Chinese among them, come as UTF-8
    # from orjson and are joined as bytes, so the whole answer is never widened to UCS-2.
    return b"".join(
        (text.encode(), authority_json(verdict), b',"affordability":', _affordability(afford))
    )


def _string(value: str) -> str:
    return orjson.dumps(value).decode()


def _affordability(a: Affordability | None) -> bytes:
    if a is None:
        return b"null}"
    share = "null" if a.share_percent is None else f'"{a.share_percent!s}"'
    figures = (
        f'{{"monthly_income":"{a.monthly_income!s}",'
        f'"essential_expenses":"{a.essential_expenses!s}",'
        f'"disposable_income":"{a.disposable_income!s}","instalment":"{a.instalment!s}",'
        f'"share_percent":{share},"max_share_percent":"{a.max_share_percent!s}",'
        f'"warning":{"true" if a.warning else "false"},"message_zh":'
    )
    return b"".join(
        (
            figures.encode(),
            orjson.dumps(a.message(Language.ZH_CN)),
            b',"message_en":',
            orjson.dumps(a.message(Language.EN)),
            b"}}",
        )
    )


# The verdict's words depend on the verdict alone, and few verdicts recur (the same
# limits passed by the same figures): remembered, keyed by every figure's exact text so
# that "10" and "10.0" (equal Decimals) keep their own words. Plain dict operations
# (atomic under the GIL); when full it starts again rather than tracking recency.
_AUTHORITY: dict[tuple[object, ...], bytes] = {}
_AUTHORITY_SIZE = 4096


def authority_json(verdict: AuthorityVerdict) -> bytes:
    """The `AuthorityOut` JSON of a verdict: outcome, roles, reasons and summaries."""
    key = (
        verdict.outcome,
        verdict.role,
        verdict.required_role,
        *(
            (b.limit, b.role, type(b.value), str(b.value), type(b.allowed), str(b.allowed))
            for b in verdict.breaches
        ),
    )
    found = _AUTHORITY.get(key)
    if found is not None:
        return found
    required = "null" if verdict.required_role is None else f'"{verdict.required_role.value}"'
    text = b"".join(
        (
            f'{{"outcome":"{verdict.outcome.value}","role":"{verdict.role.value}",'
            f'"required_role":{required},"reasons_zh":'.encode(),
            orjson.dumps(verdict.reasons(Language.ZH_CN)),
            b',"reasons_en":',
            orjson.dumps(verdict.reasons(Language.EN)),
            b',"summary_zh":',
            orjson.dumps(verdict.summary(Language.ZH_CN)),
            b',"summary_en":',
            orjson.dumps(verdict.summary(Language.EN)),
            b"}",
        )
    )
    if len(_AUTHORITY) >= _AUTHORITY_SIZE:
        _AUTHORITY.clear()
    _AUTHORITY[key] = text
    return text
