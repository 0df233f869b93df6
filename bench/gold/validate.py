"""Gold validation: every problem as `file:line: reason`.

Per-line checks (JSON, fields, types) run in Python because a line that does not parse has
no row; everything about parsed records (bounds, text, order, annotations, values) runs as
the Great Expectations suite of `xbench.expectations.suite`, the same one extractor outputs get.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from xbench.expectations.suite import records_frame, run_suite
from xbench.gold.load import Manifest, load_manifest, sha256_text
from xbench.io import InputError, numbered_lines, read_text
from xbench.records import record_problem

from extractors.schema import Span

_REASONS = {
    "label": "label is not one of the nine",
    "start": "start is negative",
    "end>start": "end is not after start",
    "doc_len>end": "end is past the end of the seed",
    "text_matches": "text != raw[start:end]",
    "sorted": "records are not sorted by start",
    "overlaps_previous": "overlaps the previous record",
    "doc_id,start,end,label": "duplicate record",
    "edge_in_annotation": "span starts or ends inside an inline pinyin annotation",
    "value_problem": "value is not well-formed",
    "date_is_timex": "DATE value is not TIMEX3-style",
    "min_amount": "amount is negative",
    "length": "span length out of range",
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def parse_gold(path: Path) -> tuple[list[Span], list[int], list[Problem]]:
    """The records of a gold file with their line numbers, and the lines that are not records."""
    spans, lines, problems = [], [], []
    for lineno, line in numbered_lines(read_text(path)):
        if not line.strip():
            continue
        where = (str(path), lineno)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(*where, f"not valid JSON ({exc.msg})"))
            continue
        problem = record_problem(obj, required=("start", "end", "label", "text", "value"))  # gold needs a value
        if problem:
            problems.append(Problem(*where, problem))
            continue
        spans.append(Span(obj["start"], obj["end"], obj["label"], obj["text"], obj["value"]))
        lines.append(lineno)
    return spans, lines, problems


def validate_gold_file(path: Path, seeds_dir: Path, manifest: Manifest) -> list[Problem]:
    doc_id = path.stem
    seed = seeds_dir / f"{doc_id}.txt"
    if not seed.exists():
        return [Problem(str(path), 0, f"no seed {seed} for this gold file")]
    raw = read_text(seed)
    problems: list[Problem] = []
    entry = manifest.entries.get(doc_id)
    if entry is None:
        problems.append(Problem(str(path), 0, f"{doc_id} is not in the manifest"))
    elif entry.sha256 != sha256_text(raw):
        problems.append(Problem(str(path), 0, f"seed {seed} changed after labelling (sha256 differs from manifest)"))
    spans, lines, parse_problems = parse_gold(path)
    problems += parse_problems
    if spans:
        problems += [Problem(str(path), line, reason)
                     for line, reason in suite_problems({doc_id: raw}, {doc_id: spans}, {doc_id: lines})]
    return sorted(set(problems))


def suite_problems(docs: dict[str, str], spans: dict[str, list[Span]],
                   lines: dict[str, list[int]]) -> list[tuple[int, str]]:
    """(line, reason) for each record the expectation suite rejects; `lines` holds each record's
    line number (or any int the caller maps back to a place)."""
    if not any(spans.values()):
        return []
    frame = records_frame(docs, spans, lines)
    out = []
    for name, idx in run_suite(frame).unexpected_rows.items():
        key = name[name.index("(") + 1:-1]
        reason = _REASONS.get(key, name)
        for i in idx:
            row = frame.loc[i]
            extra = f": {row['value_problem']}" if key == "value_problem" else ""
            out.append((int(row["line"]), reason + extra))
    return out


def gold_files(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out += sorted(p.glob("*.jsonl"))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


def validate(paths: list[Path], seeds_dir: Path, goldens_dir: Path) -> list[Problem]:
    manifest = load_manifest(goldens_dir)
    problems: list[Problem] = []
    for path in gold_files(paths):
        problems += validate_gold_file(path, seeds_dir, manifest)
    return problems
