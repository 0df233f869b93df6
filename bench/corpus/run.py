"""`xbench run --corpus DIR`: unlabelled text at scale — throughput and expectations, no scores.

The corpus is cut into partitions of consecutive files (in path order) of about
`partition_bytes` each. The cut depends on the corpus alone, so every engine and every number
of workers computes the same partitions and writes the same records. A worker keeps its
extractor loaded between partitions; per partition it extracts, checks the records with the
expectation suite, writes them to `part-NNNNN.jsonl` and a small `part-NNNNN.summary.json`
(counts per label, expectation failures with a capped sample, characters, seconds), and sends
back that summary only, so the driver's memory stays flat however large the corpus is.
A rerun skips every partition whose summary matches its inputs and whose records file is
complete, and merges its summary with the new ones.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from xbench.corpus.drift_report import drift_section
from xbench.corpus.engines import Engine, LocalEngine
from xbench.corpus.listing import list_corpus
from xbench.expectations.text_stats import TextStats, doc_stats
from xbench.io import InputError, atomic_write, read_text
from xbench.run.guard import contained, describe

from extractors.registry import Extractor, get_extractor
from extractors.schema import Span

SAMPLE = 5  # failing records kept per expectation
# ~1 MB is seconds of extraction for the fast extractors, so the suite's ~1 s per partition stays
# a small share while a 100x seed corpus still gives several partitions per worker
PARTITION_BYTES = 1 << 20
# Per partition: ~1 MB takes the slowest built-in (jieba-raw, ~1k chars/s) about five minutes.
PARTITION_TIMEOUT_S = 1800.0
_PART_RE = re.compile(r"part-(\d+)\.(?:jsonl|summary\.json)")

# Per worker process: the loaded extractors (loading a model per document would dominate) and a
# lock, because a Dask worker started with several threads could otherwise load or validate twice.
_extractors: dict[str, Extractor] = {}
MAX_LOADED = 2  # a long-lived Dask worker serves extractor after extractor: keep the latest, not all models
_load_lock = threading.Lock()
_suite_lock = threading.Lock()
_warm_suite: list[bool] = []  # non-empty once this process has run the suite


@dataclass(frozen=True)
class PartitionTask:
    index: int
    extractor: str
    root: str
    doc_ids: tuple[str, ...]  # paths under root without `.txt`: stems alone may repeat across folders
    out_dir: str
    fingerprint: str  # extractor, and every document's id, size and mtime (and the drift profile's hash)
    profile: str | None = None  # the drift profile: its names count novel ones; None without drift checks

    @property
    def records_path(self) -> Path:
        return Path(self.out_dir) / f"part-{self.index:05d}.jsonl"

    @property
    def summary_path(self) -> Path:
        return Path(self.out_dir) / f"part-{self.index:05d}.summary.json"


@dataclass
class PartitionResult:
    """A partition's aggregates: what a worker sends back and what its summary file holds."""

    partition: int
    extractor: str
    fingerprint: str
    doc_ids: list[str]
    documents: int = 0
    chars: int = 0
    records: int = 0
    records_bytes: int = 0
    extract_s: float = 0.0
    busy_s: float = 0.0  # the whole partition: reading, extracting, checking, writing
    cpu_s: float = 0.0  # CPU the worker process spent on it: below busy_s when other work shares the cores
    labels: dict[str, int] = field(default_factory=dict)
    expectations_total: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)  # {"doc_id", "error"}
    stats: dict[str, Any] | None = None  # TextStats of the partition, for the drift checks
    extractor_labels: list[str] = field(default_factory=list)
    worker: str = ""
    finished: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, default=_plain) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PartitionResult:
        return cls(**json.loads(text))


def _plain(obj: Any) -> Any:
    """numpy scalars from the suite's sample rows, as plain JSON numbers."""
    if hasattr(obj, "item"):
        return obj.item()
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def corpus_files(root: Path, follow_links: bool = False) -> list[Path]:
    return list_corpus(root, follow_links).files


