"""Portfolio imports: good, bad and repeated files; Chinese text; a BOM; payments."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from agentdesk.server.models import Case, Loan, Payment, Promise
from tests.server.conftest import Api
from tests.support.server_db import table_count

BOM = "\ufeff"
BORROWERS = (
    "external_id,name,national_id,birth_date,time_zone,language,monthly_income,monthly_expenses\n"
    "X-B1,欧阳晓燕,110101199003071234,1990-03-07,Asia/Shanghai,zh_CN,9000.00,3500.50\n"
    "X-B2,Mary Clarke,H1234567,,Asia/Hong_Kong,en,,\n"
)
CONTACTS = (
    "external_id,borrower_external_id,kind,value,relation,contact_name\n"
    "X-C1,X-B1,phone,13800138000,borrower,\n"
    'X-C2,X-B1,address,"上海市徐汇区漕溪北路1号, 3楼",borrower,\n'
    "X-C3,X-B1,phone,13900139000,emergency_contact,欧阳建国\n"
    "X-C4,X-B2,email,mary@example.com,borrower,\n"
)


def loans_csv(first_due: str, start: str) -> str:
    return (
        "external_id,borrower_external_id,product,principal,annual_rate,term_months,method,"
        "start_date,first_due_date,currency\n"
        f"X-L1,X-B1,消费贷,12000.00,0.12,12,annuity,{start},{first_due},CNY\n"
        f"X-L2,X-B2,cash loan,6000,18%,6,equal_principal,{start},{first_due},\n"
    )


def upload(api: Api, kind: str, text: str, *, lang: str = "en", bom: bool = False) -> object:
    data = ((BOM if bom else "") + text).encode("utf-8")
    return api.post(
        f"/admin/import/{kind}",
        "admin",
        content=data,
        headers={"Content-Type": "text/csv", "Accept-Language": lang},
    )


def load_portfolio(api: Api) -> None:
    today = api_today(api)
    first_due = (today - timedelta(days=75)).isoformat()
    start = (today - timedelta(days=105)).isoformat()
    for kind, text in (
        ("borrowers", BORROWERS),
        ("contacts", CONTACTS),
        ("loans", loans_csv(first_due, start)),
    ):
        r = upload(api, kind, text, bom=kind == "borrowers")
        assert r.status_code == 200, r.text


def api_today(api: Api):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC).date()


def test_a_good_portfolio_imports_with_chinese_text_and_a_bom(api: Api) -> None:
    r = upload(api, "borrowers", BORROWERS, bom=True)
    assert r.status_code == 200, r.text
    assert r.json() == {"kind": "borrowers", "rows": 2, "created": 2, "updated": 0, "unchanged": 0}
    assert upload(api, "contacts", CONTACTS).json()["created"] == 4
    today = api_today(api)
    loans = loans_csv(
        (today - timedelta(days=75)).isoformat(), (today - timedelta(days=105)).isoformat()
    )
    assert upload(api, "loans", loans).json()["created"] == 2
    with api.session() as db:
        cases = {c.loan_ref: c for c in db.scalars(select(Case).where(Case.loan_ref.like("X-%")))}
    # Three instalments fell due (75, ~45, ~14 days ago) and nothing was paid.
    assert cases["X-L1"].dpd == 75 and cases["X-L1"].bucket == "M3"
    assert cases["X-L1"].borrower_name == "欧阳晓燕"
    assert cases["X-L1"].stage == "negotiation"
    assert cases["X-L1"].closed_at is None and cases["X-L1"].assignee_id is None
    assert cases["X-L1"].version == 1
    r = upload(api, "assignments", "loan_external_id,agent\nX-L1,agent.east1\nX-L2,agent.south3\n")
    assert r.json()["created"] == 2
    found = api.get("/cases", "agent.east1", params={"q": "晓燕"}).json()["items"]
    assert [c["loan_ref"] for c in found] == ["X-L1"]
    detail = api.get(f"/cases/{found[0]['id']}", "agent.east1").json()
    assert {c["value_masked"] for c in detail["contacts"]} >= {"138****8000", "139****9000"}
    assert len(detail["schedule"]) == 12


def test_importing_the_same_files_again_changes_nothing(api: Api) -> None:
    load_portfolio(api)
    with api.session() as db:
        before = {c.loan_ref: (c.version, c.updated_at) for c in db.scalars(select(Case))}
    today = api_today(api)
    loans = loans_csv(
        (today - timedelta(days=75)).isoformat(), (today - timedelta(days=105)).isoformat()
    )
    for kind, text in (("borrowers", BORROWERS), ("contacts", CONTACTS), ("loans", loans)):
        r = upload(api, kind, text)
        assert r.status_code == 200
        assert r.json()["created"] == r.json()["updated"] == 0
        assert r.json()["unchanged"] == r.json()["rows"]
    with api.session() as db:
        after = {c.loan_ref: (c.version, c.updated_at) for c in db.scalars(select(Case))}
    assert after == before
    # A changed row is an update of the same record, not a new one.
    changed = BORROWERS.replace("9000.00", "9500.00")
    r = upload(api, "borrowers", changed)
    assert (r.json()["created"], r.json()["updated"], r.json()["unchanged"]) == (0, 1, 1)


def test_a_bad_file_reports_every_bad_row_and_writes_nothing(api: Api) -> None:
    load_portfolio(api)
    counts = {t: table_count(api.engine, t) for t in ("loans", "cases", "instalments")}
    bad = (
        "external_id,borrower_external_id,product,principal,annual_rate,term_months,method,"
        "start_date,first_due_date,currency\n"
        "X-L3,X-B1,消费贷,5000,0.12,12,annuity,2026-01-01,2026-02-01,CNY\n"
        "X-L4,NOPE,消费贷,-5,0.12,12,annuity,2026-01-01,2026-02-01,CNY\n"
        "X-L5,X-B1,消费贷,5000,0.9,0,balloon,2026-13-01,2026-02-01,XYZ\n"
        "X-L3,X-B1,消费贷,5000.001,0.12,12,annuity,2026-01-01,2025-12-01,CNY\n"
    )
    r = upload(api, "loans", bad, lang="zh-CN")
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid_file" and "未导入任何数据" in err["message"]
    found = {(d["line"], d["column"]) for d in err["details"]}
    assert {
        (3, "principal"),
        (4, "annual_rate"),
        (4, "term_months"),
        (4, "method"),
        (4, "start_date"),
        (4, "currency"),
        (5, "principal"),
    } <= found
    by_cell = {(d["line"], d["column"]): d for d in err["details"]}
    assert by_cell[(4, "method")]["value"] == "balloon"
    assert "应为以下之一" in by_cell[(4, "method")]["reason"]
    # The same file in English.
    en = upload(api, "loans", bad, lang="en").json()["error"]
    assert {(d["line"], d["column"]) for d in en["details"]} == found
    assert any("must be one of" in d["reason"] for d in en["details"])
    assert {t: table_count(api.engine, t) for t in counts} == counts


def test_file_level_problems(api: Api) -> None:
    assert upload(api, "borrowers", "").status_code == 422
    r = upload(api, "borrowers", "external_id,name\nA,B\n")
    cols = {d["column"] for d in r.json()["error"]["details"]}
    assert {"national_id"} <= cols
    r = upload(api, "borrowers", BORROWERS.replace("language", "lang"))
    assert {d["column"] for d in r.json()["error"]["details"]} == {"lang"}
    not_utf8 = api.post(
        "/admin/import/borrowers",
        "admin",
        content=BORROWERS.encode("gbk"),
        headers={"Content-Type": "text/csv"},
    )
    assert not_utf8.status_code == 422
    assert "UTF-8" in not_utf8.json()["error"]["details"][0]["reason"]
    r = upload(api, "borrowers", BORROWERS + "X-B3,张三\n")
    assert r.status_code == 422 and r.json()["error"]["details"][0]["line"] == 4
    assert upload(api, "frogs", BORROWERS).status_code == 422
    dup = BORROWERS + BORROWERS.splitlines()[1] + "\n"
    r = upload(api, "borrowers", dup)
    assert r.status_code == 422 and "repeats line 2" in r.json()["error"]["details"][0]["reason"]


def test_payments_update_dpd_and_settle_promises(api: Api) -> None:
    load_portfolio(api)
    today = api_today(api)
    with api.session() as db:
        loan = db.scalars(select(Loan).where(Loan.external_id == "X-L1")).one()
        case = db.scalars(select(Case).where(Case.loan_id == loan.id)).one()
        first_total = db.execute(select(Payment).where(Payment.loan_id == loan.id)).first()
    assert first_total is None and case.dpd == 75
    # Promises made 10 days ago: one due 5 days ago (will be kept), one due 2 days
    # ago for more than is paid (broken), one due in the future (stays open).
    from datetime import UTC, datetime

    from agentdesk.server.db import transaction

    made = datetime.now(UTC) - timedelta(days=10)
    agent = api.users["agent.east1"]
    with transaction(api.session) as db:
        for amount, due in ((100000, 5), (999900, 2), (200000, -3)):
            db.add(
                Promise(
                    case_id=case.id,
                    user_id=agent.id,
                    amount_minor=amount,
                    due_date=today - timedelta(days=due),
                    status="open",
                    created_at=made,
                    updated_at=made,
                )
            )
    paid_on = (today - timedelta(days=6)).isoformat()
    # 1,066.19 pays the oldest instalment exactly (12,000 at 12 % over 12 months).
    r = upload(
        api,
        "payments",
        f"external_id,loan_external_id,paid_on,amount,channel\nX-P1,X-L1,{paid_on},1066.19,alipay\n",
    )
    assert r.status_code == 200, r.text
    with api.session() as db:
        case = db.get(Case, case.id)
        statuses = sorted(
            (p.amount_minor, p.status)
            for p in db.scalars(select(Promise).where(Promise.case_id == case.id))
        )
    # The oldest unpaid instalment is now the second one (due 75 days after the first's month).
    assert 0 < case.dpd < 75
    assert case.version > 1
    assert statuses == [(100000, "kept"), (200000, "open"), (999900, "broken")]
    # Payments cannot be in the future or on unknown loans.
    future = (today + timedelta(days=1)).isoformat()
    r = upload(
        api,
        "payments",
        "external_id,loan_external_id,paid_on,amount\n"
        f"X-P2,X-L1,{future},10\nX-P3,X-L9,{paid_on},10\nX-P4,X-L1,{paid_on},0\n",
    )
    assert {(d["line"], d["column"]) for d in r.json()["error"]["details"]} == {
        (2, "paid_on"),
        (3, "loan_external_id"),
        (4, "amount"),
    }


def test_only_admins_import(api: Api) -> None:
    for user in ("agent.east1", "lead.east"):
        r = api.post(
            "/admin/import/borrowers",
            user,
            content=BORROWERS.encode(),
            headers={"Content-Type": "text/csv"},
        )
        assert r.status_code == 403


def test_contacts_may_carry_opt_outs_and_workplaces_and_a_repeat_adds_nothing(
    api: Api,
) -> None:
    from agentdesk.server.models import ContactPoint, ContactPreference

    assert upload(api, "borrowers", BORROWERS).status_code == 200
    contacts = (
        "external_id,borrower_external_id,kind,value,relation,contact_name,"
        "opted_out_channels,workplace_prohibits_contact\n"
        "X-C1,X-B1,phone,13800138000,borrower,,sms; call,\n"
        "X-C5,X-B1,phone,02161234567,employer,上海某公司,,yes\n"
        "X-C4,X-B2,email,mary@example.com,borrower,,,no\n"
    )
    for _ in range(2):
        r = upload(api, "contacts", contacts)
        assert r.status_code == 200, r.text
    with api.session() as db:
        points = {p.id: p.external_id for p in db.scalars(select(ContactPoint))}
        stated = sorted(
            (points[p.contact_point_id], p.kind, p.channel, p.source)
            for p in db.scalars(select(ContactPreference))
        )
    assert stated == [
        ("X-C1", "channel_opt_out", "call", "import"),
        ("X-C1", "channel_opt_out", "sms", "import"),
        ("X-C5", "workplace_prohibits", None, "import"),
    ]
    bad = upload(api, "contacts", contacts.replace("sms; call", "sms;pigeon"))
    assert bad.status_code == 422
    assert "opted_out_channels" in bad.text and "pigeon" in bad.text
