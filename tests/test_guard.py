"""Containing extractors and workers: sys.exit() becomes a failure, prints go to stderr, failures
are described next to the extractor's name, and a pool's workers can be ended at once."""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import sys
import time

import pytest
from xbench.run.guard import ExtractorExit, contained, describe, end_processes, stdout_to_stderr


def _exits() -> None:
    sys.exit(3)


def test_sys_exit_becomes_an_extractor_exit() -> None:
    assert contained(lambda a, b: a + b, 2, 3) == 5
    with pytest.raises(ExtractorExit, match=r"called sys.exit\(3\)"):
        contained(_exits)
    with pytest.raises(ValueError):  # other exceptions pass unchanged
        contained(int, "x")


def test_failures_are_described_once() -> None:
    assert describe(SystemExit("bye")) == "called sys.exit('bye')"
    assert describe(TimeoutError("timed out after 5 s")) == "timed out after 5 s"
    assert describe(ExtractorExit("called sys.exit(1)")) == "called sys.exit(1)"
    assert describe(KeyError("k")) == "KeyError: 'k'"


def test_prints_go_to_stderr(capsys) -> None:
    with stdout_to_stderr():
        print("stray")
    out = capsys.readouterr()
    assert out.out == "" and out.err == "stray\n"


def test_end_processes_stops_a_hung_worker_now() -> None:
    pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"))
    fut = pool.submit(time.sleep, 60)
    deadline = time.monotonic() + 30
    while not pool._processes and time.monotonic() < deadline:  # started on submit
        time.sleep(0.05)
    procs = list(pool._processes.values())
    end_processes(pool)
    for proc in procs:
        proc.join(timeout=10)
    assert procs and all(not proc.is_alive() for proc in procs)
    with pytest.raises(Exception):  # noqa: B017 - the pool is broken: its worker was terminated
        fut.result(timeout=10)
    pool.shutdown(wait=False, cancel_futures=True)
    end_processes(cf.ThreadPoolExecutor())  # a pool without processes: nothing to end
