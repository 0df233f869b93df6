"""`xbench gold review`: one gold file as a self-contained HTML page for a person to check.

The document with every span's label printed next to it (the report's colours and legend),
overlapping records outlined, the validator's findings, and every record of the file with its
line number, invalid ones included. Inline CSS only, no scripts
or external assets, so the page can be mailed or attached to a pull request.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from xbench.gold.load import ManifestEntry, load_manifest
from xbench.gold.validate import Problem, parse_gold, validate_gold_file
from xbench.io import InputError, read_text
from xbench.report.html import CSS
from xbench.report.marks import Layer, attr, draw
from xbench.report.style import legend

from extractors.schema import LABELS, Span

_REVIEW_CSS = (".problems li{color:#a00}.meta td{text-align:left}"
               "mark.overlap{outline:2px solid #c00;outline-offset:1px}mark.overlap::before{content:'⚠';font-size:10px}"
               "table.records td{text-align:left}tr.invalid td{background:#ffe0e0}tr.overlap td{background:#fff1d6}")


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def overlapping(spans: list[Span]) -> set[int]:
    """Indices of the spans that overlap another (gold spans must not)."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, spans[i].end))
    out: set[int] = set()
    reach, holder = -1, -1
    for i in order:
        if spans[i].start < reach:
            out |= {i, holder}
        if spans[i].end > reach:
            reach, holder = spans[i].end, i
    return out


def _record_rows(spans: list[Span], lines: list[int], problems: list[Problem], raw: str,
                 gold_lines: list[str]) -> str:
    """Every record with its file line and the validator's findings on that line; lines that are no
    record (bad JSON, unknown label) listed too, so nothing the file holds is hidden."""
    found: dict[int, list[str]] = {}
    for p in problems:
        found.setdefault(p.line, []).append(p.reason)
    over = overlapping(spans)
    body = []
    for i, (s, line) in enumerate(zip(spans, lines, strict=True)):
        why = found.pop(line, [])
        if not 0 <= s.start < s.end <= len(raw):
            why.append("outside the text: not drawn")
        cls = "invalid" if why else "overlap" if i in over else ""
        body.append((line, cls, [line, s.start, s.end, s.label, s.text, _value_text(s.value),
                                 "; ".join(why) or ("overlaps another record" if i in over else "")]))
    for line, why in found.items():
        if line > 0:
            text = gold_lines[line - 1] if line <= len(gold_lines) else ""
            body.append((line, "invalid", [line, "", "", "", text, "", "; ".join(why)]))
    head = "".join(f"<th>{h}</th>" for h in ("line", "start", "end", "label", "text", "value", "problem"))
    cells = "".join(f"<tr class='{c}'>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in r) + "</tr>"
                    for _, c, r in sorted(body, key=lambda t: t[0]))
    return f"<div class='scroll'><table class='records'><tr>{head}</tr>{cells}</table></div>"


def render_review(doc_id: str, raw: str, spans: list[Span], entry: ManifestEntry | None,
                  problems: list[Problem], lines: list[int] | None = None, gold_lines: list[str] | None = None) -> str:
    lines = lines if lines is not None else list(range(1, len(spans) + 1))
    over = overlapping(spans)
    marks = [Layer(s.start, s.end, 0, "mark", (attr("class", "overlap") if i in over else "")
                   + attr("data-label", s.label) + attr("title", f"{s.label} {_value_text(s.value)}".strip()))
             for i, s in enumerate(spans) if 0 <= s.start < s.end <= len(raw)]  # the others: in the table
    counts = {lab: sum(s.label == lab for s in spans) for lab in LABELS}
    meta = [["status", entry.status if entry else "not in the manifest"],
            ["annotator", entry.annotator if entry else ""], ["note", entry.note if entry else ""],
            ["guideline version", entry.guideline_version if entry else ""],
            ["records", len(spans)], ["characters", len(raw)]]
    found = ("<ul class='problems'>" + "".join(f"<li>{html.escape(str(p))}</li>" for p in problems) + "</ul>"
             if problems else "<p>none: <code>xbench gold validate</code> passes</p>")
    return "".join([
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>review {html.escape(doc_id)}</title><style>{CSS}{_REVIEW_CSS}</style></head><body>",
        f"<h1>Gold review: {html.escape(doc_id)}</h1>",
        f"<table class='meta'>{''.join(f'<tr><th>{k}</th><td>{html.escape(str(v))}</td></tr>' for k, v in meta)}"
        "</table>",
        "<h2>Validation</h2>", found,
        f"<h2>Document</h2>{legend(counts, outcomes=False)}"
        f"<p><small>⚠ red outline: a record overlapping another.</small></p><div class='doc'>{draw(raw, marks)}</div>",
        f"<h2>Records ({len(over)} overlapping)</h2>", _record_rows(spans, lines, problems, raw, gold_lines or []),
        "</body></html>\n",
    ])


def review_page(doc_id: str, seeds_dir: Path, goldens_dir: Path) -> str:
    """The review page of goldens/<doc_id>.jsonl against seeds/<doc_id>.txt."""
    gold = goldens_dir / f"{doc_id}.jsonl"
    if not gold.exists():
        raise InputError(f"{gold}: no such gold file")
    raw = read_text(seeds_dir / f"{doc_id}.txt")
    manifest = load_manifest(goldens_dir)
    problems = validate_gold_file(gold, seeds_dir, manifest)
    spans, lines, _ = parse_gold(gold)  # tolerant: a broken line is listed as a problem, the rest still shows
    return render_review(doc_id, raw, spans, manifest.entries.get(doc_id), problems, lines,
                         read_text(gold).splitlines())
