"""Containing extractors and workers: sys.exit() becomes a failure, prints go to stderr, failures
are described next to the extractor's name, and a pool's workers can be ended at once."""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import signal
import subprocess
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
    # Read the exit code, not is_alive(): the pool's own thread reaps the worker too, and a waitpid
    # between its reaping and its recording the code finds no child and reads as "alive" (seen under load).
    deadline = time.monotonic() + 60
    while any(proc.exitcode is None for proc in procs) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert procs and all(proc.exitcode == -signal.SIGTERM for proc in procs)  # ended by us, mid-task
    with pytest.raises(cf.process.BrokenProcessPool):  # its task fails at once, not after its 60 s
        fut.result(timeout=30)
    pool.shutdown(wait=False, cancel_futures=True)
    end_processes(cf.ThreadPoolExecutor())  # a pool without processes: nothing to end


# A worker ended while it sent a long result: here the result's length is written into the pool's results pipe
# and nothing after it, so the pool's manager thread reads the rest, which never comes.
_HALF_SENT = """
import concurrent.futures as cf, multiprocessing as mp, os, struct, time
from xbench.run.guard import end_processes
pool = cf.ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"))
pool.submit(int).result(timeout=60)  # the worker and the pool's manager thread are up
pool.submit(time.sleep, 600)
os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 1 << 20))
time.sleep(0.5)
end_processes(pool)
pool.shutdown(wait=True, cancel_futures=True)
print("shut down")
"""


def test_ending_a_pool_frees_its_manager_from_a_half_sent_result() -> None:
    # in a process of its own: before the fix its shutdown, and its exit, waited forever (a Ctrl-C of `extract -j`)
    done = subprocess.run([sys.executable, "-c", _HALF_SENT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "shut down", done.stderr
