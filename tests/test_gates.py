"""Quality gates generated from bench/baseline.json: one test per extractor and tracked figure,
one per extractor and expectation. Learned extractors are gated on leave-one-document-out scores."""
from pathlib import Path

import pytest
from xbench.gates.baseline import Figure, check_expectation, check_figure, expectation_params, figure_params

BASELINE = Path(__file__).resolve().parents[1] / "bench" / "baseline.json"


def test_baseline_exists() -> None:
    assert BASELINE.exists(), "bench/baseline.json is missing: run `xbench run` then `xbench baseline update`"


@pytest.mark.parametrize("figure", figure_params(BASELINE))
def test_figure_holds(xbench_result, figure: Figure) -> None:
    check_figure(xbench_result(figure.extractor), figure)


@pytest.mark.parametrize("extractor, expectation", expectation_params(BASELINE))
def test_expectation_holds(xbench_result, extractor: str, expectation: str) -> None:
    check_expectation(xbench_result(extractor), extractor, expectation)
