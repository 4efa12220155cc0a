"""Restructured plans: each option on a worked case, the comparison, concessions, errors."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

from agentdesk.domain.errors import InvalidPlanInput
from agentdesk.domain.plan_options import step_payment
from agentdesk.domain.position import Fee, LoanPosition, Payment, PenaltyRate, position_on
from agentdesk.domain.restructure import (
    GraceKind,
    RestructureOptions,
    StepUp,
    Waiver,
    restructure,
)
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, build_schedule
from agentdesk.domain.vocabulary import Language

D = Decimal
TERMS = LoanTerms(D("36000"), D("0.12"), 36, date(2026, 1, 15))
AS_OF = date(2026, 6, 20)


def delinquent() -> LoanPosition:
    """Paid the first instalment only; four months behind with penalty and a late fee."""
    schedule = build_schedule(TERMS)
    return position_on(
        schedule,
        AS_OF,
        payments=[Payment(date(2026, 1, 15), schedule.instalments[0].total)],
        penalty=PenaltyRate(D("0.0005")),
        fees=[Fee(date(2026, 3, 1), D("50.00"))],
    )


def current() -> LoanPosition:
    """Every instalment up to June's paid on time."""
    schedule = build_schedule(TERMS)
    payments = [Payment(i.due_date, i.total) for i in schedule.instalments[:6]]
    return position_on(schedule, AS_OF, payments=payments)


def test_the_delinquent_case_is_what_the_tests_assume() -> None:
    pos = delinquent()
    assert pos.days_past_due == 125
    assert len(pos.upcoming) == 30
    assert pos.fees == D("50.00")
    assert pos.penalty_interest > 0


def test_no_options_on_a_current_loan_reproduces_its_schedule() -> None:
    pos = current()
    plan = restructure(pos, TERMS, RestructureOptions())
    assert plan.financed_principal == pos.outstanding_principal
    assert plan.carried_arrears == 0
    # Re-amortising the balance the rounded payments left gives the same payment to a fen.
    assert abs(plan.comparison.instalment_before - plan.comparison.instalment_after) <= D("0.01")
    assert plan.comparison.end_date_after == plan.comparison.end_date_before
    assert plan.concessions.extension_months == 0
    assert abs(plan.concessions.present_value_loss) <= D("0.10")
    assert [i.due_date for i in plan.schedule.instalments] == [u.due_date for u in pos.upcoming]


def test_arrears_not_capitalised_are_carried_without_interest() -> None:
    pos = delinquent()
    plan = restructure(pos, TERMS, RestructureOptions())
    assert plan.financed_principal == pos.overdue_principal + pos.outstanding_principal
    assert plan.carried_arrears == pos.overdue_interest + pos.penalty_interest + pos.fees
    assert plan.schedule.total_fees == plan.carried_arrears
    assert plan.schedule.total_principal == plan.financed_principal
    # The carried arrears are owed today: they count in the balance until paid.
    first = plan.schedule.instalments[0]
    assert first.remaining_balance == first.remaining_principal + plan.carried_arrears - first.fees


def test_capitalised_arrears_bear_interest() -> None:
    pos = delinquent()
    carried = restructure(pos, TERMS, RestructureOptions())
    capitalised = restructure(pos, TERMS, RestructureOptions(capitalise_arrears=True))
    assert capitalised.financed_principal == pos.total_outstanding
    assert capitalised.carried_arrears == 0
    assert capitalised.schedule.total_fees == 0
    assert capitalised.total_payable > carried.total_payable


def test_extension_lowers_the_instalment_and_moves_the_end_date() -> None:
    pos = delinquent()
    plan = restructure(pos, TERMS, RestructureOptions(extra_months=12))
    assert len(plan.schedule.instalments) == 42
    assert plan.concessions.total_term_months == 42
    assert plan.concessions.extension_months == 12
    assert plan.comparison.end_date_after == date(2029, 12, 15)
    assert plan.comparison.instalment_after < restructure(
        pos, TERMS, RestructureOptions()
    ).comparison.instalment_after


def test_grace_on_principal_is_interest_only() -> None:
    plan = restructure(delinquent(), TERMS, RestructureOptions(grace_months=3))
    grace = plan.schedule.instalments[:3]
    assert all(i.principal == 0 and i.fees == 0 for i in grace)
    assert all(i.interest == round(plan.financed_principal * D("0.01"), 2) for i in grace)
    assert plan.schedule.instalments[3].principal > 0


