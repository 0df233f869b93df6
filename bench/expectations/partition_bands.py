"""Bands for a partition of n documents: the figures a body of n documents drawn like the reference shows.

The profile's bands bootstrap the reference documents: they say where the reference's own figure
could have been, had other documents like them been chosen (the population the five stand for). A
partition adds its own luck of the draw: it holds n documents of that population, so its figure
varies more when n is small (one document is one document's figure) and as little as the
profile's band says when n is large. Each of the RESAMPLES draws is therefore two stages: a
bootstrap resample of the reference documents (the population), then n documents from it; the
band is the 2.5th to 97.5th percentile of the figure over the draws, as for the profile.

Bootstrapping means of n reference documents alone (one stage) would shrink the band as n grows,
as if the five documents were the whole population: for 500 documents it puts regex's ORG density
on 100 seed copies (5.79, found by an extractor that is not the gold) outside about [5.97, 8.52],
where the two-stage band is [5.09, 13.42], the profile's [5.10, 13.41] (each with the 15% slack).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from xbench.expectations.profile import RESAMPLES, SEED, band, kl_limit, mix, ratio_figures
from xbench.expectations.text_stats import TextStats

CHUNK_CELLS = 1 << 21  # drawn values held at once: 16 MB of floats


def drawn_sums(per_doc: np.ndarray, n: int, resamples: int = RESAMPLES) -> np.ndarray:
    """(resamples, columns): the column sums of n rows drawn from a bootstrap resample of `per_doc`'s rows
    (one row per reference document), in every draw. Drawn in chunks of draws: never more than about
    CHUNK_CELLS drawn values at once, whatever the number of reference documents or n."""
    rng = np.random.default_rng(SEED)
    m = len(per_doc)
    out = np.empty((resamples, per_doc.shape[1]))
    step = max(1, CHUNK_CELLS // max(1, n * per_doc.shape[1]))
    for at in range(0, resamples, step):
        k = min(step, resamples - at)
        population = rng.integers(0, m, (k, m))
        drawn = np.take_along_axis(population, rng.integers(0, m, (k, n)), axis=1)
        out[at:at + k] = per_doc[drawn].sum(axis=1)
    return out


def bands_for(docs: list[TextStats], labels: list[str], n: int) -> dict[str, list[float] | None]:
    """Per ratio figure (densities of `labels`, script shares): its band for a body of n documents."""
    figures = ratio_figures(labels)
    per_doc = np.array([[f(d) for r in figures for f in (r.num, r.den)] for d in docs], dtype=float)
    sums = drawn_sums(per_doc, n)
    return {r.measure.name: band([a / b * r.scale if b else None
                                  for a, b in zip(sums[:, 2 * i], sums[:, 2 * i + 1], strict=True)], digits=None)
            for i, r in enumerate(figures)}


def kl_limit_for(docs: list[TextStats], labels: list[str], n: int) -> float:
    """The label mix's KL that a body of n documents drawn like the reference stays under."""
    whole = TextStats.summed(docs)
    spans = drawn_sums(np.array([[d.labels.get(k, 0) for k in labels] for d in docs]), n)
    return kl_limit(spans.astype(np.int64), labels, mix(whole.labels, labels), digits=None)  # see profile.band


_cache: dict[tuple[str, tuple[str, ...], int], tuple[dict[str, list[float] | None], float]] = {}


def partition_limits(profile: dict[str, Any], key: str, labels: list[str], n: int
                     ) -> tuple[dict[str, list[float] | None], float]:
    """The bands and the KL limit of a partition of n documents (`key`: the profile's identity), once per n."""
    if (key, tuple(labels), n) not in _cache:
        docs = [TextStats.from_dict(d) for d in profile["documents_stats"]]
        _cache[key, tuple(labels), n] = (bands_for(docs, labels, n), kl_limit_for(docs, labels, n))
    return _cache[key, tuple(labels), n]
