"""The published results (latest.json, latest.md, report.html) are replaced as one unit: a process
killed at any step, or a reader looking at any moment, finds the old set or the new one, never a mix;
the folder's other files stay; what a killed run leaves is cleared by the next."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from xbench import folder_swap
from xbench.folder_swap import clear_leftovers, exchange, write_folder

NAMES = ("latest.json", "latest.md", "report.html")
# every step of a write that touches the disk: a crash can fall between any two of them
STEPS = ("fsync", "replace", "rename", "link", "unlink", "rmdir", "mkdir", "open", "chmod")


def generation(n: int) -> dict[str, str]:
    return {name: f"{name} of set {n}\n" * 50 for name in NAMES}


def published_set(folder: Path) -> set[int]:
    """The generations the folder's three files come from, read through one handle on the folder
    (what the folder holds at one moment, even if it is swapped meanwhile)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        gens = set()
        for name in NAMES:
            with open(name, encoding="utf-8", opener=lambda p, f: os.open(p, f, dir_fd=fd)) as fh:
                gens.add(int(fh.readline().split()[-1]))
        return gens
    finally:
        os.close(fd)


def _crash_at(k: int) -> None:
    """In this (forked) process: the k-th disk step ends the process at once, as kill -9 would."""
    count = [0]
    for step in STEPS:
        real = getattr(os, step)

        def counted(*args, _real=real, **kwargs):
            count[0] += 1
            if count[0] == k:
                os._exit(99)
            return _real(*args, **kwargs)
        setattr(os, step, counted)
    real_exchange = folder_swap.exchange

    def counted_exchange(a, b):
        count[0] += 1
        if count[0] == k:
            os._exit(99)
        return real_exchange(a, b)
    folder_swap.exchange = counted_exchange


def _publish_in_child(folder: Path, n: int, crash_at: int) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            _crash_at(crash_at)
            write_folder(folder, generation(n), keep_others=True)
        except BaseException:
            code = 1
        os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to kill a writer mid-way")
def test_a_writer_killed_at_any_step_leaves_the_old_set_or_the_new(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    write_folder(folder, generation(0), keep_others=True)
    (folder / "review").mkdir()
    (folder / "review" / "page.html").write_text("review", encoding="utf-8")
    crashed, n = 0, 0
    for k in range(1, 200):
        n += 1
        code = _publish_in_child(folder, n, k)
        assert code in (0, 99), code
        assert published_set(folder) in ({n - 1}, {n}), f"torn set after a crash at step {k}"
        assert (folder / "review" / "page.html").read_text(encoding="utf-8") == "review"
        if published_set(folder) == {n - 1}:
            n -= 1  # the crash came before the swap: the next writer starts from the same set
        if code == 0:
            break
        crashed += 1
    assert code == 0 and crashed >= 10  # every step of a whole write was crashed at, then one finished
    write_folder(folder, generation(n + 1), keep_others=True)  # the next run clears what the killed ones left
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_a_reader_never_sees_a_mix_while_sets_are_published(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    write_folder(folder, generation(0), keep_others=True)
    seen: list[set[int]] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                seen.append(published_set(folder))
            except FileNotFoundError:  # the folder it opened was the old set, removed after the swap
                continue

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 40):
            write_folder(folder, generation(n), keep_others=True)
    finally:
        done.set()
        reader.join()
    assert seen and all(len(gens) == 1 for gens in seen)
    assert published_set(folder) == {39}


def test_other_files_in_the_published_folder_stay(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    (folder / "screenshots").mkdir(parents=True)
    (folder / "screenshots" / "a.png").write_bytes(b"png")
    (folder / "corpus.json").write_text("{}", encoding="utf-8")
    os.symlink("corpus.json", folder / "link.json")
    write_folder(folder, generation(1), keep_others=True)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*NAMES, "screenshots", "corpus.json", "link.json"])
    assert (folder / "screenshots" / "a.png").read_bytes() == b"png"
    assert os.readlink(folder / "link.json") == "corpus.json"
    write_folder(folder, generation(2))  # a run folder is replaced whole
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES)


def test_leftovers_of_a_dead_writer_are_cleared_and_a_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "results"
    target.mkdir()
    dead = tmp_path / ".results.new-999999999-abc"
    live = tmp_path / f".results.new-{os.getpid()}-abc"
    for path in (dead, live):
        path.mkdir()
    clear_leftovers(target)
    assert not dead.exists() and live.exists()
    shutil.rmtree(live)


def test_exchange_swaps_two_folders_or_says_it_cannot(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a", encoding="utf-8")
    if exchange(a, b):
        assert (b / "x").read_text(encoding="utf-8") == "a" and not (a / "x").exists()
    else:  # no renameat2 here: nothing moved
        assert (a / "x").exists()
    with pytest.raises(OSError):
        exchange(tmp_path / "missing", b)
