"""Workers started with `extractors.lifeline` die with the process that started them (training's
LAC workers, runs and corpus runs all use it): a kill -9 of the driver leaves no orphan."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

DRIVER = """
import os, time
from concurrent.futures import ProcessPoolExecutor
from extractors.lifeline import lifeline

with ProcessPoolExecutor(2, initializer=lifeline, initargs=(os.getpid(),)) as pool:
    print(*sorted(set(pool.submit(os.getpid).result() for _ in range(8))), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:  # a zombie is dead, only not yet reaped
        return f.read().split(") ", 1)[1][0] != "Z"


def test_workers_end_when_their_driver_is_killed() -> None:
    driver = subprocess.Popen([sys.executable, "-c", DRIVER], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in driver.stdout.readline().split()]
        assert workers and all(_alive(p) for p in workers)
    finally:
        driver.send_signal(signal.SIGKILL)
        driver.wait()
    deadline = time.monotonic() + 30  # a liveness wait, not a speed check: the poll is every 0.5 s
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(p) for p in workers)
