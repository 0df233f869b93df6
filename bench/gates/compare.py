"""Regression gate: compare two result files (or a result against bench/baseline.json).

A finding is (a) an extractor's strict micro F1 dropping by more than `margin` (default
0.02, about a third of the width of a typical 95% interval on this corpus), (b) an
expectation that passed in the old result failing in the new one, or (c) an extractor that
ran in the old result failing or missing in the new one.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xbench.io import InputError
from xbench.result import SEEDS, ExtractorResult, read_result

DEFAULT_MARGIN = 0.02


@dataclass(frozen=True)
class Regression:
    extractor: str
    figure: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.extractor}: {self.figure} {self.old} -> {self.new}"


def load_result(path: Path, track: str = SEEDS) -> dict[str, ExtractorResult]:
    """One track's extractors of a result file, by name (InputError naming the file when it is not one)."""
    result = read_result(path)
    if track not in result.tracks:
        raise InputError(f"{path}: no {track} track in this result file")
    return {e.name: e for e in result.tracks[track].extractors}


def _failed(e: ExtractorResult) -> set[str]:
    return set(e.expectations.failed_names) if e.expectations else set()


def compare(old: dict[str, ExtractorResult], new: dict[str, ExtractorResult],
            margin: float = DEFAULT_MARGIN) -> list[Regression]:
    found = []
    for name, o in sorted(old.items()):
        if not o.ok:
            continue
        n = new.get(name)
        if n is None or not n.ok:
            found.append(Regression(name, "run", "ok", "missing" if n is None else f"failed: {n.error}"))
            continue
        f_old, f_new = o.strict.f1, n.strict.f1
        if f_new < f_old - margin:
            found.append(Regression(name, "strict micro F1", round(f_old, 4), round(f_new, 4)))
        for exp in sorted(_failed(n) - _failed(o)):
            found.append(Regression(name, f"expectation {exp}", "passed", "failed"))
    return found
