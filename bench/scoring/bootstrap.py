"""95% intervals and ranking stability by bootstrap over paragraphs.

Mentions in one paragraph are not independent (one sentence style, one list of names), so
the resampling unit is the paragraph: the text between two newlines of the raw document,
and a span belongs to the paragraph holding its start. Without the raw texts the unit falls
back to the document, and the unit used is recorded (`Units.unit`). Paragraphs that hold no
gold or predicted span add nothing to any count and are left out of the units.

Each unit's counts (matching.FIELDS, per mode) are tallied once; a replicate is then a weight
vector over units (how often each was drawn), and all replicates' counts are one matrix
product. The same replicates serve every mode and both sides of a paired comparison. The
seed is fixed (0 by default), so a run is reproducible.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from xbench.scoring.matching import MODES, Alignment, Mode, align, hit_sums, prf, prf_from_sums, tally

from extractors.schema import Span

DEFAULT_SEED = 0
Unit = Literal["paragraph", "document"]
_BATCH_CELLS = 2_000_000  # weights per batch of replicates: bounds memory for large corpora


@dataclass(frozen=True)
class Units:
    unit: Unit
    ids: np.ndarray  # unit index per span row
    n: int


def paragraph_of(raw: str, starts: Sequence[int] | np.ndarray) -> np.ndarray:
    """Paragraph index (number of newlines before the offset) of each start offset."""
    newlines = np.array([m.start() for m in re.finditer("\n", raw)], dtype=np.int64)
    return np.searchsorted(newlines, np.asarray(starts, dtype=np.int64), side="left")


def assign_units(doc: np.ndarray, start: np.ndarray, doc_ids: Sequence[str],
                 docs: Mapping[str, str] | None) -> Units:
    """A resampling unit per span row: its (document, paragraph), or its document when the raw
    text of some scored document is not given (then documents are used throughout)."""
    doc = np.asarray(doc, dtype=np.int64)
    if docs is not None and all(d in docs for d in doc_ids):
        para = np.zeros_like(doc)
        order = np.argsort(doc, kind="stable")
        bounds = np.searchsorted(doc[order], np.arange(len(doc_ids) + 1))
        for k, d in enumerate(doc_ids):
            rows = order[bounds[k]:bounds[k + 1]]
            if len(rows):
                para[rows] = paragraph_of(docs[d], start[rows])
        key = doc * (int(para.max(initial=0)) + 1) + para
        unit: Unit = "paragraph"
    else:
        key = doc
        unit = "document"
    uniq, inv = np.unique(key, return_inverse=True)
    return Units(unit, inv.reshape(-1), len(uniq))


def _weight_batches(n_units: int, n_boot: int, seed: int) -> Iterator[np.ndarray]:
    """Replicate weights (how often each unit is drawn), in batches of rows."""
    rng = np.random.default_rng(seed)
    batch = max(1, _BATCH_CELLS // max(n_units, 1))
    done = 0
    while done < n_boot:
        b = min(batch, n_boot - done)
        draws = rng.integers(0, n_units, size=(b, n_units), dtype=np.int64)
        draws += np.arange(b, dtype=np.int64)[:, None] * n_units
        yield np.bincount(draws.ravel(), minlength=b * n_units).reshape(b, n_units)
        done += b


def replicate_f1(unit_counts: Sequence[np.ndarray], n_boot: int = 1000, seed: int = DEFAULT_SEED) -> list[np.ndarray]:
    """Micro F1 of each replicate for each (n_units, ..., 8) count array, all on the same draws."""
    if not unit_counts:
        return []
    n_units = unit_counts[0].shape[0]
    if n_units == 0:
        return [np.zeros((n_boot,) + c.shape[1:-1]) for c in unit_counts]
    # F1 needs only four additive sums per count vector, which halves the matrix product
    reduced = [hit_sums(c).reshape(n_units, -1) for c in unit_counts]
    # float32 is exact for integers and halves below 2**22 (each replicate sum is at most
    # n_units times the largest unit sum) and twice as fast; else stay in float64
    biggest = max(float(c.max(initial=0)) for c in reduced) * n_units
    dtype = np.float32 if biggest < 2**21 else np.float64
    reduced = [c.astype(dtype) for c in reduced]
    out: list[list[np.ndarray]] = [[] for _ in unit_counts]
    for w in _weight_batches(n_units, n_boot, seed):
        w = w.astype(dtype)
        for acc, c, orig in zip(out, reduced, unit_counts, strict=True):
            reps = (w @ c).astype(np.float64).reshape((len(w),) + orig.shape[1:-1] + (4,))
            acc.append(prf_from_sums(reps)[..., 2])
    return [np.concatenate(acc, axis=0) for acc in out]


def ci95(unit_counts: np.ndarray, n_boot: int = 1000, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Percentile 95% interval of micro F1 from (n_units, ..., 8) counts -> (..., 2) [lo, hi]."""
    (f1,) = replicate_f1([unit_counts], n_boot, seed)
    return np.moveaxis(np.percentile(f1, [2.5, 97.5], axis=0), 0, -1)


