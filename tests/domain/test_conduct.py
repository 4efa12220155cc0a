"""The banned-conduct lint: real sentences that must pass and must fail, in both languages."""

from __future__ import annotations

import pytest

from agentdesk.domain.compliance.errors import PolicyFileError
from agentdesk.domain.conduct import (
    ConductCategory,
    find_banned_conduct,
    is_clean,
    parse_lexicon,
    shipped_lexicon,
)
from agentdesk.domain.vocabulary import Language

C = ConductCategory

MUST_FAIL_ZH = [
    ("你再不还钱，我就找人弄死你。", C.VIOLENCE),
    ("信不信我打断你的腿", C.VIOLENCE),
    ("你给我等着，后果自负！", C.THREAT),
    ("我们会打爆你的电话，让你不得安宁。", C.INTIMIDATION),
    ("你这个老赖，欠钱不还还有脸接电话？", C.INSULT),
    ("你真是个废物", C.INSULT),
    ("滚蛋，别跟我废话", C.OBSCENITY),
    ("不还钱就把你上征信黑名单，影响子女上学。", C.FRAUD),
    ("今天不还，我们就打你通讯录里所有人。", C.PRIVACY),
    ("我会告诉你的领导你欠钱不还。", C.PRIVACY),
    ("我是法院的，你的案子已经到执行阶段了。", C.IMPERSONATION),
    ("再不还款就把你曝光到网上。", C.PUBLIC_EXPOSURE),
    ("你需要先交一笔手续费才能办理减免。", C.EXTRA_FEE),
    ("你可以先去借钱还我们，以贷养贷也行。", C.BORROW_TO_REPAY),
    ("再拖下去公安局会来抓你。", C.ARREST_THREAT),
    ("不还钱你家人要替你还。", C.FALSE_LEGAL_THREAT),
    ("弄 死 你", C.VIOLENCE),
]

MUST_PASS_ZH = [
    "您好，我是某某消费金融的客服，想和您确认一下本月的还款安排。",
    "我们理解您最近收入下降，可以为您申请延期还款或个性化分期。",
    "我们不会联系您的通讯录，请放心。",
    "请谨防骗子，切勿向任何个人账户转账。",
    "本次分期没有额外手续费，每期还款金额为 850 元。",
    "客户情绪激动，坐席耐心解释，客户同意周五前还款 2000 元。",
    "路上小心，我们下周再联系您。",
    "您母亲的电话我们不会拨打。",
    "如有疑问，可拨打客服热线，或通过法院等正规途径解决争议。",
    "客户称公司最近裁员，收入减少，暂时无力还款。",
]

MUST_FAIL_EN = [
    ("If you don't pay, we will hurt you.", C.VIOLENCE),
    ("We know where you live.", C.THREAT),
    ("We won't stop calling until you pay.", C.INTIMIDATION),
    ("You're a deadbeat and everybody knows it.", C.INSULT),
    ("Pay up, you idiot.", C.INSULT),
    ("This is fucking ridiculous.", C.OBSCENITY),
    ("Send it to my personal account today.", C.FRAUD),
    ("We'll tell your boss about this debt.", C.PRIVACY),
    ("This is the police calling about your account.", C.IMPERSONATION),
    ("We will post your name online.", C.PUBLIC_EXPOSURE),
    ("There is a collection fee of $35 for this call.", C.EXTRA_FEE),
    ("Just take out a payday loan and pay us.", C.BORROW_TO_REPAY),
    ("You will be arrested if this isn't paid by Friday.", C.ARREST_THREAT),
    ("We'll have you arrested.", C.ARREST_THREAT),
    ("We are going to press charges.", C.FALSE_LEGAL_THREAT),
    ("YOU WILL BE ARRESTED", C.ARREST_THREAT),
    ("You\u2019ll be arrested tomorrow.", C.ARREST_THREAT),
]

MUST_PASS_EN = [
    "Thank you for your courtesy on the call today.",
    "Our agents are trained in the skills of listening.",
    "The borrower was assaulted last year and is recovering; handle with care.",
    "This communication is from a debt collector.",
    "There are no extra fees for the payment plan.",
    "We can offer a longer term with smaller instalments.",
    "The court date in the borrower's other matter is unrelated.",
    "He said the arrest of his brother caused the missed payment.",
    "Shitake mushrooms shop owner; income seasonal.",
    "Assessment of hardship: income dropped by 40%.",
    "Class of 2019 graduate; the cocktail bar closed in March.",
]


