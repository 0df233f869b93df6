"""The HTML corpus report, written next to corpus.json: density per label over the partitions (a plot),
the failed expectations and drift checks with the records that made them fail, and the pairwise agreement.

One self-contained page in the report's style (no script, no network).
"""
from __future__ import annotations

import html
from typing import Any

from xbench.report.plots import density_over_partitions
from xbench.report.style import page_css

from extractors.schema import LABELS


def _table(headers: list[str], body: list[list[Any]], classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    rows = "".join(f"<tr class='{c}'>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in r) + "</tr>"
                   for r, c in zip(body, classes or [""] * len(body), strict=True))
    return f"<div class='scroll'><table><tr>{head}</tr>{rows}</table></div>"


def _num(v: float | None) -> str:
    return "–" if v is None else f"{v:.4g}"


def _examples(examples: list[dict[str, Any]]) -> str:
    if not examples:
        return "<small>no records to show</small>"
    items = []
    for e in examples:
        where = f"{e['doc_id']}:{e['line']}" if "line" in e else f"{e['doc_id']}:{e.get('start')}"
        pair = f" A: {e['a'] or '–'} / B: {e['b'] or '–'}" if "a" in e else ""
        shown = e.get("context") or e.get("text", "")
        items.append(f"<li><code>{html.escape(where)}</code> {html.escape(str(e.get('label', '')))}{html.escape(pair)} "
                     f"<span class='ctx'>{html.escape(str(shown))}</span></li>")
    return "<ul class='examples'>" + "".join(items) + "</ul>"


def _summary(body: dict[str, Any]) -> str:
    rows = [[r["name"], r["documents"], f"{r['chars']:,}", r["partitions"]["total"],
             f"{r['expectations']['total'] - len(r['expectations']['failed'])}/{r['expectations']['total']}",
             (r.get("drift") or {}).get("verdict", "not checked"), len(r["errors"])] for r in body["runs"]]
    return _table(["extractor", "docs", "chars", "partitions", "expectations", "drift", "failed docs"], rows)


def _density(body: dict[str, Any], profile: dict[str, Any] | None) -> str:
    series: dict[str, dict[str, list[tuple[int, float]]]] = {}
    n_parts = 1
    for r in body["runs"]:
        for p in (r.get("drift") or {}).get("partitions", []):
            n_parts = max(n_parts, p["partition"] + 1)
            for lab, v in p["density"].items():
                series.setdefault(lab, {}).setdefault(r["name"], []).append((p["partition"], v))
    if not series:
        return "<p>no partition statistics (run without --no-drift-checks to gather them)</p>"
    bands = {c["name"].split()[1]: tuple(c["band"]) for c in (profile or {}).get("checks", [])
             if c["name"].startswith("density ") and c["band"]}
    return density_over_partitions(series, bands, LABELS, n_parts)


def _failures(body: dict[str, Any]) -> str:
    parts = []
    for r in body["runs"]:
        for f in r["expectations"]["failed"]:
            parts.append(f"<h4>{html.escape(r['name'])}: {html.escape(f['expectation'])} ({f['count']} records)</h4>"
                         + _examples(f["examples"]))
        drift = r.get("drift") or {}
        for c in drift.get("checks", []):
            if not c["passed"]:
                parts.append(f"<h4 class='failed'>{html.escape(r['name'])}: {html.escape(c['name'])} ({c['kind']}): "
                             f"observed {_num(c['observed'])}, band [{_num(c['low'])}, {_num(c['high'])}]</h4>"
                             + _examples(c.get("examples", [])))
    return "".join(parts) or "<p>none: every expectation and drift check passed</p>"


def _checks(body: dict[str, Any]) -> str:
    rows, classes = [], []
    for r in body["runs"]:
        for c in (r.get("drift") or {}).get("checks", []):
            rows.append([r["name"], c["name"], c["kind"], _num(c["observed"]), _num(c["low"]), _num(c["high"]),
                         "pass" if c["passed"] else "FAIL"])
            classes.append("" if c["passed"] else "failed")
    return _table(["extractor", "drift check", "kind", "observed", "low", "high", ""], rows, classes) if rows \
        else "<p>no drift checks in this run</p>"


def _agreement(pairs: list[dict[str, Any]]) -> str:
    if not pairs:
        return "<p>one extractor: no pair to compare (run with several <code>-e</code>)</p>"
    parts = []
    for p in pairs:
        ref = p["reference"] or {}
        failed = {c["name"]: c for c in p["checks"] if not c["passed"]}
        rows, classes = [], []
        for lab in p["agreement"]:
            got = p["agreement"][lab]
            rows.append([lab, got["records"], *(f"{got[m]:.3f}" for m in p["modes"]),
                         *((f"{ref[lab][m]:.3f}", f"{ref['band_low'][lab][m]:.3f}") if ref else ("–", "–")
                           for m in p["modes"])])
            classes.append("failed" if any(c.endswith(f" {lab}") for c in failed) else "")
        heads = ["label", "records", *p["modes"], *(f"{m} on the seeds / band low" for m in p["modes"])]
        rows = [r[:2 + len(p["modes"])] + [f"{a} / {b}" for a, b in r[2 + len(p["modes"]):]] for r in rows]
        parts.append(f"<h3>{html.escape(p['a'])} ~ {html.escape(p['b'])}</h3>" + _table(heads, rows, classes))
        parts += [f"<h4 class='failed'>{html.escape(n)}: {c['observed']:.3f} below {c['low']:.3f}</h4>"
                  + _examples(c.get("examples", [])) for n, c in failed.items()]
    return "".join(parts)


AGREEMENT_NOTE = ("Strict and partial F1 of one extractor's records scored against the other's, over the labels "
                  "both can find; next to it the same pair on the seeds and the lower end of its bootstrap band "
                  "(a row in red fell below it).")
CSS = ("tr.failed td,h4.failed{background:#ffd6d6}ul.examples{font-size:13px}"
       ".ctx{font-family:'Noto Sans CJK SC',sans-serif}svg.density{margin:0 .5em .5em 0}")


def corpus_page(body: dict[str, Any], profile: dict[str, Any] | None) -> str:
    """`body`: what corpus.json holds; `profile`: the drift checks' reference (None: they were skipped)."""
    title = f"xbench corpus report: {body['corpus']}"
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{page_css()}{CSS}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<nav class='toc'><a href='#runs'>runs</a><a href='#density'>density</a>"
            f"<a href='#failed'>failed checks</a><a href='#agreement'>agreement</a><a href='#checks'>every drift "
            f"check</a></nav><h2 id='runs'>Runs</h2>{_summary(body)}"
            f"<h2 id='density'>Records per 1,000 characters, per partition</h2>{_density(body, profile)}"
            f"<h2 id='failed'>Failed expectations and drift checks, with examples</h2>{_failures(body)}"
            f"<h2 id='agreement'>Agreement between extractors</h2>"
            f"<p>{AGREEMENT_NOTE}</p>"
            f"{_agreement(body.get('agreement', []))}<h2 id='checks'>Every drift check</h2>{_checks(body)}"
            "</body></html>\n")