def test_full_grace_charges_nothing() -> None:
    plan = restructure(
        delinquent(),
        TERMS,
        RestructureOptions(grace_months=2, grace_kind=GraceKind.PRINCIPAL_AND_INTEREST),
    )
    assert [i.total for i in plan.schedule.instalments[:2]] == [D("0.00"), D("0.00")]
    assert plan.concessions.grace_months == 2
    interest_only = restructure(delinquent(), TERMS, RestructureOptions(grace_months=2))
    assert plan.concessions.present_value_loss > interest_only.concessions.present_value_loss


def test_lower_rate_is_a_rate_cut_and_a_present_value_loss() -> None:
    pos = delinquent()
    plan = restructure(pos, TERMS, RestructureOptions(new_annual_rate=D("0.06")))
    base = restructure(pos, TERMS, RestructureOptions())
    assert plan.annual_rate == D("0.06")
    assert plan.concessions.rate_cut == D("0.06")
    assert plan.schedule.total_interest < base.schedule.total_interest
    assert plan.concessions.present_value_loss > base.concessions.present_value_loss


def test_waivers_by_percent_and_amount() -> None:
    pos = delinquent()
    plan = restructure(
        pos,
        TERMS,
        RestructureOptions(
            penalty_waiver=Waiver.percent(D("100")), fee_waiver=Waiver.amount(D("20.00"))
        ),
    )
    assert plan.waived_penalty == pos.penalty_interest
    assert plan.waived_fees == D("20.00")
    assert plan.concessions.waived_amount == pos.penalty_interest + D("20.00")
    expected = ((pos.penalty_interest + 20) * 100 / (pos.penalty_interest + pos.fees)).quantize(
        D("0.01")
    )
    assert plan.concessions.waived_percent == expected
    assert plan.carried_arrears == pos.overdue_interest + D("30.00")


def test_down_payment_settles_arrears_first() -> None:
    pos = delinquent()
    down = D("2000.00")
    plan = restructure(pos, TERMS, RestructureOptions(down_payment=down))
    # 50 fees + penalty + overdue interest are covered, the rest reduces overdue principal.
    assert plan.carried_arrears == 0
    assert plan.financed_principal == pos.total_outstanding - down
    assert plan.concessions.down_payment_percent == (down * 100 / pos.total_due).quantize(
        D("0.01")
    )
    assert plan.total_payable == down + plan.schedule.total_payable


def test_step_up_by_percent_then_re_amortised() -> None:
    plan = restructure(
        delinquent(), TERMS, RestructureOptions(extra_months=6, step_up=StepUp(6, percent=D(50)))
    )
    rows = plan.schedule.instalments
    normal = restructure(delinquent(), TERMS, RestructureOptions(extra_months=6))
    step_total = rows[0].principal + rows[0].interest
    assert step_total == (
        (normal.schedule.instalments[0].principal + normal.schedule.instalments[0].interest) / 2
    ).quantize(D("0.01"))
    assert all(r.principal + r.interest == step_total for r in rows[:6])
    assert all(r.fees == 0 for r in rows[:6])
    assert plan.comparison.instalment_after == rows[6].total
    assert rows[6].total > normal.comparison.instalment_after
    assert plan.schedule.total_principal == plan.financed_principal


def test_step_up_by_amount() -> None:
    plan = restructure(delinquent(), TERMS, RestructureOptions(step_up=StepUp(3, D("500.00"))))
    assert [r.principal + r.interest for r in plan.schedule.instalments[:3]] == [D("500.00")] * 3


def test_a_step_up_percent_that_rounds_to_the_normal_instalment_is_refused() -> None:
    # Found by hypothesis: 99 % of a 0.48 instalment rounds to 0.48, which the same
    # step-up given as an amount refused (a step-up month pays less than a normal one).
    with pytest.raises(InvalidPlanInput) as caught:
        step_payment(StepUp(1, percent=D(99)), D("0.48"), D("0"), "CNY")
    assert caught.value.field == "step_up.percent"
    assert "to 98.95 %" in caught.value.message(Language.EN)
    assert step_payment(StepUp(1, percent=D("98.95")), D("0.48"), D("0"), "CNY") == D("0.47")


