"""Replacing a folder of files as one unit: a fresh folder is built beside the target and swapped
in by one rename, so the target holds the old set or the new one, never a mix, even when the
process is killed at any step.

On Linux the swap is `renameat2(RENAME_EXCHANGE)`: the target path never stops existing. Elsewhere
(or on a file system without it) the old folder is renamed aside and the fresh one renamed in; a
crash between those two renames leaves the target missing for a moment, never mixed. What a crash
leaves behind (the folder beside the target, `.NAME.new-PID-*`) is removed by the next write.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from xbench.io import InputError, fsync_dir, umask

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False where the system cannot (then nothing moved)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)  # glibc 2.28+
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # kernel or file system without it
        return False
    raise OSError(err, os.strerror(err), str(b))


def _prefix(target: Path) -> str:
    return f".{target.name}.new-"


def clear_leftovers(target: Path) -> None:
    """Remove the folders a killed writer left beside `target` (their writer's process is gone)."""
    for path in target.parent.glob(_prefix(target) + "*"):
        pid = path.name[len(_prefix(target)):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _carry_others(target: Path, fresh: Path, names: set[str]) -> None:
    """Every other entry of `target` into `fresh`, hard-linked (no copy, no move: `target` keeps
    them until the swap), so other tools' files in the folder stay where they were."""
    for entry in target.iterdir():
        if entry.name in names:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, fresh / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(entry), str(fresh / entry.name))


def _write(fresh: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        with open(fresh / name, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())


def _swap_in(fresh: Path, target: Path) -> None:
    """`fresh` becomes `target` in one step; afterwards `fresh` holds the old set (or nothing)."""
    if not target.exists():
        fresh.rename(target)
    elif not exchange(fresh, target):
        old = fresh.with_name(fresh.name + "-old")
        target.rename(old)
        try:
            fresh.rename(target)
        except OSError:
            old.rename(target)  # the earlier set back in place
            raise
        old.rename(fresh)
    fsync_dir(target.parent)


def write_folder(target: Path, files: dict[str, str], keep_others: bool = False) -> None:
    """Write `files` (name -> text) into `target` as one unit, each file synced. The folder's other
    entries are dropped (a run folder is replaced whole), or kept with `keep_others` (the published
    results folder, which other commands write into too)."""
    target = Path(os.path.realpath(target)) if target.is_symlink() else target
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: exists and is not a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(target)
        fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f"{_prefix(target)}{os.getpid()}-"))
        try:
            _write(fresh, files)
            if keep_others and target.is_dir():
                _carry_others(target, fresh, set(files))
            os.chmod(fresh, target.stat().st_mode & 0o7777 if target.is_dir() else 0o777 & ~umask())
            fsync_dir(fresh)
            _swap_in(fresh, target)
        finally:
            with contextlib.suppress(OSError):
                shutil.rmtree(fresh)  # the old set after a swap; the unfinished one after a failure
    except UnicodeEncodeError as exc:
        raise InputError(f"{target}: cannot be written as UTF-8 ({exc.reason} at character {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from None
