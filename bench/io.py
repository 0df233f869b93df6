"""Input and output at the edges: the one exception for bad input, raw text reads, JSONL lines, atomic writes."""
from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class InputError(Exception):
    """Unreadable or malformed input; the message names the file (and line) and the reason."""


def read_text(path: Path) -> str:
    """UTF-8 exactly as stored: no newline translation, so offsets index the bytes' code points."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None


def unwritable_char(text: str) -> str | None:
    """The first character UTF-8 cannot encode (a lone surrogate), described, or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"a lone surrogate U+{ord(text[exc.start]):04X} at character {exc.start}"
    return None


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """JSONL lines split on "\n" only: str.splitlines() would also split inside values holding U+0085 or U+2028."""
    for lineno, line in enumerate(text.split("\n"), 1):
        yield lineno, line.removesuffix("\r")


def iter_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) for each non-blank line; InputError names the bad line."""
    for lineno, line in numbered_lines(read_text(path)):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None


def output_path(path: Path) -> Path:
    """Where a write to `path` lands: through a symlink to its target; a folder or a special file
    (device, pipe, socket) is refused, since replacing it by rename would destroy it."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        st = target.stat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is a special file (device, pipe or socket); refusing to replace it")
    return target


def _new_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777  # a replaced file keeps its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _stage(path: Path, text: str) -> tuple[Path, Path]:
    """Write `text` to a fresh temporary file next to the target (unique name, synced): (temp, target)."""
    target = output_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _new_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), target


def replace_all(files: list[tuple[Path, str]]) -> None:
    """Write every file or none: all are staged (any error leaves the targets as they were), then
    each replaces its target by rename. Unwritable targets are InputError naming the path."""
    staged: list[tuple[Path, Path]] = []
    path = None
    try:
        for path, text in files:
            staged.append(_stage(path, text))
        for tmp, target in staged:
            path = target
            os.replace(tmp, target)
    except UnicodeEncodeError as exc:
        raise InputError(f"{path}: cannot be written as UTF-8 ({exc.reason} at character {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` by `text` in one step: a reader sees the old file or the new one, never half."""
    replace_all([(path, text)])


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_folder(target: Path, files: dict[str, str]) -> None:
    """Write `files` (name -> text) as one unit: into a fresh folder beside `target`, each file
    synced, then renamed to `target`. A folder already there (an earlier run's) is moved aside
    first and removed after, so a reader finds the old set or the new one, never a mix."""
    import shutil

    target = Path(os.path.realpath(target)) if target.is_symlink() else target
    if target.exists() and not target.is_dir():
        raise InputError(f"{target}: exists and is not a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
        try:
            for name, text in files.items():
                with open(fresh / name, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
                    f.flush()
                    os.fsync(f.fileno())
            os.chmod(fresh, 0o777 & ~_umask())
            _fsync_dir(fresh)
            old = target.parent / f".{target.name}.old-{os.getpid()}"
            if target.exists():
                target.rename(old)
            try:
                fresh.rename(target)
            except OSError:
                if old.exists():
                    old.rename(target)  # the earlier set back in place
                raise
            _fsync_dir(target.parent)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)  # left only when something failed
    except UnicodeEncodeError as exc:
        raise InputError(f"{target}: cannot be written as UTF-8 ({exc.reason} at character {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{target}: cannot write ({exc.strerror or exc})") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