def doc_id(root: Path, path: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def records_dir(root: Path, extractor: str, records: Path | None = None) -> Path:
    """Next to the corpus by default (`<corpus>.xbench/<extractor>/`), never inside it."""
    base = records if records is not None else root.parent / f"{root.name}.xbench"
    return base / extractor


def plan(extractor: str, root: Path, out_dir: Path, partition_bytes: int = PARTITION_BYTES,
         files: list[Path] | None = None, profile: Path | None = None) -> list[PartitionTask]:
    parts: list[list[tuple[str, int, int]]] = []
    size = 0
    for p in corpus_files(root) if files is None else files:
        st = p.stat()
        if not parts or (size and size + st.st_size > partition_bytes):
            parts.append([])
            size = 0
        parts[-1].append((doc_id(root, p), st.st_size, st.st_mtime_ns))
        size += st.st_size
    tasks = []
    checks = [hashlib.sha256(profile.read_bytes()).hexdigest()] if profile is not None else []
    for i, docs in enumerate(parts):
        fingerprint = hashlib.sha256(json.dumps([extractor, docs, *checks]).encode()).hexdigest()
        tasks.append(PartitionTask(i, extractor, str(root), tuple(d for d, _, _ in docs), str(out_dir), fingerprint,
                                   None if profile is None else str(profile)))
    return tasks


def completed(task: PartitionTask) -> PartitionResult | None:
    """The partition's summary when its inputs are unchanged and its records file is whole."""
    try:
        summary = PartitionResult.from_json(task.summary_path.read_text(encoding="utf-8"))
        size = task.records_path.stat().st_size
    except (OSError, ValueError, TypeError):
        return None
    # both files are written atomically, records first: a matching size means the run finished
    return summary if summary.fingerprint == task.fingerprint and size == summary.records_bytes else None


def remove_stale(out_dir: Path, partitions: int) -> None:
    """Partitions beyond the current plan (the corpus shrank) would add records that are no longer there."""
    for p in out_dir.glob("part-*"):
        m = _PART_RE.fullmatch(p.name)
        if m and int(m.group(1)) >= partitions:
            p.unlink()


def cached_extractor(name: str) -> Extractor:
    with _load_lock:
        if name not in _extractors:
            while len(_extractors) >= MAX_LOADED:
                _extractors.pop(next(iter(_extractors)))  # the least recently loaded
            _extractors[name] = get_extractor(name)
        return _extractors[name]


def worker_label() -> str:
    if "distributed" in sys.modules:  # only imported in a Dask worker (or a driver, where this is not called)
        from distributed import get_worker

        try:
            return get_worker().address
        except ValueError:
            pass
    return f"{socket.gethostname()}:{os.getpid()}"


@lru_cache(maxsize=2)
def loaded_profile(profile: str) -> dict[str, Any]:
    from xbench.expectations.profile import load_profile

    return load_profile(Path(profile))


@lru_cache(maxsize=2)
def known_names(profile: str) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in loaded_profile(profile).get("names", {}).items()}


def warm_worker(name: str, profile: str | None = None) -> str:
    """Load the extractor, the expectation suite and the drift profile before the clock starts.
    Best effort: a failure shows again, with its reason, in the partitions."""
    try:
        cached_extractor(name)
        if profile is not None:
            known_names(profile)
            doc_stats("漢", [])  # loads OpenCC's dictionaries and ftfy
        with _suite_lock:
            if not _warm_suite:
                from xbench.expectations.suite import check_records

                check_records({}, {}, outputs=True)  # imports GX (~10 s) and builds its context
                _warm_suite.append(True)
    except Exception:  # noqa: BLE001 - see the docstring
        pass
    return worker_label()


