"""Fill a step's placeholders with case data, formatted for the script's language."""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal

from agentdesk.domain.scripts.errors import DebtDetailRefusedError, MissingCallDataError
from agentdesk.domain.scripts.model import Script
from agentdesk.domain.scripts.placeholders import (
    BUILTIN_PLACEHOLDERS,
    DATA_FIELDS,
    CallData,
    Placeholder,
    ValueKind,
    format_value,
    money_number,
)
from agentdesk.domain.vocabulary import Language


def catalogue(script: Script) -> dict[str, Placeholder]:
    """The placeholders a script may use: the built-in ones plus its own valid ones."""
    found = dict(BUILTIN_PLACEHOLDERS)
    for name, spec in script.placeholders.items():
        if spec.field in DATA_FIELDS:
            found[name] = Placeholder(name, spec.field, dict(spec.format))
    return found


def render_placeholder(
    placeholder: Placeholder, data: CallData, language: Language, *, third_party: bool
) -> str:
    """One placeholder's words. Refuses debt details when a third party is on the line."""
    if third_party and placeholder.debt_detail:
        raise DebtDetailRefusedError(placeholder.name)
    field = placeholder.data_field
    value = data.get(field.name)
    if value is None:
        raise MissingCallDataError(placeholder.name, field.name)
    template = placeholder.formats[language]
    formatted = format_value(field.kind, value, language, data.currency)
    number = (
        money_number(value, language)
        if field.kind is ValueKind.MONEY and isinstance(value, Decimal)
        else formatted
    )
    return template.format(value=formatted, number=number)


def render_text(
    text: str,
    placeholders: Mapping[str, Placeholder],
    data: CallData,
    language: Language,
    *,
    third_party: bool,
) -> str:
    """`text` with every `{name}` replaced by its words (lint guarantees they are known)."""
    parts: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(text):
        parts.append(literal)
        if name is not None:
            parts.append(
                render_placeholder(placeholders[name], data, language, third_party=third_party)
            )
    return "".join(parts)
