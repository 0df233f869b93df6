"""The self-contained HTML report: leaderboard, per-label tables, confusion, highlighted documents."""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

from xbench.report.browse import track_data
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
from xbench.report.marks import document_marks, highlight
from xbench.report.plots import frontier, heat_map
from xbench.report.style import OUTCOME_STYLE, legend, page_css
from xbench.result import SEEDS, BenchmarkResult, ExtractorResult, TrackResult
from xbench.tracks import own_tables

from extractors.schema import LABELS

BROWSER_CSS = """
mark.dim{background:none!important;border-color:transparent!important}mark.dim::after,mark.dim::before{content:none}
.controls{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:2}
.controls label{margin-right:1em;font-size:14px}#counts{font-size:14px;margin:.5em 0}
table.compare td.doc{text-align:left;vertical-align:top;padding:2px 6px;border:none;border-bottom:1px solid #eee;
width:48%}table.compare tr.differ td{background:#fff7cc}table.compare tr.differ td:first-child{font-weight:bold}
body:not(.comparing) .compare-only{display:none}td:nth-child(2){text-align:left}
"""
CSS = page_css() + BROWSER_CSS
LEGEND = legend()
# a track whose scored text is longer is not embedded: every extractor's marks on it would make
# the page too heavy to load (the seeds are 32k characters)
# A full MSRA test split (about 230k characters, 9 extractors) would add 15 MB to the page: its board is shown,
# its documents are not embedded (a --sample run embeds them).
BROWSE_MAX_CHARS = 100_000
SCRIPT = (resources.files("xbench.report") / "assets" / "browser.js").read_text(encoding="utf-8")


def notes_html(text: str) -> str:
    """A note written for Markdown, in HTML: `code` as <code>, the rest escaped."""
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", html.escape(text))


def _table(headers: list[str], body: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    rows_ = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in body)
    return f"<div class='scroll'><table><tr>{head}</tr>{rows_}</table></div>"


def _expectations(extractors: list[ExtractorResult]) -> str:
    failed = [(e.name, f) for e in extractors if e.expectations for f in e.expectations.failed]
    if not failed:
        return "<p>none</p>"
    return _table(["extractor", "expectation", "count", "examples"],
                  [[n, f.expectation, f.count, "; ".join(f"{x['doc_id']}:{x['start']} {x['text']}"
                                                        for x in f.rows[:3])] for n, f in failed])


def _drift(extractors: list[ExtractorResult]) -> str:
    """Each extractor's records against the reference profile (the seeds' gold): the checks it fails."""
    def num(v: float | None) -> str:
        return "–" if v is None else f"{v:.4g}"

    failed = [[e.name, c["name"], c["kind"], num(c["observed"]), f"[{num(c['low'])}, {num(c['high'])}]"]
              for e in extractors if e.drift for c in e.drift["checks"] if not c["passed"]]
    if not any(e.drift for e in extractors):
        return "<p>not checked (--no-drift-checks)</p>"
    note = ("<p><small>The profile is built from the seeds' gold, so an extractor that finds less (or other) "
            "than gold drifts by design; a check that an extractor's baseline passed and that fails now is a "
            "finding (exit 1).</small></p>")
    return note + (_table(["extractor", "drift check", "kind", "observed", "band"], failed) if failed
                   else "<p>none</p>")


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
    name = html.escape(track.name)
    return "".join([
        f"<h2 id='track-{name}'>Track {name}: {html.escape(track.extra.get('title', ''))}</h2>",
        f"<p><small>{html.escape(corpus_line(track))}</small></p>",
        _table([HEADERS[i] for i in keep], body), f"<p><small>{notes_html(track_notes(track))}</small></p>",
        f"<h3 id='track-{name}-labels'>Strict F1 per label ({name})</h3>",
        heat_map(track.extractors, labels),
        _table(["extractor", *labels], per_label_rows(track.extractors, labels)),
        _table(["published system", "strict F1", "source", "note"], anchors) if anchors else "",
        *(f"<h3>{html.escape(t.title)}</h3>" + _table(t.headers, t.rows) for t in own_tables(track)),
    ])


def _toc(result: BenchmarkResult) -> str:
    links = [("seeds", "Leaderboard"), ("seeds-labels", "F1 per label"), ("seeds-frontier", "Quality vs speed"),
             ("expectations", "Expectations"), ("drift", "Drift")] if SEEDS in result.tracks else []
    links += [(f"track-{t}", f"Track {t}") for t in result.tracks if t != SEEDS]
    if any(t.docs for t in result.tracks.values()):
        links.append(("documents", "Documents and compare"))
    return "<nav class='toc'><b>Contents:</b> " + "".join(
        f"<a href='#{html.escape(a)}'>{html.escape(t)}</a>" for a, t in links) + "</nav>"


