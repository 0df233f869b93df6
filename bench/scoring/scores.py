"""Score predicted records against gold in every mode: micro (with a bootstrap interval),
macro over labels, per label, per document, and value accuracy.

Pairing and counts come from xbench.scoring.matching (SemEval-2013 9.1 modes), intervals from
xbench.scoring.bootstrap, the confusion table and example errors from xbench.scoring.error_analysis. Scoring sees
records only (spans by doc_id), never an extractor.

Conventions:
- Documents are those in gold or predictions: one only in the predictions is all spurious,
  one only in gold all missed.
- A ratio with a zero denominator is 0 (as nervaluate), so a document with neither gold nor
  predicted spans scores 0, and `value.accuracy` is 0 when `n` is 0.
- Per label, gold spans count toward their gold label (recall) and predictions toward their
  predicted label (precision), so per-label counts add up to the micro counts; `per_label`
  holds the labels seen in gold or predictions, and macro is the plain mean over them.
- Value accuracy: over the strict matches whose label carries a comparable value (DATE and
  the numeric labels MONEY, PERCENT, QUANTITY). Names are left out: their value is the text
  in Simplified characters, which says more about the converter than about the extractor.
  A null gold value (a placeholder year such as `20xx年`) matches only a null prediction.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from xbench.scoring.bootstrap import DEFAULT_SEED, Unit, assign_units, ci95, unit_counts
from xbench.scoring.error_analysis import Confusion, ErrorExample, confusion, error_examples, ordered_labels
from xbench.scoring.matching import MODES, Alignment, Counts, Mode, Outcome, align, prf, tally

from extractors.schema import NUMERIC_LABELS, Span

VALUE_LABELS = frozenset({"DATE"}) | NUMERIC_LABELS
REL_TOL = 1e-6


def value_matches(label: str, gold: Any, pred: Any) -> bool:
    """Schema 1.0: numeric values match when `unit` is equal and amount/low/high are equal
    within a relative tolerance of 1e-6 (`mod` is not scored); other values when equal."""
    if label not in NUMERIC_LABELS or gold is None or pred is None:
        return gold == pred
    if not isinstance(gold, dict) or not isinstance(pred, dict) or gold.get("unit") != pred.get("unit"):
        return False
    for key in ("amount", "low", "high"):
        a, b = gold.get(key), pred.get(key)
        if a is None or b is None:
            if a is not b:
                return False
        elif not (_is_number(a) and _is_number(b) and math.isclose(a, b, rel_tol=REL_TOL)):
            return False
    return True


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, counts: np.ndarray) -> Scores:
        p, r, f = prf(counts)
        return cls(float(p), float(r), float(f))

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class CountedScores(Scores):
    # None only when read back from a result file, which keeps the counts of `micro` alone
    counts: Counts | None = None

    @classmethod
    def of(cls, counts: np.ndarray) -> CountedScores:
        p, r, f = prf(counts)
        return cls(float(p), float(r), float(f), Counts.from_vector(counts))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CountedScores:
        return cls(d["precision"], d["recall"], d["f1"])


@dataclass(frozen=True)
class LabelScores(CountedScores):
    n_gold: int = 0
    n_pred: int = 0

    @classmethod
    def of(cls, counts: np.ndarray) -> LabelScores:
        c = Counts.from_vector(counts)
        p, r, f = prf(counts)
        return cls(float(p), float(r), float(f), c, c.possible, c.actual)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "n_gold": self.n_gold, "n_pred": self.n_pred}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LabelScores:
        return cls(d["precision"], d["recall"], d["f1"], None, d.get("n_gold", 0), d.get("n_pred", 0))


# The SemEval counts of `micro` in JSON. Over whole documents the gold and predicted sides
# agree on correct, incorrect and partial, so these five give back all eight counts.
COUNT_KEYS = {"cor": "correct", "inc": "incorrect", "par": "partial", "mis": "missed", "spu": "spurious"}


@dataclass(frozen=True)
class MicroScores(CountedScores):
    ci95: tuple[float, float] | None = None  # None when scored without a bootstrap

    def to_dict(self) -> dict[str, Any]:
        out = {**super().to_dict(), "ci95": list(self.ci95) if self.ci95 is not None else [None, None]}
        if self.counts is not None:
            out |= {key: getattr(self.counts, name) for key, name in COUNT_KEYS.items()}
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MicroScores:
        counts = None
        if all(k in d for k in COUNT_KEYS):
            counts = Counts(d["cor"], d["inc"], d["par"], d["mis"], d["cor"], d["inc"], d["par"], d["spu"])
        ci = d.get("ci95")
        return cls(d["precision"], d["recall"], d["f1"], counts,
                   (ci[0], ci[1]) if ci and ci[0] is not None else None)


@dataclass(frozen=True)
class ModeReport:
    micro: MicroScores
    macro: Scores
    per_label: dict[str, LabelScores]
    per_doc: dict[str, CountedScores]

    # the micro figures directly: `report["strict"].f1`
    @property
    def precision(self) -> float:
        return self.micro.precision

    @property
    def recall(self) -> float:
        return self.micro.recall

    @property
    def f1(self) -> float:
        return self.micro.f1

    def to_dict(self) -> dict[str, Any]:
        return {"micro": self.micro.to_dict(), "macro": self.macro.to_dict(),
                "per_label": {k: v.to_dict() for k, v in self.per_label.items()},
                "per_doc": {k: Scores.to_dict(v) for k, v in self.per_doc.items()}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ModeReport:
        m = d["macro"]
        return cls(MicroScores.from_dict(d["micro"]), Scores(m["precision"], m["recall"], m["f1"]),
                   {k: LabelScores.from_dict(v) for k, v in d.get("per_label", {}).items()},
                   {k: CountedScores.from_dict(v) for k, v in d.get("per_doc", {}).items()})


@dataclass(frozen=True)
class ValueAccuracy:
    accuracy: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.accuracy, "n": self.n}


@dataclass(frozen=True)
class Report:
    """A scored prediction set. Scored live it holds the `alignment` every figure, the confusion
    table, the error examples and the HTML report's marks come from; read back from a result
    file (`from_dict`) it holds the figures and examples only (`alignment` and `confusion` None)."""

    modes: dict[Mode, ModeReport]
    value: ValueAccuracy
    ci_unit: Unit | None  # what the bootstrap resampled: paragraphs, or documents without raw texts
    n_boot: int | None
    seed: int | None
    confusion: Confusion | None
    errors: list[ErrorExample]
    alignment: Alignment | None = field(default=None, compare=False, repr=False)

    def __getitem__(self, mode: Mode) -> ModeReport:
        return self.modes[mode]

    def to_dict(self) -> dict[str, Any]:
        """The `scores` object of the interface contract, and nothing else."""
        out: dict[str, Any] = {m: self.modes[m].to_dict() for m in MODES}
        out["value"] = self.value.to_dict()
        return out

    @classmethod
    def from_dict(cls, scores: Mapping[str, Any], errors: Sequence[Mapping[str, Any]] = ()) -> Report:
        """The inverse of `to_dict` (with the `errors` list a result file keeps next to it)."""
        v = scores["value"]
        return cls({m: ModeReport.from_dict(scores[m]) for m in MODES}, ValueAccuracy(v["accuracy"], v["n"]),
                   None, None, None, None, [ErrorExample(**e) for e in errors])


def score(gold: Mapping[str, Sequence[Span]], pred: Mapping[str, Sequence[Span]],
          docs: Mapping[str, str] | None = None, n_boot: int = 1000, seed: int = DEFAULT_SEED,
          max_examples: int = 10) -> Report:
    """Score `pred` against `gold` (spans by doc_id); `docs` (raw text by doc_id) gives the
    bootstrap its paragraphs and the error examples their context. `n_boot=0` skips the
    bootstrap; `max_examples` caps the example errors of each kind."""
    alignment = align(gold, pred)
    doc_ids = alignment.doc_ids
    rows = alignment.rows(MODES)
    # per-label tallies in schema order rather than the alignment's alphabetical codes
    labels = ordered_labels(alignment.labels)
    to_ordered = np.array([labels.index(lab) for lab in alignment.labels], dtype=np.int64)
    row_label = to_ordered[rows.label] if len(rows) else rows.label

    units = assign_units(rows.doc, rows.start, doc_ids, docs)
    cis = ci95(unit_counts(units, rows.fields), n_boot, seed) if n_boot > 0 else None

    modes: dict[Mode, ModeReport] = {}
    for k, mode in enumerate(MODES):
        by_doc = tally(rows.doc, rows.fields[:, k], len(doc_ids))
        by_label = tally(row_label, rows.fields[:, k], len(labels))
        per_label = {lab: LabelScores.of(by_label[i]) for i, lab in enumerate(labels)}
        macro = (np.mean([[s.precision, s.recall, s.f1] for s in per_label.values()], axis=0)
                 if per_label else np.zeros(3))
        ci = (float(cis[k, 0]), float(cis[k, 1])) if cis is not None else None
        micro_counts = by_doc.sum(axis=0)
        p, r, f = prf(micro_counts)
        modes[mode] = ModeReport(
            micro=MicroScores(float(p), float(r), float(f), Counts.from_vector(micro_counts), ci),
            macro=Scores(*(float(x) for x in macro)),
            per_label=per_label,
            per_doc={d: CountedScores.of(by_doc[i]) for i, d in enumerate(doc_ids)})

    return Report(modes=modes, value=value_accuracy(alignment), ci_unit=units.unit, n_boot=n_boot, seed=seed,
                  confusion=confusion(alignment), errors=error_examples(alignment, docs, max_examples),
                  alignment=alignment)


def value_accuracy(alignment: Alignment) -> ValueAccuracy:
    """Share of strict matches with a value label (DATE, MONEY, PERCENT, QUANTITY) whose
    predicted value matches the gold value."""
    a = alignment
    value_codes = np.array([lab in VALUE_LABELS for lab in a.labels] + [False], dtype=bool)
    label_of = np.where(a.gold_outcome["strict"] == Outcome.CORRECT, a.gold_label, len(a.labels))
    idx = np.flatnonzero(value_codes[label_of])
    partner = a.gold_partner["strict"]
    hits = sum(value_matches(a.gold[i].label, a.gold[i].value, a.pred[partner[i]].value) for i in idx.tolist())
    return ValueAccuracy(hits / len(idx) if len(idx) else 0.0, len(idx))
