"""Parse script text (YAML) into validated models, reporting problems by file and line.

This module parses text it is given; reading files is left to `files.py`. Every error
names the source and the line of the offending part, so an author can go straight to it.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from agentdesk.domain.scripts.errors import Problem, ScriptFormatError
from agentdesk.domain.scripts.model import BranchSet, Script, SourceMap
from agentdesk.domain.scripts.reasons import reason

_Model = TypeVar("_Model", Script, BranchSet)

Path = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"


# libyaml's parser when present: about ten times faster, with the same marks.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ScriptYamlLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """YAML with only true/false as booleans: an answer id `no` or `yes` stays a string
    (YAML 1.1 would silently turn it into False)."""


_ScriptYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ScriptYamlLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _map_lines(
    node: yaml.Node, path: Path, source: str, lines: dict[Path, tuple[str, int]]
) -> list[Problem]:
    """Record the line of every key and item under `node`; report duplicate keys."""
    problems: list[Problem] = []
    lines[path] = (source, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(
                    Problem(
                        source,
                        key_node.start_mark.line + 1,
                        f"'{key}' appears twice in the same block",
                        f"同一层级中“{key}”出现了两次",
                    )
                )
            seen.add(key)
            problems += _map_lines(value_node, (*path, key), source, lines)
            # Point at the key's line: that is where an author looks for "steps.greet".
            lines[(*path, key)] = (source, key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _map_lines(item, (*path, index), source, lines)
    return problems


def _parse(text: str, source: str) -> tuple[Any, SourceMap]:
    loader = _ScriptYamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ScriptFormatError([Problem(source, None, "the file is empty", "文件为空")])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        raise ScriptFormatError(
            [Problem(source, line, f"not valid YAML: {reason}", f"不是有效的 YAML：{reason}")]
        ) from exc
    finally:
        loader.dispose()
    lines: dict[Path, tuple[str, int]] = {}
    problems = _map_lines(node, (), source, lines)
    if problems:
        raise ScriptFormatError(problems)
    if not isinstance(data, dict):
        raise ScriptFormatError(
            [Problem(source, 1, "the file must be a mapping of fields", "文件顶层必须是字段映射")]
        )
    return data, SourceMap(lines)


def _locate(source_map: SourceMap, loc: tuple[int | str, ...], source: str) -> int | None:
    # Pydantic puts the union tag (e.g. 'say') into locations; keep only the parts that
    # exist in the file so the line is the deepest real node.
    path: Path = ()
    for part in loc:
        candidate = (*path, part)
        if candidate in source_map.lines:
            path = candidate
    where = source_map.locate(path)
    return where[1] if where is not None else None


def _dotted(loc: tuple[int | str, ...], source_map: SourceMap) -> str:
    """`steps.greet.answers[0].next`, without the union tags pydantic adds."""
    text = ""
    path: Path = ()
    for index, part in enumerate(loc):
        candidate = (*path, part)
        if candidate not in source_map.lines and index != len(loc) - 1:
            continue
        path = candidate
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _validate(model: type[_Model], data: Any, source_map: SourceMap, source: str) -> _Model:
    try:
        document = model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            field = _dotted(loc, source_map) or "(file)"
            en, zh = reason(dict(error))
            problems.append(
                Problem(
                    source, _locate(source_map, loc, source), f"{field}: {en}", f"{field}：{zh}"
                )
            )
        raise ScriptFormatError(problems) from exc
    document.with_source(source_map)
    return document


def parse_script(text: str, source: str) -> Script:
    """Parse and validate a script's YAML text; `source` names it in errors.

    Raises ScriptFormatError listing each problem with its line. Does not lint: see
    `load_script` for the checked form.
    """
    data, source_map = _parse(text, source)
    return _validate(Script, data, source_map, source)


def parse_branch_set(text: str, source: str) -> BranchSet:
    """Parse and validate a branch set's YAML text (shared always-available branches)."""
    data, source_map = _parse(text, source)
    return _validate(BranchSet, data, source_map, source)


_BRANCH_SET = re.compile(r"""^kind:[ \t]*["']?branch_set["']?[ \t]*(#.*)?$""", re.MULTILINE)


def is_branch_set(text: str) -> bool:
    """Whether YAML text declares `kind: branch_set` at its top level (a cheap look at the
    text; the full parse then validates it). JSON documents are always scripts."""
    return bool(_BRANCH_SET.search(text))


def dump_model(model: BaseModel) -> dict[str, Any]:
    """A model as plain data (for tests and tools that write scripts)."""
    return model.model_dump(mode="json", exclude_none=True)


def script_document(script: Script) -> str:
    """An assembled script as self-contained JSON text (JSON is YAML, so `parse_script`
    reads it back as the same script, `includes` and all).

    This is what the server publishes: a desktop needs no branch set to use it, and it
    is exactly what was linted.
    """
    return json.dumps(dump_model(script), ensure_ascii=False, indent=1)
