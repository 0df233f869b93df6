"""The drift section of a corpus run: partition statistics merged, checked for the whole corpus and per partition."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xbench.expectations.drift import check_scopes
from xbench.expectations.profile import load_profile
from xbench.expectations.text_stats import TextStats


@dataclass(frozen=True)
class CorpusCheck:
    """The drift checks of a corpus and of each of its partitions, sent to a worker: it has Great Expectations
    loaded already."""

    partitions: list[dict[str, Any]]  # each partition's TextStats, in partition order
    profile: str
    labels: list[str] | None


def check_corpus(task: CorpusCheck) -> list[dict[str, Any]]:
    """The whole corpus's report, then each partition's: one Great Expectations pass over all of them, because
    GX's cost is per expectation and validation, not per row (a pass per partition was most of the checks' cost)."""
    from xbench.corpus.run import loaded_profile

    parts = [TextStats.from_dict(d) for d in task.partitions]
    whole = TextStats.summed(parts)
    reports = check_scopes([(whole, "corpus"), *((st, "partition") for st in parts)],
                           loaded_profile(task.profile), task.labels)
    return [r.to_dict() for r in reports]


def drift_section(parts: list[Any], profile_path: Path, engine: Any = None) -> dict[str, Any] | None:
    """`parts`: PartitionResults (any order). None when no partition carries statistics. The whole corpus gets
    every check, each partition its figures (densities, script mix) and label mix, in a worker of `engine` when
    one is given (the driver then never loads GX), else here."""
    parts = sorted((p for p in parts if p.stats is not None), key=lambda p: p.partition)
    if not parts:
        return None
    profile = load_profile(profile_path)
    labels = next((p.extractor_labels for p in parts if p.extractor_labels), None)
    task = CorpusCheck([p.stats for p in parts], str(profile_path), labels)
    outcome = engine.map(check_corpus, [task])[0] if engine is not None else None
    whole_report, *reports = outcome if isinstance(outcome, list) else check_corpus(task)
    per_partition = []
    for p, report in zip(parts, reports, strict=True):
        st = TextStats.from_dict(p.stats)
        per_partition.append({"partition": p.partition, "chars": st.chars, "verdict": report["verdict"],
                              "density": {k: round(v / st.chars * 1000, 4) if st.chars else 0.0
                                          for k, v in sorted(st.labels.items())},
                              "failed": [c["name"] for c in report["checks"] if not c["passed"]]})
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