def test_chosen_first_due_date_and_month_end_anchor() -> None:
    plan = restructure(delinquent(), TERMS, RestructureOptions(first_due_date=date(2026, 8, 31)))
    dates = [i.due_date for i in plan.schedule.instalments[:4]]
    assert dates == [date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 30)]


def test_method_can_change_to_equal_principal() -> None:
    plan = restructure(
        delinquent(), TERMS, RestructureOptions(method=RepaymentMethod.EQUAL_PRINCIPAL)
    )
    totals = [i.principal + i.interest for i in plan.schedule.instalments]
    assert all(a >= b for a, b in itertools.pairwise(totals))
    assert plan.method is RepaymentMethod.EQUAL_PRINCIPAL


def test_matured_loan_gets_a_plan_from_extra_months_only() -> None:
    schedule = build_schedule(TERMS)
    late = date(2029, 3, 1)
    pos = position_on(schedule, late)
    assert pos.upcoming == ()
    plan = restructure(pos, TERMS, RestructureOptions(extra_months=24))
    assert len(plan.schedule.instalments) == 24
    assert plan.schedule.first_due_date == date(2029, 3, 15)
    assert plan.comparison.instalment_before == pos.total_due


def test_all_options_together_still_balance() -> None:
    pos = delinquent()
    plan = restructure(
        pos,
        TERMS,
        RestructureOptions(
            capitalise_arrears=False,
            extra_months=12,
            grace_months=2,
            new_annual_rate=D("0.10"),
            penalty_waiver=Waiver.percent(D(50)),
            fee_waiver=Waiver.amount(D("50.00")),
            down_payment=D("1000.00"),
            step_up=StepUp(6, percent=D(60)),
            first_due_date=date(2026, 7, 31),
        ),
    )
    assert (
        plan.down_payment + plan.financed_principal + plan.carried_arrears
        + plan.concessions.waived_amount
    ) == pos.total_outstanding
    assert plan.schedule.total_principal == plan.financed_principal
    assert plan.schedule.instalments[-1].remaining_balance == 0
    assert plan.concessions.total_term_months == 42
    assert plan.comparison.total_payable_after == plan.total_payable


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("options", "field", "words"),
    [
        (RestructureOptions(extra_months=-1), "extra_months", "from 0 months to 30 months"),
        (RestructureOptions(extra_months=31), "extra_months", "to 30 months"),
        (RestructureOptions(grace_months=30), "grace_months", "from 0 months to 29 months"),
        (RestructureOptions(new_annual_rate=D("0.13")), "new_annual_rate", "from 0 % to 12 %"),
        (RestructureOptions(new_annual_rate=D("-0.01")), "new_annual_rate", "from 0 %"),
        (RestructureOptions(penalty_waiver=Waiver.percent(D(101))), "penalty_waiver.percent",
         "from 0 % to 100 %"),
        (RestructureOptions(fee_waiver=Waiver.amount(D("50.01"))), "fee_waiver.amount",
         "from 0 to 50.00"),
        (RestructureOptions(fee_waiver=Waiver.amount(D("-1"))), "fee_waiver.amount", "at least 0"),
        (RestructureOptions(down_payment=D("-1")), "down_payment", "at least 0"),
        (RestructureOptions(down_payment=D("99999")), "down_payment", "less than"),
        (RestructureOptions(step_up=StepUp(30)), "step_up.months", "from 1 months to 29 months"),
        (RestructureOptions(step_up=StepUp(0, percent=D(50))), "step_up.months", "from 1"),
        (RestructureOptions(step_up=StepUp(3)), "step_up.amount", "either an amount"),
        (RestructureOptions(step_up=StepUp(3, percent=D(100))), "step_up.percent",
         "more than 0 % and less than 100 %"),
        (RestructureOptions(step_up=StepUp(3, percent=D(1))), "step_up.percent",
         "from 25.81 % to 99.99 %"),
        (RestructureOptions(step_up=StepUp(3, D("5000.00"))), "step_up.amount", "less than"),
        (RestructureOptions(step_up=StepUp(3, D("1.00"))), "step_up.amount", "at least"),
        (RestructureOptions(step_up=StepUp(3, percent=D(50)),
                            method=RepaymentMethod.INTEREST_ONLY), "step_up.months",
         "interest-only"),
        (RestructureOptions(first_due_date=date(2026, 6, 19)), "first_due_date",
         "from 2026-06-20 to 2026-09-20"),
        (RestructureOptions(first_due_date=date(2026, 9, 21)), "first_due_date", "2026-09-20"),
    ],
)
def test_bad_options_are_refused_naming_the_field_and_range(
    options: RestructureOptions, field: str, words: str
) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        restructure(delinquent(), TERMS, options)
    assert caught.value.field == field
    assert words in caught.value.message(Language.EN)
    assert caught.value.message(Language.ZH_CN) != caught.value.message(Language.EN)


