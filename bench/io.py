"""Input and output at the edges: the one exception for bad input, raw text reads, JSONL lines, atomic writes."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class InputError(Exception):
    """Unreadable or malformed input; the message names the file (and line) and the reason."""


def read_text(path: Path) -> str:
    """UTF-8 exactly as stored: no newline translation, so offsets index the bytes' code points."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """JSONL lines split on "\n" only: str.splitlines() would also split inside values holding U+0085 or U+2028."""
    for lineno, line in enumerate(text.split("\n"), 1):
        yield lineno, line.removesuffix("\r")


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) for each non-blank line; InputError names the bad line."""
    for lineno, line in numbered_lines(read_text(path)):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
