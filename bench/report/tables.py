"""A scoring report as plain-text tables (tabulate): modes, labels, documents, confusion, errors."""
from __future__ import annotations

import json

from tabulate import tabulate
from xbench.scoring.error_analysis import visible
from xbench.scoring.matching import MODES
from xbench.scoring.scores import Report

FMT = "simple"
DIGITS = ".3f"


def _f(x: float | None) -> str:
    return "-" if x is None else format(x, DIGITS)


def _numeric(rows: list[list], headers: list[str]) -> str:
    """First column text, the rest numbers (preformatted strings), right-aligned."""
    return tabulate(rows, headers, tablefmt=FMT, disable_numparse=True,
                    colalign=("left",) + ("right",) * (len(headers) - 1))


def _ci(ci: tuple[float, float] | None) -> str:
    return "-" if ci is None else f"[{_f(ci[0])}, {_f(ci[1])}]"


def modes_table(report: Report) -> str:
    rows = []
    for mode in MODES:
        r = report[mode]
        c = r.micro.counts
        rows.append([mode, _f(r.micro.precision), _f(r.micro.recall), _f(r.micro.f1), _ci(r.micro.ci95),
                     _f(r.macro.precision), _f(r.macro.recall), _f(r.macro.f1)]
                    + [str(n) for n in (c.correct, c.incorrect, c.partial, c.missed, c.spurious)])
    headers = ["mode", "P", "R", "F1", "F1 ci95", "macro P", "macro R", "macro F1",
               "cor", "inc", "par", "mis", "spu"]
    return _numeric(rows, headers)


def _breakdown(report: Report, by: str, first: str) -> str:
    """Strict P/R/F1 and the other modes' F1 per label (`by="per_label"`) or per document."""
    rows = []
    for key, s in getattr(report["strict"], by).items():
        rows.append([key, str(s.counts.possible), str(s.counts.actual), _f(s.precision), _f(s.recall), _f(s.f1)]
                    + [_f(getattr(report[m], by)[key].f1) for m in MODES[1:]])
    headers = [first, "n_gold", "n_pred", "strict P", "strict R", "strict F1"] + [f"{m} F1" for m in MODES[1:]]
    return _numeric(rows, headers)


def label_table(report: Report) -> str:
    return _breakdown(report, "per_label", "label")


def doc_table(report: Report) -> str:
    return _breakdown(report, "per_doc", "document")


def confusion_table(report: Report) -> str:
    c = report.confusion
    rows = [[r] + [str(c.get(r, col) or "") for col in c.cols] for r in c.rows]
    return _numeric(rows, ["gold \\ pred"] + list(c.cols))


def errors_table(report: Report) -> str:
    rows = [[e.kind, e.doc_id, str(e.start), visible(e.text), e.gold_label or "", e.pred_label or "", e.context]
            for e in report.errors]
    return tabulate(rows, ["kind", "document", "start", "text", "gold", "pred", "context"], tablefmt=FMT,
                    disable_numparse=True)


def format_report(report: Report, per_doc: bool = True, errors: bool = True) -> str:
    """The whole report as text, section by section."""
    ci = (f"bootstrap: {report.n_boot} replicates over {report.ci_unit}s, seed {report.seed}"
          if report.n_boot else "bootstrap: off")
    parts = [f"Scores (SemEval-2013 9.1 modes; {ci})", modes_table(report),
             f"Value accuracy (strict matches of DATE/MONEY/PERCENT/QUANTITY): "
             f"{_f(report.value.accuracy)} of {report.value.n}",
             "Per label", label_table(report)]
    if per_doc:
        parts += ["Per document", doc_table(report)]
    parts += ["Confusion (type-mode pairing)", confusion_table(report)]
    if errors and report.errors:
        parts += ["Example errors", errors_table(report)]
    return "\n\n".join(parts) + "\n"


def format_json(report: Report) -> str:
    """`xbench score --json`: the interface's `scores` object."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
