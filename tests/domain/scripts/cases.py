"""Realistic invented cases for walking scripts: names, amounts, dates, facts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from agentdesk.domain.scripts import Answerer, CallData, CaseFacts, RuleProfile
from agentdesk.domain.vocabulary import DelinquencyReason, Language, Stage

BORROWERS = {
    Language.ZH_CN: ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆"],
    Language.EN: ["Emily Carter", "James Miller", "Olivia Brooks", "Daniel Reed"],
}
AGENTS = {Language.ZH_CN: ["周敏", "孙磊", "赵倩"], Language.EN: ["Sarah Lee", "Tom Walsh"]}
COMPANY = {Language.ZH_CN: "安信消费金融", Language.EN: "Anxin Consumer Finance"}
PRODUCT = {Language.ZH_CN: "安心分期贷", Language.EN: "Easy Instalment Loan"}
CALLBACK = "400-820-6688"

T0 = datetime(2026, 11, 28, 10, 15, tzinfo=UTC)


def call_data(language: Language, rng: random.Random, dpd: int) -> CallData:
    """Case data for one invented borrower `dpd` days past due."""
    instalment = Decimal(rng.randint(30_000, 300_000)) / 100
    missed = max(1, dpd // 30 + 1)
    overdue = (instalment * missed * Decimal("1.03")).quantize(Decimal("0.01"))
    due = date(2026, 11, 28) - timedelta(days=dpd)
    return CallData(
        borrower_name=rng.choice(BORROWERS[language]),
        agent_name=rng.choice(AGENTS[language]),
        company=COMPANY[language],
        callback_number=CALLBACK,
        amount_overdue=overdue,
        outstanding_balance=(instalment * rng.randint(6, 30)).quantize(Decimal("0.01")),
        instalment=instalment,
        due_date=due,
        dpd=dpd,
        loan_reference=f"L{rng.randint(10_000_000, 99_999_999)}",
        product_name=PRODUCT[language],
        broken_promises=rng.randint(1, 3),
        promise_amount=instalment,
        promise_date=due + timedelta(days=10),
    )


STAGE_DPD = {
    Stage.REMINDER: 6,
    Stage.NEGOTIATION: 47,
    Stage.PRE_LEGAL: 118,
    Stage.LEGAL: 160,
}


def fact_variants(
    language: Language, stage: Stage, answered_by: Answerer = Answerer.BORROWER
) -> list[CaseFacts]:
    """Facts that exercise every condition the default scripts use."""
    dpd = STAGE_DPD[stage]
    base = CaseFacts(stage=stage, dpd=dpd, language=language, answered_by=answered_by)
    return [
        base,
        base.evolve(profile=RuleProfile.US, first_communication=True),
        base.evolve(profile=RuleProfile.US, broken_promises=2),
        base.evolve(reason=DelinquencyReason.JOB_LOSS, broken_promises=1),
    ]


def tick(n: int) -> datetime:
    """The n-th moment of a call, ten seconds apart."""
    return T0 + timedelta(seconds=10 * n)
