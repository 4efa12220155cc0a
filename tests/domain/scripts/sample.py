"""A small, complete, valid script to break one rule at a time in tests."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from agentdesk.domain.scripts import Script, parse_script

_BASE: dict[str, Any] = {
    "format_version": 1,
    "id": "sample_en",
    "version": 1,
    "title": "Sample call",
    "language": "en",
    "start": "hello",
    "branches": {
        "deescalation": "calm",
        "third_party": "tp_message",
        "cease_request": "stop",
        "dispute": "dispute",
        "complaint": "complaint",
        "hardship": "hardship",
        "voicemail": "vm",
    },
    "objections": [{"id": "why_so_much", "label": "Why so much?", "next": "breakdown"}],
    "steps": {
        "hello": {
            "kind": "question",
            "text": "Hello, is that {borrower_name}?",
            "answers": [
                {"id": "yes", "label": "Yes", "next": "notice"},
                {"id": "someone_else", "label": "Someone else", "next": "@third_party"},
            ],
        },
        "notice": {"kind": "disclosure", "text": "This call is recorded.", "next": "amount"},
        "amount": {
            "kind": "question",
            "text": "You owe {amount_overdue}, {days_overdue} late. Can you pay by Friday?",
            "answers": [
                {"id": "yes", "label": "Yes", "next": "promise"},
                {"id": "no", "label": "No", "next": "@hardship"},
            ],
        },
        "promise": {"kind": "end", "text": "Thank you.", "outcome": "promise"},
        "calm": {"kind": "say", "text": "I understand. Take your time.", "next": "@return"},
        "tp_message": {
            "kind": "say",
            "text": "Could you ask them to call {callback_number}?",
            "next": "tp_end",
        },
        "tp_end": {"kind": "end", "text": "Thank you.", "outcome": "third_party"},
        "stop": {"kind": "end", "outcome": "refused", "hold": "cease_request"},
        "vm": {"kind": "end", "text": "Please call {callback_number}.", "outcome": "voicemail"},
        "dispute": {"kind": "end", "outcome": "dispute", "hold": "dispute"},
        "complaint": {"kind": "end", "outcome": "complaint", "hold": "complaint"},
        "hardship": {
            "kind": "offer",
            "text": "We could extend the term.",
            "offers": [
                {"id": "ext", "plan": "term_extension", "label": "Extend 6", "extra_months": 6}
            ],
            "answers": [
                {"id": "ok", "label": "Accepts", "accepts_offer": "ext", "next": "plan"},
                {"id": "no", "label": "Declines", "next": "callback"},
            ],
        },
        "plan": {"kind": "end", "outcome": "plan_proposed"},
        "callback": {"kind": "end", "outcome": "callback_requested"},
        "breakdown": {"kind": "say", "text": "It is instalments plus penalty.", "next": "@return"},
    },
}


def sample() -> dict[str, Any]:
    """A fresh copy of the valid sample script, as plain data."""
    return copy.deepcopy(_BASE)


def to_yaml(data: dict[str, Any]) -> str:
    """The script as YAML text (keys in the order written)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def parse(data: dict[str, Any], source: str = "sample.yaml") -> Script:
    """Parse `data` through the real YAML path, so errors carry lines."""
    return parse_script(to_yaml(data), source)