def test_term_over_the_legal_cap_is_refused() -> None:
    long_terms = LoanTerms(D("100000"), D("0.1"), 120, date(2026, 1, 15))
    pos = position_on(build_schedule(long_terms), date(2026, 3, 1))
    with pytest.raises(InvalidPlanInput) as caught:
        restructure(pos, long_terms, RestructureOptions())
    assert caught.value.field == "plan_term"
    assert "from 1 months to 60 months" in caught.value.message(Language.EN)


def test_zero_term_on_a_matured_loan_is_refused() -> None:
    pos = position_on(build_schedule(TERMS), date(2029, 3, 1))
    with pytest.raises(InvalidPlanInput) as caught:
        restructure(pos, TERMS, RestructureOptions())
    assert caught.value.field == "extra_months"
    assert "from 1 months to 60 months" in caught.value.message(Language.EN)


def test_a_loan_that_owes_nothing_cannot_be_restructured() -> None:
    schedule = build_schedule(TERMS)
    paid = [Payment(i.due_date, i.total) for i in schedule.instalments]
    pos = position_on(schedule, date(2029, 1, 1), payments=paid)
    with pytest.raises(InvalidPlanInput) as caught:
        restructure(pos, TERMS, RestructureOptions(extra_months=3))
    assert caught.value.code == "nothing_owed"
    assert "nothing to restructure" in caught.value.message(Language.EN)
    assert "无需" in caught.value.message(Language.ZH_CN)


def test_as_of_must_match_the_position() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        restructure(delinquent(), TERMS, RestructureOptions(), as_of=date(2026, 6, 21))
    assert caught.value.field == "as_of"
    assert restructure(delinquent(), TERMS, RestructureOptions(), as_of=AS_OF).as_of == AS_OF


def test_error_as_dict_carries_both_languages() -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        restructure(delinquent(), TERMS, RestructureOptions(extra_months=99))
    data = caught.value.as_dict()
    assert data["code"] == "out_of_range"
    assert data["field"] == "extra_months"
    assert data["value"] == "99"
    assert data["message_zh"] is not None and "延长期数" in data["message_zh"]
    assert data["message_en"] is not None and "Extra months" in data["message_en"]


@pytest.mark.parametrize(
    ("options", "field", "code"),
    [
        (RestructureOptions(method="balloon"), "method", "unknown"),  # type: ignore[arg-type]
        (RestructureOptions(grace_months=1, grace_kind="holiday"), "grace_kind",  # type: ignore[arg-type]
         "unknown"),
        (RestructureOptions(extra_months="3"), "extra_months", "wrong_type"),  # type: ignore[arg-type]
        (RestructureOptions(extra_months=True), "extra_months", "wrong_type"),
        (RestructureOptions(grace_months=1.5), "grace_months", "out_of_range"),  # type: ignore[arg-type]
        (RestructureOptions(first_due_date="2026-07-01"), "first_due_date",  # type: ignore[arg-type]
         "wrong_type"),
        (RestructureOptions(down_payment=D("10.001")), "down_payment", "too_precise"),
        (RestructureOptions(penalty_waiver=Waiver.percent(D("NaN"))), "penalty_waiver.percent",
         "out_of_range"),
    ],
)
def test_options_of_the_wrong_kind_are_refused(
    options: RestructureOptions, field: str, code: str
) -> None:
    with pytest.raises(InvalidPlanInput) as caught:
        restructure(delinquent(), TERMS, options)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.message(Language.ZH_CN)
