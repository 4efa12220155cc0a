"""Search keys derived from names and phones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from agentdesk.client.search_keys import (
    mask_phone,
    name_keys,
    normalise_query,
    phone_digits,
    search_document,
)


def test_a_plain_name() -> None:
    keys = name_keys("张三丰")
    assert (keys.pinyin, keys.initials) == ("zhangsanfeng", "zsf")
    assert {"张三丰", "zhangsanfeng", "zsf", "zhangsf", "张sanfeng", "张sf", "三丰"} <= (
        keys.prefix_keys)


def test_polyphonic_surnames_read_as_surnames_first_and_also_as_everyday_words() -> None:
    shan = name_keys("单田芳")
    assert (shan.pinyin, shan.initials) == ("shantianfang", "stf")
    assert shan.readings == ("shantianfang", "dantianfang")
    assert {"dtf", "stf"} <= shan.prefix_keys
    zeng = name_keys("曾小贤")
    assert zeng.pinyin == "zengxiaoxian"
    assert name_keys("解缙").pinyin == "xiejin"
    assert name_keys("仇英").pinyin == "qiuying"


def test_compound_surnames_split_after_two_characters() -> None:
    keys = name_keys("欧阳娜娜")
    assert {"ouyangnn", "欧阳nn", "娜娜", "oynn"} <= keys.prefix_keys
    yuchi = name_keys("尉迟恭")
    assert (yuchi.pinyin, yuchi.initials) == ("yuchigong", "ycg")


def test_non_chinese_names() -> None:
    keys = name_keys("John  Smith")
    assert keys.pinyin == "johnsmith"
    assert {"john", "smith", "js"} <= keys.prefix_keys
    assert name_keys("   ").prefix_keys == frozenset()


def test_phones_are_masked_and_reduced_to_digits() -> None:
    assert phone_digits("+86 138-1234-5678") == "13812345678"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("021-6543210") == "021***3210"
    assert mask_phone("12345") == "12*45"
    assert mask_phone("123") == "***"


def test_queries_are_normalised_like_the_index() -> None:
    assert normalise_query(" Zhang San ") == "zhangsan"
    assert normalise_query("138 1234-5678") == "13812345678"
    assert normalise_query("+86 (138)") == "86138"
    assert normalise_query("LN-2024") == "ln-2024"


def test_search_document_holds_every_form() -> None:
    doc = search_document(name_keys("李四"), ["13800005678"], "LN-2024-01")
    for part in ("李四", "lisi", "ls", "13800005678", "ln-2024-01"):
        assert part in doc


COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红"


@settings(max_examples=60, deadline=None)
@given(surname=st.sampled_from(COMMON),
       given_name=st.text(alphabet=GIVEN, min_size=1, max_size=2))
def test_full_pinyin_initials_and_characters_always_find_the_name(
    surname: str, given_name: str
) -> None:
    name = surname + given_name
    keys = name_keys(name)
    syllables = lazy_pinyin(surname) + lazy_pinyin(given_name)
    full = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    document = search_document(keys, [], "")
    assert full in keys.readings
    assert {name, full, initials} <= keys.prefix_keys
    # Every 1-2 character prefix of the typed forms is indexed (prefix table) and every
    # longer one is a substring of the trigram document.
    for typed in (name, full, initials, surname + "".join(s[0] for s in syllables[1:])):
        for end in range(1, len(typed) + 1):
            prefix = typed[:end]
            if end <= 2:
                assert any(k.startswith(prefix) for k in keys.prefix_keys), prefix
            else:
                assert prefix in document, prefix
