"""Span records as JSONL: the one record check, the reader (file or folder) and the writer."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from xbench.io import InputError, atomic_write, iter_jsonl

from extractors.schema import LABELS, Span

MAX_OFFSET = 2**62  # offsets are stored as 64-bit integers downstream (numpy, Great Expectations)


def record_problem(obj: Any, required: tuple[str, ...] = ("start", "end", "label", "text")) -> str | None:
    """Why a parsed JSONL line is not a record (fields and types), or None: the one such check."""
    if not isinstance(obj, dict):
        return "a record must be a JSON object"
    missing = [k for k in required if k not in obj]
    if missing:
        return f"missing field(s): {', '.join(missing)}"
    if any(not isinstance(obj[k], int) or isinstance(obj[k], bool) for k in ("start", "end")):
        return "start and end must be integers"
    # Only the size is bounded here; a negative or reversed span is the validator's finding against the text.
    if max(abs(obj["start"]), abs(obj["end"])) > MAX_OFFSET:
        return f"start and end must lie within ±{MAX_OFFSET}"
    if not isinstance(obj["text"], str) or not isinstance(obj["label"], str):
        return "label and text must be strings"
    if obj["label"] not in LABELS:
        return f"unknown label {obj['label']!r}"
    return None


def span_from_dict(obj: Any, where: str) -> Span:
    problem = record_problem(obj)
    if problem:
        raise InputError(f"{where}: {problem}")
    return Span(obj["start"], obj["end"], obj["label"], obj["text"], obj.get("value"), obj.get("score"))


def load_spans(path: Path) -> dict[str, list[Span]]:
    """Records of a JSONL file by doc_id (gold files take the doc_id from the file name)."""
    out: dict[str, list[Span]] = {}
    for lineno, obj in iter_jsonl(path):
        span = span_from_dict(obj, f"{path}:{lineno}")
        doc_id = obj.get("doc_id", path.stem) if isinstance(obj, dict) else path.stem
        out.setdefault(str(doc_id), []).append(span)
    for spans in out.values():
        spans.sort()
    return out


def load_records(path: Path) -> dict[str, list[Span]]:
    """A JSONL file, or a folder of `<doc_id>.jsonl` files, as spans by doc_id."""
    if path.is_dir():
        out: dict[str, list[Span]] = {}
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise InputError(f"{path}: no records files (*.jsonl) in the folder")
        for p in files:
            for doc_id, spans in load_spans(p).items():
                out.setdefault(doc_id, []).extend(spans)
        return out
    if not path.exists():
        raise InputError(f"{path}: no such file")
    return load_spans(path)


def spans_text(spans: list[Span], doc_id: str | None = None) -> str:
    """Records as JSONL text, sorted; with `doc_id`, each line names its document."""
    return "".join(record_lines(sorted(spans), doc_id))


def record_lines(spans: Iterable[Span], doc_id: str | None = None) -> Iterator[str]:
    """Each record as a JSONL line, in the order given; with `doc_id`, each line names its document."""
    for s in spans:
        d = s.to_dict()
        yield json.dumps(d if doc_id is None else {"doc_id": doc_id, **d}, ensure_ascii=False) + "\n"


def write_spans(path: Path, spans: list[Span], doc_id: str | None = None) -> None:
    """Write records atomically: a reader never sees a half-written file."""
    atomic_write(path, spans_text(spans, doc_id))
