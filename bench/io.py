"""Input and output at the edges: the one exception for bad input, raw text reads, JSONL lines, atomic writes."""
from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
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


def _stage(path: Path, text: str | Iterable[str]) -> tuple[Path, Path]:
    """Write `text` (a string, or strings one after another: a long output is never joined in
    memory) to a fresh temporary file next to the target (unique name, synced): (temp, target)."""
    target = output_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _new_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            if isinstance(text, str):
                f.write(text)
            else:
                f.writelines(text)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp), target


def replace_all(files: list[tuple[Path, str | Iterable[str]]]) -> None:
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


def atomic_write(path: Path, text: str | Iterable[str]) -> None:
    """Replace `path` by `text` in one step: a reader sees the old file or the new one, never half."""
    replace_all([(path, text)])


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
