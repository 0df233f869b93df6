"""`xbench gold review`: one gold file as a self-contained HTML page for a person to check.

The document with every span coloured by label (hover for label and value), a legend, the
validator's findings for the file, and the records as a table. Inline CSS only, no scripts
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
from xbench.report.html import CSS, _table
from xbench.report.marks import Layer, attr, draw

from extractors.schema import LABELS, Span

# One colour per label, light enough to read black text on.
LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#ffd6a5", "ORG": "#a0c4ff", "GPE": "#caffbf", "LOC": "#9bf6ff", "DATE": "#fdffb6",
    "MONEY": "#ffc6ff", "PERCENT": "#ffadad", "QUANTITY": "#d0c4f7", "WORK": "#e4d5b7",
}
_LABEL_CSS = "".join(f"mark.l-{lab}{{background:{LABEL_COLOURS[lab]}}}" for lab in LABELS)
_REVIEW_CSS = ".problems li{color:#a00}.meta td{text-align:left}"


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def render_review(doc_id: str, raw: str, spans: list[Span], entry: ManifestEntry | None,
                  problems: list[Problem]) -> str:
    marks = [Layer(s.start, s.end, 0, "mark", attr("class", f"l-{s.label}")
                   + attr("title", f"{s.label} {_value_text(s.value)}".strip()))
             for s in spans if 0 <= s.start < s.end <= len(raw)]  # the others are listed as problems
    counts = {lab: sum(s.label == lab for s in spans) for lab in LABELS}
    legend = "".join(f"<mark class='l-{lab}'>{lab} ({counts[lab]})</mark>" for lab in LABELS)
    meta = [["status", entry.status if entry else "not in the manifest"],
            ["annotator", entry.annotator if entry else ""], ["note", entry.note if entry else ""],
            ["guideline version", entry.guideline_version if entry else ""],
            ["records", len(spans)], ["characters", len(raw)]]
    found = ("<ul class='problems'>" + "".join(f"<li>{html.escape(str(p))}</li>" for p in problems) + "</ul>"
             if problems else "<p>none: <code>xbench gold validate</code> passes</p>")
    rows = [[i, s.start, s.end, s.label, s.text, _value_text(s.value)] for i, s in enumerate(sorted(spans), 1)]
    return "".join([
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>review {html.escape(doc_id)}</title><style>{CSS}{_LABEL_CSS}{_REVIEW_CSS}</style></head><body>",
        f"<h1>Gold review: {html.escape(doc_id)}</h1>",
        f"<table class='meta'>{''.join(f'<tr><th>{k}</th><td>{html.escape(str(v))}</td></tr>' for k, v in meta)}"
        "</table>",
        "<h2>Validation</h2>", found,
        f"<h2>Document</h2><p class='legend'>{legend}</p><div class='doc'>{draw(raw, marks)}</div>",
        "<h2>Records</h2>", _table(["#", "start", "end", "label", "text", "value"], rows),
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
    spans, _, _ = parse_gold(gold)  # tolerant: a broken line is listed as a problem, the rest still shows
    return render_review(doc_id, raw, spans, manifest.entries.get(doc_id), problems)
