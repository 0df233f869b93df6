"""The leaderboard: rows from scored runs, ranked by strict micro F1, ties from a paired bootstrap."""
from __future__ import annotations

from typing import Any

from tabulate import tabulate

from extractors.schema import LABELS

TIE_THRESHOLD = 0.05  # a flip probability above this means the two rows are not separable


def _f1(entry: dict[str, Any], mode: str = "strict") -> float:
    return entry.get("scores", {}).get(mode, {}).get("micro", {}).get("f1", float("nan"))


def rank(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ok = sorted((e for e in entries if not e.get("error")), key=lambda e: -_f1(e))
    return ok + [e for e in entries if e.get("error")]


def _ci(ci: list[float] | None, fmt: str = "{:.3f}") -> str:
    return "" if not ci else f"[{fmt.format(ci[0])}, {fmt.format(ci[1])}]"


def rows(entries: list[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for i, e in enumerate(rank(entries), 1):
        if e.get("error"):
            out.append([i, e["name"], e.get("kind", "?"), "FAILED: " + e["error"][:60]] + [""] * 10)
            continue
        s, sp = e["scores"], e.get("speed", {})
        cps = sp.get("chars_per_sec", {})
        strict = s["strict"]["micro"]
        tie = " =" if e.get("tied_with_next") else ""
        exp = e.get("expectations", {})
        out.append([
            i, e["name"] + ("*" if e.get("evaluation") == "loo" else ""), e.get("kind", "?"),
            f"{strict['f1']:.3f}{tie}", _ci(strict.get("ci95")),
            f"{s['exact']['micro']['f1']:.3f}", f"{s['partial']['micro']['f1']:.3f}",
            f"{s['type']['micro']['f1']:.3f}",
            "–" if not s["value"]["n"] else f"{s['value']['accuracy']:.3f}",  # no strict match with a value
            f"{cps.get('median', 0):,.0f}", _ci(cps.get("ci95"), "{:,.0f}"),
            f"{sp.get('cold_start_s', 0):.2f}", f"{sp.get('peak_mem_mb', 0):.0f}",
            f"{exp.get('passed', 0)}/{exp.get('total', 0)}",
        ])
    return out


HEADERS = ["#", "extractor", "kind", "strict F1", "95% CI", "exact F1", "partial F1", "type F1", "value acc",
           "chars/s", "chars/s 95% CI", "load s", "peak MB", "expectations"]


def per_label_rows(entries: list[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for e in rank(entries):
        if e.get("error"):
            continue
        pl, covers = e["scores"]["strict"]["per_label"], set(e.get("labels") or LABELS)
        out.append([e["name"]] + [("–" if lab not in covers else f"{pl[lab]['f1']:.3f}" if lab in pl else "")
                                  for lab in LABELS])
    return out


NOTES = ("`–` the extractor does not produce that label (value accuracy: no strict match carries a value). "
         "`*` learned extractor, scored leave-one-document-out (each document predicted by a model "
         "that never saw it). `=` not separable from the next row (paired paragraph bootstrap: the "
         f"ranking flips in more than {TIE_THRESHOLD:.0%} of resamples). Intervals are 95% bootstrap "
         "intervals over paragraphs (F1) and over timed batches (chars/s).")


def render(entries: list[dict[str, Any]], fmt: str = "simple") -> str:
    main = tabulate(rows(entries), headers=HEADERS, tablefmt=fmt, disable_numparse=True)
    labels = tabulate(per_label_rows(entries), headers=["extractor (strict F1)", *LABELS], tablefmt=fmt,
                      disable_numparse=True)
    return f"{main}\n\n{labels}\n"


def markdown(entries: list[dict[str, Any]]) -> str:
    return f"{render(entries, 'github')}\n{NOTES}\n"
