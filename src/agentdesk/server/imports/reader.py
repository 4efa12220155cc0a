"""Reading a CSV upload: encoding, header, rows, and every problem found, all at once."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from agentdesk.server.imports.fields import Bad, Parser


@dataclass(frozen=True)
class Column:
    """One column of a layout: its name, how to read it, and whether it is required.

    A required column must be in the header and have a value on every row; an optional
    one may be left out of the file altogether or left empty.
    """

    name: str
    parse: Parser
    required: bool = True


@dataclass
class Problem:
    """One bad cell (or row, or file): line (1 = the header), column, value, reasons."""

    line: int
    column: str
    value: str | None
    zh: str
    en: str


@dataclass
class Parsed:
    """The rows that read cleanly (line, values) and the problems of the others."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def bad(self, line: int, column: str, value: str | None, zh: str, en: str) -> None:
        self.problems.append(Problem(line, column, value, zh, en))


def decode(data: bytes) -> str | Problem:
    """UTF-8 text, with or without a byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Name the line the bad byte is on, so the person can find it.
        line = data[: exc.start].count(b"\n") + 1
        return Problem(
            line,
            "",
            None,
            "文件不是 UTF-8 编码（请另存为 UTF-8 CSV）",
            "the file is not UTF-8 (save it as UTF-8 CSV)",
        )


def read_rows(text: str, columns: list[Column]) -> Parsed:
    """Check the header and every cell; keep going after a problem to report them all."""
    out = Parsed()
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        out.bad(
            line,
            "",
            None,
            "文件含有 NUL 字符（不是文本 CSV）",
            "the file holds NUL bytes (not a text CSV)",
        )
        return out
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        out.bad(1, "", None, f"无法读取表头：{exc}", f"cannot read the header: {exc}")
        return out
    if header is None or not any(h.strip() for h in header):
        out.bad(1, "", None, "文件为空，缺少表头", "the file is empty: no header line")
        return out
    names = [h.strip().lower() for h in header]
    known = {c.name for c in columns}
    for name in names:
        if name not in known:
            out.bad(1, name, name, "未知的列", "unknown column")
    for c in columns:
        if c.required and c.name not in names:
            out.bad(1, c.name, None, "缺少该列", "this column is missing")
    if len(set(names)) != len(names):
        out.bad(1, "", None, "表头中有重复的列", "the header repeats a column")
    if out.problems:
        return out
    index = {n: i for i, n in enumerate(names)}
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.bad(reader.line_num, "", None, f"CSV 格式错误：{exc}", f"malformed CSV: {exc}")
            break
        line = reader.line_num
        if not any(cell.strip() for cell in raw):
            continue  # blank lines are allowed anywhere
        if len(raw) != len(names):
            out.bad(
                line,
                "",
                None,
                f"该行有 {len(raw)} 个字段，表头有 {len(names)} 个",
                f"the row has {len(raw)} fields, the header {len(names)}",
            )
            continue
        values: dict[str, Any] = {}
        ok = True
        for c in columns:
            cell = raw[index[c.name]].strip() if c.name in index else ""
            if not cell:
                if c.required:
                    out.bad(line, c.name, cell, "必填项为空", "required value is empty")
                    ok = False
                values[c.name] = None
                continue
            try:
                values[c.name] = c.parse(cell)
            except Bad as exc:
                out.bad(line, c.name, cell, exc.zh, exc.en)
                ok = False
        if ok:
            out.rows.append((line, values))
    if not out.rows and not out.problems:
        out.bad(2, "", None, "文件中没有数据行", "the file has no data rows")
    return out
