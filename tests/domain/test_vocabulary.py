import pytest

from agentdesk.domain.vocabulary import Bucket, CallResult, ContactRelation, Role


@pytest.mark.parametrize(
    ("dpd", "bucket"),
    [(0, Bucket.CURRENT), (1, Bucket.M1), (30, Bucket.M1), (31, Bucket.M2), (60, Bucket.M2),
     (61, Bucket.M3), (90, Bucket.M3), (91, Bucket.M3_PLUS), (400, Bucket.M3_PLUS)],
)
def test_bucket_edges(dpd: int, bucket: Bucket) -> None:
    assert Bucket.for_dpd(dpd) is bucket


def test_negative_dpd_is_an_error() -> None:
    with pytest.raises(ValueError, match="negative"):
        Bucket.for_dpd(-1)


def test_role_ranks_order_authority() -> None:
    assert Role.AGENT.rank < Role.LEAD.rank < Role.ADMIN.rank


def test_only_the_borrower_is_not_a_third_party() -> None:
    assert [r for r in ContactRelation if not r.is_third_party] == [ContactRelation.BORROWER]


def test_busy_and_unanswered_are_not_conversations() -> None:
    assert not CallResult.BUSY.is_conversation
    assert not CallResult.NO_ANSWER.is_conversation
    assert CallResult.PROMISE.is_conversation
