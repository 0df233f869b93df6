"""The reference profile: what extraction on the reference text looks like, with bands from its own spread.

Built from reviewed gold or from an accepted corpus run; every band is a bootstrap over the
reference documents (resampled with replacement, a fixed seed, so the file rebuilds identically).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from xbench.expectations.text_stats import TextStats, doc_stats, name_key

from extractors.schema import NAME_LABELS, NUMERIC_LABELS, Span

VERSION = 1
RESAMPLES = 1000
SEED = 0
BAND = (0.025, 0.975)
QUANTILES = (0.25, 0.5, 0.75)
KL_TAIL = 0.01  # weight held out for a label the reference never saw (GX's tail_weight_holdout)
DEFAULT_PROFILE = Path(__file__).with_name("reference_profile.json")


@dataclass
class Reference:
    """Per reference document: its statistics (novelty counted against the other documents)."""

    docs: list[TextStats]
    names: dict[str, list[str]]


def reference(texts: dict[str, str], spans: dict[str, list[Span]]) -> Reference:
    ids = sorted(d for d in spans if d in texts)
    names_of = {d: {(s.label, name_key(s)) for s in spans[d] if s.label in NAME_LABELS} for d in ids}
    docs = []
    for d in ids:
        others = set().union(*(names_of[o] for o in ids if o != d))
        known = {lab: frozenset(n for lab2, n in others if lab2 == lab) for lab in NAME_LABELS}
        docs.append(doc_stats(texts[d], spans[d], known))  # leave one out: novelty as a new document sees it
    names: dict[str, set[str]] = {}
    for lab, n in set().union(*names_of.values()) if ids else ():
        names.setdefault(lab, set()).add(n)
    return Reference(docs, {k: sorted(v) for k, v in sorted(names.items())})


def _quantile(counts: dict[Any, int], q: float) -> float | None:
    if not counts:
        return None
    keys = sorted(counts)
    # numpy's "lower" quantile of the expanded values, without expanding them
    rank = int(np.floor(q * (sum(counts.values()) - 1)))
    seen = 0
    for k in keys:
        seen += counts[k]
        if seen > rank:
            return float(k)
    return float(keys[-1])


def kl(observed: dict[str, int], expected: dict[str, float], tail: float = KL_TAIL) -> float:
    """KL(observed || expected) as GX's ExpectColumnKLDivergenceToBeLessThan computes it for categories
    (the drift checks validate with GX; the profile's bootstrap uses this to set the limit): when a label
    the reference never saw is observed, the expected weights give up `tail`, shared by the unseen labels."""
    total = sum(observed.values())
    if not total:
        return 0.0
    keys = sorted(set(observed) | set(expected))
    p = np.array([observed.get(k, 0) / total for k in keys])
    q = np.array([expected.get(k, 0.0) for k in keys])
    unseen = q == 0
    if unseen.any():
        q = q * (1 - tail)
        q[unseen] = tail / unseen.sum()
    mask = p > 0
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])))


def mix(counts: dict[str, int], labels: list[str]) -> dict[str, float]:
    total = sum(counts.get(k, 0) for k in labels)
    return {k: counts.get(k, 0) / total for k in labels} if total else {}


def resample(docs: list[TextStats], resamples: int = RESAMPLES) -> list[TextStats]:
    rng = np.random.default_rng(SEED)
    return [TextStats.summed([docs[i] for i in rng.integers(0, len(docs), len(docs))]) for _ in range(resamples)]


def resample_weights(documents: int, resamples: int = RESAMPLES) -> np.ndarray:
    """(resamples, documents): how often each document is in each of `resample`'s resamples (the same draws),
    for figures that are sums: a weighted sum is much cheaper than a thousand TextStats."""
    rng = np.random.default_rng(SEED)
    return np.stack([np.bincount(rng.integers(0, documents, documents), minlength=documents)
                     for _ in range(resamples)])


def band(values: list[float | None], digits: int | None = 6) -> list[float] | None:
    """The 2.5th to 97.5th percentile; rounded for the profile's file (`digits` None: as computed, for a band
    that is used at once: rounding could put a figure a draw gives exactly just outside it)."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    ends = [float(np.quantile(vals, q)) for q in BAND]
    return ends if digits is None else [round(v, digits) for v in ends]


def kl_threshold(docs: list[TextStats], labels: list[str]) -> float:
    """The label mix's KL that a resample of the reference documents stays under (upper band), over
    `resample`'s draws: label counts add, so each draw's are a weighted sum of the documents'."""
    per_doc = np.array([[d.labels.get(k, 0) for k in labels] for d in docs])
    return kl_limit(resample_weights(len(docs)) @ per_doc, labels, mix(TextStats.summed(docs).labels, labels))