def process_partition(task: PartitionTask) -> PartitionResult:
    """Extract, check and write one partition; one failing document loses only itself."""
    t_start, cpu_start = time.perf_counter(), time.process_time()
    task.summary_path.unlink(missing_ok=True)  # until the new summary lands, the partition is incomplete
    ex = contained(cached_extractor, task.extractor)
    res = PartitionResult(task.index, task.extractor, task.fingerprint, list(task.doc_ids))
    labels: Counter[str] = Counter()
    stats = TextStats() if task.profile else None
    docs: dict[str, str] = {}
    spans: dict[str, list[Span]] = {}
    lines: list[str] = []
    for d in task.doc_ids:
        try:
            raw = read_text(Path(task.root) / f"{d}.txt")
            t0 = time.perf_counter()
            found = contained(ex.extract, raw)
            res.extract_s += time.perf_counter() - t0
            if not isinstance(found, list) or not all(isinstance(s, Span) for s in found):
                raise TypeError(f"extract() returned {type(found).__name__}, not a list of Span")
            doc_lines = [json.dumps({"doc_id": d, **s.to_dict()}, ensure_ascii=False) + "\n" for s in found]
        except Exception as exc:  # noqa: BLE001 - recorded with the document's id, the others go on
            res.errors.append({"doc_id": d, "error": describe(exc)})
            continue
        docs[d], spans[d] = raw, found
        lines += doc_lines
        res.documents += 1
        res.chars += len(raw)
        labels.update(s.label for s in found)
        if stats is not None:
            stats.add(doc_stats(raw, found, known_names(task.profile)))
    if stats is not None:  # checked with the other partitions' at the end (xbench.corpus.drift_report)
        res.stats = stats.to_dict()
        res.extractor_labels = sorted(getattr(ex, "labels", ()) or ())
    if any(spans.values()):
        from xbench.expectations.suite import check_records

        with _suite_lock:
            checked = check_records(docs, spans, outputs=True)
        res.expectations_total = checked.total
        for fail in checked.failed:
            res.failures[fail.expectation] = len(checked.unexpected_rows.get(fail.expectation, []))
            res.samples[fail.expectation] = fail.rows[:SAMPLE]
    text = "".join(lines)
    atomic_write(task.records_path, text)
    res.labels = dict(sorted(labels.items()))
    res.records, res.records_bytes = len(lines), len(text.encode("utf-8"))
    res.worker = worker_label()
    res.finished = datetime.now(UTC).isoformat(timespec="microseconds")
    res.busy_s = time.perf_counter() - t_start
    res.cpu_s = time.process_time() - cpu_start
    summary = res.to_json()
    atomic_write(task.summary_path, summary)
    return PartitionResult.from_json(summary)  # the same form as a resumed partition's summary


@dataclass
class Totals:
    documents: int = 0
    chars: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    expectations_total: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)


def merge(parts: list[PartitionResult]) -> Totals:
    """Partition summaries into corpus totals, in partition order whatever order they finished in."""
    out = Totals()
    for p in sorted(parts, key=lambda p: p.partition):
        out.documents += p.documents
        out.chars += p.chars
        out.labels.update(p.labels)
        out.expectations_total = max(out.expectations_total, p.expectations_total)
        for k, v in p.failures.items():
            out.failures[k] = out.failures.get(k, 0) + v
            kept = out.samples.setdefault(k, [])
            kept.extend(p.samples.get(k, [])[: SAMPLE - len(kept)])
        out.errors += p.errors
    return out


