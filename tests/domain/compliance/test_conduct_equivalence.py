"""The banned-conduct lint finds exactly what it found before it was made faster.

`reference_findings` is the lint as it was written first — every phrase's probe looked
for in the lower-cased text, each phrase whose probe occurs run as its own expression,
allow-listed spans removed, nested matches of one category reported once — kept here as
the oracle. Generated texts (listed and allowed phrases, their variants, innocent words,
odd letters whose case folds strangely) must give the same findings, field for field, in
both languages and in each alone; a seeded corpus of longer notes is compared too.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.conduct import (
    ConductFinding,
    ConductLexicon,
    find_banned_conduct,
    parse_lexicon,
    shipped_lexicon,
)
from agentdesk.domain.vocabulary import Language

LEXICON = shipped_lexicon()


def reference_findings(
    text: str, language: Language | None = None, lexicon: ConductLexicon = LEXICON
) -> list[ConductFinding]:
    """The lint's first, straightforward form (the oracle)."""
    haystack = text.lower()
    allowed = [
        p
        for p in lexicon.allowed
        if p.probe in haystack and (language is None or p.language is language)
    ]
    allowed_spans = [m.span() for p in allowed for m in p.regex.finditer(text)]
    found: list[ConductFinding] = []
    for pattern in lexicon.patterns:
        if pattern.probe not in haystack:
            continue
        if language is not None and pattern.language is not language:
            continue
        category = pattern.category
        if category is None:
            continue
        for match in pattern.regex.finditer(text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in allowed_spans):
                continue
            label_zh, label_en = lexicon.labels[category]
            found.append(
                ConductFinding(
                    category=category,
                    phrase=match.group(0),
                    listed_phrase=pattern.listed,
                    start=start,
                    end=end,
                    label_zh=label_zh,
                    label_en=label_en,
                    source=lexicon.sources[category],
                )
            )
    found.sort(key=lambda f: (f.start, -(f.end - f.start), f.category))
    kept: list[ConductFinding] = []
    for finding in found:
        if any(
            k.category is finding.category and k.start <= finding.start and finding.end <= k.end
            for k in kept
        ):
            continue
        kept.append(finding)
    return kept


LISTED = sorted({p.listed for p in (*LEXICON.patterns, *LEXICON.allowed)})
# Innocent words, near misses across word edges, letters whose case folds oddly
# (long s, Kelvin sign, dotted I, sharp s), apostrophes, dashes, digits and CJK text.
PIECES = [
    "skill", "courtesy", "you", "your", "I'll", "we’ll", "you’re", "-", " - ", "  ", "\n",
    "ſhit", "\u212aill you", "İ will hurt you", "straße", "ÉCOLE", "é", "_", "9", "'", "’",
    "客户称最近失业", "同意下周五前先还 2000 元", "离线备注 17", "您好", "，", "。", "的",
    "The borrower was calm", "asked for a longer term", "no", "fee", "extra", "police",
]


def _variant(rng: random.Random, phrase: str) -> str:
    choice = rng.randrange(6)
    if choice == 0:
        return phrase.upper()
    if choice == 1:
        return " ".join(phrase)  # spaces slipped between the characters
    if choice == 2:
        return phrase.replace("'", "’")
    if choice == 3:
        return "x" + phrase + "s"
    if choice == 4:
        return phrase.replace(" ", "-")
    return phrase.title()


@st.composite
def texts(draw: st.DrawFn) -> str:
    rng = random.Random(draw(st.integers(0, 2**32)))
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(LISTED),
                st.sampled_from(PIECES),
                st.sampled_from(LISTED).map(lambda p: _variant(rng, p)),
                st.text(alphabet="aeiklorstuyw ’'-İſ我你死家", max_size=8),
            ),
            max_size=8,
        )
    )
    glue = draw(st.sampled_from(["", " ", "，", "\n"]))
    return glue.join(parts)


@settings(max_examples=400, deadline=None)
@given(texts(), st.sampled_from([None, Language.ZH_CN, Language.EN]))
def test_generated_texts_give_the_reference_findings(
    text: str, language: Language | None
) -> None:
    assert find_banned_conduct(text, language) == reference_findings(text, language)


def test_a_seeded_corpus_of_notes_gives_the_reference_findings() -> None:
    rng = random.Random(20260301)
    for _ in range(600):
        pieces = rng.choices(LISTED, k=rng.randint(0, 3)) + rng.choices(PIECES, k=6)
        rng.shuffle(pieces)
        text = rng.choice(["", " ", "。"]).join(_variant(rng, p) for p in pieces)
        for language in (None, Language.ZH_CN, Language.EN):
            assert find_banned_conduct(text, language) == reference_findings(text, language)


def test_a_custom_lexicon_gives_the_reference_findings() -> None:
    lexicon = parse_lexicon(
        """
format: 1
version: "t"
categories:
  threat:
    label: {zh_CN: 威胁, en: threat}
    source: test
    phrases:
      zh_CN: [后果自负, 后果]
      en: ["you will regret*", "regret", "o'clock"]
  insult:
    label: {zh_CN: 侮辱, en: insult}
    source: test
    phrases:
      zh_CN: [后果自负]
      en: [regret]
allow:
  zh_CN: [不会后果自负]
  en: ["no regrets"]
"""
    )
    samples = [
        "后果自负", "不会后果自负了", "后 果 自 负", "You will REGRETTABLY", "no regrets, regret",
        "at 5 o’clock", "", "regret后果",
    ]
    for text in samples:
        for language in (None, Language.ZH_CN, Language.EN):
            expected = reference_findings(text, language, lexicon)
            assert find_banned_conduct(text, language, lexicon) == expected
