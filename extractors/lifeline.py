"""Worker processes that never outlive the process that started them.

The lower floor needs it for training (LAC's tags are computed in worker processes) and the upper
floor for runs and corpus runs; both start their pools with `lifeline` as the initializer.
"""
from __future__ import annotations

import os
import signal
import threading
import time

PARENT_POLL_S = 0.5


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:  # re-parented: the driver died (kill -9 included)
            os._exit(1)


def lifeline(parent: int | None = None) -> None:
    """Worker initializer: die with the parent, and leave Ctrl-C to the parent, which ends the workers
    itself (a worker's KeyboardInterrupt would only print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid() if parent is None else parent
    threading.Thread(target=_watch_parent, args=(parent,), name="xbench-lifeline", daemon=True).start()
