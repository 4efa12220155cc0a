"""The banned-conduct lint (COMPLIANCE.md CN-6 and its US equivalents).

Notes, SMS templates and negotiation scripts are checked against word lists kept as data
(`resources/policies/banned_conduct.yaml`). English phrases match whole words and are
case-insensitive, so "kill" never fires inside "skill" nor "court" inside "courtesy".
Chinese has no word boundaries, so its lists hold only phrases that are not innocent in
ordinary sentences, and an allow-list removes the few innocent phrases that still
contain one ("我们不会联系您的通讯录").

The matching is pure; reading the shipped file is one thin function, `shipped_lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agentdesk.domain.compliance.yaml_source import load_model
from agentdesk.domain.vocabulary import Language

LEXICON_FILE = "banned_conduct.yaml"


class ConductCategory(StrEnum):
    """Kinds of banned conduct in speech or writing."""

    VIOLENCE = "violence"
    THREAT = "threat"
    INTIMIDATION = "intimidation"
    INSULT = "insult"
    OBSCENITY = "obscenity"
    FRAUD = "fraud"
    PRIVACY = "privacy"
    IMPERSONATION = "impersonation"
    PUBLIC_EXPOSURE = "public_exposure"
    EXTRA_FEE = "extra_fee"
    BORROW_TO_REPAY = "borrow_to_repay"
    ARREST_THREAT = "arrest_threat"
    FALSE_LEGAL_THREAT = "false_legal_threat"


# ------------------------------------------------------------------ the file format


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Texts(_Strict):
    zh_CN: str = Field(min_length=1)
    en: str = Field(min_length=1)


class _Phrases(_Strict):
    zh_CN: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    @field_validator("zh_CN", "en")
    @classmethod
    def _no_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for phrase in value:
            if not str(phrase).strip():
                raise ValueError("phrases must not be empty")
        return tuple(str(p).strip() for p in value)


class _Category(_Strict):
    label: _Texts
    source: str = Field(min_length=1)
    phrases: _Phrases


class LexiconFile(_Strict):
    """The validated content of a banned-conduct word-list file."""

    format: int = Field(ge=1, le=1)
    version: str = Field(min_length=1)
    categories: dict[ConductCategory, _Category]
    allow: _Phrases = _Phrases()


# ------------------------------------------------------------------ compiled lists


@dataclass(frozen=True)
class _Pattern:
    source: str  # the regular expression, compiled on first use (`regex`)
    category: ConductCategory | None  # None for allow-list entries
    listed: str
    language: Language
    # A plain piece every match contains (lower case): texts without it skip the regex,
    # which keeps linting a long note fast with hundreds of phrases.
    probe: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled expression (case-insensitive).

        Compiled when a text first contains the probe: compiling all several hundred
        up front took a tenth of a second (the English whole-word edges are costly),
        while most of them never meet their probe."""
        return re.compile(self.source, re.IGNORECASE)


@dataclass(frozen=True)
class _ProbeIndex:
    """Which patterns a text's probes select, found without trying every pattern.

    A one-character probe (every Chinese phrase has one) is looked up by the characters
    of the text; longer probes (English words, a few dozen distinct ones) are searched
    for once each, however many phrases share them."""

    by_char: dict[str, tuple[int, ...]]
    by_word: tuple[tuple[str, tuple[int, ...]], ...]
    # Whether any probe of each kind occurs at all, in one scan of the text (most notes
    # contain none); None: always look (no probes, or an empty one, which is everywhere).
    any_char: re.Pattern[str] | None
    any_word: re.Pattern[str] | None

    @classmethod
    def of(cls, patterns: tuple[_Pattern, ...]) -> _ProbeIndex:
        """The index of `patterns`, by their position in it."""
        chars: dict[str, list[int]] = {}
        words: dict[str, list[int]] = {}
        for position, pattern in enumerate(patterns):
            table = chars if len(pattern.probe) == 1 else words
            table.setdefault(pattern.probe, []).append(position)
        any_char = "[" + "".join(re.escape(ch) for ch in chars) + "]" if chars else None
        any_word = "|".join(re.escape(w) for w in words) if words and "" not in words else None
        return cls(
            {probe: tuple(at) for probe, at in chars.items()},
            tuple((probe, tuple(at)) for probe, at in words.items()),
            None if any_char is None else re.compile(any_char),
            None if any_word is None else re.compile(any_word),
        )

    def selected(self, haystack: str) -> list[int]:
        """The positions of the patterns whose probe occurs in `haystack`, in order."""
        found: list[int] = []
        if self.by_char and (self.any_char is None or self.any_char.search(haystack)):
            by_char = self.by_char
            found = [at for ch in set(haystack) if ch in by_char for at in by_char[ch]]
        if self.by_word and (self.any_word is None or self.any_word.search(haystack)):
            for probe, at in self.by_word:
                if probe in haystack:
                    found.extend(at)
        found.sort()
        return found


@dataclass(frozen=True)
class ConductLexicon:
    """Compiled word lists: what to flag, and which innocent phrases to leave alone."""

    version: str
    patterns: tuple[_Pattern, ...]
    allowed: tuple[_Pattern, ...]
    labels: dict[ConductCategory, tuple[str, str]]
    sources: dict[ConductCategory, str]

    @cached_property
    def _pattern_index(self) -> _ProbeIndex:
        return _ProbeIndex.of(self.patterns)

    @cached_property
    def _allowed_index(self) -> _ProbeIndex:
        return _ProbeIndex.of(self.allowed)

    def probed(self, haystack: str) -> tuple[list[_Pattern], list[_Pattern]]:
        """The patterns and allow-list entries whose probe occurs in the lower-cased
        text `haystack`, each in list order (the others cannot match); no entries when
        no pattern is probed (the allow-list then has nothing to remove)."""
        patterns, allowed = self.patterns, self.allowed
        probed = [patterns[at] for at in self._pattern_index.selected(haystack)]
        if not probed:
            return [], []  # the allow-list only ever removes matches: none to remove
        return probed, [allowed[at] for at in self._allowed_index.selected(haystack)]


