"""What the queue's search box can find a case by: name (characters or pinyin), phone, loan.

For each case we derive, once when it is stored:

- *name keys*: the name in characters, its full pinyin, its initials, and mixed forms
  (full surname + initials of the given name, the surname in characters + the given
  name in pinyin or initials), plus the given name alone. Their distinct 1- and
  2-character prefixes go into an indexed table, so `z`, `zs`, `张` or `三` is one
  index lookup that yields each matching case once.
- a *search document* for the FTS5 trigram index: every name key, the phone digits and
  the loan number, so any 3+ character substring (`zhangs`, `zsf`, `张sf`, `5678`,
  `2024001`) is found.

Surnames with a special reading (单 shàn, 曾 zēng, 解 xiè, 仇 qiú …) are indexed under the
surname reading *and* the everyday reading pypinyin picks, so either spelling finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

# Two-character surnames: the given name starts after them.
_COMPOUND_SURNAMES = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "长孙", "令狐", "慕容",
        "夏侯", "公孙", "万俟", "澹台", "宇文", "端木", "司徒", "西门", "独孤", "南宫",
        "轩辕", "呼延", "闻人", "申屠", "太史", "钟离", "赫连", "拓跋", "百里", "东郭",
        "公冶", "单于",
    }
)  # fmt: skip

# How a character (or compound) reads *as a surname*, where that differs from the
# everyday reading pypinyin gives it out of context.
# Syllables are space-separated so initials can be taken per syllable.
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao",
    "查": "zha", "覃": "qin", "尉": "yu", "乐": "yue", "盖": "ge", "缪": "miao",
    "翟": "zhai", "召": "shao", "折": "she", "员": "yun", "种": "chong", "秘": "bi",
    "繁": "po", "黑": "he", "长": "chang", "重": "chong", "宿": "su", "句": "gou",
    "能": "nai", "过": "guo", "藏": "zang", "纪": "ji", "华": "hua", "任": "ren",
    "冼": "xian", "洗": "xian", "阚": "kan", "瞿": "qu", "柏": "bai", "薄": "bo",
    "贲": "ben", "费": "fei", "葛": "ge", "车": "che", "沈": "shen", "祭": "zhai",
    "万俟": "mo qi", "尉迟": "yu chi", "长孙": "zhang sun", "澹台": "tan tai",
    "令狐": "ling hu", "单于": "chan yu",
}  # fmt: skip

_CJK_CLASS = r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"
_NOT_DIGIT = re.compile(r"\D+")
_SPACES = re.compile(r"\s+")
_PHONE_SEPARATORS = re.compile(r"[\s\-+().]+")


def normalise_query(text: str) -> str:
    """What the user typed, as the indexes hold it: case-folded, without spaces.

    A phone number typed with separators (`138-1234 5678`, `+86 138…`) becomes digits.
    """
    folded = _SPACES.sub("", text.casefold())
    stripped = _PHONE_SEPARATORS.sub("", text)
    if stripped.isdigit():
        return stripped
    return folded


def is_digits(query: str) -> bool:
    """Whether a normalised query is a (partial) phone number or numeric loan number."""
    return query.isdigit()


@cache
def _cjk() -> re.Pattern[str]:
    # Compiled when first needed (a name to store), not on import: the class spans
    # ~28,000 code points, which `re` walks one by one (~8 ms), and the desktop imports
    # this module before its first window shows.
    return re.compile(_CJK_CLASS)


def _split_surname(name: str) -> tuple[str, str]:
    if len(name) >= 3 and name[:2] in _COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    # One syllable per CJK character; anything else (latin letters, digits) kept whole.
    # Cached: surnames and given names repeat a lot across a portfolio, and pypinyin's
    # phrase segmentation is the slowest step of storing a case.
    # Imported here: loading pypinyin trains its segmenter (~0.3 s), which the app's
    # start-up should not pay before the first case is stored.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    return tuple(s.casefold() for s in syllables if s)


def warm_up() -> None:
    """Load pypinyin and its segmenter now (about a second of CPU), ahead of the first name.

    Meant for a background thread at the start of a first sync: the import then runs
    while the desktop waits for the server's first page and while SQLite writes (which
    release the GIL), instead of inside the first page's transaction. A name stored
    meanwhile simply waits for the import to finish (Python's import lock)."""
    _syllables("张三")


def _initials(syllables: Iterable[str]) -> str:
    return "".join(s[0] for s in syllables if s)


class NameKeys(NamedTuple):
    """Everything the search derives from a borrower's name (a named tuple: no
    dataclass is made on the desktop's way to its first paint, see `agentdesk.ui.launch`)."""

    pinyin: str
    """The everyday full pinyin (`zhangsan`), for display and sorting."""
    initials: str
    """The initials of that reading (`zs`)."""
    prefix_keys: frozenset[str]
    """Keys searched by prefix (see the module docstring)."""
    readings: tuple[str, ...]
    """Every full-pinyin reading, for the substring index."""


def name_keys(name: str) -> NameKeys:
    """Derive the search keys of a borrower name (Chinese or not)."""
    clean = _SPACES.sub("", name.strip()).casefold()
    if not clean:
        return NameKeys("", "", frozenset(), ())
    if not _cjk().search(clean):
        words = [w for w in _SPACES.split(name.strip().casefold()) if w]
        keys = {clean, *words, "".join(w[0] for w in words)}
        return NameKeys(clean, "".join(w[0] for w in words), frozenset(keys), (clean,))

    surname, given = _split_surname(clean)
    given_syllables = _syllables(given)
    given_full = "".join(given_syllables)
    given_initials = _initials(given_syllables)
    readings_syllables = [_syllables(surname)]
    special = _SURNAME_READINGS.get(surname)
    if special and tuple(special.split()) != readings_syllables[0]:
        # The surname reading comes first: it is the right one for a name.
        readings_syllables.insert(0, tuple(special.split()))

    keys = {clean, surname + given_full, surname + given_initials}
    if given:
        keys.add(given)
    readings: list[str] = []
    initials: list[str] = []
    for syllables in readings_syllables:
        surname_full = "".join(syllables)
        readings.append(surname_full + given_full)
        initials.append(_initials(syllables) + given_initials)
        keys.update({readings[-1], initials[-1], surname_full + given_initials})
    return NameKeys(
        pinyin=readings[0],
        initials=initials[0],
        prefix_keys=frozenset(k for k in keys if k),
        readings=tuple(dict.fromkeys(readings)),
    )


def phone_digits(value: str) -> str:
    """The digits of a phone number, as typed into the search box (`13812345678`)."""
    digits = _NOT_DIGIT.sub("", value)
    # A leading country code of mainland China is noise for searching.
    if len(digits) == 13 and digits.startswith("86"):
        return digits[2:]
    return digits


def mask_phone(value: str) -> str:
    """A phone number for display with its middle hidden: `138****5678`."""
    digits = phone_digits(value)
    if len(digits) <= 4:
        return "*" * len(digits)
    if len(digits) <= 7:
        return digits[:2] + "*" * (len(digits) - 4) + digits[-2:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def search_document(keys: NameKeys, phones: Iterable[str], loan_number: str) -> str:
    """The text the trigram index holds for one case (space-separated parts)."""
    parts = [*sorted(keys.prefix_keys), *phones, loan_number.casefold()]
    return " ".join(p for p in parts if p)
