"""Turning rows into wire shapes (one place, so every endpoint shows a case the same way)."""

from __future__ import annotations

from agentdesk.domain.money import from_minor
from agentdesk.domain.vocabulary import Bucket, ContactRelation, Hold, Stage
from agentdesk.protocol.cases import (
    BorrowerOut,
    CaseSummary,
    ContactOut,
    InstalmentOut,
    LoanOut,
    PaymentOut,
)
from agentdesk.server.masking import mask_contact, mask_national_id
from agentdesk.server.models import Borrower, Case, ContactPoint, Instalment, Loan, Payment


def case_summary(case: Case, currency: str) -> CaseSummary:
    """A case as a list row.

    Built without re-validation (the case list is the busiest answer): every value comes
    from the database through typed columns and the vocabulary enums.
    """
    return CaseSummary.model_construct(
        id=case.id,
        version=case.version,
        loan_ref=case.loan_ref,
        borrower_name=case.borrower_name,
        stage=Stage(case.stage),
        dpd=case.dpd,
        bucket=Bucket(case.bucket),
        overdue_amount=from_minor(case.overdue_minor, currency),
        outstanding_principal=from_minor(case.outstanding_minor, currency),
        currency=currency,
        holds=[Hold(h) for h in case.holds or []],
        team_id=case.team_id,
        assignee_id=case.assignee_id,
        updated_at=case.updated_at,
        next_action_due=case.next_action_at,
        next_action_reason=case.next_action_reason or "",
    )


def borrower_out(b: Borrower) -> BorrowerOut:
    """The borrower with the national ID masked."""
    return BorrowerOut(
        id=b.id,
        external_id=b.external_id,
        name=b.name,
        national_id_masked=mask_national_id(b.national_id),
        birth_date=b.birth_date,
        time_zone=b.time_zone,
        language=b.language,
        monthly_income=None
        if b.monthly_income_minor is None
        else from_minor(b.monthly_income_minor),
        monthly_expenses=None
        if b.monthly_expenses_minor is None
        else from_minor(b.monthly_expenses_minor),
    )


def contact_out(c: ContactPoint) -> ContactOut:
    """A contact point, masked."""
    return ContactOut(
        id=c.id,
        kind=c.kind,  # type: ignore[arg-type]
        value_masked=mask_contact(c.kind, c.value),
        relation=ContactRelation(c.relation),
        contact_name=c.contact_name,
    )


def loan_out(loan: Loan) -> LoanOut:
    """The loan's contract."""
    return LoanOut(
        id=loan.id,
        external_id=loan.external_id,
        product=loan.product,
        principal=from_minor(loan.principal_minor, loan.currency),
        annual_rate=loan.annual_rate,
        term_months=loan.term_months,
        method=loan.method,
        start_date=loan.start_date,
        first_due_date=loan.first_due_date,
        currency=loan.currency,
    )


def instalment_out(i: Instalment, currency: str) -> InstalmentOut:
    """One schedule row."""
    return InstalmentOut(
        seq=i.seq,
        due_date=i.due_date,
        principal=from_minor(i.principal_minor, currency),
        interest=from_minor(i.interest_minor, currency),
        total=from_minor(i.total_minor, currency),
    )


def payment_out(p: Payment, currency: str) -> PaymentOut:
    """One payment."""
    return PaymentOut(
        id=p.id, paid_on=p.paid_on, amount=from_minor(p.amount_minor, currency), channel=p.channel
    )
