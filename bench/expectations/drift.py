"""Drift checks: a run's statistics against the reference profile, each with its threshold and observed value.

Text drift (the corpus's script mix moved) is told apart from extractor drift (the records moved
while the text looks like the reference): when the text drifted, the record checks that fail are
reported as its likely consequence, not as the extractor's failure.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from xbench.expectations.distribution import Planned, Scope, validate
from xbench.expectations.partition_bands import partition_limits
from xbench.expectations.profile import Measure, kl_threshold, measures, mix
from xbench.expectations.text_stats import TextStats, doc_stats

from extractors.schema import Span

# a band from five documents is a coarse thing; a run this small says little about its rates
MIN_SPANS = 20
# the smallest reference document is ~2,000 characters: on less text a density or a script share
# is noise, so a smaller corpus (or partition) is reported as too small rather than as drift
MIN_CHARS = 2000
# The default profile is gold, and an extractor is not: one at strict F1 ~0.9 finds up to ~10% fewer
# or more spans of a label than gold on the very same text. Density bands widen by this share so
# copies of the reference pass, while a lost label (or a halved one) still fails.
DENSITY_SLACK = 0.15


@dataclass
class DriftCheck:
    name: str
    kind: str  # "text" or "extractor"
    observed: float | None
    low: float | None  # None: no lower limit
    high: float | None
    passed: bool

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in asdict(self).items()}


@dataclass
class DriftReport:
    checks: list[DriftCheck]
    too_small: bool = False

    @property
    def failed(self) -> list[DriftCheck]:
        return [c for c in self.checks if not c.passed]

    @property
    def verdict(self) -> str:
        if self.too_small:
            return "too small to check"
        kinds = {c.kind for c in self.failed}
        return "text drift" if "text" in kinds else "extractor drift" if kinds else "ok"

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "passed": len(self.checks) - len(self.failed), "total": len(self.checks),
                "checks": [c.to_dict() for c in self.checks]}


def _limits(side: str, band: list[float]) -> tuple[float | None, float | None]:
    return (None if side == "upper" else band[0]), (None if side == "lower" else band[1])


def _label_of(name: str) -> str | None:
    parts = name.split()
    return parts[-1] if parts[0] in ("density", "length", "value", "novelty") else \
        parts[2] if parts[0] == "amount" else None


def _kl_limit(profile: dict[str, Any], labels: list[str]) -> float:
    if labels == sorted(profile["label_mix"]):
        return profile["label_mix_kl"]["threshold"]
    key = (profile_key(profile), tuple(labels))
    if key not in _thresholds:
        _thresholds[key] = _subset_threshold(labels, profile)
    return _thresholds[key]


_thresholds: dict[tuple[str, tuple[str, ...]], float] = {}  # one bootstrap per label set and profile


def profile_key(profile: dict[str, Any]) -> str:
    return json.dumps([profile["label_mix"], profile["label_mix_kl"], profile["chars"]], sort_keys=True)


def _subset_threshold(labels: list[str], profile: dict[str, Any]) -> float:
    """The profile's KL limit bootstrapped again for a label set: the same resamples as the profile's."""
    return kl_threshold([TextStats.from_dict(d) for d in profile["documents_stats"]], labels)


def _plan(ref: dict[str, Any], m: Measure, stats: TextStats, source: str) -> Planned | None:
    """The GX check of one profile figure: its column, its expectation and its limits."""
    lab = _label_of(m.name)
    if m.kind == "extractor" and not m.name.startswith("density") and lab is not None \
            and stats.labels.get(lab, 0) < MIN_SPANS:
        return None  # too few spans for a rate or a quantile to mean anything
    low, high = _limits(m.side, ref["band"])
    if m.name.startswith("density") and source == "gold":
        low, high = low * (1 - DENSITY_SLACK), high * (1 + DENSITY_SLACK)
    words = m.name.split()
    if words[0] == "length":
        return Planned(m.name, m.kind, low, high, f"length {lab}", "quantile", float(words[1][1:]))
    if words[0] == "amount":
        return Planned(m.name, m.kind, low, high, f"amount {' '.join(words[2:])}", "quantile", 0.5)
    if words[0] == "value":
        return Planned(m.name, m.kind, low, high, f"parsed {lab}", "rate")
    if words[0] == "novelty":
        return Planned(m.name, m.kind, low, high, f"known {lab}", "unseen rate")
    return Planned(m.name, m.kind, low, high, m.name, "value")  # a figure: density or script share


def _scope(stats: TextStats, profile: dict[str, Any], labels: list[str], scope: str) -> Scope:
    """The GX checks of one body of text: every profile figure with a band, and the label mix.
    `scope` "partition": only the figures (densities, script mix) and the label mix, with the bands of a
    body of as many documents drawn like the reference (wider than the profile's when it holds few)."""
    units = [u for u in profile["amount_units"] if u.split()[0] in labels]
    observed = measures(stats, labels, units)
    by_name = {m.name: m for m in observed}
    refs, kl_limit = profile["checks"], _kl_limit(profile, labels)
    if scope == "partition":  # the bands of a body of as many documents (xbench.expectations.partition_bands)
        bands, kl_limit = partition_limits(profile, profile_key(profile), labels, stats.docs)
        refs = [ref | {"band": bands[ref["name"]]} for ref in refs if ref["name"] in bands]
    planned = [p for ref in refs if ref["name"] in by_name and ref["band"] is not None
               and (p := _plan(ref, by_name[ref["name"]], stats, profile["source"])) is not None]
    # a mix of one label cannot move
    if len(labels) > 1 and sum(stats.labels.get(k, 0) for k in labels) >= MIN_SPANS:
        planned.append(Planned("label mix KL divergence", "extractor", None, kl_limit, "label", "kl"))
    figures = {m.name: v for m, v in observed.items()}
    return Scope(stats, labels, planned, figures, mix(profile["label_mix"], labels))


def check_scopes(items: list[tuple[TextStats, str]], profile: dict[str, Any],
                 labels: list[str] | None = None) -> list[DriftReport]:
    """Each (statistics, scope) against the profile, every check a Great Expectations expectation
    (xbench.expectations.distribution), all validated together. `labels`: what the extractor can find (None:
    every label of the profile); the others are not checked. Scope "corpus" gets every check; "partition" only
    the figures (densities, script mix) and the label mix: quartiles and rates are read on the whole corpus."""
    labels = sorted(set(profile["label_mix"]) & set(labels if labels is not None else profile["label_mix"]))
    judged = [i for i, (st, _) in enumerate(items) if st.chars >= MIN_CHARS]
    checked = validate([_scope(items[i][0], profile, labels, items[i][1]) for i in judged])
    reports = [DriftReport([], too_small=True) for _ in items]
    for i, got in zip(judged, checked, strict=True):
        reports[i] = DriftReport([DriftCheck(p.name, p.kind, v, p.low, p.high, ok) for p, v, ok in got])
    return reports


def check_drift(stats: TextStats, profile: dict[str, Any], labels: list[str] | None = None,
                scope: str = "corpus") -> DriftReport:
    """One body of text against the profile (see check_scopes)."""
    return check_scopes([(stats, scope)], profile, labels)[0]


def records_drift(docs: dict[str, str], records: dict[str, list[Span]], labels: list[str] | None,
                  profile: dict[str, Any]) -> DriftReport:
    """One extractor's records on a labelled corpus (the seeds) against the profile, as a corpus run checks them."""
    known = {k: frozenset(v) for k, v in profile.get("names", {}).items()}
    stats = TextStats.summed(doc_stats(raw, records.get(d, []), known) for d, raw in docs.items())
    return check_drift(stats, profile, labels)


def regressions(drift: dict[str, Any] | None, passed_before: list[str] | None) -> list[dict[str, Any]]:
    """The checks a baseline records as passed that fail now: the seeds run's drift findings."""
    if not drift or passed_before is None:
        return []
    before = set(passed_before)
    return [c for c in drift["checks"] if not c["passed"] and c["name"] in before]
