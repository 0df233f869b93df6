from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A temporary copy of seeds/ and goldens/ to break on purpose."""
    for sub in ("seeds", "goldens"):
        shutil.copytree(ROOT / sub, tmp_path / sub, ignore=shutil.ignore_patterns("authoring"))
    return tmp_path
