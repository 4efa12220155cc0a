"""A fixed corpus of loans, positions and restructuring options for equivalence checks.

Speed work on the plan engine must not change a single figure. The corpus is drawn from a
seeded generator (so it is the same on every machine), covers every method and option,
and each case is summarised by a digest of the `repr` of everything the engine returns
(a `repr` shows a Decimal's exponent, so "1.0" and "1.00" differ). The digests in
`data/plan_engine_golden.json` were written by the engine before it was made faster;
`python -m tests.domain.engine_corpus` rewrites them when a rule changes on purpose.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from agentdesk.domain.affordability import assess_schedule
from agentdesk.domain.authority import decide, read_authority_policy
from agentdesk.domain.errors import InvalidPlanInput
from agentdesk.domain.position import (
    Fee,
    LoanPosition,
    Payment,
    PenaltyBasis,
    PenaltyRate,
    position_on,
)
from agentdesk.domain.restructure import (
    MAX_FIRST_DUE_DELAY_MONTHS,
    PLAN_TERM_CAP_MONTHS,
    GraceKind,
    RestructureOptions,
    StepUp,
    Waiver,
    restructure,
)
from agentdesk.domain.schedule import (
    LoanTerms,
    RepaymentMethod,
    Schedule,
    add_months,
    build_schedule,
)
from agentdesk.domain.vocabulary import Language, Role

GOLDEN = Path(__file__).parent / "data" / "plan_engine_golden.json"
CASES = 600
_SEED = 20261128


def _fen(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)).scaleb(-2)


def _waiver(rng: random.Random, owed: Decimal) -> Waiver | None:
    kind = rng.choice(["none", "none", "percent", "amount"])
    if kind == "percent":
        return Waiver.percent(Decimal(rng.randint(0, 100)))
    if kind == "amount":
        return Waiver.amount((owed * rng.randint(0, 100) / 100).quantize(Decimal("0.01")))
    return None


@dataclass(frozen=True)
class CorpusCase:
    """One loan of the corpus, where it stands, and the options tried on it."""

    terms: LoanTerms
    schedule: Schedule
    position: LoanPosition
    options: RestructureOptions
    rng: random.Random  # drawn on for the borrower's income after the plan

    def income(self) -> tuple[Decimal, Decimal]:
        """A monthly income and essential expenses (sometimes more than the income)."""
        return _fen(self.rng, 0, 5_000_000), _fen(self.rng, 0, 2_000_000)


def corpus_case(n: int) -> CorpusCase:
    """Corpus case `n`."""
    rng = random.Random(_SEED * 1000 + n)
    method = rng.choice(list(RepaymentMethod))
    terms = LoanTerms(
        principal=_fen(rng, 10_000, 200_000_000),
        annual_rate=Decimal(rng.randint(0, 3600)).scaleb(-4),
        term_months=rng.choice([1, 3, 6, 12, 24, 36, 48, 60, rng.randint(1, 120)]),
        first_due_date=date(2021, 1, 1) + timedelta(days=rng.randint(0, 2500)),
        method=method,
        monthly_fee=rng.choice([Decimal(0), Decimal(0), _fen(rng, 100, 5000)]),
    )
    schedule = build_schedule(terms)
    as_of = terms.first_due_date + timedelta(days=rng.randint(1, 30 * terms.term_months + 120))
    due = [i for i in schedule.instalments if i.due_date <= as_of]
    paid = rng.randint(0, len(due))
    payments = [
        Payment(i.due_date + timedelta(days=rng.randint(0, 9)), i.total) for i in due[:paid]
    ]
    payments = [p for p in payments if p.paid_on <= as_of and p.amount > 0]
    if rng.random() < 0.3:
        payments.append(Payment(as_of, _fen(rng, 1, 500_000)))
    fees = [
        Fee(as_of - timedelta(days=rng.randint(0, 60)), _fen(rng, 100, 20_000))
        for _ in range(rng.randint(0, 2))
    ]
    basis = rng.choice(list(PenaltyBasis))
    top = 10 if basis is PenaltyBasis.DAILY else 3650
    penalty = PenaltyRate(Decimal(rng.randint(0, top)).scaleb(-4), basis)
    pos = position_on(schedule, as_of, payments=payments, penalty=penalty, fees=fees)
    remaining = len(pos.upcoming)
    low = 1 if remaining == 0 else 0
    extra = rng.randint(low, max(low, min(PLAN_TERM_CAP_MONTHS + 6 - remaining, 30)))
    term = remaining + extra
    grace = rng.randint(0, max(0, min(term - 1, 4)))
    plan_method = rng.choice([None, None, *RepaymentMethod])
    step_up = None
    if rng.random() < 0.4 and term - grace >= 2:
        months = rng.randint(1, term - grace - 1)
        step_up = (
            StepUp(months, percent=Decimal(rng.randint(60, 99)))
            if rng.random() < 0.6
            else StepUp(months, amount=_fen(rng, 100, 1_000_000))
        )
    latest = add_months(as_of, MAX_FIRST_DUE_DELAY_MONTHS)
    first_due = rng.choice(
        [None, None, as_of + timedelta(days=rng.randint(0, (latest - as_of).days))]
    )
    rate = rng.choice([None, Decimal(rng.randint(0, int(terms.annual_rate * 10_000))).scaleb(-4)])
    waivable = pos.total_outstanding - pos.penalty_interest - pos.fees
    options = RestructureOptions(
        capitalise_arrears=rng.random() < 0.5,
        extra_months=extra,
        grace_months=grace,
        grace_kind=rng.choice(list(GraceKind)),
        new_annual_rate=rate,
        penalty_waiver=_waiver(rng, pos.penalty_interest),
        fee_waiver=_waiver(rng, pos.fees),
        down_payment=(waivable * rng.randint(0, 90) / 100).quantize(Decimal("0.01")),
        step_up=step_up,
        first_due_date=first_due,
        method=plan_method,
    )
    return CorpusCase(terms, schedule, pos, options, rng)


def case_digest(n: int) -> str:
    """The digest of corpus case `n` (or of the refusal it meets)."""
    case = corpus_case(n)
    pos, terms = case.position, case.terms
    parts = [repr(case.schedule), repr(pos)]
    try:
        plan = restructure(pos, terms, case.options)
    except InvalidPlanInput as error:
        parts.append(f"refused {error.field} {error.args}")
    else:
        parts.append(repr(plan))
        policy = read_authority_policy()
        for role in Role:
            verdict = decide(plan.concessions, role, policy)
            parts.append(repr(verdict))
            for language in Language:
                parts.append(repr((verdict.reasons(language), verdict.summary(language))))
        afford = assess_schedule(*case.income(), plan.schedule)
        parts.append(repr(afford))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def digests() -> Iterator[str]:
    """The digest of every corpus case, in order."""
    return (case_digest(n) for n in range(CASES))


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(list(digests()), indent=0) + "\n", encoding="utf-8")
    print(f"wrote {CASES} digests to {GOLDEN}")
