"""The self-contained HTML report: leaderboard, per-label tables, confusion, highlighted documents."""
from __future__ import annotations

import html
from typing import Any

from xbench.report.leaderboard import (
    HEADERS,
    NOTES,
    SERVICE_HEADERS,
    SERVICE_NOTES,
    UNTIMED_COLUMNS,
    corpus_line,
    per_label_rows,
    rows,
    service_rows,
    track_labels,
    track_notes,
)
from xbench.report.marks import OUTCOMES, document_marks, highlight
from xbench.result import SEEDS, BenchmarkResult, ExtractorResult, TrackResult
from xbench.tracks import own_tables

from extractors.schema import LABELS

CSS = """
body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:2em;color:#222;max-width:1300px}
table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}
th{background:#f3f3f3}td:nth-child(2),td:first-child{text-align:left}
.doc{white-space:pre-wrap;line-height:2;border:1px solid #ddd;padding:1em;font-size:15px}
mark{padding:1px 2px;border-radius:3px}mark.correct{background:#c8f0c8}mark.missed{background:#ffd0d0;
text-decoration:underline wavy #c00}mark.spurious{background:#ffe2b0}mark.wrong-type{background:#e2d0ff}
mark.wrong-boundary{background:#cfe6ff}.gold-extent{border-bottom:2px solid #2a7a2a}
.pred-extent{border-top:2px dashed #1f5fbf}.legend mark,.legend span{margin-right:1em}small{color:#666}
"""
LEGEND = ("<p class='legend'>" + "".join(f"<mark class='{o}'>{o.replace('-', ' ')}</mark>" for o in OUTCOMES)
          + "<span class='gold-extent'>gold extent</span><span class='pred-extent'>predicted extent</span></p>")


def _table(headers: list[str], body: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    rows_ = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in body)
    return f"<table><tr>{head}</tr>{rows_}</table>"


def _expectations(extractors: list[ExtractorResult]) -> str:
    failed = [(e.name, f) for e in extractors if e.expectations for f in e.expectations.failed]
    if not failed:
        return "<p>none</p>"
    return _table(["extractor", "expectation", "count", "examples"],
                  [[n, f.expectation, f.count, "; ".join(f"{x['doc_id']}:{x['start']} {x['text']}"
                                                        for x in f.rows[:3])] for n, f in failed])


def documents(track: TrackResult, extractor: ExtractorResult) -> str:
    """One extractor's marks over every scored document of the track."""
    alignment = extractor.report.alignment if extractor.report else None
    if alignment is None:
        return f"<p>{html.escape(extractor.name)}: no predictions to show ({html.escape(extractor.error or '')})</p>"
    parts = []
    for doc_id in sorted(track.docs):
        marks = document_marks(alignment, doc_id, extractor.name)
        parts.append(f"<h3>{html.escape(doc_id)}</h3><div class='doc'>{highlight(track.docs[doc_id], marks)}</div>")
    return "".join(parts)


def _confusion(extractor: ExtractorResult) -> str:
    conf = extractor.report.confusion if extractor.report else None
    if conf is None:
        return ""
    body = [[r, *(conf.get(r, c) for c in conf.cols)] for r in conf.rows]
    return (f"<h2>Confusion by label: {html.escape(extractor.name)}</h2>"
            + _table(["gold \\ predicted", *conf.cols], body))


def track_section(track: TrackResult) -> str:
    """A track other than the seeds: its board in its labels (no speed: measured on the seeds), notes, anchors."""
    keep = [i for i, h in enumerate(HEADERS) if h not in UNTIMED_COLUMNS]
    body = [[r[i] for i in keep] if len(r) == len(HEADERS) else r for r in rows(track.extractors)]
    labels = track_labels(track)
    anchors = [[a["system"], f"{a['f1']:.3f}", a["source"], a["note"]] for a in track.extra.get("anchors", [])]
    return "".join([
        f"<h2>Track {html.escape(track.name)}: {html.escape(track.extra.get('title', ''))}</h2>",
        f"<p><small>{html.escape(corpus_line(track))}</small></p>",
        _table([HEADERS[i] for i in keep], body), f"<p><small>{html.escape(track_notes(track))}</small></p>",
        f"<h3>Strict F1 per label ({html.escape(track.name)})</h3>",
        _table(["extractor", *labels], per_label_rows(track.extractors, labels)),
        _table(["published system", "strict F1", "source", ""], anchors) if anchors else "",
        *(f"<h3>{html.escape(t.title)}</h3>" + _table(t.headers, t.rows) for t in own_tables(track)),
    ])


def render(result: BenchmarkResult, report_extractor: str | None = None) -> str:
    """The page: the seeds track with its documents shown for `report_extractor` (default: the top
    row), then every other track's board."""
    parts = [f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>xbench report</title>"
             f"<style>{CSS}</style></head><body><h1>xbench report</h1>",
             f"<p><small>generated {html.escape(result.generated)}</small></p>"]
    if SEEDS in result.tracks:
        parts.append(seeds_section(result.seeds, report_extractor))
    parts += [track_section(t) for name, t in result.tracks.items() if name != SEEDS]
    parts.append("</body></html>\n")
    return "".join(parts)


def seeds_section(track: TrackResult, report_extractor: str | None = None) -> str:
    entries = track.extractors
    ok = [e for e in entries if e.ok]
    chosen = track.get(report_extractor) if report_extractor else (ok[0] if ok else None)
    parts = [f"<p><small>{html.escape(corpus_line(track))}</small></p>",
             "<h2>Leaderboard</h2>", _table(HEADERS, rows(entries)), f"<p><small>{html.escape(NOTES)}</small></p>",
             "<h2>Strict F1 per label</h2>", _table(["extractor", *LABELS], per_label_rows(entries))]
    if service_rows(entries):
        parts += ["<h2>Services: latency, cost, alignment</h2>", _table(SERVICE_HEADERS, service_rows(entries)),
                  f"<p><small>{html.escape(SERVICE_NOTES)}</small></p>"]
    parts += ["<h2>Expectations failed on outputs</h2>", _expectations(entries)]
    if chosen is None:
        parts.append(f"<p>no documents: extractor {html.escape(report_extractor or '')} did not run</p>")
    else:
        parts += [_confusion(chosen), f"<h2>Documents: {html.escape(chosen.name)}</h2>", LEGEND,
                  documents(track, chosen)]
    return "".join(parts)
