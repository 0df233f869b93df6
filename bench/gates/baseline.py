"""Quality gates: tracked figures of a scored run, the baseline they must not fall below, and
readable failure messages. Used by the pytest plugin, `xbench baseline update` and CI.

Margins (how far a figure may drop below its baseline before a gate fails): the figures are
deterministic for fixed code and gold (the CRF's L-BFGS training included), so the margins
only absorb float noise and deliberate trade-offs too small to matter: 0.01 for strict micro F1
and value accuracy, 0.02 for a per-label F1 (fewer spans, coarser steps).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xbench.io import InputError, atomic_write, read_text

if TYPE_CHECKING:
    from collections.abc import Collection

    from xbench.result import ExtractorResult
    from xbench.scoring.error_analysis import ErrorExample

MARGINS = {"strict.f1": 0.01, "value.accuracy": 0.01, "per_label": 0.02}


@dataclass(frozen=True)
class Figure:
    extractor: str
    name: str        # "strict.f1", "value.accuracy" or "per_label.MONEY.f1"
    value: float
    # the extractor's per-label baseline F1s: to find which labels a micro figure lost on
    label_baseline: tuple[tuple[str, float], ...] = ()

    @property
    def margin(self) -> float:
        return MARGINS["per_label"] if self.name.startswith("per_label.") else MARGINS[self.name]

    @property
    def label(self) -> str | None:
        return self.name.split(".")[1] if self.name.startswith("per_label.") else None


def figures(result: ExtractorResult) -> dict[str, float]:
    """The tracked figures of one scored extractor."""
    out = {"strict.f1": result.strict.f1}
    if result.value.n:
        out["value.accuracy"] = result.value.accuracy
    for label, pl in result.per_label.items():
        if pl.n_gold:
            out[f"per_label.{label}.f1"] = pl.f1
    return out


def passed_expectations(result: ExtractorResult, all_names: list[str]) -> list[str]:
    failed = set(result.expectations.failed_names) if result.expectations else set()
    return [n for n in all_names if n not in failed]


def baseline_from(extractors: list[ExtractorResult], expectation_names: list[str],
                  corpus: dict[str, str] | None = None) -> dict[str, Any]:
    return {"margins": MARGINS, **({"corpus": corpus} if corpus is not None else {}), "extractors": {
        e.name: {"evaluation": e.evaluation,
                 "figures": {k: round(v, 4) for k, v in figures(e).items()},
                 "expectations_passed": passed_expectations(e, expectation_names),
                 **({"drift_passed": [c["name"] for c in e.drift["checks"] if c["passed"]]} if e.drift else {})}
        for e in extractors if e.ok}}


def corpus_fingerprint(docs: dict[str, str], gold: dict[str, list]) -> dict[str, str]:
    """Per gold document, a hash of its text and its gold records: the corpus a baseline was measured on."""
    out = {}
    for doc_id in sorted(gold):
        h = hashlib.sha256(docs.get(doc_id, "").encode("utf-8"))
        h.update(json.dumps(sorted([s.start, s.end, s.label, s.value] for s in gold[doc_id]),
                            ensure_ascii=False, default=str).encode("utf-8"))
        out[doc_id] = h.hexdigest()[:16]
    return out


def corpus_change(baseline: dict[str, Any], fingerprint: dict[str, str]) -> str | None:
    """Why figures measured on the baseline's corpus cannot be compared with this corpus's, or None
    (also None for a baseline that does not record its corpus)."""
    old = baseline.get("corpus")
    if not isinstance(old, dict) or old == fingerprint:
        return None
    parts = [f"{what}: {', '.join(ids)}" for what, ids in (
        ("added", sorted(set(fingerprint) - set(old))), ("removed", sorted(set(old) - set(fingerprint))),
        ("changed", sorted(d for d in set(old) & set(fingerprint) if old[d] != fingerprint[d]))) if ids]
    return (f"the gold corpus changed since bench/baseline.json was measured ({'; '.join(parts)}); a changed "
            "corpus is no regression of an extractor, so the figure gates are skipped: run `xbench run`, "
            "then `xbench baseline update`")


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None


def ratchet(old: dict[str, Any], new: dict[str, Any], allow_drop: bool | Collection[str] = False
            ) -> tuple[dict[str, Any], list[str]]:
    """Merge a new baseline into the old: figures only go up unless `allow_drop` (True: every
    extractor's; names: those extractors', whose new entries replace their old ones whole); returns
    the drops refused."""
    if allow_drop is True or ("corpus" in new and old.get("corpus") != new["corpus"]):
        return new, []  # figures of another corpus are no floor for this one
    accepted = frozenset(allow_drop or ())
    merged = {"margins": new["margins"], **({"corpus": new["corpus"]} if "corpus" in new else {}), "extractors": {}}
    refused = []
    no_floor: dict[str, Any] = {"figures": {}, "expectations_passed": []}
    for name, n in new["extractors"].items():
        # a new extractor, or an intended change of this one: its new figures are its floor
        o = no_floor if name in accepted else old.get("extractors", {}).get(name, no_floor)
        figs = {}
        for k, v in n["figures"].items():
            figs[k] = max(v, o["figures"].get(k, v))
            if v < o["figures"].get(k, v):
                refused.append(f"{name} {k}: {o['figures'][k]} -> {v} (kept {o['figures'][k]})")
        passed = sorted(set(n["expectations_passed"]) | set(o["expectations_passed"]))
        merged["extractors"][name] = {**n, "figures": figs, "expectations_passed": passed}
        if "drift_passed" in n or "drift_passed" in o:  # like expectations: a drift check once passed stays a floor
            merged["extractors"][name]["drift_passed"] = sorted(set(n.get("drift_passed", []))
                                                                | set(o.get("drift_passed", [])))
    for name, o in old.get("extractors", {}).items():
        merged["extractors"].setdefault(name, o)
    return merged, refused


def write_baseline(path: Path, baseline: dict[str, Any]) -> None:
    atomic_write(path, json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def failure_message(fig: Figure, new: float, errors: list[ErrorExample],
                    label_drops: dict[str, float] | None = None) -> str:
    """Names the extractor, the figure, old and new values, and the five most telling errors:
    those of the figure's label, or for a micro figure those of the labels that fell most."""
    lines = [f"{fig.extractor}: {fig.name} fell from {fig.value:.4f} to {new:.4f} "
             f"(allowed margin {fig.margin}, floor {fig.value - fig.margin:.4f})"]
    drops = label_drops or {}

    def fall(e: ErrorExample) -> float:
        return max(drops.get(e.gold_label or "", 0.0), drops.get(e.pred_label or "", 0.0))
    relevant = [e for e in errors if fig.label is None or fig.label in (e.gold_label, e.pred_label)]
    telling = sorted(relevant, key=fall, reverse=True)[:5]  # stable: keeps the scorer's order within a label
    if telling:
        lines.append("most telling errors now:")
        for e in telling:
            lines.append(f"  {e.kind:<14} {e.gold_label or '-':>8} -> {e.pred_label or '-':<8} "
                         f"{e.doc_id}: {e.context}")
    return "\n".join(lines)


