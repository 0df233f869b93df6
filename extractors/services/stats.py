"""What a configured extractor costs: latency per document, tokens, money, failures, alignment.

Remote speed is latency and throughput at the configured concurrency, not in-process chars/s:
a document's latency is the makespan of its chunk latencies scheduled on `concurrency` workers
(a chunk answered from the cache counts with the latency recorded when it was asked), so a
rerun from the cache reports the figures of the run that paid for the answers.
"""
from __future__ import annotations

import heapq
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from extractors.align import Alignment


def makespan(latencies: list[float], workers: int) -> float:
    """Wall time of tasks taken in order by the first free of `workers` workers."""
    free = [0.0] * max(1, min(workers, len(latencies) or 1))
    for t in latencies:
        heapq.heapreplace(free, free[0] + t)
    return max(free)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered) + 0.5) - 1)] if ordered else 0.0


@dataclass
class ServiceStats:
    concurrency: int
    price_per_1k_input: float | None = None
    price_per_1k_output: float | None = None
    doc_latencies: list[float] = field(default_factory=list)
    chars: int = 0
    requests: int = 0
    cached: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # reason -> requests that gave no records
    alignment: Alignment = field(default_factory=Alignment)

    def add_document(self, chars: int, chunk_latencies: list[float]) -> None:
        self.chars += chars
        self.doc_latencies.append(makespan(chunk_latencies, self.concurrency))

    def cost(self) -> float | None:
        if self.price_per_1k_input is None and self.price_per_1k_output is None:
            return None
        return (self.input_tokens * (self.price_per_1k_input or 0)
                + self.output_tokens * (self.price_per_1k_output or 0)) / 1000

    def to_dict(self) -> dict[str, Any]:
        lat, total = self.doc_latencies, sum(self.doc_latencies)
        cost = self.cost()
        return {
            "concurrency": self.concurrency,
            "latency_s": {"median": round(statistics.median(lat), 4) if lat else 0.0, "p95": round(p95(lat), 4),
                          "documents": len(lat)},
            "throughput_chars_per_sec": round(self.chars / total, 1) if total else 0.0,
            "requests": self.requests, "cached": self.cached,
            "failures": dict(sorted(self.failures.items())), "failed_requests": sum(self.failures.values()),
            "tokens": {"input": self.input_tokens, "output": self.output_tokens},
            "cost": None if cost is None else round(cost, 6),
            "alignment": {"records": self.alignment.total, "unplaced": len(self.alignment.unplaced),
                          "failure_rate": round(self.alignment.failure_rate, 4),
                          "stages": dict(sorted(self.alignment.stages.items())),
                          "values_dropped": self.alignment.values_dropped},
        }
