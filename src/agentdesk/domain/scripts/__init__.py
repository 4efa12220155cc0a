"""Scripted negotiation guidance: scripts as data, their lint, and the walk of a call.

    scripts = load_default_scripts()
    script = pick_script(facts, scripts)
    walk = Walk.begin(script, facts, call_data, at=now)
    walk.view(); walk.choose("agrees", at=now); walk.open_branch(BranchKind.HARDSHIP, at=now)
    record = walk.transcript(); saved = walk.to_data(); Walk.resume(saved, script, call_data)

The format is documented in resources/scripts/FORMAT.md.
"""

from agentdesk.domain.schedule import RepaymentMethod
from agentdesk.domain.scripts.assembly import assemble, pick_script
from agentdesk.domain.scripts.conditions import Answerer, CaseFacts, Condition, RuleProfile
from agentdesk.domain.scripts.errors import (
    DebtDetailRefusedError,
    InvalidWalkDataError,
    MissingCallDataError,
    NaiveTimestampError,
    NothingToReturnToError,
    Problem,
    ResumeMismatchError,
    ScriptError,
    ScriptFormatError,
    UnconfirmedDisclosureError,
    UnknownChoiceError,
    WalkError,
    WalkFinishedError,
)
from agentdesk.domain.scripts.files import (
    default_scripts_folder,
    load_default_scripts,
    load_script_folder,
    load_script_text,
)
from agentdesk.domain.scripts.lint import (
    LintFinding,
    LintRule,
    ScriptLintError,
    check_script,
    lint_script,
)
from agentdesk.domain.scripts.loader import parse_branch_set, parse_script, script_document
from agentdesk.domain.scripts.model import (
    BranchKind,
    BranchSet,
    PlanKind,
    PlanOffer,
    Script,
)
from agentdesk.domain.scripts.placeholders import BUILTIN_PLACEHOLDERS, DATA_FIELDS, CallData
from agentdesk.domain.scripts.record import CallOutcome, TranscriptEntry, WalkEvent, WalkSnapshot
from agentdesk.domain.scripts.walk import NEXT, Choice, StepView, Walk

__all__ = [
    "BUILTIN_PLACEHOLDERS",
    "DATA_FIELDS",
    "NEXT",
    "Answerer",
    "BranchKind",
    "BranchSet",
    "CallData",
    "CallOutcome",
    "CaseFacts",
    "Choice",
    "Condition",
    "DebtDetailRefusedError",
    "InvalidWalkDataError",
    "LintFinding",
    "LintRule",
    "MissingCallDataError",
    "NaiveTimestampError",
    "NothingToReturnToError",
    "PlanKind",
    "PlanOffer",
    "Problem",
    "RepaymentMethod",
    "ResumeMismatchError",
    "RuleProfile",
    "Script",
    "ScriptError",
    "ScriptFormatError",
    "ScriptLintError",
    "StepView",
    "TranscriptEntry",
    "UnconfirmedDisclosureError",
    "UnknownChoiceError",
    "Walk",
    "WalkError",
    "WalkEvent",
    "WalkFinishedError",
    "WalkSnapshot",
    "assemble",
    "check_script",
    "default_scripts_folder",
    "lint_script",
    "load_default_scripts",
    "load_script_folder",
    "load_script_text",
    "parse_branch_set",
    "parse_script",
    "pick_script",
    "script_document",
]
