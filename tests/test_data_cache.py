"""Cache files as plain data: a JSON header with the parts' sizes and sha256, checked at every read;
one atomic write and one file hash for the lower floor."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extractors.data_cache import CacheError, file_sha256, read, write, write_atomic


def test_parts_and_metadata_come_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.bin"
    write(path, {"key": "值", "n": 3}, [b"first", b"", b"\x00\xff third"])
    assert read(path) == ({"key": "值", "n": 3}, [b"first", b"", b"\x00\xff third"])


@pytest.mark.parametrize("damage", ["truncate", "flip", "header", "append"])
def test_a_damaged_file_is_refused(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "c.bin"
    write(path, {}, [b"0123456789"])
    data = path.read_bytes()
    changed = {"truncate": data[:-3], "flip": data[:-1] + b"X", "header": b"not json\n" + data.split(b"\n", 1)[1],
               "append": data + b"planted"}[damage]
    path.write_bytes(changed)
    with pytest.raises(CacheError, match="c.bin"):
        read(path)


def test_a_missing_file_is_a_cache_error(tmp_path: Path) -> None:
    with pytest.raises(CacheError, match="cannot read"):
        read(tmp_path / "missing.bin")


def test_the_atomic_write_leaves_no_temporary_file_and_replaces_whole(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    write_atomic(path, [b"old"])
    write_atomic(path, [b"new ", b"text"])
    assert path.read_bytes() == b"new text" and [p.name for p in tmp_path.iterdir()] == ["f.txt"]

    def failing():
        yield b"half"
        raise RuntimeError("disk gone")
    with pytest.raises(RuntimeError):
        write_atomic(path, failing())
    assert path.read_bytes() == b"new text" and [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_the_file_hash_reads_in_blocks_and_matches_hashlib(tmp_path: Path) -> None:
    data = bytes(range(256)) * 9000  # over one 1 MiB block
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()
