"""Bad input anywhere answers 4xx with the error shape, never 500 (property tests)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.server.conftest import Api
from tests.support.server_db import table_count

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.text(max_size=12)
    | st.sampled_from(["0.12", "-1", "1e400", "NaN", "2026-02-30", "12000.005", "Infinity"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
OPTION_KEYS = [
    "capitalise_arrears",
    "extra_months",
    "grace_months",
    "grace_kind",
    "new_annual_rate",
    "penalty_waiver",
    "fee_waiver",
    "down_payment",
    "step_up",
    "first_due_date",
    "method",
]
LOAN_KEYS = [
    "principal",
    "annual_rate",
    "term_months",
    "first_due_date",
    "method",
    "currency",
    "payments",
]
RELAXED = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_clean_refusal(r: object) -> None:
    status = r.status_code  # type: ignore[attr-defined]
    assert status < 500, r.text  # type: ignore[attr-defined]
    if status >= 400:
        err = r.json()["error"]  # type: ignore[attr-defined]
        assert err["message_zh"] and err["message_en"] and err["code"]


@RELAXED
@given(
    options=st.dictionaries(st.sampled_from(OPTION_KEYS), JSON, max_size=4),
    loan=st.dictionaries(st.sampled_from(LOAN_KEYS), JSON, max_size=7),
)
def test_plan_preview_never_fails_with_500(api: Api, options: dict, loan: dict) -> None:
    base = {
        "principal": "10000",
        "annual_rate": "0.1",
        "term_months": 12,
        "first_due_date": "2026-01-10",
    }
    body = {"loan": {**base, **loan}, "as_of": "2026-05-01", "options": options}
    assert_clean_refusal(api.post("/plans/preview", "agent.east1", json=body))


@RELAXED
@given(text=st.text(max_size=30))
def test_any_text_in_stored_fields_is_kept_or_refused_cleanly(api: Api, text: str) -> None:
    case_id = api.case_of("agent.east1")
    r = api.post(
        f"/cases/{case_id}/plans",
        "agent.east1",
        json={"options": {"extra_months": 2}, "justification": text},
    )
    assert_clean_refusal(r)
    if r.status_code == 201:
        assert r.json()["justification"] == text


@RELAXED
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_imports_of_garbage_are_refused_cleanly_and_write_nothing(api: Api, data: bytes) -> None:
    before = table_count(api.engine, "borrowers")
    header = b"external_id,name,national_id\n"
    for payload in (data, header + data):
        r = api.post(
            "/admin/import/borrowers",
            "admin",
            content=payload,
            headers={"Content-Type": "text/csv"},
        )
        assert_clean_refusal(r)
        if r.status_code != 200:
            assert table_count(api.engine, "borrowers") == before
        before = table_count(api.engine, "borrowers")
