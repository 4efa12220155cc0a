"""Made-up people for demo data: names, ID numbers, phones, addresses, e-mails.

Everything here is generated from short lists of common name parts and places; no real
person's data is used. ID numbers have the right shape and check digit but are random.
"""

from __future__ import annotations

import random
from datetime import date, timedelta


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = _words(
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 "
    "彭 曾 肖 田 董 潘 袁 蔡 蒋 余 于 杜 叶 程 魏 苏 吕 丁 任 卢 姚 沈 钟 姜 崔 谭 陆 范 汪 廖 "
    "欧阳 司马 上官 "
)

GIVEN_CHARS = _words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 玉 兰 萍 建 红 文 "
    "辉 宁 鹏 俊 海 燕 雪 琳 晨 宇 浩 凯 婷 欣 怡 佳 嘉 子 梓 涵 睿 轩 博 昊 思 雨 晴 悦 瑶 诗 "
    "志 国 春 晓 云 飞 龙 斌 亮 东 峰 成 波 鑫 帆 蕾 倩 丹 颖 琪 璐 薇 岚 彤 航 哲 远 毅 然 安 "
)

ENGLISH_FIRST = _words(
    "James Mary John Linda Robert Sarah Michael Emily David "
    "Grace William Olivia Daniel Sophia Thomas Chloe Henry Alice "
    "Peter Lucy Andrew Hannah Kevin Irene "
)
ENGLISH_LAST = _words(
    "Smith Johnson Brown Taylor Wilson Clarke Walker Wright "
    "Green Hall Wood Harris Lewis Martin Cooper King Baker "
    "Turner Hill Moore "
)

# (province/city, area code prefix for ID numbers, districts)
PLACES = (
    ("北京市", "110101", ("东城区", "朝阳区", "海淀区", "丰台区")),
    ("上海市", "310101", ("黄浦区", "徐汇区", "浦东新区", "静安区")),
    ("广东省广州市", "440103", ("天河区", "越秀区", "海珠区", "白云区")),
    ("广东省深圳市", "440303", ("福田区", "南山区", "罗湖区", "宝安区")),
    ("浙江省杭州市", "330102", ("西湖区", "上城区", "拱墅区", "滨江区")),
    ("江苏省南京市", "320102", ("玄武区", "鼓楼区", "建邺区", "江宁区")),
    ("四川省成都市", "510104", ("锦江区", "武侯区", "青羊区", "成华区")),
    ("湖北省武汉市", "420102", ("江岸区", "武昌区", "洪山区", "汉阳区")),
    ("陕西省西安市", "610102", ("新城区", "碑林区", "雁塔区", "未央区")),
    ("重庆市", "500103", ("渝中区", "江北区", "南岸区", "沙坪坝区")),
)
STREETS = _words(
    "人民路 解放路 中山路 建设路 和平路 新华路 长江路 黄河路 "
    "文化路 光明路 青年路 胜利路 学院路 科技路 幸福路"
)
COMPLEXES = _words("阳光花园 锦绣家园 翠苑小区 金色家园 滨江花苑 绿城小区 华府名苑 书香门第 ")
EMPLOYERS = _words(
    "星辰科技有限公司 恒达物流有限公司 华信商贸有限公司 "
    "蓝海餐饮管理有限公司 远航建筑工程有限公司 明德教育咨询有限公司 "
    "宏图电子有限公司 "
)
MAIL_DOMAINS = ("example.com", "example.cn", "example.net")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def chinese_name(rng: random.Random) -> str:
    """A made-up Chinese name: a surname and one or two given-name characters."""
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def english_name(rng: random.Random) -> str:
    """A made-up English name."""
    return f"{rng.choice(ENGLISH_FIRST)} {rng.choice(ENGLISH_LAST)}"


def birth_date(rng: random.Random, today: date) -> date:
    """A birth date for an adult borrower of 21–60."""
    return today - timedelta(days=rng.randint(21 * 365, 60 * 365))


def national_id(rng: random.Random, area: str, born: date) -> str:
    """An 18-character resident ID number with a valid check digit (random, not anyone's)."""
    body = f"{area}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]


def mobile(rng: random.Random) -> str:
    """An 11-digit mobile number of the usual shape."""
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def address(rng: random.Random, place: tuple[str, str, tuple[str, ...]]) -> str:
    """A made-up street address in `place`."""
    city, _, districts = place
    return (
        f"{city}{rng.choice(districts)}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
        f"{rng.choice(COMPLEXES)}{rng.randint(1, 30)}栋{rng.randint(1, 30)}0{rng.randint(1, 6)}室"
    )


def email(rng: random.Random, n: int) -> str:
    """A made-up e-mail address on a reserved example domain."""
    return f"user{n:06d}.{rng.randint(10, 99)}@{rng.choice(MAIL_DOMAINS)}"
