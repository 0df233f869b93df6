"""Agreement between two extractors where there is no gold: one's records scored against the other's.

The pairing and the counts are the scorer's (`matching.align`); F1 is symmetric in its two sides
(swapping them swaps precision and recall), so the agreement of A with B is that of B with A.
Tallies are count vectors per document, label and mode, so partitions add up to the corpus in
any order, and a reference's documents can be resampled for a band.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from xbench.scoring.matching import N_FIELDS, Mode, align, hit_sums, prf_from_sums

from extractors.schema import Span

AGREEMENT_MODES: tuple[Mode, ...] = ("strict", "partial")


def tallies(a: Mapping[str, Sequence[Span]], b: Mapping[str, Sequence[Span]], labels: Sequence[str],
            doc_ids: Sequence[str] | None = None) -> np.ndarray:
    """Count vectors (docs, labels, modes, 8) of `b` scored against `a`, over `labels` only (the ones
    both extractors can find: a label only one of them knows would measure coverage, not agreement)."""
    keep = set(labels)
    ids = tuple(sorted(set(a) | set(b))) if doc_ids is None else tuple(doc_ids)
    al = align({d: [s for s in a.get(d, ()) if s.label in keep] for d in ids},
               {d: [s for s in b.get(d, ()) if s.label in keep] for d in ids}, ids)
    rows = al.rows(AGREEMENT_MODES)
    to_label = np.array([list(labels).index(lab) for lab in al.labels], dtype=np.int64)
    n_lab, n_mode = len(labels), len(AGREEMENT_MODES)
    out = np.zeros((len(ids), n_lab, n_mode, N_FIELDS), dtype=np.int64)
    if len(rows):
        lab = to_label[rows.label]
        for k in range(n_mode):
            flat = ((rows.doc * n_lab + lab) * n_mode + k) * N_FIELDS + rows.fields[:, k]
            out += np.bincount(flat, minlength=out.size).reshape(out.shape)
    return out


def f1(counts: np.ndarray) -> np.ndarray:
    """(..., 8) count vectors -> (...) F1, the agreement figure."""
    return prf_from_sums(hit_sums(counts))[..., 2]


def spans(counts: np.ndarray) -> np.ndarray:
    """(..., 8) -> (...) the records of both sides together: how much an agreement figure rests on."""
    return counts[..., 0:4].sum(axis=-1) + counts[..., 4:8].sum(axis=-1)


def lower_band(per_doc: np.ndarray, resamples: int = 1000, seed: int = 0, q: float = 0.025) -> np.ndarray:
    """Per label and mode (plus a last row for all labels together): the agreement a resample of the
    reference documents stays above (its `q` quantile), from per-document tallies (docs, labels, modes, 8)."""
    with_all = np.concatenate([per_doc, per_doc.sum(axis=1, keepdims=True)], axis=1)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(per_doc), (resamples, len(per_doc)))
    weights = np.stack([np.bincount(p, minlength=len(per_doc)) for p in picks])  # (resamples, docs)
    boot = np.tensordot(weights, with_all, axes=(1, 0))  # (resamples, labels + 1, modes, 8)
    return np.quantile(f1(boot), q, axis=0)
