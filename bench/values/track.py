"""The values track: the Recognizers-Text cases scored for every extractor and value parser.

`values_track` gives a `TrackResult` (`tracks.values` of latest.json, the interface contract's
shape): the in-schema cases as the corpus (each case a document), per extractor the usual
`scores` over all in-schema cases plus `normalisation` (its value parser given the expected span
text), and, kept apart, the development part and the set-aside part (`parts`), the cases the
Python port of Recognizers-Text supports (`python_supported`), per file and per label. The
track adds `cases` (total, in_schema, excluded per reason) and the value parsers alone
(`parsers`, cn2an among them, scored on amounts).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tabulate import tabulate
from xbench.result import CorpusSummary, ExtractorResult, TrackResult
from xbench.scoring.scores import score
from xbench.tracks import Table
from xbench.values.cases import Case, load_cases
from xbench.values.score import Parser, grouped_span_scores, normalisation, predict, scored_predictions

from extractors import value_peers
from extractors.registry import get_extractor
from extractors.schema import Span
from extractors.values import numeric_value, timex

VALUES = "values"
# Extractors that find values, and the value parser each one's values come from.
EXTRACTORS: dict[str, str] = {"regex": "xbench", "recognizers-text": "recognizers-text",
                              "duckling": "duckling", "jionlp": "jionlp"}
PARTS = ("dev", "setaside")
NOTES = ("Microsoft Recognizers-Text's Chinese specification cases (MIT), converted in code to the schema; "
         "a case the schema does not cover is excluded with its reason. Each case is a document; spans are "
         "scored for the label of the case's file; intervals are 95% bootstrap intervals over cases. "
         "normalisation: the extractor's value parser on the expected span text. Every fifth case of each file "
         "is set aside from development and shown apart.")


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
    in_schema = [c for c in cases if c.in_schema]
    return {"all": in_schema, "python_supported": [c for c in in_schema if not c.not_supported_python],
            **{part: [c for c in in_schema if c.part == part] for part in PARTS}}


def track_corpus(limit: int | None = None) -> tuple[dict[str, str], dict[str, list[Span]]]:
    """The in-schema cases as documents and their expected spans as gold, by case id."""
    cases = [c for c in load_cases("all").cases if c.in_schema and (limit is None or c.index < limit)]
    return {c.case_id: c.text for c in cases}, {c.case_id: [e.span() for e in c.expected] for c in cases}


def _brief(cases: Sequence[Case], preds: dict[str, list[Span]], parser: Parser) -> dict[str, Any]:
    return {"scores": grouped_span_scores(cases, preds), "normalisation": normalisation(cases, parser)}


def _extractor(name: str, subsets: dict[str, list[Case]], seed: int) -> ExtractorResult:
    try:
        ex = get_extractor(name)
    except Exception as exc:  # a peer that cannot load (not installed) still gets a row
        return ExtractorResult(name, error=f"{type(exc).__name__}: {exc}")
    cases = subsets["all"]
    preds = predict(ex.extract, cases)
    scored = scored_predictions(cases, preds)
    gold = {c.case_id: [e.span() for e in c.expected] for c in cases}
    report = score(gold, scored, {c.case_id: c.text for c in cases}, seed=seed)
    parser = PARSERS[EXTRACTORS.get(name, "xbench")]
    extra = {"normalisation": normalisation(cases, parser), "value_parser": parser.name,
             "per_file": grouped_span_scores(cases, preds)["per_file"],
             "parts": {k: _brief(subsets[k], preds, parser) for k in (*PARTS, "python_supported")}}
    return ExtractorResult(name, ex.kind, tuple(ex.labels), report=report, extra=extra)


def values_track(extractors: Sequence[str] = tuple(EXTRACTORS), parsers: Sequence[str] = tuple(PARSERS),
                 progress: Callable[[str], None] | None = None, seed: int = 0,
                 limit: int | None = None) -> TrackResult:
    """The track's result; `limit` keeps the first N cases of each file (a quick sample)."""
    conv = load_cases("all")  # the scorer: the only reader of the set-aside part
    cases = [c for c in conv.cases if limit is None or c.index < limit]
    subsets = _subsets(cases)
    results = []
    for name in extractors:
        if progress:
            progress(name)
        results.append(_extractor(name, subsets, seed))
    results.sort(key=lambda r: (not r.ok, -(r.strict.micro.f1 if r.ok else 0.0)))
    parsed = {}
    for name in parsers:
        if progress:
            progress(name)
        parsed[name] = {k: normalisation(v, PARSERS[name]) for k, v in subsets.items()}
    cases = subsets["all"]
    corpus = CorpusSummary(len(cases), len(cases), sum(len(c.text) for c in cases),
                           sum(len(c.expected) for c in cases),
                           extra={"source": "Microsoft Recognizers-Text, Specs/*/Chinese (MIT)",
                                  "parts": {p: len(subsets[p]) for p in PARTS}})
    return TrackResult(VALUES, corpus, results, notes=NOTES,
                       extra={"cases": conv.summary(),
                              "cases_by_part": {p: load_cases(p).summary() for p in PARTS},
                              "parsers": parsed})


