"""Speed, the way spaCy's `benchmark speed` measures it: warm-up, many batches, a bootstrap interval.

The corpus is cut into batches of whole paragraphs (about `batch_chars` characters each, at
least `min_batches` of them), visited in a stride order through the corpus. After a warm-up,
batches are timed in `rounds` slices and each batch's chars/second recorded; a slice goes on
through the batches (from where the last one stopped) until it has timed `Slice.min_batches`
batches and spent `Slice.min_s` seconds, and a slow extractor's slice ends after `Slice.max_s`
seconds, so it cannot hold the run up. The figure is the median over the batches of each batch's
median (every batch weighs the same), with a 95% bootstrap interval over batches. Load (cold
start) time is measured separately by the caller.

Why slices: the speed of a shared machine drifts by a third over seconds to minutes. `xbench
run` times every extractor's slice of a round before the next round starts (`xbench.run.process`), so
the extractors compared in a row are timed under the same conditions, not minutes apart. An
extractor with fewer than `MIN_TIMINGS` timings after the rounds gets more slices.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import numpy as np

ROUNDS = 6  # also the command line's default: numpy is imported only where the figures are made
MIN_TIMINGS = 30  # batches timed per extractor at least, as spaCy's benchmark: slices are added to reach it


@dataclass
class Speed:
    median: float
    ci95: tuple[float, float]
    batches: int
    timings: int

    def to_dict(self) -> dict:
        return {"median": round(self.median, 1), "ci95": [round(self.ci95[0], 1), round(self.ci95[1], 1)],
                "batches": self.batches, "timings": self.timings}

    @classmethod
    def from_dict(cls, d: dict) -> Speed:
        return cls(d["median"], (d["ci95"][0], d["ci95"][1]), d.get("batches", 0), d.get("timings", 0))


@dataclass(frozen=True)
class Slice:
    """How long one round times one extractor."""

    min_batches: int = 5  # batches per slice at least (6 rounds: 30 timings, as spaCy's benchmark)
    min_s: float = 0.15   # ...and seconds at least: a fast extractor is timed over 0.9 s in all, which
    #                       with batches of 250 characters still times as many batches as 0.2 s did with 500
    max_s: float = 2.5    # a slow extractor's slice ends here once one batch is timed (15 s in all)
    max_batches: int = 1000  # ...and a very fast one's here, before min_s (its median is settled)


def make_batches(texts: list[str], min_batches: int = 30, batch_chars: int = 250) -> list[str]:
    """Whole paragraphs packed into batches (`pack_paragraphs`), in a spread order (`spread`).
    250 characters, not 500: a slow extractor's 30 timings take half the time, and a fast one
    times more distinct batches in the same time."""
    return spread(pack_paragraphs(texts, min_batches, batch_chars))


Piece = tuple[int, int, int]  # a batch's place in the corpus: (text index, start, end)


def pack_pieces(texts: list[str], min_batches: int = 30, batch_chars: int = 250) -> list[Piece]:
    """Whole paragraphs of one text packed into batches of about `batch_chars`, in corpus order,
    smaller when that gives fewer than `min_batches` (a corpus with fewer paragraphs than that gives
    one per paragraph). A batch never holds two texts: a text's last line and the next text's first
    would read as one line."""
    size = max(1, min(batch_chars, sum(map(len, texts)) // max(1, min_batches)))
    while True:
        pieces = []
        for i, text in enumerate(texts):
            start = end = 0
            for line in text.splitlines(keepends=True):
                end += len(line)
                if end - start >= size:
                    pieces.append((i, start, end))
                    start = end
            if end > start:
                pieces.append((i, start, end))
        if len(pieces) >= min_batches or size == 1:
            return pieces
        size = max(1, size * 3 // 4)


def pack_paragraphs(texts: list[str], min_batches: int = 30, batch_chars: int = 250) -> list[str]:
    """The batches of `pack_pieces`, as text."""
    return [texts[i][a:b] for i, a, b in pack_pieces(texts, min_batches, batch_chars)]


def spread_order(n: int) -> list[int]:
    """The order `spread` visits n batches in: step about 0.618 of n, coprime with it."""
    import math

    step = max(1, round(n * 0.618))
    while math.gcd(step, n) != 1:
        step += 1
    return [(i * step) % n for i in range(n)]


def spread(batches: list[str]) -> list[str]:
    """The batches in a stride order through the corpus (`spread_order`), so the consecutive batches a
    slow extractor's slices time sample the whole corpus, not its first documents; every batch still
    comes once per cycle."""
    return [batches[k] for k in spread_order(len(batches))]


def bootstrap_median_ci(values: np.ndarray, n_boot: int = 1000, seed: int = 0) -> tuple[float, float]:
    import numpy as np

    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    medians = np.median(values[idx], axis=1)
    return float(np.percentile(medians, 2.5)), float(np.percentile(medians, 97.5))


def warm_up(fn: Callable[[str], object], batches: list[str], n: int = 5) -> None:
    for b in batches[:n]:
        fn(b)


Timing = tuple[int, float]  # (batch index, chars/second)


def time_slice(fn: Callable[[str], object], batches: list[str], start: int = 0,
               plan: Slice = Slice()) -> tuple[list[Timing], int]:
    """One slice: each batch timed from `start` on (cycling), and where the next slice starts."""
    timings: list[Timing] = []
    spent = 0.0
    i = start
    while True:
        b = batches[i % len(batches)]
        t0 = time.perf_counter()
        fn(b)
        dt = time.perf_counter() - t0
        spent += dt
        timings.append((i % len(batches), len(b) / max(dt, 1e-9)))
        i += 1
        if len(timings) >= plan.min_batches and spent >= plan.min_s or spent >= plan.max_s \
                or len(timings) >= plan.max_batches:
            return timings, i % len(batches)


def slices(rounds: int) -> range:
    """Every slice an extractor may be timed in: the rounds, then one more at a time for an
    extractor short of MIN_TIMINGS (a slice times one batch at least, so this many suffice)."""
    return range(max(1, rounds) + MIN_TIMINGS)


def slice_due(r: int, rounds: int, timed: int) -> bool:
    """Whether slice `r` is due for an extractor with `timed` timings so far."""
    return r < rounds or timed < MIN_TIMINGS


def summarise(timings: list[Timing], batches: int, seed: int = 0) -> Speed:
    """The median over the batches of each batch's median chars/second, and its bootstrap interval
    over batches: every batch timed weighs the same however often it was timed (a fast extractor
    goes over the corpus many times, a slow one over part of it once or twice), so the figures of a
    fast and a slow extractor come from the same texts."""
    import numpy as np

    by_batch: dict[int, list[float]] = {}
    for i, rate in timings:
        by_batch.setdefault(i, []).append(rate)
    per_batch = np.asarray([np.median(rates) for rates in by_batch.values()])
    return Speed(float(np.median(per_batch)), bootstrap_median_ci(per_batch, seed=seed), batches, len(timings))


T = TypeVar("T")


def timed_reading(fn: Callable[[str], T], texts: list[str], warmup: int = 5,
                  min_batches: int = 30) -> tuple[list[tuple[Piece, T]], list[Timing], float]:
    """`fn` over the whole corpus, batch by batch (`make_batches`' batches, in corpus order), each batch
    timed once but the first `warmup` (the warm-up): what `fn` gave for every batch, the timings
    (batch index as in `make_batches`) and the seconds they took. For an extractor whose records of
    a text of whole paragraphs are those paragraphs' own (`paragraph_local`), its scoring pass and
    its timing are then one reading of the text instead of two."""
    pieces = pack_pieces(texts, min_batches)
    position = {k: i for i, k in enumerate(spread_order(len(pieces)))}
    out: list[tuple[Piece, T]] = []
    timings: list[Timing] = []
    spent = 0.0
    for k, (i, a, b) in enumerate(pieces):
        t0 = time.perf_counter()
        got = fn(texts[i][a:b])
        dt = time.perf_counter() - t0
        out.append(((i, a, b), got))
        if k >= warmup:
            spent += dt
            timings.append((position[k], (b - a) / max(dt, 1e-9)))
    return out, timings, spent


def stands_in(timings: list[Timing], spent: float, rounds: int, plan: Slice = Slice()) -> bool:
    """Whether a reading's timings (`timed_reading`) are at least what the rounds would take: as
    many batches (MIN_TIMINGS) and as many seconds (each round's slice at least `plan.min_s`), so
    they stand in for the rounds (a slow extractor's slices time only `plan.min_batches` each)."""
    return len(timings) >= MIN_TIMINGS and spent >= max(1, rounds) * plan.min_s


def measure(fn: Callable[[str], object], texts: list[str], rounds: int = ROUNDS, warmup: int = 5,
            min_batches: int = 30, seed: int = 0, plan: Slice = Slice()) -> Speed:
    """The speed of one extractor on its own: a warm-up, then `rounds` slices one after another."""
    batches = make_batches(texts, min_batches=min_batches)
    warm_up(fn, batches, warmup)
    timings: list[Timing] = []
    start = 0
    for r in slices(rounds):
        if not slice_due(r, rounds, len(timings)):
            break
        got, start = time_slice(fn, batches, start, plan)
        timings += got
    return summarise(timings, len(batches), seed)
