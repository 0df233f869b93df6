"""Turn hand-chosen mention strings into gold records with offsets, and render them for review.

An annotator writes `goldens/authoring/<seed stem>.labels.jsonl`, one line per mention in
document order: {"t": text, "l": LABEL, "v": value, "ctx": optional longer text around t}.
`t` may omit inline pinyin annotations; the locator finds `t` at the first occurrence after
the previous mention (inside `ctx` when given), lets annotations sit between its characters
and takes an annotation after its last character into the span (schema rule 3). A line
{"anchor": text} moves the cursor to the start of `text`. For name labels a missing `v` is
the Simplified form of the annotation-free text (OpenCC t2s). Nothing here proposes spans.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from xbench.io import InputError, atomic_write, numbered_lines, read_text

from extractors.annotations import ANNOTATION_RE, strip_annotations
from extractors.normalise import normalise
from extractors.schema import LABELS, NAME_LABELS, value_problem

_ANN = rf"(?:{ANNOTATION_RE.pattern})?"


def _pattern(text: str) -> re.Pattern[str]:
    chars = strip_annotations(text)
    return re.compile("".join(re.escape(c) + _ANN for c in chars))


class LocateError(ValueError):
    pass


def locate(raw: str, entries: list[dict[str, Any]], source: str = "<labels>") -> list[dict[str, Any]]:
    cursor = 0
    out: list[dict[str, Any]] = []
    for lineno, e in entries:
        where = f"{source}:{lineno}"
        if "anchor" in e:
            m = _pattern(e["anchor"]).search(raw, cursor)
            if not m:
                raise LocateError(f"{where}: anchor {e['anchor']!r} not found after offset {cursor}")
            cursor = m.start()
            continue
        text, label = e.get("t"), e.get("l")
        if not text or label not in LABELS:
            raise LocateError(f"{where}: needs a text 't' and a label 'l' from {LABELS}")
        base = cursor
        if e.get("ctx"):
            cm = _pattern(e["ctx"]).search(raw, cursor)
            if not cm:
                raise LocateError(f"{where}: ctx {e['ctx']!r} not found after offset {cursor}")
            base = cm.start()
        m = _pattern(text).search(raw, base)
        if not m:
            raise LocateError(f"{where}: {text!r} not found after offset {base}")
        if "v" in e:
            value = e["v"]
        elif label in NAME_LABELS:
            value = normalise(m.group()).clean  # the same normaliser every extractor's name values come from
        else:
            raise LocateError(f"{where}: {label} {text!r} needs a value 'v' (null allowed)")
        problem = value_problem(label, value)
        if problem:
            raise LocateError(f"{where}: {problem}")
        out.append({"start": m.start(), "end": m.end(), "label": label, "text": m.group(), "value": value})
        cursor = m.end()
    return out


def read_entries(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The labels file's mentions with line numbers, read raw like every JSONL file (`xbench.io`)."""
    entries = []
    try:
        lines = list(numbered_lines(read_text(path)))
    except InputError as exc:
        raise LocateError(str(exc)) from None
    for i, line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LocateError(f"{path}:{i}: not JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or any(not isinstance(obj.get(k, ""), str) for k in ("t", "anchor", "ctx")):
                raise LocateError(f"{path}:{i}: a mention is an object whose t, anchor and ctx are strings")
            entries.append((i, obj))
    return entries


def render(raw: str, records: list[dict[str, Any]]) -> str:
    """The document with every span as ⟦text|LABEL⟧ and annotations dropped, for reading."""
    parts, pos = [], 0
    for r in records:
        parts.append(strip_annotations(raw[pos:r["start"]]))
        parts.append(f"⟦{strip_annotations(r['text'])}|{r['label']}⟧")
        pos = r["end"]
    parts.append(strip_annotations(raw[pos:]))
    return "".join(parts)


def uncovered_digits(raw: str, records: list[dict[str, Any]]) -> list[str]:
    """Digit runs outside every span, with context: each must be a conscious 'not a mention'."""
    covered = [False] * len(raw)
    for r in records:
        for i in range(r["start"], r["end"]):
            covered[i] = True
    notes = []
    for m in re.finditer(r"[0-9０-９]+", raw):
        if not any(covered[m.start():m.end()]):
            ctx = strip_annotations(raw[max(0, m.start() - 12):m.end() + 8]).replace("\n", "⏎")
            notes.append(f"{m.start()}: {m.group()}  «{ctx}»")
    return notes


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("labels", type=Path, help="goldens/authoring/<stem>.labels.jsonl")
    ap.add_argument("--seeds", type=Path, default=Path("seeds"))
    ap.add_argument("-o", "--out", type=Path, help="write the gold JSONL here")
    ap.add_argument("--render", type=Path, help="write the marked-up document here")
    args = ap.parse_args(argv)
    stem = args.labels.name.split(".")[0]
    try:
        raw = read_text(args.seeds / f"{stem}.txt")  # raw: CRLF seeds keep their offsets
        records = locate(raw, read_entries(args.labels), str(args.labels))
        records.sort(key=lambda r: r["start"])
        for a, b in zip(records, records[1:]):
            if b["start"] < a["end"]:
                raise LocateError(f"{args.labels}: overlap: {a['text']!r}@{a['start']} and {b['text']!r}@{b['start']}")
        if args.out:
            atomic_write(args.out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        if args.render:
            atomic_write(args.render, render(raw, records))
    except (LocateError, InputError) as exc:
        print(f"xbench: {exc}", file=sys.stderr)
        return 2  # bad input (the contract's code), never a traceback
    counts: dict[str, int] = {}
    for r in records:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    print(f"{len(records)} records: {counts}")
    for note in uncovered_digits(raw, records):
        print("uncovered digits", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
