"""The case list's own writing of rows agrees with the domain: bucket ranges, amounts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agentdesk.domain.money import MINOR_UNIT_DIGITS, from_minor
from agentdesk.domain.vocabulary import Bucket
from agentdesk.server.case_list import BUCKET_DPD, amount_text

CODES = sorted(MINOR_UNIT_DIGITS)


def test_each_bucket_is_exactly_its_range_of_days_past_due() -> None:
    assert set(BUCKET_DPD) == set(Bucket)
    for bucket, (first, last) in BUCKET_DPD.items():
        assert Bucket.for_dpd(first) is bucket
        assert Bucket.for_dpd(min(last, 10_000)) is bucket
        if first > 0:
            assert Bucket.for_dpd(first - 1) is not bucket
        if last < 2**31 - 1:
            assert Bucket.for_dpd(last + 1) is not bucket


@given(units=st.integers(min_value=-(10**15), max_value=10**15), currency=st.sampled_from(CODES))
def test_amounts_are_written_as_the_decimal_amount_would_be(units: int, currency: str) -> None:
    assert amount_text(units, currency) == str(from_minor(units, currency))
