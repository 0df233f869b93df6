"""One-time cache builds: the gazetteer and the CRF's leave-one-out folds. Each is built in a
process of their own before any extractor that reads it starts, so their time and memory never
count against an extractor's load time or peak memory, and each shows as its own progress step.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.schema import Span

if TYPE_CHECKING:
    from xbench.run.process import ExtractorProcess
    from xbench.run.schedule import Job


@dataclass
class CacheStep:
    what: str                    # what the progress display says
    fn: Callable[..., Any]       # runs in the cache process; must be importable (spawned process)
    args: tuple[Any, ...] = ()
    cost: float = 0.0            # rough seconds on an idle 2-core machine, to schedule it (not a figure)


def _builtin_needing_gazetteer(name: str) -> bool:
    """A built-in extractor whose code imports the gazetteer (dictionary, crf, names, hybrids; not the
    rules, the peer baselines or the value peers, which may then start while it is built)."""
    from extractors.registry import entries

    entry = entries().get(name)
    ep = entry.entry_point if entry else None
    return bool(ep and ep.value.startswith("extractors.") and "extractors.gazetteer" in _imports(ep.module))


@cache
def _imports(module: str) -> frozenset[str]:
    """Every `extractors` module `module` imports, at its top or inside functions, and theirs in turn
    (read from the source, nothing imported; once per module: parsing them all takes a second or two)."""
    import ast
    import importlib.util

    seen, todo = set(), [module]
    while todo:
        mod = todo.pop()
        spec = importlib.util.find_spec(mod) if mod not in seen else None
        seen.add(mod)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("extractors"):
                todo += [node.module] + [f"{node.module}.{a.name}" for a in node.names if node.module == "extractors"]
            elif isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.startswith("extractors")]
    return frozenset(seen)


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


def build_fold(raws: list[str], gold: list[list[Span]]) -> None:
    from extractors.crf import CRFExtractor, StackedCRF

    CRFExtractor(load=False).fit(raws, gold)
    StackedCRF(load=False).fit(raws, gold)  # the hybrids' CRF, with the name model's reading


def cache_steps(names: list[str], docs: dict[str, str], gold: dict[str, list[Span]]) -> list[CacheStep]:
    """The builds this run needs and the cache lacks, in order (the folds' features read the gazetteer)."""
    steps = []
    if gazetteer_missing() and any(_builtin_needing_gazetteer(n) for n in names):
        steps.append(CacheStep("building the gazetteer cache (once, about 10 s)", build_gazetteer, cost=10.0))
    if gold and any(_trainable(n) for n in names):
        from extractors.crf import fold_missing
        from extractors.crf_folds import loo_sets

        for k, (_, raws, spans) in enumerate(loo_sets(docs, gold), 1):
            if fold_missing(raws, spans):  # neither shipped (`xbench train folds`) nor cached
                steps.append(CacheStep(f"training CRF fold {k} of {len(docs)} (once; `xbench train folds` ships them)",
                                       build_fold, (raws, spans), 20.0))
    return steps


def cache_jobs(steps: list[CacheStep]) -> list[Job]:
    """The builds as scheduled jobs: the gazetteer first (the folds' features read it), then the folds."""
    from xbench.run.schedule import Job

    gazetteer = frozenset(s.what for s in steps if s.fn is build_gazetteer)
    return [Job(s.what, s.what, s.fn, s.args, frozenset() if s.fn is build_gazetteer else gazetteer, s.cost)
            for s in steps]


def cache_needs(name: str, steps: list[CacheStep]) -> frozenset[str]:
    """The builds among `steps` an extractor's pass must wait for: the gazetteer for a built-in
    that reads it, the folds for a learned one, so no build runs inside a measured process."""
    if not steps:  # a warm cache: nothing to wait for (and no source to read to know it)
        return frozenset()
    reads = {build_gazetteer} if _builtin_needing_gazetteer(name) else set()
    if _trainable(name):
        reads |= {build_gazetteer, build_fold}
    return frozenset(s.what for s in steps if s.fn in reads)


def prepare_caches(names: list[str], docs: dict[str, str], gold: dict[str, list[Span]], timeout: float,
                   progress: Callable[[str, int], None] | None = None) -> list[str]:
    """Run the builds `cache_steps` finds, each in a spawned process of its own, two at a time once
    the gazetteer is built; returns what was built. A failed build is left to the extractor's own
    run, which then meets it and reports it. (`xbench run` schedules these with its scoring passes.)"""
    from xbench.run.schedule import run_jobs

    done: list[str] = []

    def ended(job: Job, proc: ExtractorProcess, outcome: Any) -> None:
        proc.close()
        if not isinstance(outcome, BaseException):
            done.append(job.what)

    run_jobs(cache_jobs(cache_steps(names, docs, gold)), ended, timeout,
             started=(lambda job: progress(job.what, 0)) if progress else None)
    return done