_APOSTROPHES = "'\u2019"
# What an English word is made of (Latin letters with accents, digits, underscore).
_LATIN = "[0-9A-Za-z_\u00c0-\u024f]"


def _english_regex(phrase: str) -> str:
    words = phrase.lower().split()
    parts: list[str] = []
    for word in words:
        open_end = word.endswith("*")
        core = word.rstrip("*")
        body = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in core)
        parts.append(body + (f"{_LATIN}*" if open_end else ""))
    # Whole words only: no Latin letter, digit or apostrophe may touch either end. Chinese
    # characters may: "你这个deadbeat" is an English insult inside a Chinese note.
    inner = r"[\s\-]+".join(parts)
    edge = f"{_LATIN[:-1]}'’]"
    return rf"(?<!{edge}){inner}(?!{edge})"


def _chinese_regex(phrase: str) -> str:
    # Spaces slipped between characters ("弄 死 你") do not hide the phrase.
    chars = [re.escape(ch) for ch in phrase if not ch.isspace()]
    return r"\s*".join(chars)


def _compile(category: ConductCategory | None, phrases: _Phrases) -> list[_Pattern]:
    compiled: list[_Pattern] = []
    for phrase in phrases.zh_CN:
        probe = next(ch for ch in phrase if not ch.isspace()).lower()
        compiled.append(_Pattern(_chinese_regex(phrase), category, phrase, Language.ZH_CN, probe))
    for phrase in phrases.en:
        first = phrase.split()[0].rstrip("*").lower()
        probe = max(re.split(f"[{_APOSTROPHES}]", first), key=len)
        compiled.append(_Pattern(_english_regex(phrase), category, phrase, Language.EN, probe))
    return compiled


def parse_lexicon(text: str, source: str = LEXICON_FILE) -> ConductLexicon:
    """Validate and compile a word-list file given as text.

    Raises `PolicyFileError` naming the line and the reason when the file is malformed.
    """
    data = load_model(text, source, LexiconFile)
    patterns: list[_Pattern] = []
    for category, entry in data.categories.items():
        patterns.extend(_compile(category, entry.phrases))
    return ConductLexicon(
        version=data.version,
        patterns=tuple(patterns),
        allowed=tuple(_compile(None, data.allow)),
        labels={c: (e.label.zh_CN, e.label.en) for c, e in data.categories.items()},
        sources={c: e.source for c, e in data.categories.items()},
    )


@lru_cache(maxsize=1)
def shipped_lexicon() -> ConductLexicon:
    """The word lists shipped in `resources/policies/banned_conduct.yaml` (read once)."""
    from agentdesk.paths import resources_dir

    path = resources_dir() / "policies" / LEXICON_FILE
    return parse_lexicon(path.read_text(encoding="utf-8"), LEXICON_FILE)


# ------------------------------------------------------------------ findings


@dataclass(frozen=True)
class ConductFinding:
    """One banned phrase found in a text."""

    category: ConductCategory
    phrase: str  # as it appears in the text
    listed_phrase: str  # the word-list entry that matched
    start: int
    end: int
    label_zh: str
    label_en: str
    source: str

    @property
    def span(self) -> tuple[int, int]:
        """Character offsets [start, end) of the phrase in the checked text."""
        return (self.start, self.end)

    def reason(self, language: Language) -> str:
        """One sentence saying what is wrong, in `language`."""
        if language is Language.ZH_CN:
            return f"禁止用语（{self.label_zh}）：“{self.phrase}”，依据 {self.source}"
        return f"Banned conduct ({self.label_en}): “{self.phrase}” — see {self.source}"


def find_banned_conduct(
    text: str, language: Language | None = None, lexicon: ConductLexicon | None = None
) -> list[ConductFinding]:
    """Every banned phrase in `text`, in order of position.

    `language` limits the check to that language's list; None checks both (notes mix
    Chinese and English). `lexicon` defaults to the shipped word lists.
    """
    lists = lexicon if lexicon is not None else shipped_lexicon()
    # Only the expressions whose probe occurs are run (and compiled, the first time).
    probed, allowed = lists.probed(text.lower())
    if not probed:
        return []  # most notes: no phrase can match, so neither can an allow-list entry
    allowed = [p for p in allowed if language is None or p.language is language]
    allowed_spans = [m.span() for p in allowed for m in p.regex.finditer(text)]
    found: list[ConductFinding] = []
    for pattern in probed:
        if language is not None and pattern.language is not language:
            continue
        category = pattern.category
        if category is None:
            continue
        for match in pattern.regex.finditer(text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in allowed_spans):
                continue
            label_zh, label_en = lists.labels[category]
            found.append(
                ConductFinding(
                    category=category,
                    phrase=match.group(0),
                    listed_phrase=pattern.listed,
                    start=start,
                    end=end,
                    label_zh=label_zh,
                    label_en=label_en,
                    source=lists.sources[category],
                )
            )
    return _without_nested(found)


def _without_nested(found: list[ConductFinding]) -> list[ConductFinding]:
    # "打断你的腿" and "打断你腿" style overlaps: within one category report the widest
    # match once; different categories at the same place are different problems.
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


def is_clean(text: str, language: Language | None = None) -> bool:
    """True when `text` contains no banned phrase (shipped lists)."""
    return not find_banned_conduct(text, language)
