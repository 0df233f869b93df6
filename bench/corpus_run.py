"""`xbench run --corpus DIR`: unlabelled text at scale — throughput and expectations, no scores.

Documents are split into `jobs` partitions of about equal size; each worker process loads
the extractor once, extracts its partition, checks the records with the expectation suite
and sends back aggregates only (counts per label, expectation failures with a capped sample,
characters and seconds), so memory stays flat however large the corpus is.
"""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import load_document

SAMPLE = 5  # failing records kept per expectation


@dataclass
class PartitionResult:
    documents: int = 0
    chars: int = 0
    seconds: float = 0.0
    labels: Counter = field(default_factory=Counter)
    expectations_total: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[dict]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.txt") if p.is_file())


def partition(files: list[Path], jobs: int) -> list[list[Path]]:
    """Greedy by size so partitions carry about the same number of characters."""
    parts: list[list[Path]] = [[] for _ in range(max(1, jobs))]
    sizes = [0] * len(parts)
    for f in sorted(files, key=lambda p: -p.stat().st_size):
        i = sizes.index(min(sizes))
        parts[i].append(f)
        sizes[i] += f.stat().st_size
    return [p for p in parts if p]


def process_partition(name: str, files: list[str]) -> PartitionResult:
    from bench.expectations import check_records
    from extractors.registry import get_extractor

    ex = get_extractor(name)
    res = PartitionResult()
    docs, spans = {}, {}
    for f in files:
        try:
            doc = load_document(Path(f))
            t0 = time.perf_counter()
            found = ex.extract(doc.raw)
            res.seconds += time.perf_counter() - t0
        except Exception as exc:  # noqa: BLE001 - one bad document does not stop the partition
            res.errors.append(f"{f}: {type(exc).__name__}: {exc}")
            continue
        key = str(f)  # file paths, not stems: two folders may hold the same file name
        docs[key], spans[key] = doc.raw, found
        res.documents += 1
        res.chars += len(doc.raw)
        res.labels.update(s.label for s in found)
    if spans:
        checked = check_records(docs, spans, outputs=True)
        res.expectations_total = checked.total
        for fail in checked.failed:
            res.failures[fail.expectation] = len(checked.unexpected_rows.get(fail.expectation, []))
            res.samples[fail.expectation] = fail.rows[:SAMPLE]
    return res


def merge(parts: list[PartitionResult]) -> PartitionResult:
    out = PartitionResult()
    for p in parts:
        out.documents += p.documents
        out.chars += p.chars
        out.seconds += p.seconds
        out.labels.update(p.labels)
        out.expectations_total = max(out.expectations_total, p.expectations_total)
        for k, v in p.failures.items():
            out.failures[k] = out.failures.get(k, 0) + v
            out.samples.setdefault(k, []).extend(p.samples[k][: SAMPLE - len(out.samples.get(k, []))])
        out.errors += p.errors
    return out


def run_corpus(name: str, root: Path, jobs: int = 1) -> dict[str, Any]:
    files = corpus_files(root)
    parts = partition(files, jobs)
    t0 = time.perf_counter()
    with cf.ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=mp.get_context("spawn")) as pool:
        results = list(pool.map(process_partition, [name] * len(parts), [[str(f) for f in p] for p in parts]))
    wall = time.perf_counter() - t0
    m = merge(results)
    return {
        "name": name, "documents": m.documents, "chars": m.chars, "jobs": jobs, "wall_s": round(wall, 2),
        "extract_s": round(m.seconds, 2),
        "chars_per_sec_wall": round(m.chars / wall, 1) if wall else 0,
        "chars_per_sec_extract": round(m.chars / m.seconds, 1) if m.seconds else 0,
        "labels": dict(sorted(m.labels.items())),
        "expectations": {"total": m.expectations_total, "failed": [
            {"expectation": k, "count": v, "examples": m.samples.get(k, [])} for k, v in sorted(m.failures.items())]},
        "errors": m.errors,
    }
