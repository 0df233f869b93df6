import hashlib
from pathlib import Path


def _sums(path: Path) -> dict[str, str]:
    return {name: digest for digest, name in (line.split() for line in path.read_text().splitlines() if line.strip())}


def test_seeds_match_their_checksums(root: Path) -> None:
    sums = _sums(root / "seeds" / "SHA256SUMS")
    assert sums  # maintainers list a contributed seed when they merge it: no count is written in here
    for name, digest in sums.items():
        assert hashlib.sha256((root / "seeds" / name).read_bytes()).hexdigest() == digest, name


def test_seeds_are_byte_identical_to_shared(root: Path) -> None:
    shared = root.parent / "shared" / "seeds" / "SHA256SUMS"
    if shared.exists():  # the shared folder sits beside the checkout on developer machines and in CI
        assert _sums(shared) == _sums(root / "seeds" / "SHA256SUMS")
