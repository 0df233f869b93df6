"""The self-contained HTML report: leaderboard, per-label tables, confusion, highlighted documents."""
from __future__ import annotations

import html
from typing import Any

from xbench.report.leaderboard import HEADERS, NOTES, per_label_rows, rows

from extractors.schema import LABELS, Span

CSS = """
body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;color:#222;max-width:1300px}
table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}
th{background:#f3f3f3}td:nth-child(2),td:first-child{text-align:left}
.doc{white-space:pre-wrap;line-height:2;border:1px solid #ddd;padding:1em;font-size:15px}
mark{padding:1px 2px;border-radius:3px}mark.correct{background:#c8f0c8}mark.missed{background:#ffd0d0;
text-decoration:underline wavy #c00}mark.spurious{background:#ffe2b0}mark.wrong_type{background:#e2d0ff}
mark.wrong_boundary{background:#cfe6ff}.legend mark{margin-right:1em}small{color:#666}
"""


def corpus_line(result: dict[str, Any]) -> str:
    c = result.get("corpus", {})
    return (f"{c.get('documents', 0)} documents ({c.get('gold_documents', 0)} with reviewed gold), "
            f"{c.get('chars', 0):,} characters, {c.get('gold_spans', 0)} gold spans")


def _table(headers: list[str], body: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    rows_ = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in body)
    return f"<table><tr>{head}</tr>{rows_}</table>"


def classify(gold: list[Span], pred: list[Span]) -> list[tuple[Span, str, str]]:
    """Each predicted span with its class, plus missed gold spans: (span, class, tooltip)."""
    out = []
    exact = {(g.start, g.end): g for g in gold}
    for p in pred:
        g = exact.get((p.start, p.end))
        overlapping = [g for g in gold if g.start < p.end and p.start < g.end]
        if g is not None and g.label == p.label:
            out.append((p, "correct", p.label))
        elif g is not None:
            out.append((p, "wrong_type", f"{p.label}, gold {g.label}"))
        elif overlapping:
            same = [g for g in overlapping if g.label == p.label]
            cls = "wrong_boundary" if same else "wrong_type"
            gtext = "; ".join(f"{g.label} {g.text}" for g in overlapping)
            out.append((p, cls, f"{p.label}, gold {gtext}"))
        else:
            out.append((p, "spurious", f"{p.label}, not in gold"))
    for g in gold:  # missed: no prediction touches it (a matched span overlaps its match)
        if not any(g.start < p.end and p.start < g.end for p in pred):
            out.append((g, "missed", f"missed {g.label}"))
    return sorted(out, key=lambda t: t[0].start)


def highlight(raw: str, marks: list[tuple[Span, str, str]]) -> str:
    parts, pos = [], 0
    for s, cls, tip in marks:
        if s.start < pos:
            continue
        parts.append(html.escape(raw[pos:s.start]))
        parts.append(f'<mark class="{cls}" title="{html.escape(tip)}">{html.escape(raw[s.start:s.end])}</mark>')
        pos = s.end
    parts.append(html.escape(raw[pos:]))
    return "".join(parts)


def render(result: dict[str, Any], docs: dict[str, str], gold: dict[str, list[Span]],
           predictions: dict[str, list[Span]], chosen: str, confusion: list[list[Any]] | None = None,
           confusion_headers: list[str] | None = None) -> str:
    entries = result["extractors"]
    parts = [f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>xbench report</title>"
             f"<style>{CSS}</style></head><body><h1>xbench report</h1>",
             f"<p><small>generated {html.escape(result.get('generated', ''))}; {html.escape(corpus_line(result))}"
             "</small></p>",
             "<h2>Leaderboard</h2>", _table(HEADERS, rows(entries)), f"<p><small>{html.escape(NOTES)}</small></p>",
             "<h2>Strict F1 per label</h2>", _table(["extractor", *LABELS], per_label_rows(entries))]
    failed = [(e["name"], f) for e in entries for f in e.get("expectations", {}).get("failed", [])]
    parts.append("<h2>Expectations failed on outputs</h2>")
    parts.append(_table(["extractor", "expectation", "count", "examples"],
                        [[n, f["expectation"], f.get("count", ""), "; ".join(f"{x['doc_id']}:{x['start']} {x['text']}"
                                                                            for x in f.get("examples", []))]
                         for n, f in failed]) if failed else "<p>none</p>")
    if confusion:
        parts += [f"<h2>Confusion by label: {html.escape(chosen)}</h2>", _table(confusion_headers or [], confusion)]
    parts.append(f"<h2>Documents: {html.escape(chosen)}</h2><p class='legend'>"
                 + "".join(f"<mark class='{c}'>{c.replace('_', ' ')}</mark>"
                           for c in ("correct", "missed", "spurious", "wrong_type", "wrong_boundary")) + "</p>")
    for doc_id in sorted(gold):
        marks = classify(gold[doc_id], predictions.get(doc_id, []))
        parts.append(f"<h3>{html.escape(doc_id)}</h3><div class='doc'>{highlight(docs[doc_id], marks)}</div>")
    parts.append("</body></html>\n")
    return "".join(parts)
