"""The preview's hand-written JSON is byte for byte what the wire model would write.

`preview_answer` writes `POST /plans/preview` answers straight from the engine's figures;
proposals still go through `PreviewResponse`. Over the engine's fixed corpus (every
method and option, every role, with and without the borrower's income, incomes too low
to leave anything) both are written and compared as bytes; then the positions and
schedules the server remembers per process are checked against fresh ones.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import orjson

from agentdesk.domain.affordability import assess_schedule
from agentdesk.domain.authority import decide, read_authority_policy
from agentdesk.domain.errors import InvalidPlanInput
from agentdesk.domain.position import Payment, position_on
from agentdesk.domain.restructure import restructure
from agentdesk.domain.schedule import LoanTerms, build_schedule
from agentdesk.domain.vocabulary import Role
from agentdesk.protocol.plans import PlanOptions, PreviewResponse, StepUpIn, WaiverIn
from agentdesk.server.plans import (
    _figures,
    affordability_out,
    compute,
    contract_schedule,
    terms_position,
)
from agentdesk.server.preview_answer import answer_json, preview_json
from tests.domain.engine_corpus import CASES, corpus_case

D = Decimal
POLICY = read_authority_policy()


def test_every_corpus_plan_is_written_as_the_wire_model_writes_it() -> None:
    compared = 0
    for n in range(0, CASES, 2):
        case = corpus_case(n)
        try:
            plan = restructure(case.position, case.terms, case.options)
        except InvalidPlanInput:
            continue
        income = case.income()
        for role in Role:
            verdict = decide(plan.concessions, role, POLICY)
            for afford in (None, assess_schedule(*income, plan.schedule)):
                expected = _figures(
                    case.terms,
                    case.position,
                    plan,
                    verdict,
                    None if afford is None else affordability_out(afford),
                )
                fast = answer_json(case.terms, case.position, plan, verdict, afford)
                assert fast == expected.model_dump_json().encode(), n
                compared += 1
    assert compared > 1000


def test_the_answer_parses_as_the_wire_model() -> None:
    terms = LoanTerms(D("36000.00"), D("0.1500"), 24, date(2025, 3, 31))
    position = terms_position(terms, [(date(2025, 3, 31), 174548)], date(2025, 9, 2))
    options = PlanOptions(
        extra_months=9,
        grace_months=2,
        penalty_waiver=WaiverIn(kind="percent", value=D("50")),
        step_up=StepUpIn(months=3, percent=D("80")),
        down_payment=D("500.00"),
    )
    income = (D("9000.00"), D("8800.00"))
    fast = preview_json(terms, position, options, Role.AGENT, POLICY, income)
    parsed = PreviewResponse.model_validate_json(fast)
    slow = compute(terms, position, options, Role.AGENT, POLICY, income).figures
    assert parsed == slow
    assert fast == slow.model_dump_json().encode()
    # Chinese texts are written as UTF-8, not escaped.
    assert "需组长审批".encode() in fast or "在您的权限内".encode() in fast
    assert orjson.loads(fast)["authority"]["summary_zh"] == slow.authority.summary_zh


def test_remembered_schedules_and_positions_are_the_fresh_ones() -> None:
    terms = LoanTerms(D("12000.00"), D("0.120"), 12, date(2025, 1, 31))
    same_figures = LoanTerms(D("12000.00"), D("0.12"), 12, date(2025, 1, 31))
    assert terms == same_figures  # equal Decimals ...
    # ... but each is remembered under its own digits.
    assert repr(contract_schedule(terms)) == repr(build_schedule(terms))
    assert repr(contract_schedule(same_figures)) == repr(build_schedule(same_figures))
    assert contract_schedule(terms) is contract_schedule(terms)
    paid = [(date(2025, 1, 31), 106619), (date(2025, 3, 3), 50000)]
    as_of = date(2025, 4, 20)
    fresh = position_on(
        build_schedule(terms), as_of, [Payment(d, D(a).scaleb(-2)) for d, a in paid]
    )
    first = terms_position(terms, paid, as_of)
    assert repr(first) == repr(fresh)
    assert terms_position(terms, list(paid), as_of) is first
    # Another day or another payment is another position.
    assert terms_position(terms, paid, date(2025, 4, 21)).as_of == date(2025, 4, 21)
    fewer = terms_position(terms, paid[:1], as_of)
    assert fewer.paid_total == D("1066.19") and first.paid_total == D("1566.19")
