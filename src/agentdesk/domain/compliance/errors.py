"""Errors of the compliance engine and the text lint, readable in Chinese and English."""

from __future__ import annotations

from agentdesk.domain.vocabulary import Language


class ComplianceError(ValueError):
    """Base of every compliance error: carries one message per language."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, language: Language) -> str:
        """The message in `language`."""
        return self.message_zh if language is Language.ZH_CN else self.message_en


class PolicyFileError(ComplianceError):
    """A policy or word-list file that cannot be used: where (line) and why."""

    def __init__(
        self, source: str, line: int | None, reason_zh: str, reason_en: str, field: str = ""
    ) -> None:
        where_en = f"{source}, line {line}" if line is not None else source
        where_zh = f"{source} 第 {line} 行" if line is not None else source
        at_en = f" (field {field})" if field else ""
        at_zh = f"（字段 {field}）" if field else ""
        super().__init__(f"{where_zh}{at_zh}：{reason_zh}", f"{where_en}{at_en}: {reason_en}")
        self.source = source
        self.line = line
        self.field = field
        self.reason_en = reason_en
        self.reason_zh = reason_zh


class ContactInputError(ComplianceError):
    """A contact check was asked with facts that cannot be judged (e.g. a naive time)."""

    def __init__(self, field: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{field}：{message_zh}", f"{field}: {message_en}")
        self.field = field


class OverrideError(ComplianceError):
    """An override that the policy does not permit, or that lacks a written reason."""
