"""What `xbench score` is given, checked before anything is scored: the records of gold and
predictions against the seed text (the gold validator's checks), and their document ids
against each other. A wrong input must be a finding, never a silently low (or high) score.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from xbench.gold.validate import Problem, suite_problems
from xbench.io import InputError, numbered_lines, read_text
from xbench.records import record_problem

from extractors.align import Aligner, Alignment, Mention
from extractors.schema import LABELS, Span


@dataclass
class CheckedRecords:
    """The valid records by doc_id, and every line that is not one, as `file:line: reason`."""

    spans: dict[str, list[Span]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # documents without seed text: fields checked only
    alignment: Alignment | None = None  # records without offsets, placed in the seed text (extractors.align)


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.glob("*.jsonl"))
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    return [path]


Pending = dict[str, list[tuple[Mention, tuple[str, int]]]]  # doc_id -> records without offsets, and their line


def _offsetless(obj: object) -> bool:
    """A record that names a label and a text but no offsets: an LLM's or a service's answer."""
    return (isinstance(obj, dict) and "start" not in obj and "end" not in obj
            and isinstance(obj.get("text"), str) and obj.get("label") in LABELS)


def _parse(path: Path, where: list[tuple[str, int]], out: CheckedRecords,
           lines: dict[str, list[int]], folder: bool, pending: Pending | None = None) -> None:
    if folder:  # in a folder, `<doc_id>.jsonl` names its document even when it holds no record
        out.spans.setdefault(path.stem, [])
        lines.setdefault(path.stem, [])
    for lineno, line in numbered_lines(read_text(path)):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.problems.append(Problem(str(path), lineno, f"not valid JSON ({exc.msg})"))
            continue
        doc_id = obj.get("doc_id", path.stem) if isinstance(obj, dict) else path.stem
        if pending is not None and _offsetless(obj) and isinstance(doc_id, str):
            pending.setdefault(doc_id, []).append((Mention(obj["label"], obj["text"], obj.get("value")),
                                                   (str(path), lineno)))
            continue
        problem = record_problem(obj)
        if problem is None and not isinstance(doc_id, str):
            problem = "doc_id must be a string"
        if problem:
            out.problems.append(Problem(str(path), lineno, problem))
            continue
        out.spans.setdefault(doc_id, []).append(
            Span(obj["start"], obj["end"], obj["label"], obj["text"], obj.get("value"), obj.get("score")))
        lines.setdefault(doc_id, []).append(len(where))
        where.append((str(path), lineno))


def _align_pending(pending: Pending, docs: dict[str, str], where: list[tuple[str, int]], out: CheckedRecords,
                   lines: dict[str, list[int]]) -> None:
    """Place records without offsets in their seed text, in file order; unplaceable ones are counted."""
    out.alignment = Alignment()
    for doc_id, rows in pending.items():
        if doc_id not in docs:
            out.problems += [Problem(f, n, f"no seed text for {doc_id} to align a record without offsets")
                             for _, (f, n) in rows]
            continue
        aligner = Aligner(docs[doc_id])
        for mention, at in rows:
            placed = len(aligner.result.spans)
            aligner.place(mention)
            if len(aligner.result.spans) > placed:
                out.spans.setdefault(doc_id, []).append(aligner.result.spans[-1])
                lines.setdefault(doc_id, []).append(len(where))
                where.append(at)
        out.alignment.merge(aligner.result)


def read_checked(path: Path, docs: dict[str, str], align_offsetless: bool = False) -> CheckedRecords:
    """Records of a JSONL file or a folder of them, each checked as the gold validator checks gold
    (fields, then the expectation suite against the seed text: bounds, `text == raw[start:end]`,
    labels, duplicates, overlaps). Records are taken in offset order: their order in a file is no
    error. Invalid records are left out of `spans` and listed in `problems`. With
    `align_offsetless`, records with a label and a text but no offsets are placed in the seed text
    first (`alignment` counts those that fit nowhere)."""
    out = CheckedRecords()
    where: list[tuple[str, int]] = []
    lines: dict[str, list[int]] = {}
    pending: Pending | None = {} if align_offsetless else None
    files = _files(path)
    for f in files:
        _parse(f, where, out, lines, folder=path.is_dir(), pending=pending)
    if pending:
        _align_pending(pending, docs, where, out, lines)
    for doc_id in out.spans:
        order = sorted(range(len(out.spans[doc_id])), key=lambda i: (out.spans[doc_id][i], lines[doc_id][i]))
        out.spans[doc_id] = [out.spans[doc_id][i] for i in order]
        lines[doc_id] = [lines[doc_id][i] for i in order]
    known = {d: s for d, s in out.spans.items() if d in docs and s}
    out.unchecked = sorted(d for d, s in out.spans.items() if d not in docs and s)
    bad_rows: set[int] = set()
    for index, reason in suite_problems(docs, known, {d: lines[d] for d in known}):
        out.problems.append(Problem(*where[index], reason))
        bad_rows.add(index)
    if bad_rows:
        for doc_id in known:
            keep = [i for i, n in enumerate(lines[doc_id]) if n not in bad_rows]
            out.spans[doc_id] = [out.spans[doc_id][i] for i in keep]
    out.problems = sorted(set(out.problems))
    return out


@dataclass
class DocumentMatch:
    """How prediction ids were matched to gold ids."""

    renamed: dict[str, str]   # prediction id -> gold id (nested corpus ids such as `sub/003_x`)
    missing: list[str]        # gold documents without predictions
    unknown: list[str]        # prediction documents not in the gold

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unknown


def match_documents(gold_ids: set[str], pred_ids: set[str]) -> DocumentMatch:
    """A prediction id that is no gold id matches the gold id equal to its last path part
    (`run --corpus` names a document by its path under the corpus), when exactly one prediction
    id does so and the gold id is not predicted under its own name."""
    by_stem: dict[str, list[str]] = {}
    for p in pred_ids - gold_ids:
        stem = PurePosixPath(p).name
        if stem in gold_ids and stem not in pred_ids:
            by_stem.setdefault(stem, []).append(p)
    renamed = {ps[0]: g for g, ps in by_stem.items() if len(ps) == 1}
    matched = (pred_ids - set(renamed)) | set(renamed.values())
    return DocumentMatch(renamed, sorted(gold_ids - matched), sorted(pred_ids - set(renamed) - gold_ids))


def describe(match: DocumentMatch, limit: int = 10) -> list[str]:
    """The mismatch as lines for the user, ids listed (the first `limit` of each kind)."""

    def ids(xs: list[str]) -> str:
        return ", ".join(xs[:limit]) + (f" and {len(xs) - limit} more" if len(xs) > limit else "")

    out = []
    if match.missing:
        out.append(f"{len(match.missing)} gold document(s) without predictions: {ids(match.missing)}")
    if match.unknown:
        out.append(f"{len(match.unknown)} predicted document(s) not in the gold: {ids(match.unknown)}")
    return out
