"""Why a part of a script file was refused, in words an author understands, in both
languages: pydantic's error types turned into sentences."""

from __future__ import annotations

from typing import Any

_ID_RULE_EN = "use lowercase letters, digits and _, starting with a letter"
_ID_RULE_ZH = "只能使用小写字母、数字和下划线，并以字母开头"


def _expected(ctx: dict[str, Any], key: str) -> str:
    return str(ctx.get(key, "")).replace("'", "")


def reason(error: dict[str, Any]) -> tuple[str, str]:
    """(English, Chinese) for one pydantic error; unknown kinds keep pydantic's words."""
    kind = str(error.get("type", ""))
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    message = str(error.get("msg", ""))
    if kind == "missing":
        return "this field is required", "缺少必填字段"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling)", "不认识的字段（请检查拼写）"
    if kind == "union_tag_invalid":
        tags = _expected(ctx, "expected_tags")
        return (
            f"kind '{ctx.get('tag')}' is not one of: {tags}",
            f"kind“{ctx.get('tag')}”无效，只能是：{tags}",
        )
    if kind == "union_tag_not_found":
        return "kind is missing (say, disclosure, question, offer, route or end)", (
            "缺少 kind（say、disclosure、question、offer、route 或 end）"
        )
    if kind in ("enum", "literal_error"):
        expected = _expected(ctx, "expected")
        return f"must be one of: {expected}", f"只能是以下之一：{expected}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}", f"不能大于 {ctx.get('le')}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}", f"不能小于 {ctx.get('ge')}"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return f"is longer than {limit} characters", f"超过 {limit} 个字符"
    if kind == "string_too_short":
        return "must not be empty", "不能为空"
    if kind == "too_short":
        return "must not be empty", "不能为空"
    if kind == "string_pattern_mismatch":
        return f"is not a valid id ({_ID_RULE_EN})", f"不是有效的标识（{_ID_RULE_ZH}）"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number", "应为整数"
    if kind in ("decimal_type", "decimal_parsing"):
        return "must be a number", "应为数字"
    if kind in ("string_type",):
        return "must be text", "应为文本"
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false", "应为 true 或 false"
    if kind in ("list_type",):
        return "must be a list (items starting with -)", "应为列表（每项以 - 开头）"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a block of fields", "应为字段块"
    if kind == "value_error":
        text = message.removeprefix("Value error, ")
        return text, text
    return message, message
