"""Errors of the compliance engine and the text lint, readable in Chinese and English.

They are `DomainError`s, so whoever already turns domain errors into a dialog or an API
answer handles these too; the sentences are complete, written by the raiser.
"""

from __future__ import annotations

from agentdesk.domain.errors import DomainError
from agentdesk.domain.vocabulary import Language


def _literal(text: str) -> str:
    # DomainError fills {field}/{value}/{allowed} into its texts; ours are final sentences
    # that may quote a file's braces, so escape them.
    return text.replace("{", "{{").replace("}", "}}")


class ComplianceError(DomainError):
    """Base of every compliance error: one finished sentence per language."""

    def __init__(
        self,
        message_zh: str,
        message_en: str,
        *,
        code: str = "compliance",
        field: str = "",
        value: object = None,
    ) -> None:
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(
            code,
            field,
            value,
            texts={Language.ZH_CN: _literal(message_zh), Language.EN: _literal(message_en)},
        )


class PolicyFileError(ComplianceError):
    """A policy or word-list file that cannot be used: where (line) and why."""

    def __init__(
        self, source: str, line: int | None, reason_zh: str, reason_en: str, field: str = ""
    ) -> None:
        where_en = f"{source}, line {line}" if line is not None else source
        where_zh = f"{source} 第 {line} 行" if line is not None else source
        at_en = f" (field {field})" if field else ""
        at_zh = f"（字段 {field}）" if field else ""
        super().__init__(
            f"{where_zh}{at_zh}：{reason_zh}",
            f"{where_en}{at_en}: {reason_en}",
            code="malformed",
            field=field,
            value=source,
        )
        self.source = source
        self.line = line
        self.reason_en = reason_en
        self.reason_zh = reason_zh


class ContactInputError(ComplianceError):
    """A contact check was asked with facts that cannot be judged (e.g. a naive time)."""

    def __init__(self, field: str, message_zh: str, message_en: str) -> None:
        super().__init__(
            f"{field}：{message_zh}", f"{field}: {message_en}", code="invalid", field=field
        )


class OverrideError(ComplianceError):
    """An override that the policy does not permit, or that lacks a written reason."""