@pytest.mark.parametrize(("text", "category"), MUST_FAIL_ZH + MUST_FAIL_EN)
def test_banned_sentences_are_flagged(text: str, category: ConductCategory) -> None:
    findings = find_banned_conduct(text)
    assert category in {f.category for f in findings}, findings
    for finding in findings:
        assert text[finding.start : finding.end] == finding.phrase


@pytest.mark.parametrize("text", MUST_PASS_ZH + MUST_PASS_EN)
def test_innocent_sentences_pass(text: str) -> None:
    assert find_banned_conduct(text) == []
    assert is_clean(text)


def test_span_and_reason_in_both_languages() -> None:
    text = "You will be arrested tomorrow."
    (finding,) = find_banned_conduct(text)
    assert finding.span == (0, 20)
    assert finding.phrase == "You will be arrested"
    assert "arrest" in finding.reason(Language.EN)
    assert "You will be arrested" in finding.reason(Language.EN)
    assert "拘捕" in finding.reason(Language.ZH_CN)


def test_language_restricts_the_lists() -> None:
    text = "你这个老赖 deadbeat"
    assert {f.category for f in find_banned_conduct(text, Language.EN)} == {C.INSULT}
    assert [f.phrase for f in find_banned_conduct(text, Language.EN)] == ["deadbeat"]
    assert [f.phrase for f in find_banned_conduct(text, Language.ZH_CN)] == ["老赖"]
    assert len(find_banned_conduct(text)) == 2


def test_several_findings_come_in_text_order() -> None:
    text = "老赖，再不还就把你曝光，我打断你的腿"
    findings = find_banned_conduct(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert [f.category for f in findings] == [C.INSULT, C.PUBLIC_EXPOSURE, C.VIOLENCE]


def test_nested_phrase_in_one_category_is_reported_once() -> None:
    findings = find_banned_conduct("公安局会来抓你")
    assert [(f.category, f.phrase) for f in findings] == [(C.ARREST_THREAT, "公安局会来抓你")]


def test_allow_list_only_covers_what_it_contains() -> None:
    assert find_banned_conduct("我们不会联系您的通讯录") == []
    text = "我们不会联系您的通讯录，但会联系你的通讯录好友"
    flagged = find_banned_conduct(text)
    assert [f.start for f in flagged] == [text.rindex("通讯录")]


def test_every_shipped_category_has_both_languages() -> None:
    lexicon = shipped_lexicon()
    for category in ConductCategory:
        langs = {p.language for p in lexicon.patterns if p.category is category}
        assert langs == {Language.ZH_CN, Language.EN}, category


def test_shipped_phrases_each_match_themselves() -> None:
    # A typo in a pattern (an unescaped character, a wrong apostrophe) would make an
    # entry dead; every listed phrase must at least find itself.
    for pattern in shipped_lexicon().patterns:
        sample = pattern.listed.replace("*", "")
        assert pattern.regex.search(sample), pattern.listed


LEXICON = """\
format: 1
version: "t"
categories:
  violence:
    label: {zh_CN: 暴力, en: violence}
    source: CN-6
    phrases:
      zh_CN: [弄死你]
      en: [kill you]
"""


def test_custom_lexicon() -> None:
    lexicon = parse_lexicon(LEXICON)
    assert [f.phrase for f in find_banned_conduct("I will KILL you", lexicon=lexicon)] == [
        "KILL you"
    ]
    assert find_banned_conduct("老赖", lexicon=lexicon) == []


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (
            LEXICON.replace("    source: CN-6\n", "    source: CN-6\n    colour: red\n"),
            7,
            "unknown",
        ),
        (LEXICON.replace("format: 1", "format: two"), 1, "integer"),
        (LEXICON.replace("  violence:", "  violins:"), 4, "violins"),
        (LEXICON.replace("[kill you]", "[kill you"), 10, "YAML"),
        (LEXICON.replace("    source: CN-6\n", ""), 4, "missing"),
    ],
)
def test_bad_lexicon_names_line_and_reason(text: str, line: int, needle: str) -> None:
    with pytest.raises(PolicyFileError) as caught:
        parse_lexicon(text, "words.yaml")
    error = caught.value
    assert error.line == line, error
    assert needle.lower() in str(error).lower() or needle in error.field
    assert "words.yaml" in error.message(Language.ZH_CN)


def test_english_inside_chinese_text() -> None:
    findings = find_banned_conduct("客户骂坐席，坐席回了一句 you idiot，已提醒。你这个deadbeat")
    assert [f.phrase for f in findings] == ["you idiot", "deadbeat"]
    # An open-ended entry stops at the end of the English word.
    (finding,) = find_banned_conduct("fucking客户")
    assert finding.phrase == "fucking"
    # Accented letters are part of a word: no match inside "résumékill".
    assert find_banned_conduct("résumékill you") == []
