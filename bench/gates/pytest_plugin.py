"""The xbench pytest plugin (entry point `pytest11`): extraction quality as plain pytest.

Fixtures, all session-scoped and cached:
- `xbench_corpus`: the seeds and reviewed gold (`--xbench-root`, default the rootdir);
- `xbench_extractor(name)`: a loaded extractor;
- `xbench_result(name)`: the scored run (learned extractors leave-one-document-out) with
  attribute access: `.strict.f1`, `.per_label["MONEY"].recall`, `.value.accuracy`,
  `.expectations.failed`, `.errors`.

Gating your own extractor takes three lines:

    def test_my_extractor_quality(xbench_result):
        assert xbench_result("mine").strict.f1 >= 0.80
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractors.schema import Span


class View:
    """Read-only attribute access over a result dict (`r.strict.micro.f1`, `r.per_label["ORG"].f1`)."""

    def __init__(self, data: Any) -> None:
        self._data = data

    def __getattr__(self, key: str) -> Any:
        try:
            return _wrap(self._data[key])
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str) -> Any:
        return _wrap(self._data[key])

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def __repr__(self) -> str:
        return f"View({self._data!r})"


def _wrap(x: Any) -> Any:
    return View(x) if isinstance(x, dict) else x


class Result(View):
    """One extractor's scored run; `.strict.f1` is short for `.scores.strict.micro.f1`."""

    def __init__(self, entry: dict[str, Any]) -> None:
        super().__init__(entry)
        self.entry = entry

    def __getattr__(self, key: str) -> Any:
        s = self._data.get("scores", {})
        if key in ("strict", "exact", "partial", "type"):
            mode = s[key]
            return View({**mode["micro"], "macro": mode["macro"], "per_label": mode["per_label"],
                         "per_doc": mode["per_doc"]})
        if key == "per_label":
            return View(s["strict"]["per_label"])
        if key == "value":
            return View(s["value"])
        if key == "expectations":
            exp = self._data.get("expectations", {"passed": 0, "total": 0, "failed": []})
            return View({**exp, "failed": [f["expectation"] for f in exp["failed"]], "details": exp["failed"]})
        return super().__getattr__(key)


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
def xbench_result(xbench_corpus: Corpus) -> Callable[[str], Result]:
    from xbench.run.benchmark import entry_for
    from xbench.run.process import execute

    cache: dict[str, Result] = {}

    def get(name: str) -> Result:
        if name not in cache:
            run = execute(name, xbench_corpus.docs, xbench_corpus.gold)
            if run.error:
                raise RuntimeError(f"extractor {name} failed: {run.error}")
            cache[name] = Result(entry_for(run, xbench_corpus.docs, xbench_corpus.gold))
        return cache[name]
    return get
