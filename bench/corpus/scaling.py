"""Throughput of `xbench run --corpus` as the corpus and the number of workers grow.

Builds corpora of N copies of the seeds in a temporary folder, runs one extractor over each
with each worker count, and prints a Markdown table, e.g.

    python -m xbench.corpus.scaling --engine dask --workers 1 2 4 --copies 100 -e regex
    python -m xbench.corpus.scaling --engine local --workers 2 --copies 1 10 100 -e regex

`start s` is the engine's own start (a LocalCluster) plus warming every worker (loading the
extractor, importing Great Expectations); `wall s` is the partitions alone, so `chars/s` is the
steady-state throughput. `cores used` is the workers' CPU seconds per wall second: on a machine
shared with other work it shows how many cores the run actually got. `records` is a digest of
every record written: equal digests mean identical output whatever the engine and worker count.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate
from xbench.corpus.engines import ENGINES, make_engine
from xbench.corpus.run import PARTITION_BYTES, run_corpus


def build_corpus(seeds: Path, dest: Path, copies: int) -> Path:
    dest.mkdir(parents=True)
    for i in range(copies):
        for seed in sorted(seeds.glob("*.txt")):
            shutil.copyfile(seed, dest / f"{i:04d}_{seed.name}")
    return dest


def records_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.glob("part-*.jsonl")):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m xbench.corpus.scaling", description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", choices=ENGINES, default="local")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--copies", type=int, nargs="+", default=[100], help="copies of the seeds per corpus")
    ap.add_argument("-e", "--extractor", default="regex")
    ap.add_argument("--seeds", type=Path, default=Path("seeds"))
    ap.add_argument("--partition-mb", type=float, default=PARTITION_BYTES / 2**20)
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per row; the table shows their median")
    args = ap.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory(prefix="xbench-scaling-") as tmp:
        for copies in args.copies:
            corpus = build_corpus(args.seeds, Path(tmp) / f"{copies}x", copies)
            base = None
            for workers in args.workers:
                t0 = time.perf_counter()
                with make_engine(args.engine, workers) as engine:
                    cluster_s = time.perf_counter() - t0
                    runs, digests = [], set()
                    for _ in range(max(1, args.repeats)):  # a shared machine is noisy: the median of a few
                        runs.append(run_corpus(args.extractor, corpus, engine=engine, records=Path(tmp) / "records",
                                               partition_bytes=int(args.partition_mb * 2**20), resume=False))
                        digests.add(records_digest(Path(runs[-1]["records"])))
                r = runs[0]
                for f in (f for run in runs for f in run["partitions"]["failed"]):
                    print(f"partition {f['partition']} failed: {f['error']}", file=sys.stderr)
                walls = sorted(run["wall_s"] for run in runs)
                median = statistics.median(walls)
                cores = statistics.median(run["cores_used"] for run in runs)
                base = base or median
                rows.append([args.engine, workers, copies, r["documents"], f"{r['chars']:,}", r["partitions"]["total"],
                             f"{cluster_s + r['startup_s']:.1f}", f"{median:.1f}", f"{walls[0]:.1f}",
                             f"{r['chars'] / median:,.0f}", f"{base / median:.2f}x", f"{cores:.2f}",
                             " ".join(sorted(digests))])
                print(f"done: {args.engine}, {workers} worker(s), {copies}x", flush=True)
    print()
    print(tabulate(rows, headers=["engine", "workers", "copies", "docs", "chars", "partitions", "start s",
                                  "wall s (median)", "wall s (best)", "chars/s (median)", "speed-up", "cores used",
                                  "records"],
                   tablefmt="github", disable_numparse=True))
    return 0


if __name__ == "__main__":  # the guard matters: Dask and the pool spawn workers that import this module
    raise SystemExit(main())
