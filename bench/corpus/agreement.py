"""Pairwise agreement of a corpus run's extractors, checked against the same pair's agreement on the seeds.

Both extractors of a corpus run share one partition plan (it depends on the corpus alone), so
their records are compared partition by partition, read back from the records files: the driver
holds one partition at a time, and both engines give the same records, hence the same figures.

The reference is computed on the fly, not stored in the profile: any pair of the registered
extractors (or plugins) can be asked for, and a stored figure would go stale with every change
to an extractor. Each extractor of the run extracts the seeds' text once more, in a worker that
already holds it; the seeds' documents are resampled for a band, and a corpus agreement below the
band's lower end is a drift finding.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from xbench.expectations.drift import MIN_SPANS, DriftCheck
from xbench.io import read_text
from xbench.records import load_spans
from xbench.scoring.agreement import AGREEMENT_MODES, f1, lower_band, spans, tallies

from extractors.schema import LABELS, Span

ALL = "all labels"


@dataclass(frozen=True)
class SeedTask:
    extractor: str
    seeds: str  # the seed folder


def seed_spans(task: SeedTask) -> dict[str, list[dict[str, Any]]]:
    """In a worker: the extractor's records on every seed (plain dicts, small, picklable)."""
    from xbench.corpus.run import cached_extractor

    ex = cached_extractor(task.extractor)
    return {p.stem: [s.to_dict() for s in ex.extract(read_text(p))] for p in sorted(Path(task.seeds).glob("*.txt"))}


def reference_spans(engine: Any, name: str, seeds: Path) -> dict[str, list[Span]] | None:
    """The extractor's records on the seeds, through the run's engine (its worker still holds the model);
    None when it failed there (its pairs then get no reference)."""
    [out] = engine.map(seed_spans, [SeedTask(name, str(seeds.resolve()))])
    if isinstance(out, BaseException):
        return None
    return {d: [Span(**s) for s in found] for d, found in out.items()}


def _parts(records: str) -> dict[str, Path]:
    return {p.name: p for p in sorted(Path(records).glob("part-*.jsonl"))}


def _corpus_tallies(a: dict[str, Any], b: dict[str, Any], labels: list[str]) -> tuple[np.ndarray, list[dict]]:
    """Summed tallies (labels, modes, 8) over the partitions both runs completed, and per partition the
    agreement over all labels; documents either extractor failed on are left out."""
    failed = {e["doc_id"] for r in (a, b) for e in r["errors"]}
    pa, pb = _parts(a["records"]), _parts(b["records"])
    total = np.zeros((len(labels), len(AGREEMENT_MODES), 8), dtype=np.int64)
    per_partition = []
    for name in sorted(set(pa) & set(pb)):
        ra, rb = load_spans(pa[name]), load_spans(pb[name])
        ids = sorted((set(ra) | set(rb)) - failed)
        t = tallies(ra, rb, labels, ids).sum(axis=0)
        total += t
        whole = f1(t.sum(axis=0))
        per_partition.append({"partition": int(name[5:10]),
                              **{m: round(float(whole[k]), 4) for k, m in enumerate(AGREEMENT_MODES)}})
    return total, per_partition


def _checks(observed: np.ndarray, n_obs: np.ndarray, low: np.ndarray, n_ref: np.ndarray,
            names: list[str]) -> list[DriftCheck]:
    out = []
    for i, lab in enumerate(names):
        for k, mode in enumerate(AGREEMENT_MODES):
            if n_obs[i, k] >= MIN_SPANS and n_ref[i, k] >= MIN_SPANS:  # too few records say nothing
                v, lo = float(observed[i, k]), float(low[i, k])
                out.append(DriftCheck(f"agreement {mode} {lab}", "extractor", v, lo, None, v >= lo))
    return out


def pair_agreement(a: dict[str, Any], b: dict[str, Any], labels: list[str],
                   reference: tuple[dict[str, list[Span]], dict[str, list[Span]]] | None) -> dict[str, Any]:
    total, per_partition = _corpus_tallies(a, b, labels)
    with_all = np.concatenate([total, total.sum(axis=0, keepdims=True)])
    names = [*labels, ALL]
    observed, n_obs = f1(with_all), spans(with_all)
    out: dict[str, Any] = {"a": a["name"], "b": b["name"], "labels": labels, "modes": list(AGREEMENT_MODES),
                           "agreement": _table(names, observed, n_obs), "partitions": per_partition,
                           "reference": None, "checks": []}
    if reference is not None:
        ref_a, ref_b = reference
        per_doc = tallies(ref_a, ref_b, labels, sorted(set(ref_a) | set(ref_b)))
        ref_all = per_doc.sum(axis=0)
        ref_all = np.concatenate([ref_all, ref_all.sum(axis=0, keepdims=True)])
        low = lower_band(per_doc)
        out["reference"] = {**_table(names, f1(ref_all), spans(ref_all)),
                            "band_low": {lab: {m: round(float(low[i, k]), 4) for k, m in enumerate(AGREEMENT_MODES)}
                                         for i, lab in enumerate(names)}}
        out["checks"] = [c.to_dict() for c in _checks(observed, n_obs, low, spans(ref_all), names)]
    out["flagged"] = any(not c["passed"] for c in out["checks"])
    return out


def _table(names: list[str], values: np.ndarray, n: np.ndarray) -> dict[str, dict[str, float | int]]:
    return {lab: {**{m: round(float(values[i, k]), 4) for k, m in enumerate(AGREEMENT_MODES)},
                  "records": int(n[i, 0])} for i, lab in enumerate(names)}


def agreement_section(results: list[dict[str, Any]], labels_of: dict[str, tuple[str, ...]],
                      reference: dict[str, dict[str, list[Span]] | None] | None) -> list[dict[str, Any]]:
    """Every pair of the run's extractors, in the order they were given; `reference`: each one's records
    on the seeds (None: no reference, so agreement is reported and not checked)."""
    out = []
    for a, b in combinations(results, 2):
        shared = [lab for lab in LABELS if lab in labels_of[a["name"]] and lab in labels_of[b["name"]]]
        ref_a, ref_b = (reference or {}).get(a["name"]), (reference or {}).get(b["name"])
        ref = (ref_a, ref_b) if ref_a is not None and ref_b is not None else None
        out.append(pair_agreement(a, b, shared, ref))
    return out


def agreement_table(pairs: list[dict[str, Any]]) -> str:
    """Per pair: strict and partial agreement over all labels and per label, the seeds' figure in brackets."""
    from tabulate import tabulate

    rows = []
    for p in pairs:
        ref = p["reference"] or {}
        for lab in [ALL, *p["labels"]]:
            got = p["agreement"][lab]
            cells = [f"{got[m]:.3f}" + (f" ({ref[lab][m]:.3f})" if ref else "") for m in p["modes"]]
            failed = [c["name"].split()[1] for c in p["checks"] if not c["passed"] and c["name"].endswith(f" {lab}")]
            rows.append([f"{p['a']} ~ {p['b']}", lab, *cells, got["records"], "DROP " + "/".join(failed) if failed
                         else ""])
    return tabulate(rows, headers=["pair", "label", "strict agreement (seeds)", "partial agreement (seeds)",
                                   "records", ""], disable_numparse=True) if rows else ""
