"""Untimed jobs (cache builds, scoring passes) run in fresh processes, at most two at once, each
after the jobs it needs, the costliest first; a hung job is ended at its time-out."""
from __future__ import annotations

import os
import time

import pytest
from xbench.run.caches import CacheStep, build_fold, build_gazetteer, cache_jobs, cache_needs
from xbench.run.schedule import Job, critical_path, run_jobs


def _run(jobs: list[Job], timeout: float = 60, workers: int = 2) -> tuple[list[tuple[str, str, float]], dict]:
    events: list[tuple[str, str, float]] = []
    outcomes: dict = {}

    def ended(job, proc, outcome) -> None:
        events.append(("end", job.key, time.monotonic()))
        outcomes[job.key] = outcome
        proc.close()

    run_jobs(jobs, ended, timeout, workers=workers, started=lambda job: events.append(("start", job.key, 0.0)))
    return events, outcomes


def test_jobs_wait_for_their_needs_and_run_two_at_a_time() -> None:
    jobs = [Job("a", "a", time.sleep, (0.3,)), Job("b", "b", time.sleep, (0.3,)),
            Job("c", "c", time.sleep, (0.0,), needs=frozenset({"a", "b"})), Job("d", "d", os.getpid)]
    events, outcomes = _run(jobs)
    running, most = 0, 0
    for kind, _, _ in events:
        running += 1 if kind == "start" else -1
        most = max(most, running)
    assert most == 2 and sorted(outcomes) == ["a", "b", "c", "d"]
    order = [(kind, key) for kind, key, _ in events]
    assert order.index(("start", "c")) > max(order.index(("end", "a")), order.index(("end", "b")))
    assert isinstance(outcomes["d"], int) and outcomes["d"] != os.getpid()  # in a process of its own


def test_the_costliest_job_starts_first_and_failures_and_hangs_are_outcomes() -> None:
    jobs = [Job("cheap", "cheap", os.getpid, cost=1.0), Job("dear", "dear", os.getpid, cost=9.0),
            Job("bad", "bad", os.stat, ("/no/such/file",), cost=5.0), Job("hung", "hung", time.sleep, (60,), cost=0.5)]
    events, outcomes = _run(jobs, timeout=3, workers=1)
    assert [key for kind, key, _ in events if kind == "start"] == ["dear", "bad", "cheap", "hung"]
    assert isinstance(outcomes["bad"], FileNotFoundError)
    assert isinstance(outcomes["hung"], TimeoutError) and "timed out after 3 s" in str(outcomes["hung"])


def test_passes_wait_for_the_builds_they_read() -> None:
    steps = [CacheStep("gazetteer", build_gazetteer), CacheStep("fold 1", build_fold, ([], [])),
             CacheStep("fold 2", build_fold, ([], []))]
    jobs = {j.key: j for j in cache_jobs(steps)}
    assert jobs["gazetteer"].needs == frozenset() and jobs["fold 1"].needs == frozenset({"gazetteer"})
    assert cache_needs("regex", steps) == frozenset()  # the rules read no cache: it starts at once
    assert cache_needs("jieba-raw", steps) == frozenset()  # a peer baseline never reads it
    assert cache_needs("dictionary", steps) == cache_needs("names", steps) == frozenset({"gazetteer"})
    assert cache_needs("crf", steps) == frozenset({"gazetteer", "fold 1", "fold 2"})


