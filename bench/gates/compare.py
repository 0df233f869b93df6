"""Regression gate: compare two result files (or a result against bench/baseline.json).

A finding is (a) an extractor's strict micro F1 dropping by more than `margin` (default
0.02, about a third of the width of a typical 95% interval on this corpus), (b) an
expectation that passed in the old result failing in the new one, or (c) an extractor that
ran in the old result failing or missing in the new one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xbench.io import InputError, read_text

DEFAULT_MARGIN = 0.02


@dataclass(frozen=True)
class Regression:
    extractor: str
    figure: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.extractor}: {self.figure} {self.old} -> {self.new}"


def load_result(path: Path) -> dict[str, Any]:
    try:
        body = json.loads(read_text(path))
        return {e["name"]: e for e in body["extractors"]}
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not an xbench result file ({exc})") from None


def _failed(entry: dict[str, Any]) -> set[str]:
    return {f["expectation"] for f in entry.get("expectations", {}).get("failed", [])}


def compare(old: dict[str, dict], new: dict[str, dict], margin: float = DEFAULT_MARGIN) -> list[Regression]:
    found = []
    for name, o in sorted(old.items()):
        if o.get("error"):
            continue
        n = new.get(name)
        if n is None or n.get("error"):
            found.append(Regression(name, "run", "ok", "missing" if n is None else f"failed: {n['error']}"))
            continue
        f_old, f_new = o["scores"]["strict"]["micro"]["f1"], n["scores"]["strict"]["micro"]["f1"]
        if f_new < f_old - margin:
            found.append(Regression(name, "strict micro F1", round(f_old, 4), round(f_new, 4)))
        for exp in sorted(_failed(n) - _failed(o)):
            found.append(Regression(name, f"expectation {exp}", "passed", "failed"))
    return found
