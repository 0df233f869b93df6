"""Speed, the way spaCy's `benchmark speed` measures it: warm-up, many batches, a bootstrap interval.

The corpus is cut into batches of whole paragraphs (about `batch_chars` characters each, at
least `min_batches` of them). After a warm-up, batches are timed in `rounds` slices and each
batch's chars/second recorded; a slice goes on through the batches (from where the last one
stopped) until it has timed `Slice.min_batches` batches and spent `Slice.min_s` seconds, and a
slow extractor's slice ends after `Slice.max_s` seconds, so it cannot hold the run up. The
figure is the median over all timings, with a 95% bootstrap interval of that median. Load (cold
start) time is measured separately by the caller.

Why slices: the speed of a shared machine drifts by a third over seconds to minutes. `xbench
run` times every extractor's slice of a round before the next round starts (`bench.run`), so
the extractors compared in a row are timed under the same conditions, not minutes apart.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ROUNDS = 8  # also the command line's default: numpy is imported only where the figures are made


@dataclass
class Speed:
    median: float
    ci95: tuple[float, float]
    batches: int
    timings: int

    def to_dict(self) -> dict:
        return {"median": round(self.median, 1), "ci95": [round(self.ci95[0], 1), round(self.ci95[1], 1)],
                "batches": self.batches, "timings": self.timings}


@dataclass(frozen=True)
class Slice:
    """How long one round times one extractor."""

    min_batches: int = 4  # batches per slice at least (8 rounds: 32 timings, spaCy's 30 and more)
    min_s: float = 0.25   # ...and seconds at least: a fast extractor is timed over 2 s in all
    max_s: float = 2.5    # a slow extractor's slice ends here once one batch is timed (20 s in all)
    max_batches: int = 1000  # ...and a very fast one's here, before min_s (its median is settled)


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
    import numpy as np

    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    medians = np.median(values[idx], axis=1)
    return float(np.percentile(medians, 2.5)), float(np.percentile(medians, 97.5))


def warm_up(fn: Callable[[str], object], batches: list[str], n: int = 5) -> None:
    for b in batches[:n]:
        fn(b)


def time_slice(fn: Callable[[str], object], batches: list[str], start: int = 0,
               plan: Slice = Slice()) -> tuple[list[float], int]:
    """One slice: chars/second of each batch timed from `start` on (cycling), and where the next
    slice starts."""
    rates: list[float] = []
    spent = 0.0
    i = start
    while True:
        b = batches[i % len(batches)]
        i += 1
        t0 = time.perf_counter()
        fn(b)
        dt = time.perf_counter() - t0
        spent += dt
        rates.append(len(b) / max(dt, 1e-9))
        if len(rates) >= plan.min_batches and spent >= plan.min_s or spent >= plan.max_s \
                or len(rates) >= plan.max_batches:
            return rates, i % len(batches)


def summarise(rates: list[float], batches: int, seed: int = 0) -> Speed:
    import numpy as np

    arr = np.asarray(rates)
    return Speed(float(np.median(arr)), bootstrap_median_ci(arr, seed=seed), batches, len(arr))


def measure(fn: Callable[[str], object], texts: list[str], rounds: int = ROUNDS, warmup: int = 5,
            min_batches: int = 30, seed: int = 0, plan: Slice = Slice()) -> Speed:
    """The speed of one extractor on its own: a warm-up, then `rounds` slices one after another."""
    batches = make_batches(texts, min_batches=min_batches)
    warm_up(fn, batches, warmup)
    rates: list[float] = []
    start = 0
    for _ in range(max(1, rounds)):
        got, start = time_slice(fn, batches, start, plan)
        rates += got
    return summarise(rates, len(batches), seed)