def per_worker(parts: list[PartitionResult]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for p in parts:
        w = out.setdefault(p.worker, {"partitions": 0, "documents": 0, "chars": 0, "extract_s": 0.0, "busy_s": 0.0,
                                      "cpu_s": 0.0})
        w["partitions"] += 1
        w["documents"] += p.documents
        w["chars"] += p.chars
        w["extract_s"] += p.extract_s
        w["busy_s"] += p.busy_s
        w["cpu_s"] += p.cpu_s
    return {k: {**v, **{t: round(v[t], 2) for t in ("extract_s", "busy_s", "cpu_s")}} for k, v in sorted(out.items())}


def run_corpus(name: str, root: Path, jobs: int = 1, *, engine: Engine | None = None, records: Path | None = None,
               partition_bytes: int = PARTITION_BYTES, resume: bool = True, timeout: float | None = None,
               follow_links: bool = False, profile: Path | None = None) -> dict[str, Any]:
    """One extractor over a corpus folder on `engine` (an entered engine; default a local pool of `jobs`);
    with a drift `profile`, the records' statistics are checked against it."""
    root = root.resolve()
    out_dir = records_dir(root, name, records).resolve()  # workers elsewhere need absolute paths
    out_dir.mkdir(parents=True, exist_ok=True)
    with records_lock(out_dir):
        listing = list_corpus(root, follow_links)
        result = _run_locked(name, root, out_dir, jobs, engine, partition_bytes, resume, timeout or PARTITION_TIMEOUT_S,
                             listing.files, profile.resolve() if profile is not None else None)
    result["errors"] = listing.problems + result["errors"]
    return result


@contextlib.contextmanager
def records_lock(out_dir: Path) -> Iterator[None]:
    """One run at a time per records folder: a second one refuses (two would write the same partitions)."""
    lock = out_dir / ".lock"
    with open(lock, "a+") as f:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"{out_dir}: another xbench run is writing these records (lock {lock}); "
                             "wait for it to finish or pass --records elsewhere") from None
        yield  # the lock ends with the file, also when the process is killed


def _run_locked(name: str, root: Path, out_dir: Path, jobs: int, engine: Engine | None, partition_bytes: int,
                resume: bool, timeout: float, files: list[Path], profile: Path | None = None) -> dict[str, Any]:
    tasks = plan(name, root, out_dir, partition_bytes, files, profile)
    remove_stale(out_dir, len(tasks))
    done = {t.index: s for t in tasks if resume and (s := completed(t)) is not None}
    todo = [t for t in tasks if t.index not in done]
    eng = engine if engine is not None else LocalEngine(jobs)
    startup = wall = 0.0
    outcomes: list[Any] = []
    try:
        if todo:
            t0 = time.perf_counter()
            eng.start(partial(warm_worker, name, None if profile is None else str(profile)), len(todo))
            startup = time.perf_counter() - t0
            t0 = time.perf_counter()
            outcomes = eng.map(process_partition, todo, timeout)
            wall = time.perf_counter() - t0
        workers = eng.workers
        computed = [r for r in outcomes if isinstance(r, PartitionResult)]
        # while the workers are warm: the drift checks of the corpus and its partitions run in one of them
        drift = drift_section([*done.values(), *computed], profile, eng if todo else None) \
            if profile is not None else None
    finally:
        if engine is None:
            eng.close()
    failed = [{"partition": t.index, "doc_ids": list(t.doc_ids), "error": describe(r)}
              for t, r in zip(todo, outcomes) if not isinstance(r, PartitionResult)]
    m = merge([*done.values(), *computed])
    new_chars = sum(p.chars for p in computed)
    extract_s = sum(p.extract_s for p in computed)
    cpu_s = sum(p.cpu_s for p in computed)
    return {
        "name": name, "engine": eng.kind, "jobs": workers, "documents": m.documents, "chars": m.chars,
        "startup_s": round(startup, 2), "wall_s": round(wall, 2), "extract_s": round(extract_s, 2),
        # throughput of this run's work only: resumed partitions cost nothing now
        "chars_per_sec_wall": round(new_chars / wall, 1) if wall else 0,
        "chars_per_sec_extract": round(new_chars / extract_s, 1) if extract_s else 0,
        # CPU seconds of the workers per wall second: how many cores the run really got
        "cores_used": round(cpu_s / wall, 2) if wall else 0,
        "labels": dict(sorted(m.labels.items())),
        "expectations": {"total": m.expectations_total, "failed": [
            {"expectation": k, "count": v, "examples": m.samples.get(k, [])} for k, v in sorted(m.failures.items())]},
        "errors": m.errors,
        "records": str(out_dir),
        "partitions": {"total": len(tasks), "computed": len(computed), "resumed": len(done), "failed": failed},
        "workers": per_worker(computed),
        "drift": drift,
    }