def _fmt(x: Any) -> str:
    return "–" if x is None else f"{x:.3f}"


def _ci(d: dict[str, Any]) -> str:
    ci = d.get("ci95")
    return f"[{ci[0]:.3f}, {ci[1]:.3f}]" if ci else ""


def tables(track: TrackResult) -> list[Table]:
    """The track's own tables after its board: span F1 and normalisation with the development and
    set-aside parts apart, per label, the value parsers alone, the cases excluded and why."""
    return [_main_table(track), _label_table(track), _file_table(track), _parser_table(track), _cases_table(track)]


def _main_table(track: TrackResult) -> Table:
    rows = []
    for e in track.extractors:
        if not e.ok:
            continue
        n, parts = e.extra["normalisation"], e.extra["parts"]
        rows.append([e.name, _fmt(e.strict.micro.f1), _fmt(parts["dev"]["scores"].get("strict", {}).get("f1")),
                     _fmt(parts["setaside"]["scores"].get("strict", {}).get("f1")), _fmt(n["accuracy"]), _ci(n),
                     str(n["n"]), _fmt(parts["dev"]["normalisation"]["accuracy"]),
                     _fmt(parts["setaside"]["normalisation"]["accuracy"]), e.extra["value_parser"]])
    return Table("Span F1 and normalisation, development and set-aside parts apart",
                 ["extractor", "strict F1", "dev", "set-aside", "normalisation", "95% CI", "n", "dev", "set-aside",
                  "value parser"], rows)


def _label_table(track: TrackResult) -> Table:
    labels = ("DATE", "MONEY", "PERCENT", "QUANTITY")
    rows = []
    for e in track.extractors:
        if e.ok:
            norm = e.extra["normalisation"].get("per_label", {})
            rows.append([e.name, *(f"{_fmt(e.strict.per_label[lab].f1 if lab in e.strict.per_label else None)} / "
                                   f"{_fmt(norm.get(lab, {}).get('accuracy'))}" for lab in labels)])
    return Table("Strict F1 / normalisation per label", ["extractor", *labels], rows)


def _file_table(track: TrackResult) -> Table:
    """Span F1 (with its interval over cases) and normalisation of each extractor per file of the suite."""
    ok = [e for e in track.extractors if e.ok]
    files = sorted({f for e in ok for f in e.extra.get("per_file", {})})
    rows = []
    for f in files:
        cells = []
        for e in ok:
            span = e.extra.get("per_file", {}).get(f, {}).get("strict", {})
            norm = e.extra["normalisation"].get("per_file", {}).get(f, {})
            cells.append(f"{_fmt(span.get('f1'))} {_ci(span)} / {_fmt(norm.get('accuracy'))}".replace("  ", " "))
        n = next((e.extra["per_file"][f]["n_cases"] for e in ok if f in e.extra.get("per_file", {})), 0)
        rows.append([f, str(n), *cells])
    return Table("Strict F1 (95% CI) / normalisation per file of the suite", ["file", "cases", *(e.name for e in ok)],
                 rows)


def _parser_table(track: TrackResult) -> Table:
    rows = []
    for name, p in track.extra["parsers"].items():
        a = p["all"]
        rows.append([name + (" (amounts only)" if a.get("amounts_only") else ""), _fmt(a["accuracy"]), _ci(a),
                     str(a["n"]), _fmt(p["dev"]["accuracy"]), _fmt(p["setaside"]["accuracy"]),
                     _fmt(p["python_supported"]["accuracy"]), str(p["python_supported"]["n"])])
    return Table("Value parsers on the expected span text (python-supported: the cases Recognizers-Text does not "
                 "mark NotSupported for its Python port)",
                 ["value parser", "accuracy", "95% CI", "n", "dev", "set-aside", "python-supported", "n"], rows)


def _cases_table(track: TrackResult) -> Table:
    c = track.extra["cases"]
    rows = [["in the schema", str(c["in_schema"])]] + [[reason, str(n)] for reason, n in c["excluded"].items()]
    return Table(f"The {c['total']:,} cases: in the schema, or excluded and why", ["cases", "count"], rows)


def markdown(track: TrackResult) -> str:
    """`xbench values`: the board's own tables in Markdown."""
    return "".join(f"{t.title}\n\n{tabulate(t.rows, headers=t.headers, tablefmt='github', disable_numparse=True)}\n\n"
                   for t in tables(track))
