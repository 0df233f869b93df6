"""The values track: the Recognizers-Text cases scored for every extractor and value parser.

`run_track` gives the JSON block `tracks.values` of the result (shape in the interface contract):
`cases` (total, in_schema, excluded per reason), then per part (dev, setaside) each extractor's
span `scores` and `normalisation`, and each value parser's normalisation.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from xbench.values.cases import Case, Conversion, load_cases
from xbench.values.score import Parser, grouped_span_scores, normalisation, predict

from extractors import value_peers
from extractors.registry import get_extractor
from extractors.values import numeric_value, timex

# Extractors that find values (their own parser or a peer's); the parser each uses on the track.
EXTRACTORS: dict[str, str] = {"regex": "xbench", "recognizers-text": "recognizers-text",
                              "duckling": "duckling", "jionlp": "jionlp"}
PARTS = ("dev", "setaside")


def xbench_value(label: str, text: str) -> Any:
    return timex(text) if label == "DATE" else numeric_value(label, text)


PARSERS: dict[str, Parser] = {
    "xbench": Parser("xbench", xbench_value),
    "recognizers-text": Parser("recognizers-text", value_peers.rt_value),
    "duckling": Parser("duckling", value_peers.duckling_value),
    "jionlp": Parser("jionlp", value_peers.jionlp_value),
    "cn2an": Parser("cn2an", value_peers.cn2an_amount, amounts_only=True),
}


def _subsets(cases: Sequence[Case]) -> dict[str, list[Case]]:
    """All in-schema cases, and those the Python port of Recognizers-Text does not mark NotSupported."""
    in_schema = [c for c in cases if c.in_schema]
    return {"all": in_schema, "python_supported": [c for c in in_schema if not c.not_supported_python]}


def score_part(conv: Conversion, extractors: Sequence[str], parsers: Sequence[str],
               progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    subsets = _subsets(conv.cases)
    out: dict[str, Any] = {"cases": conv.summary(), "extractors": {}, "parsers": {}}
    for name in extractors:
        if progress:
            progress(name)
        preds = predict(get_extractor(name).extract, subsets["all"])
        parser = PARSERS[EXTRACTORS.get(name, "xbench")]
        out["extractors"][name] = {
            "scores": grouped_span_scores(subsets["all"], preds),
            "normalisation": normalisation(subsets["all"], parser),
            "python_supported": {"scores": grouped_span_scores(subsets["python_supported"], preds),
                                 "normalisation": normalisation(subsets["python_supported"], parser)},
        }
    for name in parsers:
        if progress:
            progress(name)
        out["parsers"][name] = {k: normalisation(v, PARSERS[name]) for k, v in subsets.items()}
    return out


def run_track(extractors: Sequence[str] = tuple(EXTRACTORS), parsers: Sequence[str] = tuple(PARSERS),
              parts: Sequence[str] = PARTS, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """The `tracks.values` block: the whole suite's case counts, then the scores per part."""
    whole = load_cases("all")
    out: dict[str, Any] = {"cases": whole.summary(), "parts": {}}
    for part in parts:
        out["parts"][part] = score_part(load_cases(part), extractors, parsers, progress)
    return out


def _fmt(x: Any) -> str:
    return "–" if x is None else f"{x:.3f}"


def _ci(d: dict[str, Any]) -> str:
    ci = d.get("ci95")
    return f"[{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""


def markdown(track: dict[str, Any]) -> str:
    """The track's tables: case counts, then per part span F1 and normalisation accuracy."""
    c = track["cases"]
    lines = [f"Values track: {c['total']} Recognizers-Text cases, {c['in_schema']} in the schema; excluded:",
             ""] + [f"- {reason}: {n}" for reason, n in c["excluded"].items()]
    for part, res in track["parts"].items():
        lines += ["", f"### {part} ({res['cases']['in_schema']} in-schema cases)", "",
                  "| extractor | strict F1 | 95% CI | partial F1 | normalisation | n |", "|---|---|---|---|---|---|"]
        for name, e in res["extractors"].items():
            s, n = e["scores"], e["normalisation"]
            lines.append(f"| {name} | {_fmt(s.get('strict', {}).get('f1'))} | {_ci(s.get('strict', {}))} | "
                         f"{_fmt(s.get('partial', {}).get('f1'))} | {_fmt(n['accuracy'])} | {n['n']} |")
        lines += ["", "| value parser | accuracy (all) | 95% CI | n | accuracy (python-supported) | n |",
                  "|---|---|---|---|---|---|"]
        for name, p in res["parsers"].items():
            a, s = p["all"], p["python_supported"]
            star = " (amounts only)" if a.get("amounts_only") else ""
            lines.append(f"| {name}{star} | {_fmt(a['accuracy'])} | {_ci(a)} | {a['n']} | "
                         f"{_fmt(s['accuracy'])} | {s['n']} |")
    return "\n".join(lines) + "\n"
