"""Scores of the values track: span F1 of extractors and normalisation accuracy of value parsers.

* Span: each extractor runs on each in-schema case's input; its spans of the label the case's
  file is about are matched against the expected spans (strict and partial, as on the seeds).
* Normalisation: given the expected span text, does the value parser give the expected value?
  (`value_matches`, the seeds' rule: same unit, amounts within 1e-6, TIMEX strings equal.) This
  separates finding from parsing. `amount_accuracy` compares the numbers alone, for cn2an.

Both per file and per label, with 95% bootstrap intervals over cases (a case is the unit).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from xbench.scoring.bootstrap import DEFAULT_SEED, assign_units, ci95, unit_counts
from xbench.scoring.matching import align
from xbench.scoring.scores import value_matches
from xbench.values.cases import Case

from extractors.schema import Span

MODES = ("strict", "partial")
N_BOOT = 1000


@dataclass(frozen=True)
class Parser:
    name: str
    parse: Callable[[str, str], Any]  # (label, mention text) -> schema value or None
    amounts_only: bool = False        # cn2an: scored on amounts alone


def _round(x: float) -> float:
    return round(float(x), 4)


def span_scores(cases: Sequence[Case], predictions: dict[str, list[Span]]) -> dict[str, Any]:
    """Strict and partial P/R/F1 with a bootstrap interval over cases."""
    ids = [c.case_id for c in cases]
    gold = {c.case_id: [e.span() for e in c.expected] for c in cases}
    pred = scored_predictions(cases, predictions)
    out: dict[str, Any] = {"n_cases": len(cases)}
    if not cases:
        return out
    alignment = align(gold, pred, ids)
    rows = alignment.rows(MODES)
    units = assign_units(rows.doc, rows.start, ids, None)  # no raw texts: each case is a unit
    intervals = ci95(unit_counts(units, rows.fields), N_BOOT, DEFAULT_SEED) if len(rows) else None
    for k, mode in enumerate(MODES):
        c = alignment.counts(mode)
        entry = {"precision": _round(c.precision), "recall": _round(c.recall), "f1": _round(c.f1),
                 "possible": c.possible, "actual": c.actual}
        if intervals is not None:
            entry["ci95"] = [_round(v) for v in intervals[k]]
        out[mode] = entry
    return out


def scored_predictions(cases: Sequence[Case], predictions: dict[str, list[Span]]) -> dict[str, list[Span]]:
    return {c.case_id: _scored(c, predictions.get(c.case_id, [])) for c in cases}


def _scored(case: Case, spans: Sequence[Span]) -> list[Span]:
    """The predictions a case scores: of its file's label; in a partially marked file only those
    that meet an expected span (the others may be mentions the file does not mark)."""
    out = [s for s in spans if s.label == case.label]
    if case.partial:
        out = [s for s in out if any(s.start < e.end and e.start < s.end for e in case.expected)]
    return out


def _amounts_equal(gold: Any, pred: Any) -> bool:
    if not isinstance(gold, dict) or not isinstance(pred, dict):
        return False
    for key in ("amount", "low", "high"):
        a, b = gold.get(key), pred.get(key)
        if (a is None) != (b is None) or (a is not None and not math.isclose(a, b, rel_tol=1e-6)):
            return False
    return True


def _case_hits(case: Case, parser: Parser) -> tuple[int, int]:
    """(correct, total) over the case's expected mentions that carry a value."""
    right = total = 0
    for e in case.expected:
        if e.value is None:
            continue
        total += 1
        try:
            got = parser.parse(e.label, e.text)
        except Exception:  # a peer that raises on a mention has read no value there
            got = None
        ok = _amounts_equal(e.value, got) if parser.amounts_only else value_matches(e.label, e.value, got)
        right += bool(ok)
    return right, total


def _accuracy(hits: np.ndarray) -> dict[str, Any]:
    """Accuracy with a bootstrap interval over cases from (n_cases, 2) [correct, total]."""
    total = int(hits[:, 1].sum()) if len(hits) else 0
    if total == 0:
        return {"accuracy": None, "n": 0}
    rng = np.random.default_rng(DEFAULT_SEED)
    draws = rng.integers(0, len(hits), size=(N_BOOT, len(hits)))
    sums = hits[draws].sum(axis=1)
    reps = sums[:, 0] / np.maximum(sums[:, 1], 1)
    return {"accuracy": _round(hits[:, 0].sum() / total), "n": total,
            "ci95": [_round(v) for v in np.percentile(reps, [2.5, 97.5])]}


def normalisation(cases: Sequence[Case], parser: Parser) -> dict[str, Any]:
    hits = np.array([_case_hits(c, parser) for c in cases], dtype=np.int64).reshape(-1, 2)
    out = _accuracy(hits)
    out["per_label"] = _grouped(cases, hits, lambda c: c.label or "")
    out["per_file"] = _grouped(cases, hits, lambda c: c.file)
    if parser.amounts_only:
        out["amounts_only"] = True
    return out


def _grouped(cases: Sequence[Case], hits: np.ndarray, key: Callable[[Case], str]) -> dict[str, Any]:
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        groups.setdefault(key(c), []).append(i)
    return {k: _accuracy(hits[idx]) for k, idx in sorted(groups.items())}


def grouped_span_scores(cases: Sequence[Case], predictions: dict[str, list[Span]]) -> dict[str, Any]:
    """Span scores overall, per label and per file."""
    out = span_scores(cases, predictions)
    for name, key in (("per_label", lambda c: c.label or ""), ("per_file", lambda c: c.file)):
        groups: dict[str, list[Case]] = {}
        for c in cases:
            groups.setdefault(key(c), []).append(c)
        out[name] = {k: span_scores(v, predictions) for k, v in sorted(groups.items())}
    return out


def predict(extract: Callable[[str], list[Span]], cases: Iterable[Case]) -> dict[str, list[Span]]:
    """Each case's spans; an extractor that raises on a case finds nothing there."""
    out: dict[str, list[Span]] = {}
    for c in cases:
        try:
            out[c.case_id] = list(extract(c.text))
        except Exception:  # one bad case must not end the track; the case scores as all missed
            out[c.case_id] = []
    return out
