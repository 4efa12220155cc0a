"""Read a YAML document into a pydantic model, reporting problems by line.

PyYAML's composed node tree knows where every key and value starts; pydantic knows which
field is wrong. Joining the two turns "rules.2.limit: Input should be a valid integer"
into "cn.yaml, line 41 (field rules.2.limit): ...", which is what an administrator
editing the file needs.
"""

from __future__ import annotations

from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from agentdesk.domain.compliance.errors import PolicyFileError

ModelT = TypeVar("ModelT", bound=BaseModel)

Path = tuple[str | int, ...]


def _line_map(node: yaml.Node, source: str) -> dict[Path, int]:
    """1-based line of every key and item, by its path in the document."""
    lines: dict[Path, int] = {(): node.start_mark.line + 1}

    def walk(current: yaml.Node, path: Path) -> None:
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                key = str(key_node.value)
                if key in seen:
                    # PyYAML would silently keep the last one; a policy must not be ambiguous.
                    raise PolicyFileError(
                        source,
                        key_node.start_mark.line + 1,
                        f"键 “{key}” 重复出现",
                        f"key '{key}' appears twice",
                        ".".join(str(p) for p in (*path, key)),
                    )
                seen.add(key)
                lines[(*path, key)] = key_node.start_mark.line + 1
                walk(value_node, (*path, key))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                lines[(*path, index)] = item.start_mark.line + 1
                walk(item, (*path, index))

    walk(node, ())
    return lines


def _line_of(lines: dict[Path, int], loc: tuple[int | str, ...]) -> int | None:
    # pydantic adds discriminator tags and missing field names that are not in the
    # document; the nearest enclosing element that is there is the useful line.
    path = tuple(loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _clean_loc(loc: tuple[int | str, ...], lines: dict[Path, int], kind: str) -> Path:
    # A discriminated union puts its tag ("contact_window") into the location; it is not
    # a key of the file, so drop every part the document does not have — except the
    # last one of a "missing" error, which names the field to add.
    kept: list[int | str] = []
    for index, part in enumerate(loc):
        candidate = (*kept, part)
        last = index == len(loc) - 1
        if candidate in lines or (last and kind == "missing"):
            kept.append(part)
    if kind.startswith("union_tag"):
        kept.append("check")  # the tag that chose no known kind is the one to fix
    return tuple(kept)


def parse_yaml(text: str, source: str) -> tuple[Any, dict[Path, int]]:
    """Parse `text` into plain data and a map from element path to line number."""
    try:
        node, data = _parse_fast(text)
    except yaml.YAMLError:
        node, data = None, None  # parsed again below, for the pure parser's message
    if node is None:
        node, data = _parse_pure(text, source)
    if node is None:
        raise PolicyFileError(source, 1, "文件是空的", "the file is empty")
    return data, _line_map(node, source)


def _parse_fast(text: str) -> tuple[yaml.Node | None, Any]:
    # libyaml, where PyYAML was built with it: the same nodes and data (the constructor
    # is the same Python code), over ten times faster than the pure-Python parser.
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None, None
    return _node_and_data(text, loader)


def _node_and_data(text: str, loader_class: Any) -> tuple[yaml.Node | None, Any]:
    # One parse: the data is constructed from the very node the line map is read from
    # (what `yaml.load` does after composing that node itself).
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _parse_pure(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    # The pure-Python parser: also the one whose errors are reported, so a broken file
    # gets the same line and reason whichever parser read it first.
    try:
        node, data = _node_and_data(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or "invalid YAML"
        raise PolicyFileError(
            source, line, f"不是有效的 YAML：{problem}", f"not valid YAML: {problem}"
        ) from error
    except yaml.YAMLError as error:
        raise PolicyFileError(
            source, None, f"不是有效的 YAML：{error}", f"not valid YAML: {error}"
        ) from error
    return node, data


def load_model(text: str, source: str, model: type[ModelT]) -> ModelT:
    """Parse and validate `text`; the first problem is raised with its line and reason."""
    data, lines = parse_yaml(text, source)
    if not isinstance(data, dict):
        raise PolicyFileError(
            source,
            1,
            "文件顶层必须是映射（键: 值）",
            "the top level must be a mapping (key: value)",
        )
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        path = _clean_loc(tuple(first["loc"]), lines, str(first["type"]))
        field = ".".join(str(part) for part in path)
        reason = _reason_en(first)
        raise PolicyFileError(
            source, _line_of(lines, path), _reason_zh(first, reason), reason, field
        ) from error


def _reason_en(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (not part of the policy format)"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return (
            f"unknown {ctx.get('discriminator', 'kind')} {ctx.get('tag')!r}; expected one of "
            + str(ctx.get("expected_tags", ""))
        )
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _reason_zh(error: Any, english: str) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "未知字段（不属于策略格式）"
    if kind == "missing":
        return "缺少必填字段"
    return f"取值无效：{english}"
