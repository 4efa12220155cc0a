"""Hypothesis strategies for the repayment-plan engine's tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from agentdesk.domain.schedule import MAX_ANNUAL_RATE, LoanTerms, RepaymentMethod

# Whole fen from 100.00 to 2,000,000.00: real consumer loans, and enough fen per
# instalment that a level payment never overshoots the balance before the last month.
principals = st.integers(min_value=10_000, max_value=200_000_000).map(
    lambda fen: Decimal(fen).scaleb(-2)
)
# Annual rates in basis points, 0 % to the 36 % ceiling.
annual_rates = st.integers(min_value=0, max_value=int(MAX_ANNUAL_RATE * 10_000)).map(
    lambda bp: Decimal(bp).scaleb(-4)
)
methods = st.sampled_from(list(RepaymentMethod))
first_due_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def loan_terms(
    draw: st.DrawFn,
    max_term: int = 120,
    method: RepaymentMethod | None = None,
) -> LoanTerms:
    """Valid contracts (terms up to `max_term` months)."""
    return LoanTerms(
        principal=draw(principals),
        annual_rate=draw(annual_rates),
        term_months=draw(st.integers(min_value=1, max_value=max_term)),
        first_due_date=draw(first_due_dates),
        method=method if method is not None else draw(methods),
    )
