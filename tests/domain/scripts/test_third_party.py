"""With a third party on the line, the amount and the days overdue are never rendered."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.scripts import (
    Answerer,
    BranchKind,
    CallData,
    CaseFacts,
    DebtDetailRefusedError,
    Script,
    Walk,
    load_default_scripts,
)
from agentdesk.domain.scripts.placeholders import ValueKind, format_value
from agentdesk.domain.vocabulary import CallResult, Language, Stage
from tests.domain.scripts.cases import AGENTS, BORROWERS, CALLBACK, COMPANY, PRODUCT, tick
from tests.domain.scripts.paths import all_paths
from tests.domain.scripts.sample import parse, sample

SCRIPTS = load_default_scripts()


def _debt_words(data: CallData, language: Language) -> list[str]:
    """Every way the debt could show up in text: formatted figures and bare numbers."""
    assert data.amount_overdue is not None and data.dpd is not None
    assert data.due_date is not None and data.outstanding_balance is not None
    words = [
        format_value(ValueKind.MONEY, data.amount_overdue, language, data.currency),
        format_value(ValueKind.MONEY, data.outstanding_balance, language, data.currency),
        format_value(ValueKind.DATE, data.due_date, language, data.currency),
        f"{data.amount_overdue:,.2f}",
        str(data.amount_overdue),
    ]
    if data.product_name:
        words.append(data.product_name)
    return words


def _leaks(text: str, data: CallData, language: Language) -> list[str]:
    found = [w for w in _debt_words(data, language) if w in text]
    # The days overdue as a number standing on its own ("47", "47天", "47 days").
    if re.search(rf"(?<![\d,.]){data.dpd}(?![\d,.])", text):
        found.append(f"dpd {data.dpd}")
    return found


def _rendered(walk: Walk) -> list[str]:
    texts = [e["text"] for e in walk.transcript() if "text" in e]
    texts += [e["label"] for e in walk.transcript() if "label" in e]
    return texts


cases = st.builds(
    lambda language, name, agent, amount, balance, dpd, due: (
        language,
        CallData(
            borrower_name=name(language),
            agent_name=agent(language),
            company=COMPANY[language],
            callback_number=CALLBACK,
            amount_overdue=amount,
            outstanding_balance=balance,
            instalment=(amount / 3).quantize(Decimal("0.01")),
            due_date=due,
            dpd=dpd,
            product_name=PRODUCT[language],
        ),
    ),
    st.sampled_from(list(Language)),
    st.sampled_from(
        [lambda lang, i=i: BORROWERS[lang][i % len(BORROWERS[lang])] for i in range(4)]
    ),
    st.sampled_from([lambda lang, i=i: AGENTS[lang][i % len(AGENTS[lang])] for i in range(2)]),
    st.decimals(min_value=Decimal("100.00"), max_value=Decimal("80000.00"), places=2),
    st.decimals(min_value=Decimal("90000.00"), max_value=Decimal("300000.00"), places=2),
    st.integers(min_value=1, max_value=179),
    st.dates(min_value=date(2025, 6, 1), max_value=date(2026, 11, 27)),
)


def _script(kind: str, language: Language) -> Script:
    return next(s for s in SCRIPTS if s.id == f"{kind}_{language.value}")


@settings(max_examples=25, deadline=None)
@given(case=cases)
def test_the_third_party_script_never_reveals_the_debt(case: tuple[Language, CallData]) -> None:
    language, data = case
    facts = CaseFacts(
        stage=Stage.NEGOTIATION,
        dpd=data.dpd or 1,
        language=language,
        answered_by=Answerer.THIRD_PARTY,
    )
    walk = Walk.begin(_script("third_party", language), facts, data, tick(0))
    for _path, end in all_paths(walk):
        assert end.outcome is not None
        assert end.outcome.result in {
            CallResult.THIRD_PARTY,
            CallResult.WRONG_NUMBER,
            CallResult.VOICEMAIL,
        }
        for text in _rendered(end):
            assert not _leaks(text, data, language), text


@settings(max_examples=15, deadline=None)
@given(case=cases, kind=st.sampled_from(["first_reminder", "negotiation", "pre_legal_notice"]))
def test_switching_to_a_third_party_mid_call_hides_the_debt_from_then_on(
    case: tuple[Language, CallData], kind: str
) -> None:
    language, data = case
    facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=data.dpd or 1, language=language)
    walk = Walk.begin(_script(kind, language), facts, data, tick(0))
    walk.choose("is_borrower", tick(1))
    walk.confirm_disclosure(tick(2))
    walk.advance(tick(3))  # the debt is now on the agent's screen, rightly: the borrower answered
    before = len(walk.transcript())
    # The detector itself works: the borrower part of the call did show the debt.
    assert any(_leaks(text, data, language) for text in _rendered(walk))
    walk.switch_to_third_party(tick(4))
    assert walk.third_party and walk.available_branches() == []
    for _path, end in all_paths(walk):
        assert end.finished
        after = end.transcript()[before:]
        for entry in after:
            for text in (entry.get("text", ""), entry.get("label", "")):
                assert not _leaks(text, data, language), text


@pytest.mark.parametrize("language", list(Language))
def test_someone_else_answering_the_opening_goes_to_the_third_party_flow(
    language: Language,
) -> None:
    script = _script("negotiation", language)
    data = CallData(
        borrower_name=BORROWERS[language][0],
        agent_name=AGENTS[language][0],
        company=COMPANY[language],
        callback_number=CALLBACK,
        amount_overdue=Decimal("3456.78"),
        dpd=63,
    )
    facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=63, language=language)
    walk = Walk.begin(script, facts, data, tick(0))
    walk.choose("someone_else", tick(1))
    assert walk.third_party
    assert walk.current == script.branches[BranchKind.THIRD_PARTY]
    assert walk.facts.answered_by is Answerer.THIRD_PARTY


def test_the_engine_refuses_a_debt_detail_even_in_a_script_that_skipped_lint() -> None:
    data_script = sample()
    data_script["steps"]["tp_message"]["text"] = "Tell them {amount_overdue} is overdue."
    script = parse(data_script)  # parsed but deliberately not linted
    data = CallData(
        borrower_name="Emily Carter", callback_number=CALLBACK, amount_overdue=Decimal("99.00")
    )
    facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=40, language=Language.EN)
    walk = Walk.begin(script, facts, data, tick(0))
    with pytest.raises(DebtDetailRefusedError) as raised:
        walk.choose("someone_else", tick(1))
    assert raised.value.placeholder == "amount_overdue"
    assert "99" not in str(raised.value)


@settings(max_examples=15, deadline=None)
@given(
    case=cases, kind=st.sampled_from(["first_reminder", "promise_follow_up", "pre_legal_notice"])
)
def test_a_voicemail_is_a_limited_content_message(
    case: tuple[Language, CallData], kind: str
) -> None:
    language, data = case
    facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=data.dpd or 1, language=language)
    walk = Walk.begin(_script(kind, language), facts, data, tick(0))
    walk.choose("voicemail", tick(1))
    assert walk.outcome is not None and walk.outcome.result is CallResult.VOICEMAIL
    message = walk.current_text or ""
    assert data.callback_number and data.callback_number in message
    assert not _leaks(message, data, language)
    assert data.company is not None and data.company not in message  # US-3: no company name
