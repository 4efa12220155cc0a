"""The case list's statements: the bucket ranges agree with the domain's buckets."""

from __future__ import annotations

from agentdesk.domain.vocabulary import Bucket
from agentdesk.server.case_list import BUCKET_DPD


def test_each_bucket_is_exactly_its_range_of_days_past_due() -> None:
    assert set(BUCKET_DPD) == set(Bucket)
    for bucket, (first, last) in BUCKET_DPD.items():
        assert Bucket.for_dpd(first) is bucket
        assert Bucket.for_dpd(min(last, 10_000)) is bucket
        if first > 0:
            assert Bucket.for_dpd(first - 1) is not bucket
        if last < 2**31 - 1:
            assert Bucket.for_dpd(last + 1) is not bucket
