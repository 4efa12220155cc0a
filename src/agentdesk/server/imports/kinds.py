"""The five portfolio files: their column layouts and how their rows are applied.

Each kind first checks every row against the file itself (duplicates) and the database
(references), collecting problems; only a file without a single problem is written, and
then as upserts by external id, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from agentdesk.domain.errors import DomainError
from agentdesk.domain.money import to_minor
from agentdesk.domain.schedule import LoanTerms, RepaymentMethod
from agentdesk.domain.vocabulary import ContactRelation, Language, Role
from agentdesk.server.base import touch, utcnow
from agentdesk.server.imports import fields as f
from agentdesk.server.imports import preferences
from agentdesk.server.imports.reader import Column, Parsed
from agentdesk.server.models import Borrower, Case, ContactPoint, Loan, Payment, User
from agentdesk.server.portfolio import refresh_loans, store_schedule
from agentdesk.server.sync.resend import send_whole_again

T = TypeVar("T")
CHUNK = 500


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _load(db: Session, model: type[T], column: Any, keys: Iterable[str]) -> dict[str, T]:
    found: dict[str, T] = {}
    keys = sorted(set(keys))
    for i in range(0, len(keys), CHUNK):
        for row in db.scalars(select(model).where(column.in_(keys[i : i + CHUNK]))):
            found[getattr(row, column.key)] = row
    return found


def _duplicates(parsed: Parsed, column: str) -> None:
    seen: dict[str, int] = {}
    for line, values in parsed.rows:
        key = values[column]
        if key in seen:
            parsed.bad(
                line,
                column,
                key,
                f"与第 {seen[key]} 行重复",
                f"repeats line {seen[key]}",
            )
        else:
            seen[key] = line


def _upsert(
    db: Session, model: type[Any], existing: dict[str, Any], key: str, values: dict[str, Any]
) -> tuple[Any, str]:
    row = existing.get(key)
    if row is None:
        row = model(external_id=key, version=1, **values)
        db.add(row)
        existing[key] = row
        return row, "created"
    if all(getattr(row, k) == v for k, v in values.items()):
        return row, "unchanged"
    for k, v in values.items():
        setattr(row, k, v)
    touch(row)
    return row, "updated"


def _count(counts: Counts, outcome: str) -> None:
    setattr(counts, outcome, getattr(counts, outcome) + 1)


# ------------------------------------------------------------------ borrowers
BORROWERS = [
    Column("external_id", f.external_id),
    Column("name", f.text(100)),
    Column("national_id", f.text(32)),
    Column("birth_date", f.iso_date, required=False),
    Column("time_zone", f.time_zone, required=False),
    Column("language", f.one_of(*(lang.value for lang in Language)), required=False),
    Column("monthly_income", f.non_negative_money, required=False),
    Column("monthly_expenses", f.non_negative_money, required=False),
]


def apply_borrowers(db: Session, parsed: Parsed, as_of: date) -> Counts:
    _duplicates(parsed, "external_id")
    if parsed.problems:
        return Counts()
    existing = _load(db, Borrower, Borrower.external_id, (v["external_id"] for _, v in parsed.rows))
    counts = Counts()
    renamed: list[Borrower] = []
    for _, v in parsed.rows:
        values = {
            "name": v["name"],
            "national_id": v["national_id"],
            "birth_date": v["birth_date"],
            "time_zone": v["time_zone"] or "Asia/Shanghai",
            "language": v["language"] or Language.ZH_CN.value,
            "monthly_income_minor": None
            if v["monthly_income"] is None
            else to_minor(v["monthly_income"]),
            "monthly_expenses_minor": None
            if v["monthly_expenses"] is None
            else to_minor(v["monthly_expenses"]),
        }
        old = existing.get(v["external_id"])
        old_name = old.name if old is not None else None
        row, outcome = _upsert(db, Borrower, existing, v["external_id"], values)
        if old_name is not None and old_name != row.name:
            renamed.append(row)
        _count(counts, outcome)
    db.flush()
    for b in renamed:  # the case list shows the name; keep it in step
        db.execute(update(Case).where(Case.borrower_id == b.id).values(borrower_name=b.name))
    return counts


# ------------------------------------------------------------------ contacts
def _contact_value(kind: str, value: str) -> str | f.Bad:
    if kind == "phone":
        digits = [c for c in value if c.isdigit()]
        if not 5 <= len(digits) <= 20 or any(not (c.isdigit() or c in "+- ()") for c in value):
            return f.Bad("不是有效电话号码", "not a phone number")
    elif kind == "email" and ("@" not in value or " " in value):
        return f.Bad("不是有效电子邮箱", "not an e-mail address")
    return value


CONTACTS = [
    Column("external_id", f.external_id),
    Column("borrower_external_id", f.external_id),
    Column("kind", f.one_of("phone", "address", "email")),
    Column("value", f.text(255)),
    Column("relation", f.one_of(*(r.value for r in ContactRelation))),
    Column("contact_name", f.text(100), required=False),
    # What the lender's records say about contacting this point (imports/preferences.py).
    Column("opted_out_channels", preferences.channel_list, required=False),
    Column("workplace_prohibits_contact", preferences.yes_no, required=False),
]


def apply_contacts(db: Session, parsed: Parsed, as_of: date) -> Counts:
    _duplicates(parsed, "external_id")
    borrowers = _load(
        db, Borrower, Borrower.external_id, (v["borrower_external_id"] for _, v in parsed.rows)
    )
    for line, v in parsed.rows:
        if v["borrower_external_id"] not in borrowers:
            parsed.bad(
                line,
                "borrower_external_id",
                v["borrower_external_id"],
                "找不到该借款人（请先导入借款人）",
                "no such borrower (import borrowers first)",
            )
        checked = _contact_value(v["kind"], v["value"])
        if isinstance(checked, f.Bad):
            parsed.bad(line, "value", v["value"], checked.zh, checked.en)
    if parsed.problems:
        return Counts()
    existing = _load(
        db, ContactPoint, ContactPoint.external_id, (v["external_id"] for _, v in parsed.rows)
    )
    counts = Counts()
    stated = []
    for _, v in parsed.rows:
        values = {
            "borrower_id": borrowers[v["borrower_external_id"]].id,
            "kind": v["kind"],
            "value": v["value"],
            "relation": v["relation"],
            "contact_name": v["contact_name"],
        }
        point, outcome = _upsert(db, ContactPoint, existing, v["external_id"], values)
        _count(counts, outcome)
        stated.append((point, v.get("opted_out_channels"), v.get("workplace_prohibits_contact")))
    db.flush()  # new points get their ids before statements refer to them
    preferences.add_imported(db, stated, utcnow())
    return counts


# ------------------------------------------------------------------ loans
LOANS = [
    Column("external_id", f.external_id),
    Column("borrower_external_id", f.external_id),
    Column("product", f.text(64)),
    Column("principal", f.positive_money),
    Column("annual_rate", f.rate),
    Column("term_months", f.int_range(1, 360)),
    Column("method", f.one_of(*(m.value for m in RepaymentMethod))),
    Column("start_date", f.iso_date),
    Column("first_due_date", f.iso_date),
    Column("currency", f.currency, required=False),
]


def apply_loans(db: Session, parsed: Parsed, as_of: date) -> Counts:
    _duplicates(parsed, "external_id")
    borrowers = _load(
        db, Borrower, Borrower.external_id, (v["borrower_external_id"] for _, v in parsed.rows)
    )
    for line, v in parsed.rows:
        if v["borrower_external_id"] not in borrowers:
            parsed.bad(
                line,
                "borrower_external_id",
                v["borrower_external_id"],
                "找不到该借款人（请先导入借款人）",
                "no such borrower (import borrowers first)",
            )
        if v["first_due_date"] <= v["start_date"]:
            parsed.bad(
                line,
                "first_due_date",
                v["first_due_date"].isoformat(),
                "首期还款日必须晚于放款日",
                "the first due date must be after the start date",
            )
        v["currency"] = v["currency"] or "CNY"
        try:
            LoanTerms(
                principal=v["principal"],
                annual_rate=v["annual_rate"],
                term_months=v["term_months"],
                first_due_date=v["first_due_date"],
                method=RepaymentMethod(v["method"]),
                currency=v["currency"],
            )
            to_minor(v["principal"], v["currency"], field="principal")
        except DomainError as exc:
            column = exc.field if exc.field in {c.name for c in LOANS} else "principal"
            parsed.bad(
                line, column, str(exc.value), exc.message(Language.ZH_CN), exc.message(Language.EN)
            )
    if parsed.problems:
        return Counts()
    existing = _load(db, Loan, Loan.external_id, (v["external_id"] for _, v in parsed.rows))
    counts = Counts()
    touched: list[Loan] = []
    for _, v in parsed.rows:
        values = {
            "borrower_id": borrowers[v["borrower_external_id"]].id,
            "product": v["product"],
            "principal_minor": to_minor(v["principal"], v["currency"]),
            "annual_rate": v["annual_rate"],
            "term_months": v["term_months"],
            "method": v["method"],
            "start_date": v["start_date"],
            "first_due_date": v["first_due_date"],
            "currency": v["currency"],
        }
        loan, outcome = _upsert(db, Loan, existing, v["external_id"], values)
        _count(counts, outcome)
        if outcome != "unchanged":
            loan.borrower = borrowers[v["borrower_external_id"]]
            touched.append(loan)
    db.flush()
    for loan in touched:
        store_schedule(db, loan)
    refresh_loans(db, touched, as_of)
    # A loan moved to another borrower moves its case along, through the session so the
    # change log sees it; its holders get the case whole again, since the other
    # borrower's record and contact points are new to them.
    by_id = {loan.id: loan for loan in touched}
    for case in _chunked_cases(db, list(by_id)):
        loan = by_id[case.loan_id]
        if case.borrower_id == loan.borrower_id:
            continue
        case.borrower_id = loan.borrower_id
        case.borrower_name = loan.borrower.name
        touch(case)
        send_whole_again(db, case)
    return counts


# ------------------------------------------------------------------ payments
PAYMENTS = [
    Column("external_id", f.external_id),
    Column("loan_external_id", f.external_id),
    Column("paid_on", f.iso_date),
    Column("amount", f.positive_money),
    Column("channel", f.text(32), required=False),
]


def apply_payments(db: Session, parsed: Parsed, as_of: date) -> Counts:
    _duplicates(parsed, "external_id")
    loans = _load(db, Loan, Loan.external_id, (v["loan_external_id"] for _, v in parsed.rows))
    for line, v in parsed.rows:
        loan = loans.get(v["loan_external_id"])
        if loan is None:
            parsed.bad(
                line,
                "loan_external_id",
                v["loan_external_id"],
                "找不到该贷款（请先导入贷款）",
                "no such loan (import loans first)",
            )
        elif v["paid_on"] < loan.start_date:
            parsed.bad(
                line, "paid_on", v["paid_on"].isoformat(), "早于放款日", "before the loan started"
            )
        if v["paid_on"] > as_of:
            parsed.bad(
                line,
                "paid_on",
                v["paid_on"].isoformat(),
                "还款日期在未来",
                "the date is in the future",
            )
    if parsed.problems:
        return Counts()
    existing = _load(db, Payment, Payment.external_id, (v["external_id"] for _, v in parsed.rows))
    counts = Counts()
    touched: dict[Any, Loan] = {}
    for _, v in parsed.rows:
        loan = loans[v["loan_external_id"]]
        values = {
            "loan_id": loan.id,
            "paid_on": v["paid_on"],
            "amount_minor": to_minor(v["amount"], loan.currency),
            "channel": v["channel"] or "bank_transfer",
        }
        _, outcome = _upsert(db, Payment, existing, v["external_id"], values)
        _count(counts, outcome)
        if outcome != "unchanged":
            touched[loan.id] = loan
    db.flush()
    # Payments move DPD and settle promises to pay as kept or broken.
    refresh_loans(db, list(touched.values()), as_of)
    return counts


# ------------------------------------------------------------------ assignments
ASSIGNMENTS = [
    Column("loan_external_id", f.external_id),
    Column("agent", f.text(64)),
]


def apply_assignments(db: Session, parsed: Parsed, as_of: date) -> Counts:
    _duplicates(parsed, "loan_external_id")
    keys = [v["loan_external_id"] for _, v in parsed.rows]
    loans = _load(db, Loan, Loan.external_id, keys)
    cases = {c.loan_id: c for c in _chunked_cases(db, [loan.id for loan in loans.values()])}
    agents = _load(db, User, User.username, (v["agent"] for _, v in parsed.rows))
    for line, v in parsed.rows:
        loan = loans.get(v["loan_external_id"])
        if loan is None or loan.id not in cases:
            parsed.bad(
                line,
                "loan_external_id",
                v["loan_external_id"],
                "找不到该贷款的案件（请先导入贷款）",
                "no case for this loan (import loans first)",
            )
        agent = agents.get(v["agent"])
        if agent is None or agent.role != Role.AGENT.value or not agent.active:
            parsed.bad(
                line, "agent", v["agent"], "不是在岗坐席的用户名", "not an active agent's user name"
            )
    if parsed.problems:
        return Counts()
    counts = Counts()
    for _, v in parsed.rows:
        case = cases[loans[v["loan_external_id"]].id]
        agent = agents[v["agent"]]
        if case.assignee_id == agent.id and case.team_id == agent.team_id:
            counts.unchanged += 1
            continue
        counts.created += case.assignee_id is None
        counts.updated += case.assignee_id is not None
        case.assignee_id = agent.id
        case.team_id = agent.team_id
        touch(case)
    return counts


def _chunked_cases(db: Session, loan_ids: Sequence[Any]) -> list[Case]:
    out: list[Case] = []
    for i in range(0, len(loan_ids), CHUNK):
        out += db.scalars(select(Case).where(Case.loan_id.in_(loan_ids[i : i + CHUNK])))
    return out


Apply = Callable[[Session, Parsed, date], Counts]

LAYOUTS: dict[str, tuple[list[Column], Apply]] = {
    "borrowers": (BORROWERS, apply_borrowers),
    "contacts": (CONTACTS, apply_contacts),
    "loans": (LOANS, apply_loans),
    "payments": (PAYMENTS, apply_payments),
    "assignments": (ASSIGNMENTS, apply_assignments),
}
