"""Cache files as plain data with a content hash: a JSON header line, then byte parts.

No pickle: reading a cache never runs code. The header holds the parts' sizes, the caller's
metadata and the sha256 of everything after the header, checked at every read, so a truncated,
changed or planted file is refused (`CacheError`) and the caller rebuilds it.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar


class CacheError(Exception):
    """A cache file that is missing, truncated or not what its header says."""


def write(path: Path, meta: dict[str, Any], parts: list[bytes]) -> None:
    """Write atomically (a unique temporary file renamed into place, synced first)."""
    digest = hashlib.sha256()
    for p in parts:
        digest.update(p)
    header = {"meta": meta, "sizes": [len(p) for p in parts], "sha256": digest.hexdigest()}
    write_atomic(path, [json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n", *parts])


def write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """The lower floor's one atomic write: a unique temporary file beside `path`, synced, then renamed
    over it, so a reader (or a parallel worker) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in blocks (a downloaded wheel need not fit in memory twice)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read(path: Path) -> tuple[dict[str, Any], list[bytes]]:
    """(metadata, parts) of a file `write` wrote, after checking sizes and sha256."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CacheError(f"{path}: cannot read ({exc.strerror})") from None
    cut = data.find(b"\n")
    try:
        header = json.loads(data[:cut])
        sizes = [int(n) for n in header["sizes"]]
    except (ValueError, KeyError, TypeError):
        raise CacheError(f"{path}: no valid header") from None
    body = memoryview(data)[cut + 1:]  # a view: the parts are copied once, not twice
    if cut < 0 or sum(sizes) != len(body) or hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise CacheError(f"{path}: content does not match its sha256")
    parts, at = [], 0
    for n in sizes:
        parts.append(bytes(body[at:at + n]))
        at += n
    return header.get("meta") or {}, parts


def cache_key(inputs: object, source: Path) -> str:
    """A cache's key: what it is built from (`inputs`, by their repr: package versions, a format, a
    digest of word lists) and the source of the module that builds it, hashed: a change to any of
    them names another file, so a stale cache is never read."""
    return hashlib.sha256(repr(inputs).encode() + source.read_bytes()).hexdigest()[:16]


Value = TypeVar("Value")


def cached(path: Path, decode: Callable[[dict[str, Any], list[bytes]], Value], build: Callable[[], Value],
           encode: Callable[[Value], tuple[dict[str, Any], list[bytes]]], others: str = "") -> Value:
    """`decode` of the cache at `path`, else `build()`, written there as `encode` gives it, and the
    caches of other versions beside it (the glob `others`) removed. A cache that is missing, truncated,
    changed or of another layout is built again, never fatal; a read-only folder only costs the build."""
    try:
        return decode(*read(path))
    except (CacheError, ValueError, KeyError, TypeError):
        pass
    value = build()
    try:
        write(path, *encode(value))
        for old in path.parent.glob(others) if others else ():
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
