"""Quality gates generated from bench/baseline.json: one test per extractor and tracked figure,
one per extractor and expectation. Learned extractors are gated on leave-one-document-out scores."""
import warnings
from pathlib import Path

import pytest
from xbench.gates.baseline import (
    Figure,
    check_expectation,
    check_figure,
    corpus_change,
    corpus_fingerprint,
    expectation_params,
    figure_params,
    load_baseline,
)

BASELINE = Path(__file__).resolve().parents[1] / "bench" / "baseline.json"


def test_baseline_exists() -> None:
    assert BASELINE.exists(), "bench/baseline.json is missing: run `xbench run` then `xbench baseline update`"


@pytest.fixture(scope="module")
def changed_corpus(xbench_corpus) -> str | None:
    return corpus_change(load_baseline(BASELINE), corpus_fingerprint(xbench_corpus.docs, xbench_corpus.gold))


def test_the_corpus_is_the_baselines(changed_corpus: str | None) -> None:
    """A changed corpus is said plainly (a warning in the summary), not reported as regressions."""
    if changed_corpus:
        warnings.warn(changed_corpus, stacklevel=1)


@pytest.mark.parametrize("figure", figure_params(BASELINE))
def test_figure_holds(xbench_result, changed_corpus: str | None, figure: Figure) -> None:
    if changed_corpus:
        pytest.skip(changed_corpus)
    check_figure(xbench_result(figure.extractor), figure)


@pytest.mark.parametrize("extractor, expectation", expectation_params(BASELINE))
def test_expectation_holds(xbench_result, extractor: str, expectation: str) -> None:
    check_expectation(xbench_result(extractor), extractor, expectation)
