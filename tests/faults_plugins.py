"""Misbehaving third-party extractors for the fault tests, installed as a plugin distribution
(entry points) that spawned workers find through PYTHONPATH."""
from __future__ import annotations

import subprocess
import textwrap
import time
from pathlib import Path

import pytest

PLUGINS = '''
import re, sys, time
from extractors import Span

class Years:
    name, kind, labels = "f-years", "regex", ("DATE",)
    def extract(self, raw):
        if "EXIT" in raw:
            sys.exit(3)
        if "HANG" in raw:
            import os
            if os.environ.get("F_HANG_MARK"):  # tells a test that the hang has begun
                open(os.environ["F_HANG_MARK"], "w").close()
            time.sleep(600)
        if "BOOM" in raw:
            raise RuntimeError("boom")
        return [Span(m.start(), m.end(), "DATE", m.group(), m.group()[:4]) for m in re.finditer(r"\\d{4}年", raw)]

class Exits(Years):
    name = "f-exit"
    def extract(self, raw):
        sys.exit(3)

class Printer(Years):
    name = "f-printer"
    def extract(self, raw):
        print("debugging output of a careless extractor")
        return super().extract(raw)

class Nothing(Years):
    name = "f-none"
    def extract(self, raw):
        return None

class Broken(Years):
    name = "f-broken"
    def __init__(self):
        raise OSError("model file missing")

from extractors.base import CleanTextExtractor, Hit

class WindowedYears(CleanTextExtractor):
    # a built-in's kind (searched window by window, so `extract -j` farms its windows out) that
    # prints as it searches, fails on a window holding BOOM and hangs on one holding HANG
    name, kind, labels = "f-windowed", "regex", ("DATE",)
    def find(self, clean):
        print("debugging output of a careless extractor")
        if "BOOM" in clean:
            raise RuntimeError("boom")
        if "HANG" in clean:
            import os
            if os.environ.get("F_HANG_MARK"):  # tells a test that the hang has begun
                open(os.environ["F_HANG_MARK"], "w").close()
            time.sleep(600)
        return [Hit(m.start(), m.end(), "DATE", m.group()[:4]) for m in re.finditer(r"\\d{4}年", clean)]
'''
ENTRY_POINTS = {"f-years": "Years", "f-exit": "Exits", "f-printer": "Printer", "f-none": "Nothing",
                "f-broken": "Broken", "f-windowed": "WindowedYears"}


def install(d: Path, mp: pytest.MonkeyPatch) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "f_plugins.py").write_text(textwrap.dedent(PLUGINS))
    info = d / "f_plugins-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: f-plugins\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[xbench.extractors]\n" + "".join(f"{k} = f_plugins:{v}\n" for k, v in ENTRY_POINTS.items()))
    mp.setenv("PYTHONPATH", str(d))  # spawned workers import the plugin from here
    mp.syspath_prepend(str(d))
    return d


def children(pid: int) -> list[int]:
    """The processes `pid` started (its workers), from /proc."""
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    """Whether a process is running (a zombie is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def left_after_killing(driver: subprocess.Popen, workers: list[int], seconds: float = 10) -> list[int]:
    """kill -9 the driver (it cannot clean up), then the workers still alive after `seconds`."""
    driver.kill()
    driver.wait()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(k) for k in workers):
        time.sleep(0.2)
    return [k for k in workers if alive(k)]