def test_a_build_that_a_long_chain_waits_for_starts_before_a_lone_pass() -> None:
    build = Job("build", "build", os.getpid, cost=1.0)
    chained = Job("pass", "pass", os.getpid, (), frozenset({"build"}), 10.0)
    assert critical_path([build, chained, Job("lone", "lone", os.getpid, cost=5.0)])["build"] == 11.0
    events, _ = _run([Job("lone", "lone", os.getpid, cost=5.0), build, chained], workers=1)
    assert [key for kind, key, _ in events if kind == "start"] == ["build", "pass", "lone"]
    events, _ = _run([Job("lone", "lone", os.getpid, cost=20.0), build, chained], workers=1)
    assert [key for kind, key, _ in events if kind == "start"] == ["lone", "build", "pass"]


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads the resident size from /proc")
def test_a_jobs_peak_memory_is_its_own_when_the_parent_grows_meanwhile() -> None:
    """Linux keeps a process's peak memory across exec: a process started after the parent grew (as
    it does when it scores runs during the passes) would report the parent's size as its own."""
    import resource

    grown: list[bytes] = []
    # A process started now has the parent's peak as its floor (the peak, not the current size: the
    # suite's process may have been larger earlier); the parent then grows 300 MB past that peak.
    before = max(_rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    growth = int(before - _rss_mb() + 300) * 2**20

    def ended(job, proc, outcome) -> None:
        if job.key == "first":
            grown.append(b"x" * growth)  # resident: the parent's size is now its peak + 300 MB
        else:
            peaks.append(outcome.ru_maxrss / 1024)
        proc.close()

    peaks: list[float] = []
    jobs = [Job("first", "first", time.sleep, (0.2,), cost=2.0),
            Job("later", "later", resource.getrusage, (resource.RUSAGE_SELF,), frozenset({"first"}), 1.0)]
    run_jobs(jobs, ended, timeout=60, workers=1)
    assert len(grown) == 1 and len(peaks) == 1
    assert peaks[0] < before + 150, (before, peaks)  # not before + 300


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_loads_are_timed_one_at_a_time_through_the_gate() -> None:
    """While a gate is held (a load being timed), a second holder waits; a gate held past the
    wait limit (a killed worker's) never blocks for good."""
    import threading

    from xbench.run import load_gate

    gate = load_gate.make_gate()
    order: list[str] = []
    def second() -> None:
        with load_gate.gated(gate):
            order.append("second")

    with load_gate.gated(gate):
        waiter = threading.Thread(target=second)
        waiter.start()
        time.sleep(0.3)
        order.append("first done")
    waiter.join(timeout=10)
    assert order == ["first done", "second"]
    gate.acquire()  # held for good, as by a killed worker
    waited = time.monotonic()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(load_gate, "WAIT_S", 0.2)
        with load_gate.gated(gate):
            pass
    assert time.monotonic() - waited < 5


def test_loads_go_before_scoring_turns() -> None:
    """The scoring thread takes its turn only once no load waits or runs and no pass has just been
    started (its load not yet counted), so a pass never waits for a scoring with its core idle."""
    import threading

    from xbench.run import load_gate

    gate = load_gate.make_gate()
    order: list[str] = []

    def score() -> None:
        with load_gate.scoring_turn(gate):
            order.append("scored")

    with load_gate.gated(gate):  # a load being timed
        scorer = threading.Thread(target=score)
        scorer.start()
        time.sleep(0.3)
        order.append("loaded")
    scorer.join(timeout=10)
    assert order == ["loaded", "scored"]
    gate.pass_started()
    began = time.monotonic()
    with load_gate.scoring_turn(gate):
        assert time.monotonic() - began >= load_gate.START_GRACE_S * 0.9
    gate.acquire()  # a scoring turn holds the gate: a load waiting for it counts already
    loader = threading.Thread(target=lambda: load_gate.gated(gate).__enter__())
    loader.start()
    time.sleep(0.2)
    assert gate.loading.value == 1
    gate.release()
    loader.join(timeout=10)


def test_a_timed_reading_holds_scoring_turns_back_but_not_loads() -> None:
    """While a pass is timed as it reads (`read_timed`), the scoring thread waits (the batches share
    the cores with the other pass only); a load does not wait for it."""
    import threading

    from xbench.run import load_gate

    gate = load_gate.make_gate()
    order: list[str] = []

    def score() -> None:
        with load_gate.scoring_turn(gate):
            order.append("scored")

    with load_gate.reading(gate):
        assert gate.reading.value == 1
        with load_gate.gated(gate):  # a load on the other core goes on at once
            order.append("loaded")
        scorer = threading.Thread(target=score)
        scorer.start()
        time.sleep(0.3)
        order.append("read")
    scorer.join(timeout=10)
    assert order == ["loaded", "read", "scored"] and gate.reading.value == 0
