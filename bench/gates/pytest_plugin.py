"""The xbench pytest plugin (entry point `pytest11`): extraction quality as plain pytest.

Fixtures, all session-scoped and cached:
- `xbench_corpus`: the seeds and reviewed gold (`--xbench-root`, default the rootdir);
- `xbench_extractor(name)`: a loaded extractor;
- `xbench_result(name)`: the scored run (learned extractors leave-one-document-out), an
  `xbench.result.ExtractorResult`: `.strict.f1`, `.per_label["MONEY"].recall`, `.value.accuracy`,
  `.expectations.failed`, `.errors`, the whole `.report`.

Gating your own extractor takes three lines:

    def test_my_extractor_quality(xbench_result):
        assert xbench_result("mine").strict.f1 >= 0.80
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # the plugin loads in every pytest session: nothing heavy or generic at import time
    from xbench.result import ExtractorResult

    from extractors.schema import Span


@dataclass
class Corpus:
    root: Path
    docs: dict[str, str]
    gold: dict[str, list[Span]]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("xbench", "extraction quality gates")
    group.addoption("--xbench-root", default=None, help="folder holding seeds/ and goldens/ (default: rootdir)")


@pytest.fixture(scope="session")
def xbench_corpus(request: pytest.FixtureRequest) -> Corpus:
    from xbench.gold.load import load_gold, load_seeds

    root = Path(request.config.getoption("--xbench-root") or request.config.rootpath)
    docs = {d: doc.raw for d, doc in load_seeds(root / "seeds").items()}
    gold = {d: s for d, s in load_gold(root / "goldens").items() if d in docs}
    return Corpus(root, docs, gold)


@pytest.fixture(scope="session")
def xbench_extractor() -> Callable[[str], Any]:
    from extractors.registry import get_extractor

    cache: dict[str, Any] = {}

    def get(name: str) -> Any:
        if name not in cache:
            cache[name] = get_extractor(name)
        return cache[name]
    return get


@pytest.fixture(scope="session")
def xbench_result(xbench_corpus: Corpus) -> Callable[[str], ExtractorResult]:
    from xbench.run.benchmark import extractor_result
    from xbench.run.process import execute

    cache: dict[str, ExtractorResult] = {}

    def get(name: str) -> ExtractorResult:
        if name not in cache:
            run = execute(name, xbench_corpus.docs, xbench_corpus.gold)
            if run.error:
                raise RuntimeError(f"extractor {name} failed: {run.error}")
            cache[name] = extractor_result(run, xbench_corpus.docs, xbench_corpus.gold)
        return cache[name]
    return get
