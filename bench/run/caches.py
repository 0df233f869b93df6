"""One-time cache builds, done before any measured process starts: the gazetteer and the CRF's
leave-one-out folds. Built in a process of their own, so their time and memory never count
against an extractor's load time or peak memory, and each shows as its own progress step.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extractors.schema import Span


@dataclass
class CacheStep:
    what: str                    # what the progress display says
    fn: Callable[..., Any]       # runs in the cache process; must be importable (spawned process)
    args: tuple[Any, ...] = ()


def _builtin_needing_gazetteer(name: str) -> bool:
    """A built-in extractor other than the rules reads the gazetteer (dictionary, crf, hybrids, baselines)."""
    from extractors.registry import entries

    entry = entries().get(name)
    ep = entry.entry_point if entry else None
    return bool(ep and ep.value.startswith("extractors.") and entry.describe().kind != "regex")


def _trainable(name: str) -> bool:
    from extractors.registry import entries

    entry = entries().get(name)
    return bool(entry and entry.describe().trainable)


def gazetteer_missing() -> bool:
    from extractors import gazetteer

    return not gazetteer._cache_path().exists()


def build_gazetteer() -> None:
    from extractors import gazetteer

    gazetteer.load_gazetteer()


def fold_missing(raws: list[str], gold: list[list[Span]]) -> bool:
    from extractors import crf

    return not crf.fold_path(raws, gold).exists()


def build_fold(raws: list[str], gold: list[list[Span]]) -> None:
    from extractors.crf import CRFExtractor

    CRFExtractor(load=False).fit(raws, gold)


def cache_steps(names: list[str], docs: dict[str, str], gold: dict[str, list[Span]]) -> list[CacheStep]:
    """The builds this run needs and the cache lacks, in order (the folds' features read the gazetteer)."""
    steps = []
    if any(_builtin_needing_gazetteer(n) for n in names) and gazetteer_missing():
        steps.append(CacheStep("building the gazetteer cache (once, about 10 s)", build_gazetteer))
    if gold and any(_trainable(n) for n in names):
        held = list(docs)
        for k, held_out in enumerate(held, 1):
            train = [d for d in gold if d != held_out]
            raws, spans = [docs[d] for d in train], [gold[d] for d in train]
            if train and fold_missing(raws, spans):
                steps.append(CacheStep(f"training CRF fold {k} of {len(held)} (once)", build_fold, (raws, spans)))
    return steps


FOLD_WORKERS = 2  # the folds are independent: two at a time on a 2-core machine halves a cold start


def prepare_caches(names: list[str], docs: dict[str, str], gold: dict[str, list[Span]], timeout: float,
                   progress: Callable[[str, int], None] | None = None) -> list[str]:
    """Run the builds `cache_steps` finds in spawned processes of their own (the gazetteer first:
    the folds' features read it; then the folds, FOLD_WORKERS at a time); returns what was built.
    A failed build is left to the extractor's own run, which then meets it and reports it."""
    import concurrent.futures as cf
    import multiprocessing as mp
    import os

    from xbench.run.guard import end_processes, lifeline

    steps = cache_steps(names, docs, gold)
    done: list[str] = []
    first = [s for s in steps if s.fn is build_gazetteer]
    folds = [s for s in steps if s.fn is not build_gazetteer]
    for group, workers in ((first, 1), (folds, FOLD_WORKERS)):
        if not group:
            continue
        with cf.ProcessPoolExecutor(max_workers=min(workers, len(group)), mp_context=mp.get_context("spawn"),
                                    initializer=lifeline, initargs=(os.getpid(),)) as pool:
            futures = {}
            for step in group:
                if progress:
                    progress(step.what, 0)
                futures[pool.submit(step.fn, *step.args)] = step
            try:
                for fut in cf.as_completed(futures, timeout=timeout):
                    if fut.exception() is None:
                        done.append(futures[fut].what)
            except cf.TimeoutError:
                end_processes(pool)
                break
    return done