def kl_limit(label_counts: np.ndarray, labels: list[str], expected: dict[str, float], digits: int | None = 6) -> float:
    """The upper band of the label mix's KL over draws, one row of label counts per draw (see `band` for digits)."""
    values = [kl(dict(zip(labels, row.tolist(), strict=True)), expected) for row in label_counts]
    limit = float(np.quantile(values, BAND[1]))
    return limit if digits is None else round(limit, digits)


@dataclass(frozen=True)
class Measure:
    name: str  # e.g. "density PERSON"
    kind: str  # "text" (the corpus changed) or "extractor" (the records changed)
    side: str  # "both", "upper" (only too high is drift) or "lower"


def _ratio(a: float, b: float, scale: float = 1.0) -> float | None:
    return a / b * scale if b else None


@dataclass(frozen=True)
class Ratio:
    """A figure that is a ratio of two counts (a corpus's is the ratio of its documents' sums):
    the densities and the script shares, which every partition is checked on."""

    measure: Measure
    num: Callable[[TextStats], float]
    den: Callable[[TextStats], float]
    scale: float = 1.0

    def of(self, st: TextStats) -> float | None:
        return _ratio(self.num(st), self.den(st), self.scale)


def _script(key: str) -> Callable[[TextStats], float]:
    return lambda st: st.script[key]


def _spans(label: str) -> Callable[[TextStats], float]:
    return lambda st: st.labels.get(label, 0)


def _chars(st: TextStats) -> float:
    return st.chars


SCRIPT_FIGURES = (
    Ratio(Measure("traditional share", "text", "both"), _script("traditional"), _script("han")),
    Ratio(Measure("pinyin readings per 1k chars", "text", "both"), _script("pinyin"), _chars, 1000),
    Ratio(Measure("mojibake line share", "text", "upper"), _script("mojibake"), _script("lines")),
)


def density(label: str) -> Ratio:
    return Ratio(Measure(f"density {label}", "extractor", "both"), _spans(label), _chars, 1000)


def ratio_figures(labels: list[str]) -> list[Ratio]:
    return [*SCRIPT_FIGURES, *(density(lab) for lab in labels)]


def measures(st: TextStats, labels: list[str], amount_units: list[str]) -> dict[Measure, float | None]:
    """Every figure the drift checks compare, computed the same way for the reference and a run."""
    out: dict[Measure, float | None] = {r.measure: r.of(st) for r in SCRIPT_FIGURES}
    for lab in labels:
        n = st.labels.get(lab, 0)
        d = density(lab)
        out[d.measure] = d.of(st)
        for q in QUANTILES:
            out[Measure(f"length q{q:g} {lab}", "extractor", "both")] = _quantile(st.lengths.get(lab, {}), q)
        if lab in NUMERIC_LABELS:
            out[Measure(f"value parse rate {lab}", "extractor", "lower")] = _ratio(st.parsed.get(lab, 0), n)
        if lab in NAME_LABELS:
            out[Measure(f"novelty {lab}", "extractor", "upper")] = _ratio(st.novel.get(lab, 0), n)
    for unit in amount_units:
        out[Measure(f"amount median {unit}", "extractor", "both")] = _quantile(st.amounts.get(unit, {}), 0.5)
    return out


MIN_AMOUNTS = 20  # a unit's amounts get a band only when the reference has this many


def build_profile(ref: Reference, source: str) -> dict[str, Any]:
    whole = TextStats.summed(ref.docs)
    labels = sorted(whole.labels)
    units = sorted(u for u, c in whole.amounts.items() if sum(c.values()) >= MIN_AMOUNTS)
    boot = resample(ref.docs)
    observed = measures(whole, labels, units)
    per_boot = [measures(b, labels, units) for b in boot]
    checks = [{"name": m.name, "kind": m.kind, "side": m.side,
               "value": None if v is None else round(v, 6), "band": band([pb[m] for pb in per_boot])}
              for m, v in observed.items()]
    return {
        "version": VERSION, "source": source, "documents": whole.docs, "chars": whole.chars,
        "bootstrap": {"resamples": RESAMPLES, "seed": SEED, "band": list(BAND)},
        "label_mix": {k: round(v, 6) for k, v in mix(whole.labels, labels).items()},
        "label_mix_kl": {"tail_weight": KL_TAIL, "threshold": kl_threshold(ref.docs, labels)},
        "amount_units": units,
        "checks": checks,
        "documents_stats": [d.to_dict() for d in ref.docs],  # bands for another label set are bootstrapped again
        "names": ref.names,
    }


def profile_json(profile: dict[str, Any]) -> str:
    return json.dumps(profile, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_profile(path: Path | None = None) -> dict[str, Any]:
    from xbench.io import InputError

    path = path or DEFAULT_PROFILE
    try:
        profile = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the drift profile ({exc})") from None
    if not isinstance(profile, dict) or profile.get("version") != VERSION:
        raise InputError(f"{path}: not a version-{VERSION} xbench drift profile")
    return profile