def _data_script(track: TrackResult, first: str | None) -> str:
    # "<\\/" keeps a "</script>" inside the data from ending the element; JSON reads it as "</"
    text = json.dumps(track_data(track, first), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"<script type='application/json' class='track-data'>{text}</script>"


def _chars(track: TrackResult) -> int:
    return sum(map(len, track.docs.values()))


def browser_section(result: BenchmarkResult, report_extractor: str | None = None) -> str:
    """The document browser: every extractor's documents, one at a time, or two extractors compared;
    the script builds the spans of the chosen document only."""
    with_docs = [t for t in result.tracks.values() if t.docs]
    shown = [t for t in with_docs if _chars(t) <= BROWSE_MAX_CHARS]
    left_out = "".join(f"<p><small>Track {html.escape(t.name)}: its {len(t.docs):,} documents ({_chars(t):,} "
                       f"characters) are not embedded; <code>--sample</code> scores fewer.</small></p>"
                       for t in with_docs if t not in shown)
    if not shown:
        return "<h2 id='documents'>Documents</h2>" + left_out
    outcome_opts = "".join(f"<option value='{o}'>{o.replace('-', ' ')}</option>" for o in OUTCOME_STYLE)
    label_opts = "".join(f"<option>{lab}</option>" for lab in LABELS)
    controls = ("<div class='controls'><label>track <select id='pick-track'></select></label>"
                "<label>extractor <select id='pick-a'></select></label>"
                "<label>document <select id='pick-doc'></select></label>"
                f"<label>label <select id='filter-label'><option value=''>all</option>{label_opts}</select></label>"
                f"<label>outcome <select id='filter-outcome'><option value=''>all</option>{outcome_opts}</select>"
                "</label><label><input type='checkbox' id='compare'> compare with</label>"
                "<label class='compare-only'><select id='pick-b'></select></label>"
                "<label class='compare-only'><input type='checkbox' id='only-diff'> only lines that differ</label>"
                "<div id='counts'></div></div>")
    return "".join(["<h2 id='documents'>Documents and compare</h2>",
                    "<p><small>Choose an extractor and a document; tick <i>compare</i> to see a second extractor "
                    "line by line (lines where they differ are marked ≠) and the gold spans on which their "
                    "outcomes differ. The filters dim every other span.</small></p>", controls, LEGEND,
                    "<div id='view'></div>", left_out,
                    *(_data_script(t, report_extractor) for t in shown), f"<script>{SCRIPT}</script>"])


def render(result: BenchmarkResult, report_extractor: str | None = None) -> str:
    """The page: a table of contents, the seeds track's boards and plots, every other track's board,
    then the document browser (shown first: `report_extractor`, default the top row)."""
    parts = [f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>xbench report</title>"
             f"<style>{CSS}</style></head><body><h1>xbench report</h1>",
             f"<p><small>generated {html.escape(result.generated)}</small></p>", _toc(result)]
    if SEEDS in result.tracks:
        parts.append(seeds_section(result.seeds, report_extractor))
    parts += [track_section(t) for name, t in result.tracks.items() if name != SEEDS]
    parts.append(browser_section(result, report_extractor))
    parts.append("</body></html>\n")
    return "".join(parts)


def seeds_section(track: TrackResult, report_extractor: str | None = None) -> str:
    entries = track.extractors
    ok = [e for e in entries if e.ok]
    chosen = track.get(report_extractor) if report_extractor else (ok[0] if ok else None)
    parts = [f"<p><small>{html.escape(corpus_line(track))}</small></p>",
             "<h2 id='seeds'>Leaderboard</h2>", _table(HEADERS, rows(entries)),
             f"<p><small>{notes_html(NOTES)}</small></p>",
             "<h2 id='seeds-labels'>Strict F1 per label</h2>", heat_map(entries, LABELS),
             _table(["extractor", *LABELS], per_label_rows(entries)),
             "<h2 id='seeds-frontier'>Quality against speed</h2>", frontier(entries),
             "<p><small>Dashed line: the frontier (no other extractor is both faster and better).</small></p>"]
    if service_rows(entries):
        parts += ["<h2>Services: latency, cost, alignment</h2>", _table(SERVICE_HEADERS, service_rows(entries)),
                  f"<p><small>{notes_html(SERVICE_NOTES)}</small></p>"]
    parts += ["<h2 id='expectations'>Expectations failed on outputs</h2>", _expectations(entries),
              "<h2 id='drift'>Drift checks failed on the seeds</h2>", _drift(entries)]
    if chosen is None:
        parts.append(f"<p>no documents: extractor {html.escape(report_extractor or '')} did not run</p>")
    else:
        parts.append(_confusion(chosen))
    return "".join(parts)