# --- gate tests: shared by this repository's tests/test_gates.py and any project using the plugin ---

def figure_params(baseline_path: Path) -> list:
    """One pytest param per extractor and tracked figure of a baseline file."""
    import pytest

    if not baseline_path.exists():
        return []
    base = load_baseline(baseline_path)
    out = []
    for name, e in sorted(base["extractors"].items()):
        labels = tuple((k.split(".")[1], v) for k, v in sorted(e["figures"].items()) if k.startswith("per_label."))
        out += [pytest.param(Figure(name, fig, value, labels), id=f"{name}-{fig}")
                for fig, value in sorted(e["figures"].items())]
    return out


def expectation_params(baseline_path: Path) -> list:
    """One pytest param per extractor and expectation; those failing already in the baseline are xfail."""
    import pytest
    from xbench.expectations.suite import expectation_names

    if not baseline_path.exists():
        return []
    out = []
    for name, e in sorted(load_baseline(baseline_path)["extractors"].items()):
        for exp in expectation_names(outputs=True):
            marks = [] if exp in e["expectations_passed"] else \
                [pytest.mark.xfail(reason="failed already in the baseline", strict=False)]
            out.append(pytest.param(name, exp, marks=marks, id=f"{name}-{exp}"))
    return out


def current_value(result: ExtractorResult, name: str) -> float:
    if name == "strict.f1":
        return result.strict.f1
    if name == "value.accuracy":
        return result.value.accuracy
    _, label, _ = name.split(".")
    return result.per_label[label].f1 if label in result.per_label else 0.0


def check_figure(result: ExtractorResult, figure: Figure) -> None:
    now = current_value(result, figure.name)
    if now < figure.value - figure.margin:
        drops = {label: old - current_value(result, f"per_label.{label}.f1") for label, old in figure.label_baseline}
        raise AssertionError(failure_message(figure, now, result.errors, drops))


def check_expectation(result: ExtractorResult, extractor: str, expectation: str) -> None:
    failed = next((f for f in result.expectations.failed if f.expectation == expectation), None) \
        if result.expectations else None
    assert failed is None, (f"{extractor}: expectation {expectation} failed on {failed and failed.count} "
                            f"record(s), e.g. {failed and failed.rows[:3]}")
