"""Speed, the way spaCy's `benchmark speed` measures it: warm-up, many batches, a bootstrap interval.

The corpus is cut into batches of whole paragraphs (about `batch_chars` characters each, at
least `min_batches` of them); after a warm-up on the first batches every batch is timed in up
to `repeats` passes and its chars/second recorded. Once `budget_s` seconds have been spent
timing, no new pass starts and a pass stops after `min_batches` timings, so a slow extractor
is timed on at least `min_batches` batches instead of holding the run up. The figure is the median over
all timings, with a 95% bootstrap interval of that median. Load (cold start) time is measured
separately by the caller.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass
class Speed:
    median: float
    ci95: tuple[float, float]
    batches: int
    timings: int

    def to_dict(self) -> dict:
        return {"median": round(self.median, 1), "ci95": [round(self.ci95[0], 1), round(self.ci95[1], 1)],
                "batches": self.batches, "timings": self.timings}


def make_batches(texts: list[str], min_batches: int = 30, batch_chars: int = 500) -> list[str]:
    """Whole paragraphs packed into batches of about `batch_chars`, smaller when that gives fewer
    than `min_batches` (a corpus with fewer paragraphs than that gives one batch per paragraph)."""
    paragraphs = [p for t in texts for p in t.splitlines(keepends=True)]
    size = max(1, min(batch_chars, sum(map(len, paragraphs)) // max(1, min_batches)))
    while True:
        batches, cur = [], ""
        for p in paragraphs:
            cur += p
            if len(cur) >= size:
                batches.append(cur)
                cur = ""
        if cur:
            batches.append(cur)
        if len(batches) >= min_batches or size == 1:
            return batches
        size = max(1, size * 3 // 4)


def bootstrap_median_ci(values: np.ndarray, n_boot: int = 1000, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    medians = np.median(values[idx], axis=1)
    return float(np.percentile(medians, 2.5)), float(np.percentile(medians, 97.5))


def measure(fn: Callable[[str], object], texts: list[str], repeats: int = 3, warmup: int = 5,
            min_batches: int = 30, seed: int = 0, budget_s: float = 20.0) -> Speed:
    batches = make_batches(texts, min_batches=min_batches)
    for b in batches[:warmup]:
        fn(b)
    rates: list[float] = []
    spent = 0.0
    for _ in range(max(1, repeats)):
        if rates and spent > budget_s:
            break
        for b in batches:
            if len(rates) >= min_batches and spent > budget_s:
                break  # a slow extractor: enough batches timed
            t0 = time.perf_counter()
            fn(b)
            dt = time.perf_counter() - t0
            spent += dt
            rates.append(len(b) / max(dt, 1e-9))
    arr = np.asarray(rates)
    return Speed(float(np.median(arr)), bootstrap_median_ci(arr, seed=seed), len(batches), len(arr))