def unit_counts(rows_units: Units, fields: np.ndarray) -> np.ndarray:
    """(n_units, n_modes, 8) counts from span rows' fields (n_rows, n_modes)."""
    return np.stack([tally(rows_units.ids, fields[:, k], rows_units.n) for k in range(fields.shape[1])], axis=1)


def paired_bootstrap(gold: Mapping[str, Sequence[Span]], pred_a: Mapping[str, Sequence[Span]],
                     pred_b: Mapping[str, Sequence[Span]], docs: Mapping[str, str] | None = None,
                     mode: Mode = "strict", n_boot: int = 1000, seed: int = DEFAULT_SEED) -> float:
    """Probability that the micro-F1 ranking of a vs b flips under resampling (`paired_flip`
    of the two predictions' alignments with gold)."""
    doc_ids = sorted(set(gold) | set(pred_a) | set(pred_b))
    return paired_flip(align(gold, pred_a, doc_ids), align(gold, pred_b, doc_ids), docs, mode, n_boot, seed)


def paired_flip(a: Alignment, b: Alignment, docs: Mapping[str, str] | None = None, mode: Mode = "strict",
                n_boot: int = 1000, seed: int = DEFAULT_SEED) -> float:
    """Probability that the micro-F1 ranking of a vs b (two alignments with the same gold and
    documents) flips under resampling.

    The share of replicates (the same paragraphs drawn for a and b) in which the sign of
    F1(a) - F1(b) differs from its sign on the full data. Identical predictions tie on the
    full data and in every replicate, so they give 0; different predictions that tie on the
    full data give the share of replicates that break the tie (the ranking is undecided).
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    if a.doc_ids != b.doc_ids:
        raise ValueError("paired_flip needs two alignments over the same documents")
    rows = [x.rows((mode,)) for x in (a, b)]
    # one unit assignment over both row sets, so a and b are resampled on the same paragraphs
    units = assign_units(np.concatenate([r.doc for r in rows]), np.concatenate([r.start for r in rows]),
                         a.doc_ids, docs)
    n_a = len(rows[0])
    ua = Units(units.unit, units.ids[:n_a], units.n)
    ub = Units(units.unit, units.ids[n_a:], units.n)
    ca, cb = unit_counts(ua, rows[0].fields), unit_counts(ub, rows[1].fields)
    observed = _sign(prf(ca.sum(axis=0))[..., 2] - prf(cb.sum(axis=0))[..., 2])
    fa, fb = replicate_f1([ca, cb], n_boot, seed)
    return float(np.mean(_sign(fa - fb) != observed))


def _sign(x: np.ndarray) -> np.ndarray:
    # equal F1s reached through different counts can differ in the last bit; that is a tie
    return np.sign(np.where(np.abs(x) < 1e-12, 0.0, x))
