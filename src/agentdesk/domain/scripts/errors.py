"""Typed errors of negotiation scripts, each with a Chinese and an English sentence.

An agent or a script author reads these; each says what went wrong and where (file and
line for a script file, step id for a walk), in both languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agentdesk.domain.errors import DomainError
from agentdesk.domain.vocabulary import Language


def _literal(text: str) -> str:
    # DomainError fills {field}/{value}/{allowed} into its texts; ours are complete
    # sentences that may quote placeholders such as {amount_overdue}.
    return text.replace("{", "{{").replace("}", "}}")


class ScriptError(DomainError):
    """Base of every script error: a whole sentence in Chinese and in English."""

    def __init__(
        self, message_zh: str, message_en: str, *, code: str = "script", field: str = "script"
    ) -> None:
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(
            code,
            field,
            None,
            texts={Language.ZH_CN: _literal(message_zh), Language.EN: _literal(message_en)},
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a script file, located as precisely as the file allows."""

    source: str
    line: int | None
    reason_en: str
    reason_zh: str

    @property
    def where(self) -> str:
        """`file:line`, or just the file when no line is known."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def __str__(self) -> str:
        return f"{self.where}: {self.reason_en} / {self.reason_zh}"


class ScriptFormatError(ScriptError):
    """A script file is not valid YAML or does not follow the script format."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "脚本文件格式错误：\n" + "\n".join(f"{p.where}: {p.reason_zh}" for p in self.problems),
            "The script file is not valid:\n"
            + "\n".join(f"{p.where}: {p.reason_en}" for p in self.problems),
        )


class WalkError(ScriptError):
    """An agent's action does not fit the walk's current state."""


class UnconfirmedDisclosureError(WalkError):
    """The agent tried to go past a mandatory disclosure without confirming it was read."""

    def __init__(self, step_id: str) -> None:
        self.step_id = step_id
        super().__init__(
            f"必须先确认已完整告知步骤“{step_id}”中的内容，才能继续。",
            f"Confirm that the disclosure in step '{step_id}' was read out in full "
            "before going on.",
        )


class UnknownChoiceError(WalkError):
    """The agent picked an answer, branch or objection that is not available here."""

    def __init__(self, step_id: str, choice: str, allowed: Sequence[str]) -> None:
        self.step_id = step_id
        self.choice = choice
        self.available = tuple(allowed)
        listed = ", ".join(self.available) or "—"
        super().__init__(
            f"步骤“{step_id}”没有选项“{choice}”；可选：{listed}。",
            f"Step '{step_id}' has no choice '{choice}'; available: {listed}.",
        )


class WalkFinishedError(WalkError):
    """The walk already reached an ending; nothing more can be chosen."""

    def __init__(self) -> None:
        super().__init__(
            "本次通话脚本已结束，不能再继续操作。",
            "This call's script has already ended; nothing more can be done in it.",
        )


class DebtDetailRefusedError(WalkError):
    """A debt detail was about to be shown while a third party is on the line (CN-4, US-8)."""

    def __init__(self, placeholder: str) -> None:
        self.placeholder = placeholder
        super().__init__(
            f"接听人为第三方，不得显示或说出债务信息（{{{placeholder}}}）。",
            f"A third party is on the line: the debt detail {{{placeholder}}} must not be "
            "shown or said.",
        )


class MissingCallDataError(WalkError):
    """A placeholder needs a piece of case data the caller did not supply."""

    def __init__(self, placeholder: str, field: str) -> None:
        self.placeholder = placeholder
        super().__init__(
            f"占位符 {{{placeholder}}} 需要案件数据“{field}”，但未提供。",
            f"Placeholder {{{placeholder}}} needs the case data '{field}', which was not given.",
            code="missing",
            field=field,
        )


class ResumeMismatchError(WalkError):
    """A saved walk does not belong to the script (or script version) it is resumed with."""

    def __init__(self, expected: str, found: str) -> None:
        self.expected = expected
        self.found = found
        super().__init__(
            f"保存的通话进度属于脚本 {expected}，不能用脚本 {found} 继续。",
            f"The saved call belongs to script {expected}; it cannot be resumed with {found}.",
        )


class InvalidWalkDataError(WalkError):
    """Saved walk data is damaged or incomplete."""

    def __init__(self, field: str, reason: str, reason_zh: str) -> None:
        super().__init__(
            f"保存的通话进度数据无效（{field}）：{reason_zh}",
            f"The saved call data is invalid ({field}): {reason}",
            code="invalid",
            field=field,
        )


class NaiveTimestampError(WalkError):
    """A timestamp without a time zone was passed in; walks record aware times only."""

    def __init__(self, field: str) -> None:
        super().__init__(
            f"时间“{field}”必须带时区（例如 UTC）。",
            f"The time '{field}' must carry a time zone (for example UTC).",
            code="naive_time",
            field=field,
        )


class NothingToReturnToError(WalkError):
    """`@return` was reached though no branch or objection was opened (a script that
    skipped lint)."""

    def __init__(self, step_id: str) -> None:
        self.step_id = step_id
        super().__init__(
            f"步骤“{step_id}”要求返回，但之前没有打开任何分支；请检查脚本。",
            f"Step '{step_id}' returns, but no branch was opened before it; check the script.",
        )
