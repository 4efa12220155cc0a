"""One demo loan with its borrower, contacts, payments, case and collection history."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from agentdesk.domain.money import to_minor
from agentdesk.domain.position import Payment as DomainPayment
from agentdesk.domain.position import position_on
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod, add_months, build_schedule
from agentdesk.domain.vocabulary import (
    CallResult,
    Channel,
    ContactRelation,
    DelinquencyReason,
    Hold,
    Language,
    Mood,
    PromiseStatus,
)
from agentdesk.server.portfolio import stage_for_dpd
from agentdesk.server.seed import people
from agentdesk.server.seed.common import (
    BUCKETS,
    NOTES,
    PRODUCTS,
    RESULTS,
    Rows,
    local_time,
    new_id,
    stamp,
)
from agentdesk.server.seed.follow_ups import NONE, next_action

_METHODS = (
    (RepaymentMethod.ANNUITY, 70),
    (RepaymentMethod.EQUAL_PRINCIPAL, 20),
    (RepaymentMethod.INTEREST_ONLY, 10),
)
_MOODS = list(Mood)
_REASONS = list(DelinquencyReason)
_RPC = {r for r in CallResult if r.is_conversation}


def _target_dpd(rng: random.Random) -> int:
    r = rng.random()
    for share, low, high in BUCKETS:
        if r < share:
            return rng.randint(low, high)
        r -= share
    return rng.randint(1, 30)


def one_loan(
    rng: random.Random,
    n: int,
    today: date,
    now: datetime,
    agents: list[dict[str, Any]],
    rows: Rows,
) -> None:
    """Generate loan number `n` and everything around it into `rows`."""
    english = rng.random() < 0.08
    place = rng.choice(people.PLACES)
    born = people.birth_date(rng, today)
    borrower_id = new_id(rng)
    name = people.english_name(rng) if english else people.chinese_name(rng)
    tz = rng.choice(("Asia/Hong_Kong", "Asia/Shanghai")) if english else "Asia/Shanghai"
    income = rng.randrange(3000, 30000, 100)
    rows.borrowers.append(
        {
            "id": borrower_id,
            "external_id": f"B{n:07d}",
            "name": name,
            "national_id": people.national_id(rng, place[1], born),
            "birth_date": born,
            "time_zone": tz,
            "language": Language.EN.value if english else Language.ZH_CN.value,
            "monthly_income_minor": income * 100,
            "monthly_expenses_minor": int(income * rng.uniform(0.3, 0.8)) * 100,
            **stamp(now),
        }
    )
    _contacts(rng, n, borrower_id, place, rows, now)

    # Build the loan backwards from the DPD wanted: `paid` instalments were paid on time,
    # and the next one fell due `dpd` days ago.
    dpd = _target_dpd(rng)
    term = rng.choice((12, 18, 24, 36))
    paid = rng.randint(0, min(term - 1, 10))
    oldest_unpaid = today - timedelta(days=dpd)
    first_due = add_months(oldest_unpaid, -paid)
    method = rng.choices([m for m, _ in _METHODS], [w for _, w in _METHODS])[0]
    terms = LoanTerms(
        principal=Decimal(rng.randrange(3000, 200_000, 500)),
        annual_rate=Decimal(
            rng.choice(("0.0720", "0.0960", "0.1200", "0.1500", "0.1800", "0.2400"))
        ),
        term_months=term,
        first_due_date=first_due,
        method=method,
    )
    schedule = build_schedule(terms)
    loan_id = new_id(rng)
    rows.loans.append(
        {
            "id": loan_id,
            "external_id": f"L{n:07d}",
            "borrower_id": borrower_id,
            "product": rng.choice(PRODUCTS),
            "principal_minor": to_minor(terms.principal),
            "annual_rate": terms.annual_rate,
            "term_months": term,
            "method": method.value,
            "start_date": add_months(first_due, -1),
            "first_due_date": first_due,
            "currency": "CNY",
            **stamp(now),
        }
    )
    for i in schedule.instalments:
        rows.instalments.append(
            {
                "loan_id": loan_id,
                "seq": i.number,
                "due_date": i.due_date,
                "principal_minor": to_minor(i.principal),
                "interest_minor": to_minor(i.interest),
                "total_minor": to_minor(i.total),
            }
        )
    payments: list[tuple[date, Decimal]] = []
    for i in schedule.instalments[:paid]:
        payments.append((i.due_date - timedelta(days=rng.randint(0, 3)), i.total))
    # Some borrowers paid a little after falling behind (not enough to catch up).
    oldest = schedule.instalments[paid]
    if dpd > 10 and rng.random() < 0.25:
        part = (oldest.interest * Decimal("0.5")).quantize(Decimal("0.01"))
        if part > 0:
            payments.append((oldest_unpaid + timedelta(days=rng.randint(1, dpd - 1)), part))
    agent = rng.choice(agents)
    case_id = new_id(rng)
    called = len(rows.attempts)
    promise_rows = _history(rng, case_id, agent, tz, today, dpd, rows, oldest.total, payments)
    for k, (paid_on, amount) in enumerate(sorted(payments)):
        rows.payments.append(
            {
                "id": new_id(rng),
                "external_id": f"P{n:07d}-{k:02d}",
                "loan_id": loan_id,
                "paid_on": paid_on,
                "amount_minor": to_minor(amount),
                "channel": rng.choice(("bank_transfer", "alipay", "wechat_pay", "bank_card")),
                **stamp(now),
            }
        )
    position = position_on(
        schedule, today, [DomainPayment(paid_on=d, amount=a) for d, a in payments]
    )
    overdue = position.overdue_principal + position.overdue_interest + position.penalty_interest
    holds = [rng.choice(list(Hold)).value] if rng.random() < 0.03 else []
    closed = position.days_past_due == 0
    rows.cases.append(
        {
            "id": case_id,
            "loan_id": loan_id,
            "borrower_id": borrower_id,
            "stage": stage_for_dpd(position.days_past_due).value,
            "dpd": position.days_past_due,
            "bucket": position.bucket.value,
            "overdue_minor": to_minor(overdue),
            "outstanding_minor": to_minor(
                position.outstanding_principal + position.overdue_principal
            ),
            "holds": holds,
            "team_id": agent["team_id"],
            "assignee_id": agent["id"],
            "borrower_name": name,
            "loan_ref": f"L{n:07d}",
            # A catch-up payment may have brought the loan current: then nothing to collect.
            "closed_at": now if closed else None,
            **(NONE if closed else next_action(case_id, tz, today, promise_rows,
                                               contacted=len(rows.attempts) > called)),
            **stamp(now),
        }
    )
    rows.promises += promise_rows


def _contacts(
    rng: random.Random,
    n: int,
    borrower_id: Any,
    place: tuple[str, str, tuple[str, ...]],
    rows: Rows,
    now: datetime,
) -> None:
    points: list[tuple[str, str, str, str | None]] = [
        ("phone", people.mobile(rng), ContactRelation.BORROWER.value, None),
        ("address", people.address(rng, place), ContactRelation.BORROWER.value, None),
        (
            "phone",
            people.mobile(rng),
            ContactRelation.EMERGENCY_CONTACT.value,
            people.chinese_name(rng),
        ),
    ]
    if rng.random() < 0.5:
        points.append(("email", people.email(rng, n), ContactRelation.BORROWER.value, None))
    if rng.random() < 0.3:
        points.append(
            (
                "phone",
                people.mobile(rng),
                ContactRelation.EMPLOYER.value,
                rng.choice(people.EMPLOYERS),
            )
        )
    for k, (kind, value, relation, contact_name) in enumerate(points):
        rows.contacts.append(
            {
                "id": new_id(rng),
                "external_id": f"C{n:07d}-{k}",
                "borrower_id": borrower_id,
                "kind": kind,
                "value": value,
                "relation": relation,
                "contact_name": contact_name,
                **stamp(now),
            }
        )


def _history(
    rng: random.Random,
    case_id: Any,
    agent: dict[str, Any],
    tz: str,
    today: date,
    dpd: int,
    rows: Rows,
    instalment: Decimal,
    payments: list[tuple[date, Decimal]],
) -> list[dict[str, Any]]:
    """Attempts and notes over the days since the loan fell behind, and promises to pay.

    A kept promise adds the payment that kept it (less than the overdue instalment, so
    the loan stays delinquent); a broken one has its date passed with no payment.
    """
    window = min(dpd, 45)
    results = [r for r, _ in RESULTS]
    weights = [w for _, w in RESULTS]
    for _ in range(rng.randint(0, 6)):
        day = today - timedelta(days=rng.randint(0, window))
        started = local_time(rng, day, tz)
        result = rng.choices(results, weights)[0]
        conversation = result in _RPC
        rows.attempts.append(
            {
                "id": new_id(rng),
                "case_id": case_id,
                "user_id": agent["id"],
                "contact_point_id": None,
                "channel": Channel.CALL.value if rng.random() < 0.9 else Channel.SMS.value,
                "result": result.value,
                "started_at": started,
                "ended_at": started
                + timedelta(seconds=rng.randint(20, 600) if conversation else 30),
                "mood": rng.choice(_MOODS).value if conversation else None,
                "delinquency_reason": rng.choice(_REASONS).value if conversation else None,
                "notes": "",
                "script_id": None,
                "script_version": None,
                "transcript": [],
                "next_follow_up_at": None,
                "flagged": False,
                "flag_reason": None,
                **stamp(started),
            }
        )
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        at = local_time(rng, today - timedelta(days=rng.randint(0, window)), tz)
        rows.notes.append(
            {
                "id": new_id(rng),
                "case_id": case_id,
                "author_id": agent["id"],
                "body": rng.choice(NOTES),
                **stamp(at),
            }
        )
    promises: list[dict[str, Any]] = []
    if rng.random() < 0.35 and dpd > 3:
        kind = rng.choices(("kept", "broken", "open"), (4, 3, 3))[0]
        made = today - timedelta(days=rng.randint(2, min(dpd, 30)))
        amount = max(Decimal("100.00"), (instalment * Decimal("0.6")).quantize(Decimal("0.01")))
        amount = min(amount, instalment - Decimal("0.01"))
        if kind == "open":
            due = today + timedelta(days=rng.randint(1, 10))
            status, settled = PromiseStatus.OPEN.value, None
        else:
            due = made + timedelta(days=rng.randint(1, max(1, (today - made).days - 1)))
            settled = local_time(rng, due + timedelta(days=1), tz)
            status = PromiseStatus.KEPT.value if kind == "kept" else PromiseStatus.BROKEN.value
            if kind == "kept":
                payments.append((due, amount))
        created = local_time(rng, made, tz)
        promises.append(
            {
                "id": new_id(rng),
                "case_id": case_id,
                "user_id": agent["id"],
                "amount_minor": to_minor(amount),
                "currency": "CNY",
                "due_date": due,
                "contact_attempt_id": None,
                "status": status,
                "settled_at": settled,
                "version": 1,
                "created_at": created,
                "updated_at": settled or created,
            }
        )
    return promises
