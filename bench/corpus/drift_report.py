"""The drift section of a corpus run: partition statistics merged, checked for the whole corpus and per partition."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xbench.expectations.drift import check_drift
from xbench.expectations.profile import load_profile
from xbench.expectations.text_stats import TextStats


@dataclass(frozen=True)
class WholeCheck:
    """The whole corpus's drift checks, sent to a worker: it has Great Expectations loaded already."""

    stats: dict[str, Any]
    profile: str
    labels: list[str] | None


def check_whole(task: WholeCheck) -> dict[str, Any]:
    from xbench.corpus.run import loaded_profile

    return check_drift(TextStats.from_dict(task.stats), loaded_profile(task.profile), task.labels).to_dict()


def drift_section(parts: list[Any], profile_path: Path, engine: Any = None) -> dict[str, Any] | None:
    """`parts`: PartitionResults (any order). None when no partition carries statistics. Each partition was
    checked in its worker (its figures: densities, script and label mix); the whole corpus gets every check,
    in a worker of `engine` when one is given (the driver then never loads GX), else here."""
    parts = sorted((p for p in parts if p.stats is not None), key=lambda p: p.partition)
    if not parts:
        return None
    profile = load_profile(profile_path)
    labels = next((p.extractor_labels for p in parts if p.extractor_labels), None)
    whole = TextStats()
    per_partition = []
    for p in parts:
        st = TextStats.from_dict(p.stats)
        whole.add(st)
        # checked in the worker; a partition resumed from an older summary is checked here
        report = p.drift if p.drift is not None else check_drift(st, profile, labels, "partition").to_dict()
        per_partition.append({"partition": p.partition, "chars": st.chars, "verdict": report["verdict"],
                              "density": {k: round(v / st.chars * 1000, 4) if st.chars else 0.0
                                          for k, v in sorted(st.labels.items())},
                              "failed": [c["name"] for c in report["checks"] if not c["passed"]]})
    outcome = engine.map(check_whole, [WholeCheck(whole.to_dict(), str(profile_path), labels)])[0] \
        if engine is not None else None
    whole_report = outcome if isinstance(outcome, dict) else check_drift(whole, profile, labels).to_dict()
    return {"profile": str(profile_path), "profile_source": profile.get("source"), "labels": labels,
            **whole_report, "partitions": per_partition}


def drift_table(results: list[dict[str, Any]]) -> str:
    """Per run: how many drift checks passed, and every failed one with its band and observed value
    (corpus.json holds the passed ones too)."""
    from tabulate import tabulate

    rows = []
    for r in results:
        d = r.get("drift")
        if not d:
            continue
        rows.append([r["name"], d["verdict"], f"{d['passed']}/{d['total']} drift checks passed", "", "", ""])
        rows += [[r["name"], d["verdict"], c["name"], c["kind"], _num(c["observed"]),
                  f"[{_num(c['low'])}, {_num(c['high'])}]"] for c in d["checks"] if not c["passed"]]
    return tabulate(rows, headers=["extractor", "verdict", "drift check", "kind", "observed", "band"],
                    disable_numparse=True) if rows else ""


def _num(v: float | None) -> str:
    return "–" if v is None else f"{v:.4g}"
